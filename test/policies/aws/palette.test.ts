import { paletteBackupPolicy, s3CompatibleUserPolicy } from '../../../src/policies/aws/palette';
import { sseKmsKeyPolicyStatement } from '../../../src/policies/aws/sse-kms';

const BUCKET = 'arn:aws:s3:::palette-backups';

describe('paletteBackupPolicy', () => {
  test('is exactly the pages\' policy (seeds 000, 001, 002), with Sids', () => {
    expect(paletteBackupPolicy({ bucketArn: BUCKET, volumeSnapshots: true, objectTagging: false })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'VeleroVolumeSnapshots',
          Effect: 'Allow',
          Action: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'ec2:CreateTags', 'ec2:CreateVolume', 'ec2:CreateSnapshot', 'ec2:DeleteSnapshot'],
          Resource: '*',
        },
        {
          Sid: 'VeleroBackupObjects',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          Resource: ['arn:aws:s3:::palette-backups/*'],
        },
        { Sid: 'VeleroListBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::palette-backups'] },
      ],
    });
  });

  test('object tagging adds s3:PutObjectTagging to the object statement only', () => {
    const doc = paletteBackupPolicy({ bucketArn: BUCKET, volumeSnapshots: true, objectTagging: true });
    expect(doc.Statement[1].Action).toEqual(['s3:GetObject', 's3:DeleteObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:PutObjectTagging']);
    expect(doc.Statement.flatMap((s) => s.Action)).toHaveLength(13);
  });

  test('without volume snapshots there is no EC2 statement', () => {
    const doc = paletteBackupPolicy({ bucketArn: BUCKET, volumeSnapshots: false, objectTagging: false });
    expect(doc.Statement.map((s) => s.Sid)).toEqual(['VeleroBackupObjects', 'VeleroListBucket']);
  });

  test('a customer-managed key adds GenerateDataKey and Decrypt through S3 only', () => {
    const doc = paletteBackupPolicy({
      bucketArn: BUCKET,
      volumeSnapshots: true,
      objectTagging: false,
      kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      s3ServiceEndpoint: 's3.eu-west-1.amazonaws.com',
    });
    expect(doc.Statement[3]).toEqual({
      Sid: 'BackupBucketKmsKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
    expect(() => paletteBackupPolicy({ bucketArn: BUCKET, volumeSnapshots: true, objectTagging: false, kmsKeyArn: 'k' })).toThrow(/s3ServiceEndpoint is required/);
  });

  test('the key-policy side names the principal and keeps the S3-only condition', () => {
    expect(sseKmsKeyPolicyStatement('arn:aws:iam::111122223333:role/r', 's3.eu-west-1.amazonaws.com')).toEqual({
      Sid: 'AllowBackupPrincipalThroughS3',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:role/r' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
  });

  test('the MinIO user policy is the pages\' S3 statements on arn:aws:s3:::BUCKET', () => {
    expect(s3CompatibleUserPolicy('velero', false)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'VeleroBackupObjects',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          Resource: ['arn:aws:s3:::velero/*'],
        },
        { Sid: 'VeleroListBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::velero'] },
      ],
    });
  });
});

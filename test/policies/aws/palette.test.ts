import {
  checkManagedPolicySize,
  paletteBackupPolicy,
  s3CompatibleUserPolicy,
  VELERO_VOLUME_KEY_ACTIONS,
  veleroVolumeKeyPolicyStatements,
  veleroVolumeKeyStatements,
  VOLUME_KEY_ARN,
  volumeKeyPartitionProblem,
} from '../../../src/policies/aws/palette';
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

const KEY_A = 'arn:aws:kms:eu-west-1:123456789012:key/aaaa';
const KEY_B = 'arn:aws:kms:eu-west-1:123456789012:key/bbbb';
const KEY_C = 'arn:aws:kms:us-east-1:123456789012:key/cccc';
const EU = 'ec2.eu-west-1.amazonaws.com';
const US = 'ec2.us-east-1.amazonaws.com';

describe('veleroVolumeKeyStatements (velero-plugin-for-aws README, "KMS Encryption for Volume Restoration")', () => {
  test('the actions', () => {
    expect(VELERO_VOLUME_KEY_ACTIONS).toEqual(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']);
  });

  test.each<[string, Parameters<typeof veleroVolumeKeyStatements>[0], Array<[string, string[], string]>]>([
    ['no keys', [], []],
    ['two keys of one region: one pair', [{ keyArn: KEY_A, ec2ServiceEndpoint: EU }, { keyArn: KEY_B, ec2ServiceEndpoint: EU }],
      [['VeleroVolumeKeys', [KEY_A, KEY_B], EU], ['VeleroVolumeKeyGrants', [KEY_A, KEY_B], EU]]],
    ['keys of two regions: a pair each, numbered', [{ keyArn: KEY_A, ec2ServiceEndpoint: EU }, { keyArn: KEY_C, ec2ServiceEndpoint: US }, { keyArn: KEY_B, ec2ServiceEndpoint: EU }],
      [['VeleroVolumeKeys1', [KEY_A, KEY_B], EU], ['VeleroVolumeKeyGrants1', [KEY_A, KEY_B], EU], ['VeleroVolumeKeys2', [KEY_C], US], ['VeleroVolumeKeyGrants2', [KEY_C], US]]],
  ])('%s', (_what, keys, expected) => {
    expect(veleroVolumeKeyStatements(keys).map((s) => [s.Sid, s.Resource, s.Condition?.StringEquals['kms:ViaService']])).toEqual(expected);
  });

  test('the two statements of a region', () => {
    expect(veleroVolumeKeyStatements([{ keyArn: KEY_A, ec2ServiceEndpoint: EU }])).toEqual([
      {
        Sid: 'VeleroVolumeKeys',
        Effect: 'Allow',
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: [KEY_A],
        Condition: { StringEquals: { 'kms:ViaService': EU } },
      },
      {
        Sid: 'VeleroVolumeKeyGrants',
        Effect: 'Allow',
        Action: ['kms:CreateGrant'],
        Resource: [KEY_A],
        Condition: { StringEquals: { 'kms:ViaService': EU }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
    ]);
  });

  test('the key-policy side names the principal', () => {
    const role = 'arn:aws:iam::123456789012:role/Palette';
    expect(veleroVolumeKeyPolicyStatements(role, EU)).toEqual([
      {
        Sid: 'AllowVeleroThroughEc2',
        Effect: 'Allow',
        Principal: { AWS: role },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': EU } },
      },
      {
        Sid: 'AllowVeleroGrantsForEbs',
        Effect: 'Allow',
        Principal: { AWS: role },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': EU }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
    ]);
  });

  test('paletteBackupPolicy appends them after the pages\' statements', () => {
    const doc = paletteBackupPolicy({
      bucketArn: 'arn:aws:s3:::b', volumeSnapshots: true, objectTagging: false, volumeKeys: [{ keyArn: KEY_A, ec2ServiceEndpoint: EU }],
    });
    expect(doc.Statement.map((s) => s.Sid)).toEqual(['VeleroVolumeSnapshots', 'VeleroBackupObjects', 'VeleroListBucket', 'VeleroVolumeKeys', 'VeleroVolumeKeyGrants']);
  });
});

describe('VOLUME_KEY_ARN', () => {
  const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
  test.each<[string, string[]]>([
    [`arn:aws:kms:eu-west-1:123456789012:key/${KEY}`, []],
    [`arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/${KEY}`, []],
    ['arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab', []],
    ['arn:aws:kms:eu-west-1:123456789012:key/${aws:username}', []], // IAM_POLICY_LITERAL's to say
    ['arn:aws:kms:eu-west-1:123456789012:key/*', ['its key is a wildcard ("key/*"): the grant would cover every key it matches, and let EBS create grants on each; name each key']],
    ['arn:aws:kms:eu-west-1:123456789012:key/12?4', ['its key is a wildcard ("key/12?4"): the grant would cover every key it matches, and let EBS create grants on each; name each key']],
    ['arn:aws:kms:eu-west-1:123456789012:alias/aws/ebs', [expect.stringMatching(/^it is the AWS managed key of EBS \(alias\/aws\/ebs\)/)]],
    ['arn:aws:kms:eu-west-1:123456789012:alias/mine', [expect.stringMatching(/^it names an alias, not a key/)]],
    [`arn:aws:kms:*:123456789012:key/${KEY}`, [expect.stringMatching(/^its region is a wildcard/)]],
    [`arn:aws:kms:eu-*:123456789012:key/${KEY}`, [expect.stringMatching(/^its region is a wildcard/)]],
    [`arn:aws:kms::123456789012:key/${KEY}`, ['its region is empty: a KMS key ARN names the key\'s region']],
    [`arn:aws:kms:EU-WEST-1:123456789012:key/${KEY}`, ['its region "EU-WEST-1" is not a region code']],
    [`arn:aws:kms:eu-west-1:*:key/${KEY}`, [expect.stringMatching(/^its account is a wildcard/)]],
    [`arn:aws:kms:eu-west-1:1234:key/${KEY}`, ['its account must be 12 digits']],
    [`arn:aws:iam:eu-west-1:123456789012:key/${KEY}`, ['it is an ARN of the service "iam", not of KMS']],
    [`arn:aws-xx:kms:eu-west-1:123456789012:key/${KEY}`, [expect.stringMatching(/^its partition "aws-xx" is not an AWS partition/)]],
    ['arn:aws:kms:eu-west-1:123456789012:key/', ['its resource must be "key/KEY-ID" (a key ID such as 1234abcd-12ab-34cd-56ef-1234567890ab)']],
    [KEY, ['it must be an ARN of the form "arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID"']],
    ['arn:*:kms:*:*:key/*', [
      expect.stringMatching(/^its partition "\*"/), expect.stringMatching(/^its region is a wildcard/),
      expect.stringMatching(/^its account is a wildcard/), expect.stringMatching(/^its key is a wildcard/),
    ]],
  ])('%s', (arn, clauses) => {
    expect(VOLUME_KEY_ARN.check(arn)).toEqual(clauses);
  });
});

describe('volumeKeyPartitionProblem', () => {
  test.each<[string, string | undefined, string | undefined, RegExp | undefined]>([
    ['aws', 'aws', 'aws', undefined],
    ['aws', undefined, undefined, undefined],
    ['aws', 'aws-cn', 'aws', /^its partition is "aws" but its region is in "aws-cn"/],
    ['aws-cn', 'aws-cn', 'aws', /^it is a key of the partition "aws-cn" but the stack deploys to "aws"/],
    ['aws-us-gov', 'aws-us-gov', undefined, undefined],
  ])('%s key, %s region, %s stack', (key, region, stack, expected) => {
    const problem = volumeKeyPartitionProblem(key, region, stack);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});

describe('checkManagedPolicySize', () => {
  const doc = (chars: number) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'x'.repeat(chars) }] });
  const skeleton = JSON.stringify(doc(0)).length;
  const keys = { count: 3, prop: 'volumeEncryptionKeys' };
  test.each<[string, unknown, { error?: RegExp; warning?: RegExp }]>([
    ['exactly 6,144', doc(6144 - skeleton), {}],
    ['6,145', doc(6145 - skeleton), { error: /^The managed policy is 6145 characters .* over IAM's limit of 6144 for a managed policy\. It lists 3 volumeEncryptionKeys/ }],
    ['a token of unknown length', { ...doc(100), Extra: { 'Fn::GetAtt': ['K', 'Arn'] } }, { warning: /^The managed policy is at least \d+ characters .* may exceed IAM's limit of 6144/ }],
    ['pseudo parameters within the limit', { ...doc(100), Extra: { Ref: 'AWS::Partition' } }, {}],
  ])('%s', (_what, input, expected) => {
    const result = checkManagedPolicySize(input, keys);
    expect(result.error === undefined).toBe(expected.error === undefined);
    expect(result.warning === undefined).toBe(expected.warning === undefined);
    if (expected.error) expect(result.error).toMatch(expected.error);
    if (expected.warning) expect(result.warning).toMatch(expected.warning);
  });

  test('bounds given for a token make it exact', () => {
    expect(checkManagedPolicySize({ ...doc(100), Extra: { 'Fn::GetAtt': ['K', 'Arn'] } }, keys, () => [75, 87])).toEqual({});
  });
});

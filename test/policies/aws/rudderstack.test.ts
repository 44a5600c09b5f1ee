import { writeOnlyEventBackupPolicy } from '../../../src/policies/aws/rudderstack';

describe('writeOnlyEventBackupPolicy', () => {
  test('is exactly the page\'s policy (seed 004), with a Sid', () => {
    expect(writeOnlyEventBackupPolicy({ bucketArn: 'arn:aws:s3:::rudder-events' })).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'WriteEventBackups', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::rudder-events/*' }],
    });
  });

  test('a key prefix narrows the object resource', () => {
    expect(writeOnlyEventBackupPolicy({ bucketArn: 'arn:aws:s3:::rudder-events', keyPrefix: 'prod/' }).Statement[0].Resource).toBe('arn:aws:s3:::rudder-events/prod/*');
  });

  test('a customer-managed key adds the SSE-KMS statement, through S3 only', () => {
    const doc = writeOnlyEventBackupPolicy({ bucketArn: 'arn:aws:s3:::b', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k', s3ServiceEndpoint: 's3.eu-west-1.amazonaws.com' });
    expect(doc.Statement[1]).toEqual({
      Sid: 'EventBackupsKmsKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
    expect(() => writeOnlyEventBackupPolicy({ bucketArn: 'arn:aws:s3:::b', kmsKeyArn: 'k' })).toThrow(/s3ServiceEndpoint is required/);
  });
});

import { denyGrantsExceptForAwsResourcesStatement, SSE_KMS_ACTIONS, sseKmsKeyPolicyStatement, sseKmsStatement } from '../../../src/policies/aws/sse-kms';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('SSE-KMS statements', () => {
  test('the identity side: Decrypt and GenerateDataKey on the key, through S3 only', () => {
    expect(sseKmsStatement(KEY, 's3.eu-west-1.amazonaws.com')).toEqual({
      Sid: 'BackupBucketKmsKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: KEY,
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
    expect(SSE_KMS_ACTIONS).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  test('the key-policy side names the principal', () => {
    expect(sseKmsKeyPolicyStatement('arn:aws:iam::123456789012:role/R', 's3.eu-west-1.amazonaws.com')).toEqual({
      Sid: 'AllowBackupPrincipalThroughS3',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:role/R' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
  });

  test('CT.KMS.PR.3: CreateGrant is denied unless it is for an AWS resource', () => {
    expect(denyGrantsExceptForAwsResourcesStatement()).toEqual({
      Sid: 'DenyGrantsExceptForAwsResources',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'false' } },
    });
  });
});

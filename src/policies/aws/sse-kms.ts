/**
 * SSE-KMS with a customer-managed key on a backup bucket: what the principal that reads and writes
 * through S3 needs on the key, on the identity side and on the key-policy side. `kms:ViaService`
 * keeps the key unusable outside S3 requests.
 */
import { PolicyStatementJson } from './iam-json';

/** What S3 needs from the principal on a customer-managed key for SSE-KMS: Decrypt to read and to complete multipart uploads, data keys to write. */
export const SSE_KMS_ACTIONS: readonly string[] = ['kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * Use of a customer-managed key through S3 only: the identity-policy side. `kms:ViaService` keeps
 * the key unusable outside S3 requests.
 */
export function sseKmsStatement(kmsKeyArn: string, s3ServiceEndpoint: string, sid = 'BackupBucketKmsKey'): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: [...SSE_KMS_ACTIONS],
    Resource: kmsKeyArn,
    Condition: { StringEquals: { 'kms:ViaService': s3ServiceEndpoint } },
  };
}

/** The key-policy side of sseKmsStatement: the same grant, in the key's resource policy. */
export function sseKmsKeyPolicyStatement(principalArn: string, s3ServiceEndpoint: string, sid = 'AllowBackupPrincipalThroughS3'): PolicyStatementJson {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: principalArn },
    Action: [...SSE_KMS_ACTIONS],
    Resource: '*',
    Condition: { StringEquals: { 'kms:ViaService': s3ServiceEndpoint } },
  };
}

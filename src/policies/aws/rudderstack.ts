/**
 * RudderStack's "Events Backup Bucket Permissions" page (seed 004), Amazon S3 part: a customer
 * managed policy that can only write event dumps into the bucket.
 */
import { objectsArn, policyDocument, PolicyDocumentJson, PolicyStatementJson } from './iam-json';
import { sseKmsStatement } from './sse-kms';

/** Exactly the page's actions: write objects and abort the multipart uploads of large dumps. */
export const EVENT_BACKUP_WRITE_ACTIONS: readonly string[] = ['s3:PutObject', 's3:AbortMultipartUpload'];

/** Options of the write-only policy. */
export interface WriteOnlyPolicyInput {
  /** The bucket's ARN. */
  readonly bucketArn: string;
  /** Limit writes to keys under this prefix (ending with "/"). */
  readonly keyPrefix?: string;
  /** The bucket's customer-managed key, if any: SSE-KMS writes need kms:GenerateDataKey, multipart uploads kms:Decrypt. */
  readonly kmsKeyArn?: string;
  /** The S3 endpoint for kms:ViaService, with kmsKeyArn. */
  readonly s3ServiceEndpoint?: string;
}

/** The write statement: PutObject and AbortMultipartUpload on `BUCKET/PREFIX*`. */
export function writeOnlyStatement(bucketArn: string, keyPrefix?: string): PolicyStatementJson {
  return { Sid: 'WriteEventBackups', Effect: 'Allow', Action: [...EVENT_BACKUP_WRITE_ACTIONS], Resource: objectsArn(bucketArn, keyPrefix) };
}

/** The whole write-only policy, as the page prints it (plus a Sid, an optional prefix and the KMS statement). */
export function writeOnlyEventBackupPolicy(input: WriteOnlyPolicyInput): PolicyDocumentJson {
  if (input.kmsKeyArn !== undefined && input.s3ServiceEndpoint === undefined) {
    throw new Error('writeOnlyEventBackupPolicy: s3ServiceEndpoint is required with kmsKeyArn');
  }
  const kms: PolicyStatementJson[] = input.kmsKeyArn === undefined ? [] : [sseKmsStatement(input.kmsKeyArn, input.s3ServiceEndpoint!, 'EventBackupsKmsKey')];
  return policyDocument([writeOnlyStatement(input.bucketArn, input.keyPrefix), ...kms]);
}

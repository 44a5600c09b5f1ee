/**
 * RudderStack's event backups on Amazon S3: the customer-managed policy of each of its two pages.
 *
 * - Write-only, the seed page ("Events Backup Bucket Permissions", seeds/004): `s3:PutObject` and
 *   `s3:AbortMultipartUpload` on `arn:aws:s3:::BUCKET/*`. RudderStack can back events up but never
 *   read them back.
 * - Backup and replay, RudderStack's current page ("Bucket Configuration Settings for Event
 *   Backups", https://www.rudderstack.com/docs/user-guides/administrators-guide/bucket-configuration-settings/):
 *   `s3:GetObject`, `s3:PutObject`, `s3:ListBucket`, `s3:ListObjectsV2` and `s3:AbortMultipartUpload`
 *   on both the bucket and its objects, so that Event Replay can list and read the backups.
 *   `s3:ListObjectsV2` is not an IAM action: it is the name of the S3 API call, which IAM
 *   authorizes with `s3:ListBucket` (IAM would reject the unknown action). This builder grants
 *   each action only where it applies: `s3:ListBucket` on the bucket, the object actions on its
 *   objects. Neither page grants a delete, and neither does this.
 */
import { objectsArn, policyDocument, PolicyDocumentJson, PolicyStatementJson } from './iam-json';
import { sseKmsStatement } from './sse-kms';

/** Exactly the seed page's actions: write objects and abort the multipart uploads of large dumps. */
export const EVENT_BACKUP_WRITE_ACTIONS: readonly string[] = ['s3:PutObject', 's3:AbortMultipartUpload'];

/** The object actions of the current page (backup and replay): read, write, abort multipart uploads. */
export const EVENT_REPLAY_OBJECT_ACTIONS: readonly string[] = ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'];

/**
 * The bucket action of the current page. The page also lists `s3:ListObjectsV2`, which is the S3
 * API call that `s3:ListBucket` authorizes, not an IAM action.
 */
export const EVENT_REPLAY_LIST_ACTION = 's3:ListBucket';

/** What RudderStack may do: `write-only` (the seed page) or `backup-and-replay` (the current page). */
export type EventBackupAccess = 'write-only' | 'backup-and-replay';

/** Options of the write-only policy. */
export interface WriteOnlyPolicyInput {
  /** The bucket's ARN. */
  readonly bucketArn: string;
  /** Limit access to keys under this prefix (ending with "/"). */
  readonly keyPrefix?: string;
  /** The bucket's customer-managed key, if any: SSE-KMS writes need kms:GenerateDataKey, reads and multipart uploads kms:Decrypt. */
  readonly kmsKeyArn?: string;
  /** The S3 endpoint for kms:ViaService, with kmsKeyArn. */
  readonly s3ServiceEndpoint?: string;
}

/** Options of either policy. */
export interface EventBackupPolicyInput extends WriteOnlyPolicyInput {
  /** Which page's grant. */
  readonly access: EventBackupAccess;
}

/** The write statement: PutObject and AbortMultipartUpload on `BUCKET/PREFIX*`. */
export function writeOnlyStatement(bucketArn: string, keyPrefix?: string): PolicyStatementJson {
  return { Sid: 'WriteEventBackups', Effect: 'Allow', Action: [...EVENT_BACKUP_WRITE_ACTIONS], Resource: objectsArn(bucketArn, keyPrefix) };
}

/**
 * The backup-and-replay statements: `s3:ListBucket` on the bucket (with a key prefix, only for an
 * `s3:prefix` under it), Get/Put/AbortMultipartUpload on `BUCKET/PREFIX*`.
 */
export function backupAndReplayStatements(bucketArn: string, keyPrefix?: string): PolicyStatementJson[] {
  const prefix = keyPrefix ?? '';
  return [
    {
      Sid: 'ListEventBackups',
      Effect: 'Allow',
      Action: [EVENT_REPLAY_LIST_ACTION],
      Resource: bucketArn,
      ...(prefix !== '' ? { Condition: { StringLike: { 's3:prefix': `${prefix}*` } } } : {}),
    },
    { Sid: 'ReadWriteEventBackups', Effect: 'Allow', Action: [...EVENT_REPLAY_OBJECT_ACTIONS], Resource: objectsArn(bucketArn, prefix) },
  ];
}

/** The policy of either page (plus Sids, an optional prefix and the KMS statement). */
export function eventBackupPolicy(input: EventBackupPolicyInput): PolicyDocumentJson {
  const grant = input.access === 'backup-and-replay'
    ? backupAndReplayStatements(input.bucketArn, input.keyPrefix)
    : [writeOnlyStatement(input.bucketArn, input.keyPrefix)];
  const kms: PolicyStatementJson[] = [];
  if (input.kmsKeyArn !== undefined) {
    if (input.s3ServiceEndpoint === undefined) throw new Error('eventBackupPolicy: s3ServiceEndpoint is required with kmsKeyArn');
    kms.push(sseKmsStatement(input.kmsKeyArn, input.s3ServiceEndpoint, 'EventBackupsKmsKey'));
  }
  return policyDocument([...grant, ...kms]);
}

/** The whole write-only policy, as the seed page prints it (plus a Sid, an optional prefix and the KMS statement). */
export function writeOnlyEventBackupPolicy(input: WriteOnlyPolicyInput): PolicyDocumentJson {
  return eventBackupPolicy({ ...input, access: 'write-only' });
}

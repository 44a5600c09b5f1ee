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
import { ruleOf, ValueRule } from '../validation';

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

/**
 * RudderStack's event backups on MinIO: the MinIO user policy (`mc admin policy create`).
 *
 * RudderStack's MinIO client (rudderlabs/rudder-go-kit filemanager/miniomanager.go @075f0140) calls
 * `BucketExists` (HeadBucket) before every upload and stops on an error; MinIO authorizes HeadBucket
 * as `s3:ListBucket` with no `s3:prefix`, so even write-only needs `s3:ListBucket` on the bucket,
 * without a prefix condition (which would deny it). RudderStack can then list object names, never
 * read them. It creates the bucket when it is missing (`s3:CreateBucket`): not granted, so create
 * the bucket first (`mc mb`). Replay lists with a prefix (`ListObjectsV2`) and reads (`FGetObject`).
 */
export function minioEventBackupPolicy(bucketName: string, access: EventBackupAccess, keyPrefix?: string): PolicyDocumentJson {
  const bucketArn = `arn:aws:s3:::${bucketName}`;
  const objects = access === 'backup-and-replay'
    ? backupAndReplayStatements(bucketArn, keyPrefix)[1]
    : writeOnlyStatement(bucketArn, keyPrefix);
  return policyDocument([
    { Sid: 'CheckEventBackupBucket', Effect: 'Allow', Action: [EVENT_REPLAY_LIST_ACTION], Resource: bucketArn },
    objects,
  ]);
}

/** RudderStack's "Prefix" (a folder, as RudderStack's dashboard takes it) as an S3 key prefix ending with "/". */
export function keyPrefixOfFolder(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  return `${prefix.replace(/\/+$/, '')}/`;
}

/**
 * RudderStack's "MinIO Endpoint": `host[:port]`, as minio-go's `minio.New` takes it (no scheme, no
 * path: "Use SSL for connection" chooses https), at most 100 characters, not an ngrok.io address
 * (the dashboard's own checks: rudder-integrations-config minio/ui-config.json @15dfc911).
 */
export const RUDDERSTACK_MINIO_ENDPOINT: ValueRule = ruleOf(
  'MinIO endpoint',
  'Write the server as host or host:port, e.g. "minio.example.com:9000" (no https://: "Use SSL for connection" chooses TLS).',
  [
    [(v) => v.length === 0, 'it is empty'],
    [(v) => v.length > 100, (v) => `it has ${v.length} characters (the dashboard takes 100)`],
    [(v) => /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(v), 'it has a scheme'],
    [(v) => !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(v) && /[/?#]/.test(v), 'it has a path, query or fragment'],
    [(v) => /\.ngrok\.io(:|$)/i.test(hostOf(v)), 'RudderStack refuses ngrok.io endpoints'],
    [(v) => !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(v) && !/[/?#]/.test(v) && v.length > 0 && !HOST_PORT.test(v), 'it is not host or host:port'],
    [(v) => { const port = portOf(v) ?? 1; return port < 1 || port > 65535; }, 'its port is not 1-65535'],
  ],
);

const HOST_PORT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

function hostOf(v: string): string {
  return v.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '').split(/[/?#]/)[0];
}

function portOf(v: string): number | undefined {
  const m = HOST_PORT.exec(v);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

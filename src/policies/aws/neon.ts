/**
 * Neon's "Create an S3 bucket to store Postgres backups" (seed 003): the bucket policy that lets
 * the GitHub Actions role List, Get, Put and Delete; and the retention of the workflow of its part 2
 * (neondatabase/website content/guides/backups-aws-s3-backup-part-2.md).
 *
 * The guide prints one statement with the four actions on both `arn:aws:s3:::BUCKET` and
 * `arn:aws:s3:::BUCKET/*`. This is the same grant split by resource type, so that each action is
 * granted only where it applies: `s3:ListBucket` on the bucket, the object actions on its objects.
 */
import { objectsArn, policyDocument, PolicyDocumentJson, PolicyStatementJson } from './iam-json';

/**
 * The object actions of the guide's policy: read, write and delete backups. Sorted, as aws-cdk-lib
 * renders them under `@aws-cdk/aws-iam:minimizePolicies`, so the bucket policy (which this library
 * adds to and does not own) is the same with or without the flag.
 */
export const NEON_BACKUP_OBJECT_ACTIONS: readonly string[] = ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'];
/** The bucket action of the guide's policy: list backups. */
export const NEON_BACKUP_LIST_ACTION = 's3:ListBucket';

/**
 * The retention of Neon's part-2 workflow ("Set up a GitHub Action to perform nightly Postgres
 * backups", neondatabase/website content/guides/backups-aws-s3-backup-part-2.md): `RETENTION: 7`,
 * after which its "Empty bucket of old files" step deletes a backup with `aws s3 rm`.
 */
export const NEON_GUIDE_RETENTION_DAYS = 7;

/**
 * The shortest time a new Neon bucket keeps noncurrent versions by default: `aws s3 rm` on a
 * versioned bucket only adds a delete marker, and the deleted backup stays as a noncurrent version
 * (restorable, and billed) until the lifecycle rule expires it.
 */
export const NEON_DEFAULT_NONCURRENT_DAYS = 30;

/** Why a retention is not usable by the workflow (`date -d "-${RETENTION} days"`): empty when it is. */
export function retentionDaysProblems(days: number): string[] {
  return Number.isInteger(days) && days >= 1 ? [] : [`retention must be a whole number of days, at least 1 (got ${days} days)`];
}

/**
 * How long a new bucket keeps noncurrent versions: as given, or the longer of 30 days and the
 * retention, so that a backup deleted early (by a compromised run, or a wrong RETENTION) can still be
 * restored for at least the retention period.
 */
export function neonNoncurrentVersionDays(retentionDays: number, givenDays?: number): number {
  return givenDays ?? Math.max(NEON_DEFAULT_NONCURRENT_DAYS, retentionDays);
}

/** What the bucket's versioning means for the workflow's retention. */
export interface NeonRetentionInput {
  /** The workflow's RETENTION, in days. */
  readonly retentionDays: number;
  /** Whether the bucket keeps versions. */
  readonly versioned: boolean;
  /** How long noncurrent versions are kept, with versioning. */
  readonly noncurrentVersionDays?: number;
}

/**
 * Warnings (a user may accept them) when the bucket's noncurrent versions do not last as long as the
 * retention. An unversioned bucket gets none here: BackupBucket itself warns that deletes are then for
 * good (`saas-backup-constructs:VersioningDisabled`).
 */
export function neonRetentionWarnings(input: NeonRetentionInput): string[] {
  if (!input.versioned) return [];
  if (input.noncurrentVersionDays !== undefined && input.noncurrentVersionDays < input.retentionDays) {
    return [
      `Noncurrent versions expire after ${input.noncurrentVersionDays} days, less than the retention of ${input.retentionDays} days: `
      + `a backup deleted early (by a compromised run, or a wrong RETENTION) can be restored for only ${input.noncurrentVersionDays} days. `
      + `Set bucketProps.noncurrentVersionExpiration to at least ${input.retentionDays} days.`,
    ];
  }
  return [];
}

/** What the backup grant is made of. */
export interface NeonBackupAccessInput {
  /** The bucket's ARN (`arn:aws:s3:::BUCKET`). */
  readonly bucketArn: string;
  /**
   * The role the bucket policy names. Without it the statements have no principal, for an
   * identity policy (a bucket whose policy this app cannot change).
   */
  readonly principalArn?: string;
  /** Limits the grant to keys under this prefix (ending with "/"); listing then needs `s3:prefix` under it. */
  readonly keyPrefix?: string;
}

/** The two statements: `s3:ListBucket` on the bucket, Get/Put/Delete on its objects (under the prefix). */
export function neonBackupStatements(input: NeonBackupAccessInput): PolicyStatementJson[] {
  const principal = input.principalArn !== undefined ? { Principal: { AWS: input.principalArn } } : {};
  const prefix = input.keyPrefix ?? '';
  return [
    {
      Sid: 'NeonBackupListBucket',
      Effect: 'Allow',
      ...principal,
      Action: [NEON_BACKUP_LIST_ACTION],
      Resource: [input.bucketArn],
      ...(prefix !== '' ? { Condition: { StringLike: { 's3:prefix': `${prefix}*` } } } : {}),
    },
    {
      Sid: 'NeonBackupObjects',
      Effect: 'Allow',
      ...principal,
      Action: [...NEON_BACKUP_OBJECT_ACTIONS],
      Resource: [objectsArn(input.bucketArn, prefix)],
    },
  ];
}

/** The backup statements as a policy document (a bucket policy when `principalArn` is given). */
export function neonBackupPolicy(input: NeonBackupAccessInput): PolicyDocumentJson {
  return policyDocument(neonBackupStatements(input));
}

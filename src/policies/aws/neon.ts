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

/** One lifecycle rule of the new bucket (`bucketProps.lifecycleRules[index]`), in days, as far as it is known at synth time. */
export interface NeonLifecycleRuleInput {
  /** The rule's index in `bucketProps.lifecycleRules`. */
  readonly index: number;
  /** The rule's ID, if given. */
  readonly id?: string;
  /** Whether the rule is enabled. */
  readonly enabled: boolean;
  /** The rule's key prefix, if any (undefined when it is a token: the rule may apply). */
  readonly prefix?: string;
  /** Days after which current objects expire, if the rule expires them. */
  readonly expirationDays?: number;
  /** The date on which every current object expires (ISO 8601), if the rule has one. */
  readonly expirationDate?: string;
  /** Days after which noncurrent versions expire, if the rule expires them. */
  readonly noncurrentDays?: number;
}

/** Whether a rule with `rulePrefix` can apply to backups under `keyPrefix` (or anywhere, without one). */
function overlaps(rulePrefix: string | undefined, keyPrefix: string | undefined): boolean {
  const a = rulePrefix ?? '';
  const b = keyPrefix ?? '';
  return a.startsWith(b) || b.startsWith(a);
}

/**
 * Warnings (data loss, a user may accept them) for the extra lifecycle rules of a new bucket that
 * expire backups before the workflow's retention ends: an expiration of current objects shorter than
 * the retention (or on a fixed date) removes backups the workflow still keeps, and an expiration of
 * noncurrent versions shorter than the retention removes the copies an early delete leaves. Rules
 * whose prefix cannot match the backups' keys are left out. `retentionDays` undefined: the retention
 * is known only at deploy time, and a rule that expires objects is reported as not comparable.
 */
export function neonLifecycleWarnings(
  retentionDays: number | undefined,
  keyPrefix: string | undefined,
  rules: readonly NeonLifecycleRuleInput[],
): string[] {
  const warnings: string[] = [];
  for (const rule of rules) {
    if (!rule.enabled || !overlaps(rule.prefix, keyPrefix)) continue;
    const name = `bucketProps.lifecycleRules[${rule.index}]${rule.id !== undefined ? ` ("${rule.id}")` : ''}`;
    const fix = keyPrefix !== undefined
      ? `or give the rule a prefix the backups (under "${keyPrefix}") are not under`
      : rule.prefix !== undefined && rule.prefix !== ''
        ? `or set keyPrefix so that the backups are not under "${rule.prefix}" (without it the role may write them under any key)`
        : 'or give the rule a prefix and the backups another one (keyPrefix)';
    if (rule.expirationDate !== undefined) {
      warnings.push(`${name} expires every current object on ${rule.expirationDate}, whatever its age: backups the workflow still keeps (RETENTION) `
        + `are deleted then, which is data loss. Remove the expiration date, ${fix}.`);
    }
    if (rule.expirationDays !== undefined) {
      if (retentionDays === undefined) {
        warnings.push(`${name} expires current objects after ${rule.expirationDays} days, and the retention is known only at deploy time, so the two `
          + 'cannot be compared: if the retention is longer, backups are deleted before it ends (data loss). Make the retention a literal Duration, '
          + `or make sure the expiration is at least the longest retention, ${fix}.`);
      } else if (rule.expirationDays < retentionDays) {
        warnings.push(`${name} expires current objects after ${rule.expirationDays} days, before the retention of ${retentionDays} days ends: `
          + 'backups the workflow still keeps are deleted (data loss; with versioning they survive only as noncurrent versions until those expire). '
          + `Set its expiration to at least ${retentionDays} days, ${fix}.`);
      }
    }
    if (rule.noncurrentDays !== undefined && retentionDays !== undefined && rule.noncurrentDays < retentionDays) {
      warnings.push(`${name} expires noncurrent versions after ${rule.noncurrentDays} days, less than the retention of ${retentionDays} days: a backup `
        + `deleted early (by a compromised run, or a wrong RETENTION) can be restored for only ${rule.noncurrentDays} days. Set its `
        + `noncurrentVersionExpiration to at least ${retentionDays} days, ${fix}.`);
    }
  }
  return warnings;
}

/**
 * Why a retention known only at deploy time does not extend the new bucket's noncurrent versions, as a
 * warning: CloudFormation has no maximum function, so the longer of 30 days and the retention cannot be
 * computed in the template. `givenDays`: the noncurrent expiration the user gave (literal), if any.
 */
export function neonUnknownRetentionWarning(givenDays: number | undefined): string {
  const now = givenDays !== undefined
    ? `noncurrent versions expire after the ${givenDays} days of bucketProps.noncurrentVersionExpiration, which cannot be compared with it`
    : `they are kept for ${NEON_DEFAULT_NONCURRENT_DAYS} days, not extended to the retention (CloudFormation cannot compute the longer of the two)`;
  return `retention is known only at deploy time, so ${now}. If the retention may exceed that, a backup deleted early (by a compromised run, or a `
    + 'wrong RETENTION) cannot be restored for the whole retention. Set bucketProps.noncurrentVersionExpiration to at least the longest retention '
    + 'you will deploy, or give retention as a literal Duration.';
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

/**
 * Neon's "Create an S3 bucket to store Postgres backups" (seed 003): the bucket policy that lets
 * the GitHub Actions role List, Get, Put and Delete, and the GitHub secrets the workflow reads.
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

/** The names of the GitHub Actions secrets the guide has you create ("Next steps"). */
export const NEON_GITHUB_SECRET_NAMES = {
  /** "This can be found by clicking on your user name in the AWS console." */
  accountId: 'AWS_ACCOUNT_ID',
  /** The bucket's name. */
  bucketName: 'S3_BUCKET_NAME',
  /** The role's NAME (the workflow builds the ARN from it and the account ID). */
  roleName: 'IAM_ROLE',
} as const;

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

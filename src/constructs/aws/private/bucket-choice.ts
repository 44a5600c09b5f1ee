import { Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { checkResolvedLiteral, importedRegionOf, warn } from './common';
import { bucketProtectionGaps, bucketProtectionWarning, BucketPropertiesJson } from '../../../policies/aws/bucket-protections';
import { PolicyDocumentJson } from '../../../policies/aws/iam-json';
import { AWS_REGION, bucketNameOfArn, regionMismatch, S3_BUCKET_ARN, S3_BUCKET_NAME } from '../../../policies/aws/rules';
import { SSE_KMS_KEY_ALIAS_CLAUSE, SSE_KMS_KEY_ARN } from '../../../policies/aws/sse-kms';
import { ValidationProblems } from '../../../policies/validation';
import { checkedByParent } from '../../private/checked-by-parent';
import { BackupBucket, BackupBucketProps, IBackupBucket } from '../backup-bucket';

/** The "an existing bucket, or properties of a new one" props of the high-level constructs. */
export interface BucketChoice {
  readonly bucket?: IBackupBucket;
  readonly bucketProps?: BackupBucketProps;
}

/**
 * The problems of the choice: both an existing bucket and properties of a new one; and, for a given
 * bucket whose ARN is a literal (an imported one), an ARN that is not one bucket's, or names another
 * bucket than its name: the vendor's policy is scoped to that ARN.
 */
export function checkBucketChoice(problems: ValidationProblems, choice: BucketChoice): ValidationProblems {
  problems.addIf(choice.bucket !== undefined && choice.bucketProps !== undefined, 'bucketProps configure a new bucket; remove them or remove bucket');
  const bucket = choice.bucket !== undefined && choice.bucket !== null && isS3Bucket(choice.bucket) ? choice.bucket : undefined;
  checkBucketKey(problems, bucket?.encryptionKey);
  const arn = literal(bucket?.bucketArn);
  if (arn === undefined) return problems;
  problems.check(S3_BUCKET_ARN, arn, 'bucket.bucketArn');
  const arnName = bucketNameOfArn(arn);
  const name = literal(bucket?.bucketName);
  return problems.addIf(arnName !== undefined && name !== undefined && arnName !== name,
    `bucket.bucketArn names the bucket "${arnName}", not bucket.bucketName "${name}": the policy would be scoped to one bucket and `
    + 'the wizard given the other; import the bucket with one of them (s3.Bucket.fromBucketName or fromBucketArn)');
}

/**
 * The given bucket's key (SSE-KMS), whose ARN the vendor's S3-only key statement names: one key, not an
 * alias (which grants nothing) or a wildcard (every key it matches). An alias object says so by its
 * name, as its ARN may be a token.
 */
function checkBucketKey(problems: ValidationProblems, key: kms.IKey | undefined): void {
  if (key === undefined || key === null) return;
  const aliasName = (key as Partial<kms.IAlias>).aliasName;
  if (typeof aliasName === 'string') {
    problems.add(`bucket.encryptionKey is the alias ${Token.isUnresolved(aliasName) ? key.node.path : aliasName}: ${SSE_KMS_KEY_ALIAS_CLAUSE}`);
    return;
  }
  problems.check(SSE_KMS_KEY_ARN, literal(key.keyArn), 'bucket.encryptionKey.keyArn');
}

/**
 * The given bucket, or a new BackupBucket (child id 'Bucket') with the given properties. A given
 * bucket of this app that is not a BackupBucket's is inspected at synth time, and a warning lists
 * the protections it lacks. An imported bucket cannot be inspected, and nothing is said about it.
 * Call it after `checkBucketChoice`, `BackupBucket._checkProps(problems, bucketProps, 'bucketProps.')` (without
 * a bucket) and the problems' `throwIfAny()`: the new bucket does not check its props again.
 */
export function useOrCreateBucket(scope: Construct, choice: BucketChoice): { bucket: s3.IBucket; backupBucket?: BackupBucket } {
  if (choice.bucket) {
    const bucket = s3BucketOf(choice.bucket);
    warnAboutMissingProtections(scope, bucket);
    // The literal ARN and name were checked by checkBucketChoice; a token that resolves to one is checked at synth.
    checkResolvedLiteral(scope, bucket.bucketArn, S3_BUCKET_ARN, 'bucket.bucketArn');
    checkResolvedLiteral(scope, bucket.bucketName, S3_BUCKET_NAME, 'bucket.bucketName');
    checkResolvedLiteral(scope, bucket.encryptionKey?.keyArn, SSE_KMS_KEY_ARN, 'bucket.encryptionKey.keyArn');
    return { bucket };
  }
  // The parent has checked the props (BackupBucket._checkProps(problems, bucketProps, 'bucketProps.'), then throwIfAny()).
  const backupBucket = new BackupBucket(scope, 'Bucket', checkedByParent(choice.bucketProps ?? {}, { prefix: 'bucketProps.' }));
  return { bucket: backupBucket.bucket, backupBucket };
}

/** The S3 bucket of a given bucket: a BackupBucket's, or the `s3.IBucket` itself. */
export function s3BucketOf(bucket: IBackupBucket): s3.IBucket {
  if (bucket instanceof BackupBucket) return bucket.bucket;
  if (isS3Bucket(bucket)) return bucket;
  throw new Error(`${bucket.node.path}: a backup bucket must be a BackupBucket or an s3.IBucket (s3.Bucket, BackupBucket.fromBucketName(...))`);
}

function isS3Bucket(bucket: IBackupBucket): bucket is s3.IBucket {
  const candidate = bucket as Partial<s3.IBucket>;
  return candidate.env !== undefined && typeof candidate.grantRead === 'function' && typeof candidate.arnForObjects === 'function';
}

const literal = (value: string | undefined): string | undefined => (value === undefined || Token.isUnresolved(value) ? undefined : value);

/**
 * The region a bucket is known to be in, or undefined: the stack's region for a bucket of this app;
 * for an imported bucket, the region it was imported with (when given explicitly, or when it
 * differs from the stack's). Tokens are unknown.
 */
export function knownBucketRegion(bucket: s3.IBucket): string | undefined {
  if (bucket.node.defaultChild instanceof s3.CfnBucket) return literal(Stack.of(bucket).region);
  const recorded = importedRegionOf(bucket);
  if (recorded !== undefined) return recorded;
  const region = literal(bucket.env.region);
  return region !== undefined && region !== literal(Stack.of(bucket).region) ? region : undefined;
}

/**
 * The problem of a wizard `region` (named `prop`) that differs from the region the bucket is known
 * to be in: the given bucket's, or (for a new bucket) the stack's of `scope`.
 */
export function checkBucketRegion(
  problems: ValidationProblems,
  prop: string,
  region: string | undefined,
  bucket: s3.IBucket | undefined,
  scope: IConstruct,
): ValidationProblems {
  const bucketRegion = bucket ? knownBucketRegion(bucket) : literal(Stack.of(scope).region);
  const given = literal(region);
  if (given === undefined || AWS_REGION.check(given).length > 0) return problems;
  const problem = regionMismatch(prop, given, bucketRegion);
  return problem === undefined ? problems : problems.add(problem);
}

/** At synth time, warns (on `scope`) about the BackupBucket protections a bucket of this app lacks. */
function warnAboutMissingProtections(scope: Construct, bucket: s3.IBucket): void {
  const cfnBucket = bucket.node.defaultChild;
  if (!(cfnBucket instanceof s3.CfnBucket) || bucket.node.scope instanceof BackupBucket) return;
  scope.node.addValidation({
    validate: () => {
      const stack = Stack.of(cfnBucket);
      const ref = stack.resolve(cfnBucket.ref);
      const policies = stack.node.findAll()
        .filter((c): c is s3.CfnBucketPolicy => c instanceof s3.CfnBucketPolicy)
        .filter((p) => JSON.stringify(stack.resolve(p.bucket)) === JSON.stringify(ref))
        .map((p) => stack.resolve(p.policyDocument) as PolicyDocumentJson);
      const properties: BucketPropertiesJson = {
        PublicAccessBlockConfiguration: stack.resolve(cfnBucket.publicAccessBlockConfiguration),
        BucketEncryption: stack.resolve(cfnBucket.bucketEncryption),
        VersioningConfiguration: stack.resolve(cfnBucket.versioningConfiguration),
      };
      const pascal = (o: unknown): Record<string, unknown> | undefined => (o && typeof o === 'object'
        ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]))
        : undefined);
      const message = bucketProtectionWarning(cfnBucket.node.path, bucketProtectionGaps(
        {
          PublicAccessBlockConfiguration: pascal(properties.PublicAccessBlockConfiguration),
          BucketEncryption: properties.BucketEncryption,
          VersioningConfiguration: pascal(properties.VersioningConfiguration),
        },
        policies,
        cfnBucket.cfnOptions.deletionPolicy,
      ));
      if (message !== undefined) warn(scope, 'BucketLacksProtections', message);
      return [];
    },
  });
}

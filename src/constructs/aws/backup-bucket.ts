import { CfnDeletionPolicy, Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { namesCheckedByParent } from '../private/checked-by-parent';
import { BucketImports, problemsOf, PropShapes, recordImportedRegion, warn } from './private/common';
import { AWS_ACCOUNT_ID, AWS_REGION, S3_BUCKET_NAME } from '../../policies/aws/rules';
import { denyGrantsExceptForAwsResourcesStatement } from '../../policies/aws/sse-kms';
import { ValidationProblems } from '../../policies/validation';

/** How a backup bucket encrypts objects at rest. */
export enum BackupBucketEncryption {
  /** SSE-S3: keys managed by S3. */
  S3_MANAGED = 'S3_MANAGED',
  /** SSE-KMS with a customer-managed key (created, or given as `encryptionKey`), with an S3 Bucket Key. */
  KMS = 'KMS',
}

/** Properties of a BackupBucket. Public access, object ownership and TLS are not configurable. */
export interface BackupBucketProps {
  /**
   * The bucket's name, checked against S3's naming rules at synth time.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly bucketName?: string;

  /**
   * Server-side encryption.
   *
   * @default - `KMS` when `encryptionKey` is given, otherwise `S3_MANAGED`
   */
  readonly encryption?: BackupBucketEncryption;

  /**
   * The customer-managed key for `KMS` encryption. Grants to backup principals are added to its
   * key policy when it is a key of this app; for an imported key you add them (a warning says how).
   *
   * @default - a new key with yearly rotation, when `encryption` is `KMS`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Keep earlier versions of overwritten and deleted objects.
   *
   * @default true
   */
  readonly versioned?: boolean;

  /**
   * How long a noncurrent object version is kept before it expires. Only with versioning.
   *
   * @default Duration.days(30)
   */
  readonly noncurrentVersionExpiration?: Duration;

  /**
   * How long an incomplete multipart upload (an interrupted backup) is kept before it is aborted.
   *
   * @default Duration.days(7)
   */
  readonly abortIncompleteMultipartUploadAfter?: Duration;

  /**
   * More lifecycle rules, added after the two above.
   *
   * @default - none
   */
  readonly lifecycleRules?: s3.LifecycleRule[];

  /**
   * What happens to the bucket when it leaves the stack. Backups outlive stacks by default.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * A bucket for S3 server access logs of this bucket.
   *
   * @default - no server access logs
   */
  readonly serverAccessLogsBucket?: s3.IBucket;

  /**
   * The key prefix of the server access logs.
   *
   * @default - none (only with serverAccessLogsBucket)
   */
  readonly serverAccessLogsPrefix?: string;
}

/** What identifies an existing bucket. */
export interface BackupBucketAttributes {
  /** The bucket's name. */
  readonly bucketName: string;
  /**
   * The bucket's region.
   *
   * @default - the stack's region
   */
  readonly region?: string;
  /**
   * The account that owns the bucket.
   *
   * @default - the stack's account
   */
  readonly account?: string;
  /**
   * The customer-managed key the bucket's default encryption uses, so backup principals get the
   * KMS permissions they need.
   *
   * @default - the bucket uses SSE-S3 (or a key you grant yourself)
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * A backup bucket as the high-level constructs (`PaletteBackupLocation`) accept it: a `BackupBucket`
 * made separately, or any S3 bucket (`s3.IBucket`: imported with `BackupBucket.fromBucketName`, or
 * your own `s3.Bucket`). Both satisfy it.
 */
export interface IBackupBucket extends IConstruct {
  /** The bucket's name. */
  readonly bucketName: string;
  /** The bucket's ARN. */
  readonly bucketArn: string;
  /** The customer-managed key of the bucket's default encryption, if any. */
  readonly encryptionKey?: kms.IKey;
}

/**
 * An S3 bucket for backups, safe by default: all public access blocked, ACLs disabled
 * (BucketOwnerEnforced), requests without TLS 1.2+ denied by the bucket policy, encryption at rest
 * (SSE-S3, or SSE-KMS with a customer-managed key), versioning, lifecycle rules that abort
 * incomplete multipart uploads and expire noncurrent versions, and RETAIN on removal.
 */
export class BackupBucket extends Construct implements IBackupBucket {
  /** Imports an existing bucket by name (checked against S3's naming rules). */
  public static fromBucketName(scope: Construct, id: string, bucketName: string): s3.IBucket {
    return BackupBucket.fromBucketAttributes(scope, id, { bucketName });
  }

  /** Imports an existing bucket, with its region, account and key when they differ from the stack's. */
  public static fromBucketAttributes(scope: Construct, id: string, attrs: BackupBucketAttributes): s3.IBucket {
    const problems = problemsOf(scope)
      .check(S3_BUCKET_NAME, attrs.bucketName, `${id}.bucketName`)
      .check(AWS_REGION, attrs.region, `${id}.region`)
      .check(AWS_ACCOUNT_ID, attrs.account, `${id}.account`);
    const earlier = importedBucketRegion(scope, id, attrs.bucketName, attrs.region);
    problems.addIf(
      earlier !== undefined,
      `${id}.region is "${attrs.region}" but the bucket "${attrs.bucketName}" was imported with region "${earlier?.region}" at ${earlier?.path}: `
      + 'a bucket is in one region; give the same region to every import of it',
    ).throwIfAny();
    const bucket = s3.Bucket.fromBucketAttributes(scope, id, {
      bucketName: attrs.bucketName,
      region: attrs.region,
      account: attrs.account,
      encryptionKey: attrs.encryptionKey,
    });
    recordImportedRegion(bucket, attrs.region);
    return bucket;
  }

  /**
   * The problems of the props, each named `<prefix><prop>` (a parent passes `bucketProps.`), so a
   * high-level construct reports them with the user's names before it creates the bucket.
   *
   * @internal
   */
  public static _checkProps(problems: ValidationProblems, props: BackupBucketProps, prefix: string = ''): ValidationProblems {
    // JavaScript callers: nothing below reads a value of the wrong type.
    const shapes = new PropShapes(problems);
    const isDuration = (v: unknown) => v instanceof Duration;
    const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    const shaped = [
      shapes.instance(props, isObject, prefix === '' ? 'props' : prefix.replace(/\.$/, ''), 'BackupBucketProps (an object)'),
      shapes.string(props?.bucketName, `${prefix}bucketName`),
      shapes.string(props?.serverAccessLogsPrefix, `${prefix}serverAccessLogsPrefix`),
      shapes.boolean(props?.versioned, `${prefix}versioned`),
      shapes.instance(props?.encryption, (v) => Object.values(BackupBucketEncryption).includes(v as BackupBucketEncryption), `${prefix}encryption`,
        'a BackupBucketEncryption (S3_MANAGED or KMS)'),
      shapes.instance(props?.encryptionKey, (v) => isObject(v) && typeof (v as { keyArn?: unknown }).keyArn === 'string', `${prefix}encryptionKey`,
        'a KMS key (kms.IKey)'),
      shapes.instance(props?.noncurrentVersionExpiration, isDuration, `${prefix}noncurrentVersionExpiration`, 'a Duration (e.g. Duration.days(30))'),
      shapes.instance(props?.abortIncompleteMultipartUploadAfter, isDuration, `${prefix}abortIncompleteMultipartUploadAfter`, 'a Duration (e.g. Duration.days(7))'),
      shapes.list(props?.lifecycleRules, `${prefix}lifecycleRules`, (v, prop) => shapes.required(v, prop, 'an s3.LifecycleRule')
        && shapes.instance(v, isObject, prop, 'an s3.LifecycleRule (an object)')),
    ].every(Boolean);
    if (!shaped) return problems;
    const encryption = props.encryption ?? (props.encryptionKey ? BackupBucketEncryption.KMS : BackupBucketEncryption.S3_MANAGED);
    return problems
      .check(S3_BUCKET_NAME, props.bucketName, `${prefix}bucketName`)
      .addIf(
        encryption === BackupBucketEncryption.S3_MANAGED && props.encryptionKey !== undefined,
        `${prefix}encryptionKey is given but ${prefix}encryption is S3_MANAGED; use BackupBucketEncryption.KMS or drop the key`,
      )
      .addIf(
        props.versioned === false && props.noncurrentVersionExpiration !== undefined,
        `${prefix}noncurrentVersionExpiration needs versioning; remove it or keep ${prefix}versioned: true`,
      )
      .addIf(
        props.serverAccessLogsPrefix !== undefined && props.serverAccessLogsBucket === undefined,
        `${prefix}serverAccessLogsPrefix needs ${prefix}serverAccessLogsBucket`,
      );
  }

  /** The bucket. */
  public readonly bucket: s3.Bucket;
  /** The customer-managed key, with `KMS` encryption. */
  public readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: BackupBucketProps = {}) {
    super(scope, id);
    const encryption = props.encryption ?? (props.encryptionKey ? BackupBucketEncryption.KMS : BackupBucketEncryption.S3_MANAGED);
    const versioned = props.versioned ?? true;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    // A parent that created this bucket (useOrCreateBucket) has checked the props under its own names.
    if (namesCheckedByParent(props) === undefined) BackupBucket._checkProps(problemsOf(this), props).throwIfAny();

    this.warnAboutDeletion(props, versioned, removalPolicy);

    this.encryptionKey = encryption === BackupBucketEncryption.KMS ? props.encryptionKey ?? this.newKey(removalPolicy) : undefined;

    const lifecycleRules: s3.LifecycleRule[] = [
      {
        id: 'AbortIncompleteMultipartUploads',
        abortIncompleteMultipartUploadAfter: props.abortIncompleteMultipartUploadAfter ?? Duration.days(7),
      },
      ...(versioned
        ? [{
          id: 'ExpireNoncurrentVersions',
          noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(30),
          expiredObjectDeleteMarker: true,
        }]
        : []),
      ...(props.lifecycleRules ?? []),
    ];

    this.bucket = new s3.Bucket(this, 'Resource', {
      bucketName: props.bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: this.encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: this.encryptionKey ? true : undefined,
      versioned,
      lifecycleRules,
      removalPolicy,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: props.serverAccessLogsPrefix,
    });
  }

  // The name and ARN are read on demand: aws-cdk-lib makes each token on first access, and most
  // users of a BackupBucket never read its name.
  /** The bucket's name. */
  public get bucketName(): string {
    return this.bucket.bucketName;
  }

  /** The bucket's ARN. */
  public get bucketArn(): string {
    return this.bucket.bucketArn;
  }

  /** A rotating key whose policy lets grants be created only for AWS resources (CT.KMS.PR.3). */
  private newKey(removalPolicy: RemovalPolicy): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts the backup bucket ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy,
    });
    key.addToResourcePolicy(iam.PolicyStatement.fromJson(denyGrantsExceptForAwsResourcesStatement()));
    return key;
  }

  /** Warnings, with IDs, for the settings that let backups be deleted. */
  private warnAboutDeletion(props: BackupBucketProps, versioned: boolean, removalPolicy: RemovalPolicy): void {
    if (removalPolicy === RemovalPolicy.DESTROY) {
      warn(
        this,
        'BucketRemovalDestroy',
        'removalPolicy is DESTROY: when the bucket leaves the stack or the stack is deleted, CloudFormation deletes the bucket (once it is empty). '
        + 'Backups should outlive stacks: keep RemovalPolicy.RETAIN (the default) unless this is a test bucket.',
      );
    }
    const givenKey = props.encryptionKey?.node.defaultChild;
    const keyDestroyed = props.encryptionKey === undefined
      ? removalPolicy === RemovalPolicy.DESTROY && (props.encryption === BackupBucketEncryption.KMS)
      : givenKey instanceof kms.CfnKey && givenKey.cfnOptions.deletionPolicy === CfnDeletionPolicy.DELETE;
    if (keyDestroyed) {
      warn(
        this,
        'KeyRemovalDestroy',
        'The bucket\'s KMS key has removalPolicy DESTROY: when it leaves the stack, CloudFormation schedules its deletion, and after the waiting '
        + 'period every object encrypted with it is unreadable, even in a retained bucket. Keep RemovalPolicy.RETAIN for the key.',
      );
    }
    if (!versioned) {
      warn(
        this,
        'VersioningDisabled',
        'versioned is false: an overwrite or a delete (by the backup tool, a leaked key or a mistake) loses the backup for good, and nothing can '
        + 'be restored. Keep versioning on (the default); noncurrent versions expire after noncurrentVersionExpiration.',
      );
    }
  }
}

/** The earlier import of `bucketName` with a region other than `region`, if any (and records this one, in the app's BucketImports). */
function importedBucketRegion(
  scope: Construct,
  id: string,
  bucketName: string,
  region: string | undefined,
): { region: string; path: string } | undefined {
  if (region === undefined || Token.isUnresolved(region) || Token.isUnresolved(bucketName)) return undefined;
  return BucketImports.of(scope).recordName(bucketName, region, `${scope.node.path}/${id}`);
}

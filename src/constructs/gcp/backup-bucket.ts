import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { Annotations, TerraformProvider, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { checkBucketProps } from './private/bucket-props-check';
import { GCS_BUCKET_NAME } from '../../policies/gcp/names';
import { problemsAt, warningWithId } from '../../policies/validation';

/** A GCS bucket the backup constructs can write to: created by `BackupBucket` or imported. */
export interface IBackupBucket extends IConstruct {
  /**
   * The bucket's name.
   * @attribute
   */
  readonly bucketName: string;
}

/** Properties of a `BackupBucket`. */
export interface BackupBucketProps {
  /**
   * The bucket's name: globally unique and publicly visible, so no personal data, project names
   * or email addresses in it. Validated against the GCS naming rules.
   */
  readonly bucketName: string;

  /**
   * Where the bucket lives: a multi-region (`US`, `EU`, `ASIA`), a dual-region (`NAM4`, `EUR4`)
   * or a region (`us-central1`). Cannot be changed after creation.
   */
  readonly location: string;

  /**
   * Keep noncurrent object versions, so an overwritten or deleted backup can be recovered for
   * `noncurrentVersionRetentionDays`. Off, synth warns (`saas-backup-constructs:Unversioned`).
   * @default true
   */
  readonly versioned?: boolean;

  /**
   * Days after which a noncurrent version (an overwritten or deleted object) is deleted by a
   * lifecycle rule. Only for a versioned bucket.
   * @default 30
   */
  readonly noncurrentVersionRetentionDays?: number;

  /**
   * A Cloud KMS key (`projects/P/locations/L/keyRings/R/cryptoKeys/K`) that encrypts new objects
   * by default (CMEK). The key must be in the bucket's location, and the project's Cloud Storage
   * service agent (`service-PROJECT_NUMBER@gs-project-accounts.iam.gserviceaccount.com`) needs
   * `roles/cloudkms.cryptoKeyEncrypterDecrypter` on it before the bucket is created; grant it where
   * the key is managed. The backup service account needs no key permission.
   * @default - Google-managed encryption keys
   */
  readonly kmsKeyName?: string;

  /**
   * Labels for the bucket (at most 64; lowercase keys and values).
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Let Terraform delete the bucket with every backup in it (when the bucket is destroyed or
   * replaced). Leave it off for real backups; synth warns (`saas-backup-constructs:ForceDestroy`).
   * @default false
   */
  readonly forceDestroy?: boolean;

  /**
   * Terraform's `prevent_destroy` lifecycle on the bucket: any plan that would destroy or replace
   * it (`terraform destroy`, a change of name or location) fails, as AWS retains a backup bucket by
   * default. Set it to false to let the bucket be destroyed; synth warns
   * (`saas-backup-constructs:PreventDestroyOff`). An empty bucket is then deleted; one that holds
   * objects only with `forceDestroy`.
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * The project that holds the bucket.
   * @default - the provider's project
   */
  readonly project?: string;

  /**
   * The google provider to create the bucket with.
   * @default - the stack's default google provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A GCS bucket for backups: uniform bucket-level access and public access prevention always
 * enforced, versioned with noncurrent versions cleaned up after a retention period, optionally
 * encrypted with a customer-managed key, and kept by Terraform (`prevent_destroy`) unless you opt out.
 */
export class BackupBucket extends Construct implements IBackupBucket {
  /** The retention of noncurrent versions when `noncurrentVersionRetentionDays` is not given. */
  public static readonly DEFAULT_NONCURRENT_VERSION_RETENTION_DAYS = 30;

  /**
   * Imports an existing bucket by name, to pass to the backup constructs. Its settings (uniform
   * access, public access prevention, versioning) are the owner's: this library does not change them.
   */
  public static fromBucketName(scope: Construct, id: string, bucketName: string): IBackupBucket {
    return new ImportedBackupBucket(scope, id, bucketName);
  }

  /**
   * The bucket's name (a reference to the bucket resource, so what uses it is created after it).
   * @attribute
   */
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: BackupBucketProps) {
    super(scope, id);
    const problems = problemsAt(this, Token.isUnresolved);
    checkBucketProps(problems, props, '');
    problems.throwIfAny();

    const versioned = props.versioned ?? true;
    const forceDestroy = props.forceDestroy ?? false;
    const preventDestroy = props.preventDestroy ?? true;
    if (forceDestroy) {
      Annotations.of(this).addWarning(warningWithId('ForceDestroy', 'forceDestroy: true lets Terraform delete this bucket with every backup '
        + 'in it when the bucket is destroyed or replaced. Leave it off for buckets that hold backups.'));
    }
    if (!versioned) {
      Annotations.of(this).addWarning(warningWithId('Unversioned', 'versioned: false keeps no noncurrent versions: a backup that is '
        + 'overwritten or deleted (by Velero, by a leaked key, by mistake) cannot be recovered. Leave versioning on (the default).'));
    }
    if (!preventDestroy) {
      Annotations.of(this).addWarning(warningWithId('PreventDestroyOff', 'preventDestroy: false lets terraform destroy (or a change that '
        + 'replaces the bucket) delete this backup bucket. Leave it on (the default) for buckets that hold backups.'));
    }
    const retentionDays = props.noncurrentVersionRetentionDays ?? BackupBucket.DEFAULT_NONCURRENT_VERSION_RETENTION_DAYS;

    const bucket = new StorageBucket(this, 'Resource', {
      name: props.bucketName,
      location: props.location,
      project: props.project,
      provider: props.provider,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy,
      lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
      versioning: { enabled: versioned },
      lifecycleRule: versioned
        ? [{ action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: retentionDays, withState: 'ARCHIVED' } }]
        : undefined,
      encryption: props.kmsKeyName === undefined ? undefined : { defaultKmsKeyName: props.kmsKeyName },
      labels: props.labels === undefined ? undefined : { ...props.labels },
    });
    this.bucketName = bucket.name;
  }
}

class ImportedBackupBucket extends Construct implements IBackupBucket {
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, bucketName: string) {
    super(scope, id);
    problemsAt(this, Token.isUnresolved).check(GCS_BUCKET_NAME, bucketName, 'bucketName').throwIfAny();
    this.bucketName = bucketName;
  }
}

import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { TerraformOutput, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { rudderStackTenant } from '../../../policies/bucket-sharing';
import { GCP_CUSTOM_ROLE_ID, GCP_PROJECT_ID, GCP_SERVICE_ACCOUNT_ID } from '../../../policies/gcp/names';
import { serviceAccountMember } from '../../../policies/gcp/permissions';
import { RudderStackGcsAccess, rudderStackRole } from '../../../policies/gcp/rudderstack';
import { problemsAt } from '../../../policies/validation';
import { BackupBucketProps, IBackupBucket } from '../backup-bucket';
import { recordBucketTenant } from '../private/bucket-tenants';
import { checkBucketChoice, createJsonKey, defaultRoleIdPrefix, grantCustomRole, useOrCreateBucket } from '../private/internal';

/** What RudderStack may do in the bucket. Neither choice lets it delete or overwrite objects (overwriting needs `storage.objects.delete`) or change the bucket. */
export class RudderStackPermissions {
  /**
   * As the seed page "Events Backup Bucket Permissions": a custom role with exactly
   * `storage.objects.create` and `storage.objects.get`. RudderStack can write new event dumps
   * (and read an object by its name) but cannot list the bucket, so Event Replay does not work.
   */
  public static writeOnly(): RudderStackPermissions {
    return new RudderStackPermissions('write-only');
  }

  /**
   * As RudderStack's current page "Bucket Configuration Settings for Event Backups", for backup
   * and replay: `storage.objects.create`, `storage.objects.get` and `storage.objects.list`.
   * RudderStack can then list and read every object in the bucket.
   */
  public static backupAndReplay(): RudderStackPermissions {
    return new RudderStackPermissions('backup-and-replay');
  }

  /** @internal */
  public readonly _access: RudderStackGcsAccess;

  private constructor(access: RudderStackGcsAccess) {
    this._access = access;
  }
}

/** Properties of a `RudderStackEventBackup`. */
export interface RudderStackEventBackupProps {
  /** The ID of the service account RudderStack uses (6-30 characters; the part of its email before `@`). */
  readonly serviceAccountId: string;

  /**
   * What RudderStack may do in the bucket.
   * @default RudderStackPermissions.writeOnly(), as the seed page
   */
  readonly permissions?: RudderStackPermissions;

  /**
   * An existing bucket (`BackupBucket.fromBucketName`) or one created separately (a
   * `BackupBucket`). It must be in `projectId`. Give this or `bucketProps`.
   * @default - a new `BackupBucket` made from `bucketProps`
   */
  readonly bucket?: IBackupBucket;

  /**
   * The bucket to create, in `projectId` (leave its `project` unset). Give this or `bucket`.
   * @default - none: `bucket` is used
   */
  readonly bucketProps?: BackupBucketProps;

  /**
   * The ID of the project custom role with the permissions of `permissions`.
   * Custom role IDs are unique per project and stay reserved for a while after deletion.
   * @default - `<serviceAccountId with hyphens replaced by underscores>.eventWriter` (write-only) or `.eventReplay` (backup and replay)
   */
  readonly roleId?: string;

  /**
   * The project of the service account, the custom role and the bucket.
   * @default - the provider's project
   */
  readonly projectId?: string;

  /**
   * Create the service-account JSON key RudderStack asks for. Turn it off where the organization
   * policy `iam.disableServiceAccountKeyCreation` forbids keys (creating one then fails), or to
   * create the key outside Terraform so its private key never lands in the Terraform state.
   * @default true
   */
  readonly createKey?: boolean;

  /**
   * Any value; changing it replaces the JSON key on the next apply (the key's `keepers`). Use a
   * date such as `2026-07`, or the `id` of a `time_rotating` resource for scheduled rotation.
   *
   * The new key is created first and the old one deleted at the end of the same apply
   * (`create_before_destroy`): RudderStack's uploads fail from then until you send it the new key
   * file, so do that right after the apply. Only with `createKey`.
   * @default - the key is replaced only when the service account is
   */
  readonly keyRotationTrigger?: string;

  /**
   * Create Terraform outputs: the bucket name, the service account email and (with a key) the JSON
   * key file as a sensitive output.
   * @default false
   */
  readonly createOutputs?: boolean;

  /**
   * The google provider to create every resource with.
   * @default - the stack's default google provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * RudderStack's event backups on GCS: a project custom role, bound to a service account on the
 * backup bucket only, with exactly `storage.objects.create` and `storage.objects.get` (write-only,
 * the seed page "Events Backup Bucket Permissions", the default) or those and
 * `storage.objects.list` (backup and replay, RudderStack's current page; see
 * `RudderStackPermissions`); the bucket with uniform bucket-level access and public access
 * prevention enforced; and the service account's JSON key for RudderStack, unless key creation is off.
 */
export class RudderStackEventBackup extends Construct {
  /** The bucket RudderStack writes event dumps to. */
  public readonly bucket: IBackupBucket;

  /**
   * The bucket's name, for RudderStack's destination settings.
   * @attribute
   */
  public readonly bucketName: string;

  /**
   * The service account's email.
   * @attribute
   */
  public readonly serviceAccountEmail: string;

  /**
   * The custom role's full name (`projects/PROJECT/roles/ROLE_ID`).
   * @attribute
   */
  public readonly customRoleName: string;

  /**
   * The service account's JSON key file (decoded), to send to RudderStack. Sensitive. Undefined
   * when `createKey` is false.
   * @attribute
   */
  public readonly jsonCredentials?: string;

  constructor(scope: Construct, id: string, props: RudderStackEventBackupProps) {
    super(scope, id);
    const access = (props.permissions ?? RudderStackPermissions.writeOnly())._access;
    const role = rudderStackRole(access);
    const roleId = props.roleId ?? `${defaultRoleIdPrefix(props.serviceAccountId)}.${role.roleIdSuffix}`;
    const problems = problemsAt(this, Token.isUnresolved)
      .check(GCP_SERVICE_ACCOUNT_ID, props.serviceAccountId, 'serviceAccountId')
      .check(GCP_CUSTOM_ROLE_ID, props.roleId, 'roleId')
      .check(GCP_PROJECT_ID, props.projectId, 'projectId')
      .checkObject(props.bucket, 'bucket', 'an IBackupBucket (BackupBucket.fromBucketName(...) or a BackupBucket)', ['node', 'bucketName']);
    checkBucketChoice(problems, props);
    problems.addIf(props.createKey === false && props.keyRotationTrigger !== undefined,
      'keyRotationTrigger rotates the key this construct creates: remove it, or remove createKey: false');
    problems.throwIfAny();

    const provider = props.provider;
    this.bucket = useOrCreateBucket(this, props, props.projectId, provider);
    this.bucketName = this.bucket.bucketName;
    // One vendor reading another's data in a shared bucket (Palette's Velero backups hold cluster Secrets) is warned about.
    recordBucketTenant(this, this.bucket, rudderStackTenant(undefined, access === 'backup-and-replay'));

    const serviceAccount = new ServiceAccount(this, 'ServiceAccount', {
      accountId: props.serviceAccountId,
      project: props.projectId,
      displayName: 'RudderStack event backups',
      description: access === 'backup-and-replay'
        ? 'Used by RudderStack to back up event dumps to one GCS bucket and replay them (create, read and list objects; no delete).'
        : 'Used by RudderStack to write event dumps to one GCS bucket (create and read new objects only).',
      provider,
    });
    // Each read of a provider attribute makes a new token (with a stack trace): read each once.
    this.serviceAccountEmail = serviceAccount.email;
    const serviceAccountName = serviceAccount.name;

    this.customRoleName = grantCustomRole(this, role, roleId, {
      member: serviceAccountMember(this.serviceAccountEmail),
      project: props.projectId,
      bucketName: this.bucketName,
      serviceAccountName,
      provider,
    }).roleName;

    if (props.createKey ?? true) {
      this.jsonCredentials = createJsonKey(this, serviceAccountName, props.keyRotationTrigger, provider);
    }

    if (props.createOutputs) {
      new TerraformOutput(this, 'BucketName', { value: this.bucketName, description: 'RudderStack event backups: GCS bucket name' });
      new TerraformOutput(this, 'ServiceAccountEmail', {
        value: this.serviceAccountEmail,
        description: 'RudderStack event backups: service account email',
      });
      if (this.jsonCredentials !== undefined) {
        new TerraformOutput(this, 'JsonCredentials', {
          value: this.jsonCredentials,
          sensitive: true,
          description: 'RudderStack event backups: service account JSON key file, to send to RudderStack',
        });
      }
    }
  }
}

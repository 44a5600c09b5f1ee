import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Annotations, ITerraformDependable, TerraformOutput, TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PALETTE_VELERO_TENANT } from '../../../policies/bucket-sharing';
import { GCP_CUSTOM_ROLE_ID, GCP_PROJECT_ID, GCP_SERVICE_ACCOUNT_ID, K8S_NAMESPACE, K8S_SERVICE_ACCOUNT_NAME } from '../../../policies/gcp/names';
import { PALETTE_GCP_LOCATION_PROVIDER, veleroGrants } from '../../../policies/gcp/palette';
import { serviceAccountMember, WORKLOAD_IDENTITY_USER_ROLE, workloadIdentityMember } from '../../../policies/gcp/permissions';
import {
  checkRegistrationOptions,
  claimOutputPrefix,
  DEFAULT_OUTPUT_PREFIX,
  outputPrefixClash,
  PALETTE_LOCATION_NAME,
  PALETTE_OUTPUT_PREFIX,
  PaletteLocationContext,
  PaletteRegistrationOptions,
  SpectroCloudArguments,
  SpectroCloudBackupStorageLocationArgs,
  wizardField,
  wizardFieldDescription,
  wizardOutputName,
} from '../../../policies/palette-wizard';
import { problemsAt, warningWithId } from '../../../policies/validation';
import { BackupBucketProps, IBackupBucket } from '../backup-bucket';
import { recordBucketTenant } from '../private/bucket-tenants';
import {
  BindingTarget,
  checkBucketChoice,
  createJsonKey,
  defaultRoleIdPrefix,
  grantCustomRole,
  grantPredefinedRole,
  serviceAccountIamMember,
  sharedGoogleClientConfig,
  useOrCreateBucket,
} from '../private/internal';

/** Options of `PalettePermissions.leastPrivilege`. */
export interface PaletteLeastPrivilegeOptions {
  /**
   * Also grant Velero's documented Compute Engine snapshot permissions (a project custom role bound
   * on the project: disks and snapshots are project resources), for backups that snapshot
   * persistent disks. Without it Velero can still back up Kubernetes resources and file-system
   * (Kopia/Restic) volume data to the bucket.
   * @default false
   */
  readonly volumeSnapshots?: boolean;
}

/**
 * What Velero (run by Palette) may do in GCP: Velero's least privilege, or the Storage Admin role
 * of Palette's page.
 */
export class PalettePermissions {
  /**
   * Velero's object permissions (`storage.objects.create/delete/get/list`) in a project custom
   * role bound on the backup bucket only; optionally Velero's Compute Engine snapshot permissions
   * in a second custom role bound on the project. No project-wide storage role.
   */
  public static leastPrivilege(options: PaletteLeastPrivilegeOptions = {}): PalettePermissions {
    return new PalettePermissions('least-privilege', options.volumeSnapshots ?? false);
  }

  /**
   * Palette's page verbatim: `roles/storage.admin` on the whole project. The key can then read,
   * overwrite and delete every bucket and object in the project; synth shows a warning.
   */
  public static storageAdmin(): PalettePermissions {
    return new PalettePermissions('storage-admin', false);
  }

  /** @internal */
  public readonly _model: 'least-privilege' | 'storage-admin';
  /** @internal */
  public readonly _volumeSnapshots: boolean;

  private constructor(model: 'least-privilege' | 'storage-admin', volumeSnapshots: boolean) {
    this._model = model;
    this._volumeSnapshots = volumeSnapshots;
  }
}

/** Options of `PaletteAccess.jsonKey`. */
export interface PaletteJsonKeyOptions {
  /**
   * Any value; changing it replaces the JSON key on the next apply (the key's `keepers`). Use a
   * date such as `2026-07`, or the `id` of a `time_rotating` resource for scheduled rotation.
   *
   * The new key is created first and the old one deleted at the end of the same apply
   * (`create_before_destroy`), so the old key stops working when the apply finishes: paste the new
   * key into Palette's "JSON Credentials" right after, or let a `spectrocloud_backup_storage_location`
   * fed by `toSpectroCloudTerraform()` in the same stack take it in that apply.
   * @default - the key is replaced only when the service account is
   */
  readonly keyRotationTrigger?: string;
}

/** Options of `PaletteAccess.workloadIdentity`. */
export interface PaletteWorkloadIdentityOptions {
  /**
   * The Kubernetes namespace Velero runs in (an RFC 1123 label).
   * @default 'velero'
   */
  readonly kubernetesNamespace?: string;

  /**
   * The Kubernetes service account Velero runs as (a DNS-1123 subdomain).
   * @default 'velero'
   */
  readonly kubernetesServiceAccountName?: string;
}

/** How Velero authenticates as the service account. */
export class PaletteAccess {
  /**
   * A service-account JSON key, for Palette's "JSON Credentials" field. The private key is kept in
   * the Terraform state (protect the state) and exposed only as a sensitive attribute and output.
   * Velero signs URLs with the key itself, so no signBlob permission is granted.
   */
  public static jsonKey(options: PaletteJsonKeyOptions = {}): PaletteAccess {
    return new PaletteAccess(false, 'velero', 'velero', options.keyRotationTrigger);
  }

  /**
   * No key: GKE Workload Identity, for a self-managed Velero in a GKE cluster of the same project
   * (Palette's wizard needs JSON credentials). Binds `roles/iam.workloadIdentityUser` for
   * `serviceAccount:PROJECT.svc.id.goog[NAMESPACE/KSA]`, and grants `iam.serviceAccounts.signBlob`
   * on the service account itself (Velero then signs URLs through IAM).
   */
  public static workloadIdentity(options: PaletteWorkloadIdentityOptions = {}): PaletteAccess {
    return new PaletteAccess(true, options.kubernetesNamespace ?? 'velero', options.kubernetesServiceAccountName ?? 'velero', undefined);
  }

  /** @internal */
  public readonly _keyless: boolean;
  /** @internal */
  public readonly _namespace: string;
  /** @internal */
  public readonly _kubernetesServiceAccountName: string;
  /** @internal */
  public readonly _keyRotationTrigger?: string;

  private constructor(keyless: boolean, namespace: string, kubernetesServiceAccountName: string, keyRotationTrigger: string | undefined) {
    this._keyless = keyless;
    this._namespace = namespace;
    this._kubernetesServiceAccountName = kubernetesServiceAccountName;
    this._keyRotationTrigger = keyRotationTrigger;
  }
}

/** Properties of a `PaletteBackupLocation`. */
export interface PaletteBackupLocationProps extends PaletteRegistrationOptions {
  /** The ID of Velero's service account (6-30 characters; the part of its email before `@`). */
  readonly serviceAccountId: string;

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
   * Palette's "Location Name" (not blank).
   * @default - the bucket's name
   */
  readonly locationName?: string;

  /**
   * What Velero may do: its least privilege, or Palette's documented Storage Admin role.
   * @default PalettePermissions.leastPrivilege()
   */
  readonly permissions?: PalettePermissions;

  /**
   * How Velero authenticates.
   * @default PaletteAccess.jsonKey()
   */
  readonly access?: PaletteAccess;

  /**
   * The project of the service account, the custom roles and the bucket; also Spectro Cloud's
   * `gcp_storage_config.project_id`.
   * @default - the provider's project (read with a `google_client_config` data source)
   */
  readonly projectId?: string;

  /**
   * The prefix of the custom role IDs (`<prefix>.objects`, `<prefix>.snapshots`,
   * `<prefix>.signBlob`). Custom role IDs are unique per project and stay reserved for a while after
   * deletion.
   * @default - `serviceAccountId` with hyphens replaced by underscores
   */
  readonly roleIdPrefix?: string;

  /**
   * Create Terraform outputs for Palette's wizard fields, named `<outputPrefix><Field>`
   * (`PaletteLocationName`, `PaletteLocationProvider`, `PaletteBucketName`, `PaletteJsonCredentials`
   * (sensitive), `PaletteProjectId`) and `<outputPrefix>ServiceAccountEmail`.
   * @default false
   */
  readonly createOutputs?: boolean;

  /**
   * The prefix of the output names, letters and digits. Give each location of a stack its own.
   * @default 'Palette'
   */
  readonly outputPrefix?: string;

  /**
   * The google provider to create every resource with.
   * @default - the stack's default google provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A Spectro Cloud Palette backup location on GCP (Palette runs Velero): a GCS bucket (created or
 * imported), Velero's service account with least-privilege access by default, and its credentials
 * (a JSON key for Palette, or GKE Workload Identity for a self-managed Velero).
 */
export class PaletteBackupLocation extends Construct {
  /** The bucket backups are written to. */
  public readonly bucket: IBackupBucket;

  /**
   * Palette's "Bucket" (`bucket_name`).
   * @attribute
   */
  public readonly bucketName: string;

  /**
   * Palette's "Location Name" (`name`).
   * @attribute
   */
  public readonly locationName: string;

  /**
   * Palette's "Location Provider": `GCP` (`storage_provider` "gcp").
   * @attribute
   */
  public readonly locationProvider: string;

  /**
   * Palette's "JSON Credentials" (`gcp_storage_config.gcp_json_credentials`): the decoded JSON key
   * file. Sensitive. Undefined with Workload Identity credentials.
   * @attribute
   */
  public readonly jsonCredentials?: string;

  /**
   * The project (`gcp_storage_config.project_id`).
   * @attribute
   */
  public readonly projectId: string;

  /**
   * Velero's service account email (with Workload Identity: the `iam.gke.io/gcp-service-account`
   * annotation of the Kubernetes service account and the backup location config `serviceAccount`).
   * @attribute
   */
  public readonly serviceAccountEmail: string;

  /**
   * Every IAM binding made here (the custom and predefined roles, and the Workload Identity
   * binding). Palette validates a location when it is created, so make the
   * `spectrocloud_backup_storage_location` depend on these (`dependsOn`); IAM can still take a few
   * minutes to propagate after they exist.
   */
  public readonly iamBindings: ITerraformDependable[] = [];

  private readonly registration: { readonly context?: PaletteLocationContext; readonly isDefault?: boolean };

  constructor(scope: Construct, id: string, props: PaletteBackupLocationProps) {
    super(scope, id);
    // JavaScript callers: a missing prop, or a plain string where a class is expected, is named before anything reads it.
    const given = problemsAt(this, Token.isUnresolved);
    if (typeof props !== 'object' || props === null) given.add('props are required: an object with serviceAccountId and bucket or bucketProps').throwIfAny();
    given
      .required(props.serviceAccountId, 'serviceAccountId', 'give the ID of Velero\'s service account, e.g. "palette-velero"')
      .checkObject(props.permissions, 'permissions', 'a PalettePermissions (e.g. PalettePermissions.leastPrivilege())', ['_model'])
      .checkObject(props.access, 'access', 'a PaletteAccess (PaletteAccess.jsonKey() or PaletteAccess.workloadIdentity())', ['_keyless'])
      .checkObject(props.bucket, 'bucket', 'an IBackupBucket (BackupBucket.fromBucketName(...) or a BackupBucket)', ['node', 'bucketName'])
      .checkObject(props.bucketProps, 'bucketProps', 'BackupBucketProps (an object with bucketName and location)')
      .checkObject(props.provider, 'provider', 'a GoogleProvider')
      .checkBoolean(props.createOutputs, 'createOutputs');
    checkRegistrationOptions(given, props).throwIfAny();
    const permissions = props.permissions ?? PalettePermissions.leastPrivilege();
    const credentials = props.access ?? PaletteAccess.jsonKey();
    const grants = veleroGrants({ model: permissions._model, volumeSnapshots: permissions._volumeSnapshots, keyless: credentials._keyless });
    const roleIdPrefix = props.roleIdPrefix ?? defaultRoleIdPrefix(props.serviceAccountId);
    const roleIdOf = (suffix: string) => `${roleIdPrefix}.${suffix}`;

    const problems = problemsAt(this, Token.isUnresolved)
      .check(GCP_SERVICE_ACCOUNT_ID, props.serviceAccountId, 'serviceAccountId')
      .check(GCP_PROJECT_ID, props.projectId, 'projectId');
    const outputPrefix = props.outputPrefix ?? DEFAULT_OUTPUT_PREFIX;
    problems
      .check(PALETTE_LOCATION_NAME, props.locationName, 'locationName')
      .check(PALETTE_OUTPUT_PREFIX, props.outputPrefix, 'outputPrefix');
    if (props.createOutputs) problems.addIf(!claimOutputPrefix(TerraformStack.of(this), outputPrefix), outputPrefixClash(outputPrefix));
    if (props.roleIdPrefix !== undefined && grants.customRoles.length > 0) {
      // The longest role ID shows every problem of the prefix, once.
      const longest = grants.customRoles.map((role) => roleIdOf(role.roleIdSuffix)).sort((a, b) => b.length - a.length)[0];
      problems.check(GCP_CUSTOM_ROLE_ID, longest, 'roleIdPrefix');
    }
    checkBucketChoice(problems, props);
    if (credentials._keyless) {
      problems
        .check(K8S_NAMESPACE, credentials._namespace, 'access (kubernetesNamespace)')
        .check(K8S_SERVICE_ACCOUNT_NAME, credentials._kubernetesServiceAccountName, 'access (kubernetesServiceAccountName)');
    }
    problems.throwIfAny();

    const provider = props.provider;
    this.projectId = props.projectId ?? sharedGoogleClientConfig(this, provider).project;
    this.bucket = useOrCreateBucket(this, props, this.projectId, provider);
    // Velero's backups hold cluster secrets: another vendor reading this bucket is warned about (issue 19, class 6).
    recordBucketTenant(this, this.bucket, PALETTE_VELERO_TENANT);
    this.bucketName = this.bucket.bucketName;
    this.locationName = props.locationName ?? this.bucketName;
    this.locationProvider = PALETTE_GCP_LOCATION_PROVIDER;

    const serviceAccount = new ServiceAccount(this, 'ServiceAccount', {
      accountId: props.serviceAccountId,
      project: this.projectId,
      displayName: 'Velero (Palette backup location)',
      description: 'Velero (Spectro Cloud Palette backup location): backups in one GCS bucket.',
      provider,
    });
    // Each read of a provider attribute makes a new token (with a stack trace): read each once.
    this.serviceAccountEmail = serviceAccount.email;
    const serviceAccountName = serviceAccount.name;

    const target: BindingTarget = {
      member: serviceAccountMember(this.serviceAccountEmail),
      project: this.projectId,
      bucketName: this.bucketName,
      serviceAccountName,
      provider,
    };
    for (const definition of grants.customRoles) {
      this.iamBindings.push(grantCustomRole(this, definition, roleIdOf(definition.roleIdSuffix), target).binding);
    }
    for (const grant of grants.predefinedRoles) {
      this.iamBindings.push(grantPredefinedRole(this, grant, target));
      Annotations.of(this).addWarning(warningWithId('StorageAdminOnProject', grant.warning));
    }

    if (credentials._keyless) {
      if (credentials._namespace === 'default' && credentials._kubernetesServiceAccountName === 'default') {
        Annotations.of(this).addWarning(warningWithId('DefaultKubernetesServiceAccount', 'Workload Identity is bound for the Kubernetes '
          + 'service account default/default: every pod in the default namespace that names no service account runs as it and would '
          + 'get Velero\'s access to the backups. Run Velero under its own service account (the default velero/velero).'));
      }
      this.iamBindings.push(new (serviceAccountIamMember())(this, 'WorkloadIdentityBinding', {
        serviceAccountId: serviceAccountName,
        role: WORKLOAD_IDENTITY_USER_ROLE,
        member: workloadIdentityMember(this.projectId, credentials._namespace, credentials._kubernetesServiceAccountName),
        provider,
      }));
    } else {
      this.jsonCredentials = createJsonKey(this, serviceAccountName, credentials._keyRotationTrigger, provider);
    }

    this.registration = { context: props.context, isDefault: props.isDefault };
    if (props.createOutputs) this.createOutputs(outputPrefix);
  }

  /**
   * The arguments of Spectro Cloud's `spectrocloud_backup_storage_location` resource for this
   * location: `name`, `storage_provider` ("gcp"), `context`, `is_default`, `bucket_name` and
   * `gcp_storage_config { project_id, gcp_json_credentials }` (camelCase, as cdktf's bindings of the
   * provider name them), with Terraform references for what is known after apply. Make the resource
   * depend on `iamBindings`: Palette validates the location when it is created. Needs JSON key
   * credentials.
   */
  public toSpectroCloudTerraform(): SpectroCloudBackupStorageLocationArgs {
    if (this.jsonCredentials === undefined) {
      throw new Error(`${this.node.path}: spectrocloud_backup_storage_location needs gcp_json_credentials; `
        + 'use PaletteAccess.jsonKey() (Workload Identity credentials are for a self-managed Velero).');
    }
    return SpectroCloudArguments.gcp({
      locationName: this.locationName,
      bucketName: this.bucketName,
      projectId: this.projectId,
      jsonCredentials: this.jsonCredentials,
      ...this.registration,
    });
  }

  private createOutputs(prefix: string): void {
    const values: Record<string, string | undefined> = {
      locationName: this.locationName,
      locationProvider: this.locationProvider,
      bucketName: this.bucketName,
      jsonCredentials: this.jsonCredentials,
      projectId: this.projectId,
    };
    for (const [attribute, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const field = wizardField('gcp', attribute);
      new TerraformOutput(this, wizardOutputName(prefix, field), {
        staticId: true,
        value,
        description: wizardFieldDescription(field),
        sensitive: field.sensitive ? true : undefined,
      });
    }
    new TerraformOutput(this, `${prefix}ServiceAccountEmail`, {
      staticId: true,
      value: this.serviceAccountEmail,
      description: 'Velero service account email (Workload Identity: the iam.gke.io/gcp-service-account annotation)',
    });
  }
}

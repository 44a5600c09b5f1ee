/**
 * Palette's GCP backup location: the wizard's fields (seeds/000, GCP tab, "Add a GCP Bucket as the
 * Backup Location") and the arguments of Spectro Cloud's Terraform resource
 * `spectrocloud_backup_storage_location` (notes/vendor-facts.md §1), as plain data; and what
 * Velero may do in GCP (its custom roles, or the page's Storage Admin).
 */
import { CustomRoleDefinition, PredefinedRoleGrant } from './permissions';

/** What the wizard's "Location Provider" drop-down shows for GCP. */
export const PALETTE_GCP_LOCATION_PROVIDER = 'GCP';

/** `storage_provider` of `spectrocloud_backup_storage_location` for GCP (`StorageProviderGCP`). */
export const SPECTRO_CLOUD_GCP_STORAGE_PROVIDER = 'gcp';

/** One wizard field: its label on the page and the Terraform argument it maps to. */
export interface PaletteField {
  /** The field's label in Palette's wizard, or undefined for Terraform-only arguments. */
  readonly wizardField?: string;
  /** The argument path in `spectrocloud_backup_storage_location`. */
  readonly terraformArgument: string;
  /** Whether the value is a secret. */
  readonly sensitive: boolean;
  /** The Terraform value when it differs from what the wizard shows. */
  readonly terraformValue?: string;
}

/** The fields of Palette's GCP backup location, keyed by the construct attribute that holds each value. */
export const PALETTE_GCP_FIELDS = {
  locationName: { wizardField: 'Location Name', terraformArgument: 'name', sensitive: false },
  locationProvider: { wizardField: 'Location Provider', terraformArgument: 'storage_provider', sensitive: false, terraformValue: SPECTRO_CLOUD_GCP_STORAGE_PROVIDER },
  bucketName: { wizardField: 'Bucket', terraformArgument: 'bucket_name', sensitive: false },
  jsonCredentials: { wizardField: 'JSON Credentials', terraformArgument: 'gcp_storage_config.gcp_json_credentials', sensitive: true },
  projectId: { terraformArgument: 'gcp_storage_config.project_id', sensitive: false },
} as const satisfies Record<string, PaletteField>;

/** A field's output description: `Palette "Bucket" / spectrocloud_backup_storage_location.bucket_name`. */
export function paletteFieldDescription(field: PaletteField): string {
  const value = field.terraformValue === undefined ? '' : ` = "${field.terraformValue}"`;
  const argument = `spectrocloud_backup_storage_location.${field.terraformArgument}${value}`;
  return field.wizardField ? `Palette "${field.wizardField}" / ${argument}` : argument;
}

/** The values of a Palette GCP backup location. */
export interface PaletteGcpLocationValues {
  readonly locationName: string;
  readonly bucketName: string;
  readonly projectId: string;
  readonly jsonCredentials: string;
}

/**
 * The arguments of `spectrocloud_backup_storage_location` for GCP, with their exact snake_case names.
 * The provider's CustomizeDiff requires `gcp_storage_config` and `bucket_name` for "gcp" and refuses
 * `s3`, `azure_storage_config`, `region` and `ca_cert`, so none of those appear.
 */
export function spectroCloudGcpBackupStorageLocation(values: PaletteGcpLocationValues): Record<string, unknown> {
  return {
    name: values.locationName,
    storage_provider: SPECTRO_CLOUD_GCP_STORAGE_PROVIDER,
    bucket_name: values.bucketName,
    gcp_storage_config: {
      project_id: values.projectId,
      gcp_json_credentials: values.jsonCredentials,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Velero's permissions (what Palette's Velero may do in GCP).
//
// Sources: velero-io/velero-plugin-for-gcp README.md @2c0218d1 ("ROLE_PERMISSIONS", custom role
// `velero.server`). The plugin's object_store.go signs URLs locally with the private key of a JSON
// key file and calls IAM `signBlob` on its own service account (`projects/-/serviceAccounts/<email>`)
// only when it runs without one (Workload Identity). Palette's page (seeds/000, GCP tab) grants
// "A service account with the Storage Admin assigned role".
// ---------------------------------------------------------------------------------------------

/** Velero's object permissions: the `storage.*` subset of its documented custom role. */
export const VELERO_OBJECT_PERMISSIONS: readonly string[] = [
  'storage.objects.create',
  'storage.objects.delete',
  'storage.objects.get',
  'storage.objects.list',
];

/** Velero's Compute Engine snapshot permissions: the `compute.*` subset of its documented custom role. */
export const VELERO_SNAPSHOT_PERMISSIONS: readonly string[] = [
  'compute.disks.get',
  'compute.disks.create',
  'compute.disks.createSnapshot',
  'compute.projects.get',
  'compute.snapshots.get',
  'compute.snapshots.create',
  'compute.snapshots.useReadOnly',
  'compute.snapshots.delete',
  'compute.snapshots.setLabels',
  'compute.zones.get',
];

/** Velero's permission to sign URLs without a private key (`velero backup logs/download/describe`). */
export const VELERO_SIGN_BLOB_PERMISSIONS: readonly string[] = ['iam.serviceAccounts.signBlob'];

/** Predefined role Palette's page grants ("A service account with the Storage Admin assigned role"). */
export const STORAGE_ADMIN_ROLE = 'roles/storage.admin';

/** Velero's objects, on the backup bucket only. */
export const VELERO_OBJECTS_ROLE: CustomRoleDefinition = {
  title: 'Velero backup objects',
  description: 'Velero object permissions (velero-plugin-for-gcp), bound on the backup bucket only.',
  permissions: VELERO_OBJECT_PERMISSIONS,
  scope: 'bucket',
  roleIdSuffix: 'objects',
};

/** Velero's disk snapshots: disks and snapshots are project resources, so this is bound on the project. */
export const VELERO_SNAPSHOTS_ROLE: CustomRoleDefinition = {
  title: 'Velero volume snapshots',
  description: 'Velero Compute Engine snapshot permissions (velero-plugin-for-gcp), bound on the project.',
  permissions: VELERO_SNAPSHOT_PERMISSIONS,
  scope: 'project',
  roleIdSuffix: 'snapshots',
};

/**
 * signBlob, bound on the Velero service account itself: the account can sign only as itself. Bound
 * on the project it could sign as any service account there (and so act as it).
 */
export const VELERO_SIGN_BLOB_ROLE: CustomRoleDefinition = {
  title: 'Velero signed URLs',
  description: 'iam.serviceAccounts.signBlob for Velero signed URLs without a key, bound on the Velero service account itself only.',
  permissions: VELERO_SIGN_BLOB_PERMISSIONS,
  scope: 'service-account-itself',
  roleIdSuffix: 'signBlob',
};

/** Palette's documented setup, verbatim: Storage Admin on the whole project. */
export const STORAGE_ADMIN_GRANT: PredefinedRoleGrant = {
  name: 'StorageAdmin',
  role: STORAGE_ADMIN_ROLE,
  scope: 'project',
  warning: 'roles/storage.admin is granted on the whole project, as Palette\'s page says: the key can read, overwrite and delete '
    + 'every object and bucket in the project and change their IAM policies. PalettePermissions.leastPrivilege() grants Velero '
    + 'only its object permissions on this bucket.',
};

/** How Velero reaches its bucket and snapshots. */
export interface VeleroAccessChoice {
  /** `least-privilege`: custom roles; `storage-admin`: the page's project-wide Storage Admin. */
  readonly model: 'least-privilege' | 'storage-admin';
  /** Whether Velero takes Compute Engine disk snapshots (least privilege only). */
  readonly volumeSnapshots: boolean;
  /** Whether Velero runs without a key (GKE Workload Identity), so it signs URLs through IAM. */
  readonly keyless: boolean;
}

/** What Velero gets for an access choice. */
export interface VeleroGrants {
  readonly customRoles: readonly CustomRoleDefinition[];
  readonly predefinedRoles: readonly PredefinedRoleGrant[];
}

/**
 * The grants of each access choice; the one place that decides what Velero may do.
 * signBlob goes with keyless credentials only: with a JSON key Velero signs URLs locally with the
 * key's private key and never calls signBlob.
 */
export function veleroGrants(choice: VeleroAccessChoice): VeleroGrants {
  const signBlob = choice.keyless ? [VELERO_SIGN_BLOB_ROLE] : [];
  if (choice.model === 'storage-admin') {
    return { customRoles: signBlob, predefinedRoles: [STORAGE_ADMIN_GRANT] };
  }
  return {
    customRoles: [VELERO_OBJECTS_ROLE, ...(choice.volumeSnapshots ? [VELERO_SNAPSHOTS_ROLE] : []), ...signBlob],
    predefinedRoles: [],
  };
}

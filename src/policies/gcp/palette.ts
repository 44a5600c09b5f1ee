/**
 * Palette's GCP backup location: what Velero may do in GCP (its custom roles, or the page's Storage
 * Admin). The wizard's fields and the arguments of `spectrocloud_backup_storage_location` are in the
 * model shared by every cloud, `src/policies/palette-wizard.ts`.
 */
import { CustomRoleDefinition, PredefinedRoleGrant } from './permissions';

/** What the wizard's "Location Provider" drop-down shows for GCP (its fields are in `../palette-wizard.ts`). */
export const PALETTE_GCP_LOCATION_PROVIDER = 'GCP';

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

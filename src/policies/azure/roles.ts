/**
 * Azure RBAC for a Palette backup location: the built-in roles it assigns and the custom role
 * definitions it creates, as plain data.
 *
 * Sources (notes/vendor-facts.md §2c, §6): velero-io/velero-plugin-for-microsoft-azure README.md
 * @a8e6631b ("Disk Management" / "Snapshot Management" actions; "Back Compatability and Restic";
 * the useAAD "Limitation": the identity "needs Reader permission alongside the storage blob data
 * contributor role on the storage account ... to fetch the storage account's blob endpoint");
 * backupstoragelocation.md @c7086626 (`useAAD`: "If false/ not provided, plugin will fallback to
 * using ListKeys"); Microsoft's built-in role list for the role GUIDs.
 */

/** Built-in "Storage Blob Data Contributor": read, write and delete containers and blobs. */
export const STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';

/** Built-in "Reader": read (never list keys of, never write) resources in the scope. */
export const READER_ROLE_ID = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

/**
 * Built-in "Storage Blob Delegator": only `blobServices/generateUserDelegationKey/action`, the key
 * that signs a user delegation SAS. Microsoft's "Create a user delegation SAS": the action "must be
 * scoped at the level of the storage account, the resource group, or the subscription"; a principal
 * whose data role is scoped to a container gets this role at the account. The SAS it signs can do no
 * more than the principal's own data role.
 */
export const STORAGE_BLOB_DELEGATOR_ROLE_ID = 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a';

/**
 * Velero's documented volume snapshot actions ("Disk Management" + "Snapshot Management"),
 * in the order of Velero's `az role definition create` command.
 */
export const VELERO_VOLUME_SNAPSHOT_ACTIONS: readonly string[] = [
  'Microsoft.Compute/disks/read',
  'Microsoft.Compute/disks/write',
  'Microsoft.Compute/disks/endGetAccess/action',
  'Microsoft.Compute/disks/beginGetAccess/action',
  'Microsoft.Compute/snapshots/read',
  'Microsoft.Compute/snapshots/write',
  'Microsoft.Compute/snapshots/delete',
];

/**
 * Listing the storage account's keys: what Velero does when its location has no `useAAD: "true"`,
 * and what its Restic file-system backups always need on Azure (Kopia honours `useAAD`, as the object
 * store does: velero pkg/util/azure/storage.go). Velero's README groups
 * `regeneratekey/action` with it; that is key rotation, not backup, and is not granted.
 */
export const STORAGE_ACCOUNT_LIST_KEYS_ACTIONS: readonly string[] = [
  'Microsoft.Storage/storageAccounts/listkeys/action',
];

/** The subscription-scoped ID of a built-in role, the form ARM returns (so plans don't drift). */
export function builtInRoleDefinitionId(subscriptionId: string, roleGuid: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
}

/** The argument values of one custom role definition (azurerm_role_definition). */
export interface CustomRoleDefinition {
  /** Role names are unique in the tenant, so each carries the globally unique storage account name. */
  readonly name: string;
  readonly description: string;
  readonly actions: readonly string[];
  /** Where the role is defined, and the only scope it can be assigned at. */
  readonly scope: string;
  readonly assignableScopes: readonly string[];
}

/**
 * The custom role for Velero's volume snapshots, assignable at the given resource groups only (and
 * defined at the first). Velero reads and restores disks in its cluster's resource group
 * (`AZURE_RESOURCE_GROUP`) and writes snapshots to its snapshot location's `resourceGroup`, which
 * defaults to that same group (velero-plugin-for-microsoft-azure, volume_snapshotter.go).
 */
export function veleroVolumeSnapshotRole(storageAccountName: string, resourceGroupIds: readonly string[]): CustomRoleDefinition {
  if (resourceGroupIds.length === 0) throw new Error('veleroVolumeSnapshotRole needs at least one resource group');
  return {
    name: `Palette Velero volume snapshots (${storageAccountName})`,
    description: 'Velero volume snapshots for the Palette backup location in storage account '
      + `${storageAccountName}: read and write managed disks, create, read and delete snapshots.`,
    actions: VELERO_VOLUME_SNAPSHOT_ACTIONS,
    scope: resourceGroupIds[0],
    assignableScopes: [...resourceGroupIds],
  };
}

/**
 * The custom role that lists storage account keys, for one account's location. It is defined and
 * assignable at the account's resource group, not at the account: Microsoft advises against resource
 * instances in `AssignableScopes` ("create your custom roles with AssignableScopes of management
 * group, subscription, or resource group, but assign the custom roles with narrow scope, such as
 * resource", Understand Azure role definitions). The assignment is at the account only.
 */
export function storageAccountListKeysRole(storageAccountName: string, resourceGroupId: string): CustomRoleDefinition {
  return {
    name: `Palette Velero storage account keys (${storageAccountName})`,
    description: `List the access keys of storage account ${storageAccountName} (Velero without useAAD, or Restic file-system backups).`,
    actions: STORAGE_ACCOUNT_LIST_KEYS_ACTIONS,
    scope: resourceGroupId,
    assignableScopes: [resourceGroupId],
  };
}

/**
 * How Velero authorizes to the storage account's data:
 * - `account-keys`: with the account's access keys, which it lists through Azure Resource Manager
 *   unless its backup storage location sets `useAAD: "true"` (backupstoragelocation.md: "If false/
 *   not provided, plugin will fallback to using ListKeys"); Restic file-system backups always use
 *   them (Kopia's honour useAAD);
 * - `entra-id-only`: with Microsoft Entra ID tokens only (Velero with `useAAD: "true"`).
 */
export type PaletteStorageAccessMode = 'account-keys' | 'entra-id-only';

/** What one storage access mode needs, beyond Storage Blob Data Contributor (which every mode gets). */
export interface PaletteStorageAccessGrants {
  /** Shared Key authorization on the storage account. */
  readonly sharedKeyAccess: boolean;
  /** The list-keys custom role, assigned at the storage account. */
  readonly listKeys: boolean;
  /**
   * Storage Blob Delegator at the storage account: Velero signs download URLs (`velero backup logs`,
   * `describe`, `download`) with a user delegation key when it has no account key, and a data role at
   * the container cannot request one.
   */
  readonly blobDelegator: boolean;
}

/** The one place that decides what each storage access mode grants. */
export function paletteStorageAccessGrants(mode: PaletteStorageAccessMode, blobDataAtContainer: boolean): PaletteStorageAccessGrants {
  return mode === 'account-keys'
    ? { sharedKeyAccess: true, listKeys: true, blobDelegator: false }
    : { sharedKeyAccess: false, listKeys: false, blobDelegator: blobDataAtContainer };
}

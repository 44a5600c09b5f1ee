import {
  builtInRoleDefinitionId,
  paletteStorageAccessGrants,
  READER_ROLE_ID,
  STORAGE_ACCOUNT_LIST_KEYS_ACTIONS,
  STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID,
  STORAGE_BLOB_DELEGATOR_ROLE_ID,
  storageAccountListKeysRole,
  VELERO_VOLUME_SNAPSHOT_ACTIONS,
  veleroVolumeSnapshotRole,
} from '../../../src/policies/azure/roles';

const SUB = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const RG = `/subscriptions/${SUB}/resourceGroups/aks-nodes`;
const SNAPSHOT_RG = `/subscriptions/${SUB}/resourceGroups/aks-snapshots`;
const BACKUP_RG = `/subscriptions/${SUB}/resourceGroups/backups`;

describe('built-in roles', () => {
  test('are the documented GUIDs', () => {
    expect(STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID).toBe('ba92f5b4-2d11-453d-a403-e96b0029c9fe');
    expect(READER_ROLE_ID).toBe('acdd72a7-3385-48ef-bd42-f606fba81ae7');
    expect(STORAGE_BLOB_DELEGATOR_ROLE_ID).toBe('db58b8e5-c6ad-4a2a-8342-4190687cbf4a');
  });

  test('are referenced by their subscription-scoped ID', () => {
    expect(builtInRoleDefinitionId(SUB, STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID)).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`,
    );
  });
});

describe('veleroVolumeSnapshotRole', () => {
  test('is exactly Velero\'s disk and snapshot actions, defined and assignable at the resource group only', () => {
    expect(veleroVolumeSnapshotRole('palettebackups', [RG])).toEqual({
      name: 'Palette Velero volume snapshots (palettebackups)',
      description: 'Velero volume snapshots for the Palette backup location in storage account palettebackups: '
        + 'read and write managed disks, create, read and delete snapshots.',
      actions: [
        'Microsoft.Compute/disks/read',
        'Microsoft.Compute/disks/write',
        'Microsoft.Compute/disks/endGetAccess/action',
        'Microsoft.Compute/disks/beginGetAccess/action',
        'Microsoft.Compute/snapshots/read',
        'Microsoft.Compute/snapshots/write',
        'Microsoft.Compute/snapshots/delete',
      ],
      scope: RG,
      assignableScopes: [RG],
    });
  });

  test('with several resource groups: assignable at each of them, defined at the first', () => {
    const role = veleroVolumeSnapshotRole('palettebackups', [RG, SNAPSHOT_RG]);
    expect(role.assignableScopes).toEqual([RG, SNAPSHOT_RG]);
    expect(role.scope).toBe(RG);
  });

  test('needs at least one resource group (never a wider default)', () => {
    expect(() => veleroVolumeSnapshotRole('palettebackups', [])).toThrow('veleroVolumeSnapshotRole needs at least one resource group');
  });

  test('grants no storage, key or subscription-wide action', () => {
    expect(VELERO_VOLUME_SNAPSHOT_ACTIONS.filter((a) => !a.startsWith('Microsoft.Compute/'))).toEqual([]);
    expect(VELERO_VOLUME_SNAPSHOT_ACTIONS.some((a) => a.includes('*'))).toBe(false);
  });
});

describe('storageAccountListKeysRole', () => {
  test('lists keys and nothing else (no regeneratekey), defined and assignable at the account\'s resource group', () => {
    expect(storageAccountListKeysRole('palettebackups', BACKUP_RG)).toEqual({
      name: 'Palette Velero storage account keys (palettebackups)',
      description: 'List the access keys of storage account palettebackups (Velero without useAAD, or Restic file-system backups).',
      actions: ['Microsoft.Storage/storageAccounts/listkeys/action'],
      scope: BACKUP_RG,
      assignableScopes: [BACKUP_RG],
    });
    expect(STORAGE_ACCOUNT_LIST_KEYS_ACTIONS).not.toContain('Microsoft.Storage/storageAccounts/regeneratekey/action');
  });
});

describe('paletteStorageAccessGrants', () => {
  test.each([
    ['account-keys', true, { sharedKeyAccess: true, listKeys: true, blobDelegator: false }],
    ['account-keys', false, { sharedKeyAccess: true, listKeys: true, blobDelegator: false }],
    ['entra-id-only', true, { sharedKeyAccess: false, listKeys: false, blobDelegator: true }],
    ['entra-id-only', false, { sharedKeyAccess: false, listKeys: false, blobDelegator: false }],
  ] as const)('%s, blob data at the container: %s', (mode, atContainer, grants) => {
    expect(paletteStorageAccessGrants(mode, atContainer)).toEqual(grants);
  });
});

import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Fn, Lazy, Testing, TerraformLocal, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { Construct } from 'constructs';
import {
  BlobDataScope,
  PaletteBackupLocation,
  PaletteBackupLocationProps,
  PaletteAccess,
  ResourceGroup,
  IResourceGroup,
  IServicePrincipal,
  IStorageAccount,
  ServicePrincipal,
  StockKeepingUnit,
  StorageAccount,
  StorageAccountProps,
} from '../../../../src/constructs/azure';
import { spectroCloudTerraformJson } from '../../../../src/policies/palette-wizard';
import { CLIENT, OBJECT, ofType, single, SUBSCRIPTION, synthJson, TENANT } from '../../../support/azure';

const BLOB_DATA_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const BLOB_DELEGATOR = 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a';
const SNAPSHOT_ACTIONS = [
  'Microsoft.Compute/disks/read',
  'Microsoft.Compute/disks/write',
  'Microsoft.Compute/disks/endGetAccess/action',
  'Microsoft.Compute/disks/beginGetAccess/action',
  'Microsoft.Compute/snapshots/read',
  'Microsoft.Compute/snapshots/write',
  'Microsoft.Compute/snapshots/delete',
];

/** A location that makes its storage account: `props` are the location's, `account` the account's (`storageAccountProps`). */
function location(scope: Construct, props: Partial<PaletteBackupLocationProps> = {},
  account: Partial<StorageAccountProps> = {}): PaletteBackupLocation {
  const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
  return new PaletteBackupLocation(scope, 'Location', {
    storageAccountProps: { resourceGroup, storageAccountName: 'palettebackups1234', ...account },
    ...props,
  });
}

const SAME_GROUP = (first: number, second: number) => `volumeSnapshotResourceGroups[${first}] and volumeSnapshotResourceGroups[${second}] are the same `
  + 'resource group: Azure refuses a second identical role assignment (409 Conflict at apply). Give each resource group once (at stack/Location)';

/** Role assignments by construct id (the part of the logical name after `Location_`). */
function assignments(json: any): Record<string, any> {
  return Object.fromEntries(Object.entries(ofType(json, 'azurerm_role_assignment'))
    .map(([name, r]) => [name.replace(/^Location_(\w+)_[0-9A-F]{8}$/, '$1'), r]));
}

const ref = (type: string, prefix: string, attr: string) => new RegExp(`^\\$\\{${type.replace('.', '\\.')}\\.${prefix}_[0-9A-F]{8}\\.${attr}\\}$`);
const CONTAINER_ID = ref('azurerm_storage_container', 'Location_Container', 'id');
const ACCOUNT_ID = ref('azurerm_storage_account', 'Location_StorageAccount', 'id');
const PRINCIPAL = ref('azuread_service_principal', 'Location_ServicePrincipal', 'object_id');

const warningsOf = (loc: PaletteBackupLocation) => loc.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string);
const LIST_KEYS_ROLE = /^\$\{azurerm_role_definition\.Location_ListKeysRole_[0-9A-F]{8}\.role_definition_resource_id\}$/;
const BACKUP_GROUP_ID = /^\$\{azurerm_resource_group\.Group_[0-9A-F]{8}\.id\}$/;
const builtInRole = (guid: string) => new RegExp(
  '^/subscriptions/\\$\\{data\\.azurerm_client_config\\.SaasBackupConstructsAzurermClientConfig\\.subscription_id\\}'
  + `/providers/Microsoft\\.Authorization/roleDefinitions/${guid}$`);

describe('PaletteBackupLocation defaults: PaletteAccess.accountKeys()', () => {
  let loc: PaletteBackupLocation | undefined;
  const json = synthJson((scope) => { loc = location(scope); });
  const roles = assignments(json);

  test('exactly two assignments, both to the new service principal, typed as a service principal', () => {
    expect(Object.keys(roles).sort()).toEqual(['BlobDataContributor', 'ListKeys']);
    for (const r of Object.values(roles)) {
      expect(r.principal_id).toMatch(PRINCIPAL);
      expect(r.principal_type).toBe('ServicePrincipal');
    }
    expect(loc!.roleAssignments).toHaveLength(2);
  });

  test('Storage Blob Data Contributor at the container only', () => {
    expect(roles.BlobDataContributor.scope).toMatch(CONTAINER_ID);
    expect(roles.BlobDataContributor.role_definition_id).toMatch(builtInRole(BLOB_DATA_CONTRIBUTOR));
  });

  test('Shared Key authorization on', () => {
    expect(single(json, 'azurerm_storage_account').shared_access_key_enabled).toBe(true);
  });

  test('the list-keys role: only listkeys, defined and assignable at the account\'s resource group, assigned at the account only', () => {
    const role = single(json, 'azurerm_role_definition');
    expect(role.permissions).toEqual([{ actions: ['Microsoft.Storage/storageAccounts/listkeys/action'] }]);
    expect(role.scope).toMatch(BACKUP_GROUP_ID);
    expect(role.assignable_scopes).toEqual([expect.stringMatching(BACKUP_GROUP_ID)]);
    expect(role.name).toBe('Palette Velero storage account keys (palettebackups1234)');
    expect(roles.ListKeys.scope).toMatch(ACCOUNT_ID);
    expect(roles.ListKeys.role_definition_id).toMatch(LIST_KEYS_ROLE);
  });

  test('no Reader, no Storage Blob Delegator, no volume snapshot role, no warning', () => {
    const roleIds = Object.values(roles).map((r) => r.role_definition_id as string).join();
    expect(roleIds).not.toContain(READER);
    expect(roleIds).not.toContain(BLOB_DELEGATOR);
    expect(Object.keys(json.resource.azurerm_role_definition)).toEqual([expect.stringMatching(/^Location_ListKeysRole_/)]);
    expect(warningsOf(loc!)).toEqual([]);
  });

  test('the account and container keep their secure defaults', () => {
    const sa = single(json, 'azurerm_storage_account');
    expect([sa.https_traffic_only_enabled, sa.min_tls_version, sa.allow_nested_items_to_be_public, sa.cross_tenant_replication_enabled])
      .toEqual([true, 'TLS1_2', false, false]);
    expect([sa.default_to_oauth_authentication, sa.local_user_enabled]).toEqual([true, false]);
    expect([sa.account_tier, sa.account_replication_type]).toEqual(['Standard', 'GRS']);
    expect(single(json, 'azurerm_storage_container')).toMatchObject({ name: 'palette-backups', container_access_type: 'private' });
  });

  test('tenant and subscription come from the provider (azurerm_client_config)', () => {
    expect(Object.keys(ofType(json, 'azurerm_client_config', 'data'))).toHaveLength(1);
  });

  test('creates no provider and no outputs', () => {
    expect(json.provider).toBeUndefined();
    expect(json.output).toBeUndefined();
  });

  test('accountKeys() given explicitly is the same', () => {
    const explicit = synthJson((scope) => { location(scope, { access: PaletteAccess.accountKeys() }); });
    expect(explicit).toEqual(json);
  });
});

describe('PaletteAccess.entraIdOnly()', () => {
  let loc: PaletteBackupLocation | undefined;
  const json = synthJson((scope) => { loc = location(scope, { access: PaletteAccess.entraIdOnly() }); });
  const roles = assignments(json);

  test('Shared Key authorization off', () => {
    expect(single(json, 'azurerm_storage_account').shared_access_key_enabled).toBe(false);
  });

  test('Storage Blob Data Contributor at the container and Storage Blob Delegator at the account; no list-keys role', () => {
    expect(Object.keys(roles).sort()).toEqual(['BlobDataContributor', 'BlobDelegator']);
    expect(roles.BlobDataContributor.scope).toMatch(CONTAINER_ID);
    expect(roles.BlobDataContributor.role_definition_id).toMatch(builtInRole(BLOB_DATA_CONTRIBUTOR));
    expect(roles.BlobDelegator.scope).toMatch(ACCOUNT_ID);
    expect(roles.BlobDelegator.role_definition_id).toMatch(builtInRole(BLOB_DELEGATOR));
    expect(ofType(json, 'azurerm_role_definition')).toEqual({});
  });

  test('warns that Palette\'s own Velero may need the account keys', () => {
    expect(warningsOf(loc!)).toEqual(['[saas-backup-constructs:EntraIdOnly] PaletteAccess.entraIdOnly(): Shared Key is off and the '
      + 'service principal cannot list the account keys. That works only for a Velero whose backup storage location sets useAAD: "true" '
      + 'and that makes no Restic file-system backups (Kopia file-system backups honour useAAD; Restic always lists the keys). Palette\'s '
      + 'wizard has no useAAD setting, so Palette\'s own Velero, and its validation of the location, may need PaletteAccess.accountKeys().']);
  });

  test('with the data role at the account, the delegator role is not needed (the data role can request the delegation key)', () => {
    const r = assignments(synthJson((scope) => {
      location(scope, { access: PaletteAccess.entraIdOnly(), blobDataScope: BlobDataScope.STORAGE_ACCOUNT });
    }));
    expect(Object.keys(r)).toEqual(['BlobDataContributor']);
    expect(r.BlobDataContributor.scope).toMatch(ACCOUNT_ID);
  });
});

describe('PaletteBackupLocation access options', () => {
  test('blobDataScope STORAGE_ACCOUNT assigns Storage Blob Data Contributor at the account, with a warning', () => {
    let loc: PaletteBackupLocation | undefined;
    const roles = assignments(synthJson((scope) => { loc = location(scope, { blobDataScope: BlobDataScope.STORAGE_ACCOUNT }); }));
    expect(roles.BlobDataContributor.scope).toMatch(ACCOUNT_ID);
    expect(warningsOf(loc!)).toEqual([expect.stringContaining(
      'Storage Blob Data Contributor is assigned at the whole storage account (BlobDataScope.STORAGE_ACCOUNT)')]);
  });

  test('storageAccountReader adds Reader at the storage account', () => {
    const roles = assignments(synthJson((scope) => { location(scope, { storageAccountReader: true }); }));
    expect(Object.keys(roles).sort()).toEqual(['BlobDataContributor', 'ListKeys', 'StorageAccountReader']);
    expect(roles.StorageAccountReader.scope).toMatch(ACCOUNT_ID);
    expect(roles.StorageAccountReader.role_definition_id).toMatch(builtInRole(READER));
  });

  test('volume snapshots in two resource groups: Velero\'s exact actions, assignable at both only, assigned at each', () => {
    const json = synthJson((scope) => {
      location(scope, {
        volumeSnapshotResourceGroups: [
          ResourceGroup.fromResourceGroupName(scope, 'Disks', 'MC_aks_nodes_westeurope'),
          ResourceGroup.fromResourceGroupName(scope, 'Snapshots', 'aks-snapshots'),
        ],
      });
    });
    const disksId = /^\$\{data\.azurerm_resource_group\.Disks_Lookup_[0-9A-F]{8}\.id\}$/;
    const snapshotsId = /^\$\{data\.azurerm_resource_group\.Snapshots_Lookup_[0-9A-F]{8}\.id\}$/;
    const [role] = Object.entries(ofType(json, 'azurerm_role_definition')).filter(([name]) => name.includes('VolumeSnapshotRole')).map(([, r]) => r);
    expect(role.permissions).toEqual([{ actions: SNAPSHOT_ACTIONS }]);
    expect(role.scope).toMatch(disksId);
    expect(role.assignable_scopes).toEqual([expect.stringMatching(disksId), expect.stringMatching(snapshotsId)]);
    expect(role.name).toBe('Palette Velero volume snapshots (palettebackups1234)');
    const roles = assignments(json);
    expect(Object.keys(roles).filter((k) => k.startsWith('VolumeSnapshots')).sort()).toEqual(['VolumeSnapshots1', 'VolumeSnapshots2']);
    expect(roles.VolumeSnapshots1.scope).toMatch(disksId);
    expect(roles.VolumeSnapshots2.scope).toMatch(snapshotsId);
    for (const r of [roles.VolumeSnapshots1, roles.VolumeSnapshots2]) {
      expect(r.role_definition_id).toMatch(/^\$\{azurerm_role_definition\.Location_VolumeSnapshotRole_[0-9A-F]{8}\.role_definition_resource_id\}$/);
      expect(r.principal_id).toMatch(PRINCIPAL);
    }
    // never the subscription
    expect(JSON.stringify(ofType(json, 'azurerm_role_assignment'))).not.toMatch(/"scope":"\/subscriptions\/[^/"]*"/);
  });

  test('an existing service principal gets the assignments and nothing is created in Entra ID', () => {
    const json = synthJson((scope) => {
      location(scope, { servicePrincipal: ServicePrincipal.fromServicePrincipalAttributes(scope, 'Velero', { objectId: OBJECT, clientId: CLIENT }) });
    });
    for (const r of Object.values(assignments(json))) expect(r.principal_id).toBe(OBJECT);
    expect(Object.keys(json.resource).filter((t) => t.startsWith('azuread_'))).toEqual([]);
  });

  test('given tenant and subscription IDs, no data source is read and role IDs use the subscription', () => {
    const synthesized = Testing.synthScope((scope) => { location(scope, { tenantId: TENANT, subscriptionId: SUBSCRIPTION }); });
    expect(synthesized).not.toHaveDataSource(DataAzurermClientConfig);
    expect(assignments(JSON.parse(synthesized)).BlobDataContributor.role_definition_id).toBe(
      `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${BLOB_DATA_CONTRIBUTOR}`,
    );
  });

  test('the provider it is given reaches every azurerm resource and data source', () => {
    const json = synthJson((scope) => {
      const backups = new AzurermProvider(scope, 'Backups', { features: [{}], alias: 'backups' });
      location(scope, {
        provider: backups,
        storageAccountReader: true,
        volumeSnapshotResourceGroups: [ResourceGroup.fromResourceGroupName(scope, 'Disks', 'aks-nodes', backups)],
      });
    });
    const azurerm = [
      ...Object.entries(json.resource).filter(([t]) => t.startsWith('azurerm_') && t !== 'azurerm_resource_group'),
      ...Object.entries(json.data),
    ].flatMap(([, byName]) => Object.values(byName as Record<string, any>));
    expect(azurerm.length).toBeGreaterThan(8);
    for (const r of azurerm) expect(r.provider).toBe('azurerm.backups');
  });

  test('the role assignments and definitions of each storage access mode, every option on, as one reviewed snapshot', () => {
    const rbac = (props: Partial<PaletteBackupLocationProps>) => {
      const json = synthJson((scope) => {
        const loc = location(scope, {
          tenantId: TENANT,
          subscriptionId: SUBSCRIPTION,
          storageAccountReader: true,
          volumeSnapshotResourceGroups: [
            ResourceGroup.fromResourceGroupName(scope, 'Disks', 'aks-nodes'),
            ResourceGroup.fromResourceGroupName(scope, 'Snapshots', 'aks-snapshots'),
          ],
          ...props,
        });
        expect(loc.roleAssignments).toHaveLength(5);
      });
      return { azurerm_role_assignment: ofType(json, 'azurerm_role_assignment'), azurerm_role_definition: ofType(json, 'azurerm_role_definition') };
    };
    expect({
      accountKeys: rbac({}),
      entraIdOnly: rbac({ access: PaletteAccess.entraIdOnly() }),
    }).toMatchSnapshot();
  });
});

describe('PaletteBackupLocation wizard fields', () => {
  test('createOutputs: one output per wizard field, named for the field and the Terraform argument; only the secret is sensitive', () => {
    const json = synthJson((scope) => { location(scope, { createOutputs: true, locationName: 'azure-westeurope' }); });
    const outputs = json.output as Record<string, { description: string; sensitive?: boolean; value: string }>;
    // Stable names from the wizard model (<prefix><Field>); only the secret carries `sensitive` (true).
    expect(Object.fromEntries(Object.entries(outputs).map(([id, o]) => [id, [o.description, 'sensitive' in o ? o.sensitive : 'absent']]))).toEqual({
      PaletteLocationName: ['Palette "Location Name" / spectrocloud_backup_storage_location.name', 'absent'],
      PaletteLocationProvider: ['Palette "Location Provider" / spectrocloud_backup_storage_location.storage_provider = "azure"', 'absent'],
      PaletteContainerName: ['Palette "Container Name" / spectrocloud_backup_storage_location.azure_storage_config.container_name', 'absent'],
      PaletteStorageName: ['Palette "Storage Name" / spectrocloud_backup_storage_location.azure_storage_config.storage_name', 'absent'],
      PaletteStockKeepingUnit: ['Palette "Stock-Keeping Unit" / spectrocloud_backup_storage_location.azure_storage_config.stock_keeping_unit', 'absent'],
      PaletteResourceGroup: ['Palette "Resource Group" / spectrocloud_backup_storage_location.azure_storage_config.resource_group', 'absent'],
      PaletteTenantId: ['Palette "Tenant ID" / spectrocloud_backup_storage_location.azure_storage_config.azure_tenant_id', 'absent'],
      PaletteClientId: ['Palette "Client ID" / spectrocloud_backup_storage_location.azure_storage_config.azure_client_id', 'absent'],
      PaletteSubscriptionId: ['Palette "Subscription ID" / spectrocloud_backup_storage_location.azure_storage_config.subscription_id', 'absent'],
      PaletteClientSecret: ['Palette "Client Secret" / spectrocloud_backup_storage_location.azure_storage_config.azure_client_secret', true],
    });
    expect(outputs.PaletteLocationName.value).toBe('azure-westeurope');
    expect(outputs.PaletteLocationProvider.value).toBe('Azure');
    expect(outputs.PaletteStockKeepingUnit.value).toBe('Standard_GRS');
    expect(outputs.PaletteClientSecret.value).toMatch(/^\$\{azuread_application_password\.Location_ServicePrincipal_ClientSecret_[0-9A-F]{8}\.value\}$/);
    expect(outputs.PaletteTenantId.value).toMatch(/^\$\{data\.azurerm_client_config\.SaasBackupConstructsAzurermClientConfig\.tenant_id\}$/);
  });

  test('outputPrefix: two locations of one stack, each with its own prefix; the same prefix twice is an error', () => {
    const json = synthJson((scope) => {
      location(scope, { createOutputs: true });
      new PaletteBackupLocation(scope, 'Second', {
        storageAccountProps: { resourceGroup: ResourceGroup.fromResourceGroupName(scope, 'G2', 'rg2'), storageAccountName: 'secondaccount12' },
        createOutputs: true,
        outputPrefix: 'PaletteDr',
      });
      expect(() => new PaletteBackupLocation(scope, 'Third', {
        storageAccountProps: { resourceGroup: ResourceGroup.fromResourceGroupName(scope, 'G3', 'rg3'), storageAccountName: 'thirdaccount123' },
        createOutputs: true,
      })).toThrow('outputPrefix "Palette" is already used by another Palette location\'s outputs in this stack; give each location its own outputPrefix');
    });
    expect(Object.keys(json.output)).toEqual(expect.arrayContaining(['PaletteStorageName', 'PaletteDrStorageName']));
  });

  test('attributes: the wizard\'s values, the SKU as the StockKeepingUnit the storage account has', () => {
    let loc: PaletteBackupLocation | undefined;
    synthJson((scope) => { loc = location(scope, {}, { stockKeepingUnit: StockKeepingUnit.STANDARD_ZRS }); });
    expect(loc!.locationProvider).toBe('Azure');
    expect(loc!.stockKeepingUnit).toBe(StockKeepingUnit.STANDARD_ZRS);
    expect(loc!.stockKeepingUnit).toBe(loc!.storageAccount.stockKeepingUnit);
    expect(loc!.stockKeepingUnit.name).toBe('Standard_ZRS');
  });

  test('toSpectroCloudTerraform refuses, with guidance, when the client secret is unknown', () => {
    synthJson((scope) => {
      const loc = location(scope, {
        servicePrincipal: ServicePrincipal.fromServicePrincipalAttributes(scope, 'Velero', { objectId: OBJECT, clientId: CLIENT }),
      });
      expect(() => loc.toSpectroCloudTerraform()).toThrow(
        'stack/Location: spectrocloud_backup_storage_location needs azure_client_secret, and the service principal was brought without its secret. '
        + 'Pass it to ServicePrincipal.fromServicePrincipalAttributes as clientSecret');
    });
  });

  test('toSpectroCloudTerraform takes the secret of an existing principal when it is given (a sensitive variable)', () => {
    const json = synthJson((scope) => {
      const secret = new TerraformVariable(scope, 'secret', { type: 'string', sensitive: true });
      const loc = location(scope, {
        servicePrincipal: ServicePrincipal.fromServicePrincipalAttributes(scope, 'Velero', { objectId: OBJECT, clientId: CLIENT, clientSecret: secret.stringValue }),
      });
      new TerraformOutput(scope, 'args', { value: loc.toSpectroCloudTerraform().azureStorageConfig?.azureClientSecret, sensitive: true });
    });
    expect(json.output.args.value).toBe('${var.secret}');
  });

  test('no Client Secret output when a principal is brought without its secret', () => {
    const json = synthJson((scope) => {
      location(scope, {
        createOutputs: true,
        servicePrincipal: ServicePrincipal.fromServicePrincipalAttributes(scope, 'Velero', { objectId: OBJECT, clientId: CLIENT }),
      });
    });
    const descriptions = Object.values(json.output as Record<string, { description: string }>).map((o) => o.description);
    expect(descriptions).toHaveLength(9);
    expect(descriptions.join()).not.toContain('Client Secret');
  });

  test('toSpectroCloudTerraform gives spectrocloud_backup_storage_location\'s exact arguments', () => {
    const synthesized = Testing.synthScope((scope) => {
      const loc = location(scope, { tenantId: TENANT, subscriptionId: SUBSCRIPTION, locationName: 'azure' }, { stockKeepingUnit: StockKeepingUnit.STANDARD_ZRS });
      const args = spectroCloudTerraformJson(loc.toSpectroCloudTerraform());
      expect(Object.keys(args)).toEqual(['name', 'storage_provider', 'context', 'is_default', 'azure_storage_config']);
      expect(Object.keys(args.azure_storage_config)).toEqual([
        'container_name', 'storage_name', 'stock_keeping_unit', 'resource_group',
        'azure_tenant_id', 'azure_client_id', 'subscription_id', 'azure_client_secret',
      ]);
      // Fed to the Spectro Cloud resource in the same stack, after the role assignments.
      const bsl = new TerraformResource(scope, 'PaletteLocation', {
        terraformResourceType: 'spectrocloud_backup_storage_location',
        dependsOn: loc.roleAssignments,
      });
      for (const [key, value] of Object.entries(args)) bsl.addOverride(key, value);
    });
    const { depends_on: dependsOn, ...bsl } = single(JSON.parse(synthesized), 'spectrocloud_backup_storage_location');
    expect(dependsOn).toEqual([
      expect.stringMatching(/^azurerm_role_assignment\.Location_BlobDataContributor_[0-9A-F]{8}$/),
      expect.stringMatching(/^azurerm_role_assignment\.Location_ListKeys_[0-9A-F]{8}$/),
    ]);
    expect(bsl).toEqual({
      name: 'azure',
      storage_provider: 'azure',
      context: 'project',
      is_default: false,
      azure_storage_config: {
        container_name: expect.stringMatching(/^\$\{azurerm_storage_container\.Location_Container_[0-9A-F]{8}\.name\}$/),
        storage_name: expect.stringMatching(/^\$\{azurerm_storage_account\.Location_StorageAccount_[0-9A-F]{8}\.name\}$/),
        stock_keeping_unit: 'Standard_ZRS',
        resource_group: expect.stringMatching(/^\$\{azurerm_resource_group\.Group_[0-9A-F]{8}\.name\}$/),
        azure_tenant_id: TENANT,
        azure_client_id: expect.stringMatching(/^\$\{azuread_application\.Location_ServicePrincipal_Application_[0-9A-F]{8}\.client_id\}$/),
        subscription_id: SUBSCRIPTION,
        azure_client_secret: expect.stringMatching(/^\$\{azuread_application_password\.Location_ServicePrincipal_ClientSecret_[0-9A-F]{8}\.value\}$/),
      },
    });
  });
});

describe('PaletteBackupLocation validation', () => {
  const build = (props: Partial<PaletteBackupLocationProps>, account: Partial<StorageAccountProps> = {}) =>
    () => synthJson((scope) => { location(scope, props, account); });

  test.each<[string, Partial<StorageAccountProps>, string]>([
    ['storageAccountName', { storageAccountName: 'palette_backups' },
      'Invalid Azure storage account name "palette_backups" at stack/Location (storageAccountProps.storageAccountName): only letters and digits are allowed'],
    ['stockKeepingUnit', { stockKeepingUnit: StockKeepingUnit.of('Standard-LRS') },
      'Invalid Azure storage Stock-Keeping Unit "Standard-LRS" at stack/Location (storageAccountProps.stockKeepingUnit): it is not written <tier>_<replication> (e.g. Standard_GRS). Use one of'],
    ['location', { location: 'EU West!' },
      'Invalid Azure location "EU West!" at stack/Location (storageAccountProps.location): only letters, digits and spaces are allowed.'],
    ['allowedSubnetIds', { allowedSubnetIds: ['nodes'] },
      'Invalid Azure subnet ID "nodes" at stack/Location (storageAccountProps.allowedSubnetIds[0]): it is not a subnet resource ID.'],
    ['softDeleteRetentionDays', { softDeleteRetentionDays: 0 },
      'storageAccountProps.softDeleteRetentionDays must be a whole number of days from 1 to 365, not 0 (at stack/Location)'],
  ])('storageAccountProps.%s: named with its prefix', (_prop, account, message) => {
    expect(build({}, account)).toThrow(message);
  });

  test.each([
    ['containerName', { containerName: 'Backups' },
      'Invalid Azure blob container name "Backups" at stack/Location (containerName): uppercase letters are not allowed. Use 3-63 lowercase letters'],
    ['tenantId', { tenantId: 'contoso.onmicrosoft.com' },
      'Invalid Azure tenant ID "contoso.onmicrosoft.com" at stack/Location (tenantId): it is not 36 characters long; only hexadecimal digits and hyphens are allowed. '
      + 'Use the directory (tenant) GUID: az account show --query tenantId -o tsv.'],
    ['subscriptionId', { subscriptionId: '66666666777788889999aaaaaaaaaaaa' },
      'Invalid Azure subscription ID "66666666777788889999aaaaaaaaaaaa" at stack/Location (subscriptionId): it is not 36 characters long. '
      + 'Use the subscription GUID that holds the storage account: az account show --query id -o tsv.'],
  ])('%s', (_prop, props, message) => {
    expect(build(props)).toThrow(message);
  });

  test.each([['empty', ''], ['blank', ' \t']])('locationName %s', (_kind, locationName) => {
    expect(build({ locationName })).toThrow(`Invalid Palette location name ${JSON.stringify(locationName)} at stack/Location (locationName): it is blank`);
  });

  test('volumeSnapshotResourceGroups: empty', () => {
    expect(build({ volumeSnapshotResourceGroups: [] })).toThrow('volumeSnapshotResourceGroups is empty: name the resource groups of the disks '
      + 'and snapshots, or leave it out for no volume snapshot permissions (at stack/Location)');
  });

  test('volumeSnapshotResourceGroups: the same group twice', () => {
    expect(() => synthJson((scope) => {
      const disks = ResourceGroup.fromResourceGroupName(scope, 'Disks', 'aks-nodes');
      location(scope, { volumeSnapshotResourceGroups: [disks, disks] });
    })).toThrow(SAME_GROUP(0, 1));
  });

  test.each<[string, (scope: Construct) => IResourceGroup[], string[]]>([
    ['two imports of the same name', (s) => [ResourceGroup.fromResourceGroupName(s, 'A', 'aks'), ResourceGroup.fromResourceGroupName(s, 'B', 'aks')],
      [SAME_GROUP(0, 1)]],
    ['two imports of the same name in another case', (s) => [ResourceGroup.fromResourceGroupName(s, 'A', 'aks'), ResourceGroup.fromResourceGroupName(s, 'B', 'AKS')],
      [SAME_GROUP(0, 1)]],
    ['literal IDs differing only in case', (s) => [new CustomGroup(s, 'A', `/subscriptions/${SUBSCRIPTION}/resourceGroups/aks`),
      new CustomGroup(s, 'B', `/subscriptions/${SUBSCRIPTION.toUpperCase()}/RESOURCEGROUPS/AKS`)], [SAME_GROUP(0, 1)]],
    ['a group third that repeats the first', (s) => [ResourceGroup.fromResourceGroupName(s, 'A', 'aks'),
      ResourceGroup.fromResourceGroupName(s, 'B', 'snapshots'), ResourceGroup.fromResourceGroupName(s, 'C', 'aks')], [SAME_GROUP(0, 2)]],
    ['two pairs', (s) => [ResourceGroup.fromResourceGroupName(s, 'A', 'aks'), ResourceGroup.fromResourceGroupName(s, 'B', 'snapshots'),
      ResourceGroup.fromResourceGroupName(s, 'C', 'aks'), ResourceGroup.fromResourceGroupName(s, 'D', 'snapshots')], [SAME_GROUP(0, 2), SAME_GROUP(1, 3)]],
  ])('volumeSnapshotResourceGroups: %s is refused, naming both indexes', (_name, make, expected) => {
    expect(() => synthJson((scope) => { location(scope, { volumeSnapshotResourceGroups: make(scope) }); }))
      .toThrow(expected.length === 1 ? expected[0] : expected.map((m) => `\n- ${m}`).join(''));
  });

  test.each<[string, (scope: Construct) => IResourceGroup[]]>([
    ['two names', (s) => [ResourceGroup.fromResourceGroupName(s, 'A', 'aks'), ResourceGroup.fromResourceGroupName(s, 'B', 'aks-snapshots')]],
    ['the same name through two providers (two subscriptions)', (s) => [ResourceGroup.fromResourceGroupName(s, 'A', 'aks'),
      ResourceGroup.fromResourceGroupName(s, 'B', 'aks', new AzurermProvider(s, 'Other', { features: [{}], alias: 'other', subscriptionId: SUBSCRIPTION }))]],
    ['the same name in two subscriptions', (s) => [new CustomGroup(s, 'A', `/subscriptions/${SUBSCRIPTION}/resourceGroups/aks`),
      new CustomGroup(s, 'B', '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/aks')]],
  ])('volumeSnapshotResourceGroups: %s is accepted', (_name, make) => {
    expect(() => synthJson((scope) => { location(scope, { volumeSnapshotResourceGroups: make(scope) }); })).not.toThrow();
  });

  test('several bad values give one error listing all, before anything is created', () => {
    expect(build({ containerName: 'a--b', tenantId: 'nope', subscriptionId: 'nope' }, { storageAccountName: 'X', allowedIpRanges: ['192.168.0.0/16'] }))
      .toThrow(new RegExp('^5 problems:\\n'
        + '- Invalid Azure storage account name "X" at stack/Location \\(storageAccountProps\\.storageAccountName\\)[^\\n]*\\n'
        + '- Invalid Azure storage firewall IP rule "192.168.0.0/16" at stack/Location \\(storageAccountProps\\.allowedIpRanges\\[0\\]\\)[^\\n]*\\n'
        + '- Invalid Azure blob container name "a--b" at stack/Location \\(containerName\\)[^\\n]*\\n'
        + '- Invalid Azure tenant ID "nope" at stack/Location \\(tenantId\\)[^\\n]*\\n'
        + '- Invalid Azure subscription ID "nope" at stack/Location \\(subscriptionId\\)[^\\n]*$'));
  });

  test('tokens are not validated', () => {
    expect(() => synthJson((scope) => {
      const v = new TerraformVariable(scope, 'V', { type: 'string' }).stringValue;
      location(scope, { containerName: v, tenantId: v, subscriptionId: v, locationName: v },
        { storageAccountName: v, location: v, allowedIpRanges: [v] });
    })).not.toThrow();
  });
});

describe('one azurerm_client_config per stack and provider', () => {
  test('two locations on the default provider read it once', () => {
    const json = synthJson((scope) => {
      const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
      new PaletteBackupLocation(scope, 'A', { storageAccountProps: { resourceGroup, storageAccountName: 'palettebackupsa' } });
      new PaletteBackupLocation(scope, 'B', { storageAccountProps: { resourceGroup, storageAccountName: 'palettebackupsb' } });
    });
    expect(Object.keys(ofType(json, 'azurerm_client_config', 'data'))).toEqual(['SaasBackupConstructsAzurermClientConfig']);
    expect(single(json, 'azurerm_client_config', 'data').provider).toBeUndefined();
  });

  test('a location on another provider reads it with that provider, once per provider', () => {
    const json = synthJson((scope) => {
      const other = new AzurermProvider(scope, 'Other', { features: [{}], alias: 'other' });
      const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
      new PaletteBackupLocation(scope, 'A', { storageAccountProps: { resourceGroup, storageAccountName: 'palettebackupsa' } });
      new PaletteBackupLocation(scope, 'B', { storageAccountProps: { resourceGroup, storageAccountName: 'palettebackupsb' }, provider: other });
      new PaletteBackupLocation(scope, 'C', { storageAccountProps: { resourceGroup, storageAccountName: 'palettebackupsc' }, provider: other });
    });
    const configs = ofType(json, 'azurerm_client_config', 'data');
    expect(Object.keys(configs)).toHaveLength(2);
    expect(Object.values(configs).map((c) => c.provider).sort()).toEqual(['azurerm.other', undefined].sort());
    const otherConfig = Object.entries(configs).find(([, c]) => c.provider === 'azurerm.other')![0];
    const subscriptionOf = (name: string) => Object.entries(ofType(json, 'azurerm_role_assignment'))
      .find(([n]) => n.startsWith(`${name}_BlobDataContributor`))![1].role_definition_id as string;
    expect(subscriptionOf('B')).toContain(`data.azurerm_client_config.${otherConfig}.subscription_id`);
    expect(subscriptionOf('C')).toContain(`data.azurerm_client_config.${otherConfig}.subscription_id`);
    expect(subscriptionOf('A')).toContain('data.azurerm_client_config.SaasBackupConstructsAzurermClientConfig.subscription_id');
  });
});

/** A resource group a user implements themselves, with whatever ID they give. */
class CustomGroup extends Construct implements IResourceGroup {
  public readonly resourceGroupName = 'platform';
  public readonly resourceGroupLocation = 'westeurope';
  constructor(scope: Construct, id: string, public readonly resourceGroupId: string) {
    super(scope, id);
  }
}

/** A service principal a user implements themselves. */
class CustomPrincipal extends Construct implements IServicePrincipal {
  public readonly servicePrincipalObjectId = OBJECT;
  public readonly servicePrincipalClientId = CLIENT;
  constructor(scope: Construct, id: string, public readonly clientSecret?: string) {
    super(scope, id);
  }
}

describe('role scopes: a literal resource group ID must be a resource group or narrower', () => {
  const SUB = `/subscriptions/${SUBSCRIPTION}`;
  test.each([
    ['a subscription', SUB, 'it is a whole subscription, not a resource group: every resource group in it'],
    ['the root scope', '/', 'it is the root scope "/": every management group, subscription and resource of the tenant'],
    ['a management group', '/providers/Microsoft.Management/managementGroups/platform', 'it is a management group: every subscription under it'],
  ])('resourceGroup with %s is refused', (_name, id, clause) => {
    expect(() => synthJson((scope) => {
      new PaletteBackupLocation(scope, 'Location', {
        storageAccountProps: { resourceGroup: new CustomGroup(scope, 'Custom', id), storageAccountName: 'palettebackups1234' },
      });
    })).toThrow(`Invalid Azure role scope ${JSON.stringify(id)} at stack/Location (storageAccountProps.resourceGroup.resourceGroupId): ${clause}. Use a resource group ID`);
  });

  test('volumeSnapshotResourceGroups with a subscription is refused, named by its index', () => {
    expect(() => synthJson((scope) => {
      location(scope, { volumeSnapshotResourceGroups: [ResourceGroup.fromResourceGroupName(scope, 'Disks', 'aks'), new CustomGroup(scope, 'Sub', SUB)] });
    })).toThrow(`Invalid Azure role scope "${SUB}" at stack/Location (volumeSnapshotResourceGroups[1].resourceGroupId): `
      + 'it is a whole subscription, not a resource group: every resource group in it.');
  });

  test('a resource group ID given as a Lazy is judged at synth time by what it resolves to', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const loc = new PaletteBackupLocation(stack, 'Location', {
      storageAccountProps: { resourceGroup: new CustomGroup(stack, 'Custom', Lazy.stringValue({ produce: () => SUB })), storageAccountName: 'palettebackups1234' },
    });
    expect(loc.node.validate()).toEqual([expect.stringMatching(
      /^Invalid Azure role scope "\/subscriptions\/[^"]+" at stack\/Location \(storageAccountProps\.resourceGroup\.resourceGroupId\): it is a whole subscription/)]);
  });

  const UNVERIFIABLE = (prop: string, subject: string) => `${prop} (${subject}) is a Terraform function or template of literals only (such as Fn.join or `
    + 'Fn.dirname): its value cannot be checked before Terraform computes it, and a scope built this way may name a whole subscription. Give the '
    + 'literal ID, or a reference to the resource or data source (at stack/Location)';
  const WHOLE_SUBSCRIPTION = (prop: string) => `Invalid Azure role scope "${SUB}" at stack/Location (${prop}): it is a whole subscription, not a resource `
    + 'group: every resource group in it. Use a resource group ID, /subscriptions/<subscription GUID>/resourceGroups/<name> (az group show -n <name> '
    + '--query id -o tsv), or a resource in it.';
  test.each<[string, (scope: Construct) => string, string]>([
    ['a TerraformLocal of a subscription', (s) => new TerraformLocal(s, 'rgid', SUB).asString,
      WHOLE_SUBSCRIPTION('storageAccountProps.resourceGroup.resourceGroupId')],
    ['a TerraformVariable whose default is a subscription', (s) => new TerraformVariable(s, 'rgid', { type: 'string', default: SUB }).stringValue,
      WHOLE_SUBSCRIPTION('storageAccountProps.resourceGroup.resourceGroupId')],
    ['Fn.join of literals', () => Fn.join('', ['/subscriptions/', SUBSCRIPTION]),
      UNVERIFIABLE('storageAccountProps.resourceGroup.resourceGroupId', 'Azure role scope')],
    ['Fn.dirname of literals', () => Fn.dirname(`${SUB}/resourceGroups`),
      UNVERIFIABLE('storageAccountProps.resourceGroup.resourceGroupId', 'Azure role scope')],
  ])('a resource group ID given as %s is refused at synth time, before a role is defined at the subscription', (_name, make, message) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const loc = new PaletteBackupLocation(stack, 'Location', {
      storageAccountProps: { resourceGroup: new CustomGroup(stack, 'Custom', make(stack)), storageAccountName: 'palettebackups1234' },
    });
    expect(loc.node.validate()).toEqual([message]);
  });

  test('volumeSnapshotResourceGroups given as a TerraformLocal of a subscription is refused, named by its index', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const loc = location(stack, { volumeSnapshotResourceGroups: [new CustomGroup(stack, 'Sub', new TerraformLocal(stack, 'rgid', SUB).asString)] });
    expect(loc.node.validate()).toEqual([WHOLE_SUBSCRIPTION('volumeSnapshotResourceGroups[0].resourceGroupId')]);
  });

  test('a literal resource group ID is accepted and used as the role scope', () => {
    const id = `${SUB}/resourceGroups/platform`;
    const json = synthJson((scope) => {
      new PaletteBackupLocation(scope, 'Location', {
        storageAccountProps: { resourceGroup: new CustomGroup(scope, 'Custom', id), storageAccountName: 'palettebackups1234' },
      });
    });
    expect(single(json, 'azurerm_role_definition')).toMatchObject({ scope: id, assignable_scopes: [id] });
  });
});

/** A storage account a user implements themselves (IStorageAccount): its ID scopes the role assignments. */
class CustomAccount extends Construct implements IStorageAccount {
  public readonly storageAccountName = 'palettebackups1234';
  public readonly stockKeepingUnit = StockKeepingUnit.STANDARD_GRS;
  public readonly resourceGroup: IResourceGroup;
  constructor(scope: Construct, id: string, public readonly storageAccountId: string) {
    super(scope, id);
    this.resourceGroup = new CustomGroup(this, 'Group', `/subscriptions/${SUBSCRIPTION}/resourceGroups/platform`);
  }
}

describe('role scopes: a storage account not made here must have a storage account\'s ID', () => {
  const OWN_ACCOUNT_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/platform/providers/Microsoft.Storage/storageAccounts/palettebackups1234`;
  test.each([
    ['a subscription', `/subscriptions/${SUBSCRIPTION}`],
    ['a resource group', `/subscriptions/${SUBSCRIPTION}/resourceGroups/platform`],
    ['the root scope', '/'],
  ])('a custom IStorageAccount whose ID is %s is refused before any role is assigned', (_name, id) => {
    expect(() => synthJson((scope) => {
      new PaletteBackupLocation(scope, 'Location', { storageAccount: new CustomAccount(scope, 'Mine', id) });
    })).toThrow(`Invalid Azure storage account ID ${JSON.stringify(id)} at stack/Location (storageAccount.storageAccountId): `
      + 'it is not a storage account resource ID.');
  });

  test('an ID of another account than the name says is refused', () => {
    expect(() => synthJson((scope) => {
      new PaletteBackupLocation(scope, 'Location', { storageAccount: new CustomAccount(scope, 'Mine', OWN_ACCOUNT_ID.replace(/palettebackups1234$/, 'otheraccount')) });
    })).toThrow('storageAccount.storageAccountId names the account "otheraccount", not storageAccount.storageAccountName "palettebackups1234": '
      + 'give the ID of that account (at stack/Location)');
  });

  test('an ID given as a Lazy is judged at synth time by what it resolves to', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const loc = new PaletteBackupLocation(stack, 'Location', {
      storageAccount: new CustomAccount(stack, 'Mine', Lazy.stringValue({ produce: () => `/subscriptions/${SUBSCRIPTION}` })),
    });
    expect(loc.node.validate()).toEqual([`Invalid Azure storage account ID "/subscriptions/${SUBSCRIPTION}" at stack/Location `
      + '(storageAccount.storageAccountId): it is not a storage account resource ID. Use the account\'s resource ID, '
      + '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name> (the portal\'s JSON view, '
      + 'or az storage account show --query id); StorageAccount.fromStorageAccountAttributes derives it from the resource group when it is left out.']);
  });

  test.each<[string, (scope: Construct) => string, string]>([
    ['a TerraformLocal of a subscription', (s) => new TerraformLocal(s, 'accountid', `/subscriptions/${SUBSCRIPTION}`).asString,
      `Invalid Azure storage account ID "/subscriptions/${SUBSCRIPTION}" at stack/Location (storageAccount.storageAccountId): it is not a storage account `
      + 'resource ID. Use the account\'s resource ID, /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name> '
      + '(the portal\'s JSON view, or az storage account show --query id); StorageAccount.fromStorageAccountAttributes derives it from the resource group '
      + 'when it is left out.'],
    ['Fn.join of literals', () => Fn.join('/', ['', 'subscriptions', SUBSCRIPTION]),
      'storageAccount.storageAccountId (Azure storage account ID) is a Terraform function or template of literals only (such as Fn.join or Fn.dirname): '
      + 'its value cannot be checked before Terraform computes it, and a scope built this way may name a whole subscription. Give the literal ID, or a '
      + 'reference to the resource or data source (at stack/Location)'],
  ])('an ID given as %s is refused at synth time', (_name, make, message) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const loc = new PaletteBackupLocation(stack, 'Location', { storageAccount: new CustomAccount(stack, 'Mine', make(stack)) });
    expect(loc.node.validate()).toEqual([message]);
  });

  test('a storage account\'s ID is accepted and scopes the assignments', () => {
    const json = synthJson((scope) => {
      new PaletteBackupLocation(scope, 'Location', { storageAccount: new CustomAccount(scope, 'Mine', OWN_ACCOUNT_ID) });
    });
    const scopes = Object.values(ofType(json, 'azurerm_role_assignment')).map((a) => (a as { scope: string }).scope);
    expect(scopes).toContain(OWN_ACCOUNT_ID);
    expect(scopes.every((sc) => sc === OWN_ACCOUNT_ID || sc.startsWith(`${OWN_ACCOUNT_ID}/`) || sc.startsWith('${azurerm_storage_container.'))).toBe(true);
  });
});

describe('a custom IServicePrincipal\'s secret gets the same check', () => {
  test('a literal is refused before anything is created', () => {
    expect(() => synthJson((scope) => { location(scope, { servicePrincipal: new CustomPrincipal(scope, 'Mine', 'hunter2') }); }))
      .toThrow('servicePrincipal.clientSecret resolves to a literal (a plain string, a Lazy value or a Terraform function of literals such as Fn.join): '
      + 'it would be written in clear text into cdk.tf.json. Pass a TerraformVariable declared with sensitive: true and no default (set it with TF_VAR_<name> or a '
      + '.tfvars file kept out of the repository), or a data source attribute such as azurerm_key_vault_secret\'s value. (at stack/Location)');
  });

  test.each<[string, (stack: TerraformStack) => string, RegExp | undefined]>([
    ['a variable with a default', (s) => new TerraformVariable(s, 'secret', { type: 'string', sensitive: true, default: 'x' }).stringValue,
      /^servicePrincipal\.clientSecret is TerraformVariable "secret", which has a default/],
    ['a Lazy literal', () => Lazy.stringValue({ produce: () => 'hunter2' }), /^servicePrincipal\.clientSecret resolves to a literal/],
    ['a sensitive variable', (s) => new TerraformVariable(s, 'secret', { type: 'string', sensitive: true }).stringValue, undefined],
  ])('%s', (_name, secret, expected) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const loc = location(stack, { servicePrincipal: new CustomPrincipal(stack, 'Mine', secret(stack)) });
    const errors = loc.node.validate();
    if (expected === undefined) expect(errors).toEqual([]);
    else expect(errors).toEqual([expect.stringMatching(expected)]);
  });

  test('a principal from fromServicePrincipalAttributes is checked once, where it was made', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const secret = new TerraformVariable(stack, 'secret', { type: 'string', sensitive: true, default: 'x' }).stringValue;
    const principal = ServicePrincipal.fromServicePrincipalAttributes(stack, 'Velero', { objectId: OBJECT, clientId: CLIENT, clientSecret: secret });
    const loc = location(stack, { servicePrincipal: principal });
    expect(loc.node.validate()).toEqual([]);
    expect(principal.node.validate()).toHaveLength(1);
  });
});

describe('deletion protection of the storage account', () => {
  test('prevent_destroy by default, no lock', () => {
    const json = synthJson((scope) => { location(scope); });
    expect(single(json, 'azurerm_storage_account').lifecycle).toEqual({ prevent_destroy: true });
    expect(json.resource.azurerm_management_lock).toBeUndefined();
  });

  test('deletionLock and preventDestroy reach the storage account', () => {
    const json = synthJson((scope) => { location(scope, {}, { deletionLock: true, preventDestroy: false }); });
    expect(single(json, 'azurerm_storage_account').lifecycle).toBeUndefined();
    expect(single(json, 'azurerm_management_lock')).toMatchObject({ lock_level: 'CanNotDelete' });
  });
});

describe('sovereign Azure clouds: Spectro Cloud\'s provider registers locations in the public cloud', () => {
  const sovereignWarnings = (loc: PaletteBackupLocation) => warningsOf(loc).filter((w) => w.startsWith('[saas-backup-constructs:SovereignCloud]'));

  test.each<[string, (scope: Construct) => Partial<PaletteBackupLocationProps> & { account?: Partial<StorageAccountProps> }, string | undefined]>([
    ['the public cloud (no environment, westeurope)', () => ({}), undefined],
    ['a default provider in Azure Government', (scope) => { new AzurermProvider(scope, 'azurerm', { features: [{}], environment: 'usgovernment' }); return {}; },
      'Azure Government (the azurerm provider\'s environment is "usgovernment")'],
    ['an explicit provider in Azure China', (scope) => ({ provider: new AzurermProvider(scope, 'cn', { features: [{}], alias: 'cn', environment: 'china' }) }),
      'Azure China (21Vianet) (the azurerm provider\'s environment is "china")'],
    ['a public explicit provider', (scope) => ({ provider: new AzurermProvider(scope, 'pub', { features: [{}], alias: 'pub', environment: 'public' }) }), undefined],
    ['a US Government region', () => ({ account: { location: 'usgovvirginia' } }), 'Azure Government (region "usgovvirginia")'],
    ['a China region (display name)', () => ({ account: { location: 'China East 2' } }), 'Azure China (21Vianet) (region "China East 2")'],
  ])('%s', (_name, setup, expected) => {
    let loc: PaletteBackupLocation | undefined;
    synthJson((scope) => {
      const { account, ...props } = setup(scope);
      loc = location(scope, props, account);
    });
    const found = sovereignWarnings(loc!);
    if (expected === undefined) {
      expect(found).toEqual([]);
    } else {
      expect(found).toEqual([`[saas-backup-constructs:SovereignCloud] This storage account is in ${expected}, but Spectro Cloud's Terraform `
        + 'provider registers every Azure backup location in Azure\'s public cloud (AzureEnvironment "AzurePublicCloud" in '
        + 'spectrocloud/terraform-provider-spectrocloud, common_backup_storage_location.go), so spectrocloud_backup_storage_location (and '
        + 'toSpectroCloudTerraform()) would send Palette to the public cloud\'s endpoints, where this account does not exist. Use a storage '
        + 'account in Azure\'s public cloud, or register the location in a way that names its cloud.']);
    }
  });

  test('a resource group created in a sovereign region is seen through its literal location', () => {
    let loc: PaletteBackupLocation | undefined;
    synthJson((scope) => {
      const resourceGroup = new ResourceGroup(scope, 'Gov', { resourceGroupName: 'backups', location: 'usgovarizona' });
      loc = new PaletteBackupLocation(scope, 'Location', { storageAccountProps: { resourceGroup, storageAccountName: 'palettebackups1234' } });
    });
    expect(sovereignWarnings(loc!)).toEqual([expect.stringContaining('Azure Government (region "usgovarizona")')]);
  });

  test('a token environment or region is not judged', () => {
    let loc: PaletteBackupLocation | undefined;
    synthJson((scope) => {
      const v = new TerraformVariable(scope, 'env', { type: 'string' }).stringValue;
      new AzurermProvider(scope, 'azurerm', { features: [{}], environment: v });
      loc = location(scope, {}, { location: v });
    });
    expect(sovereignWarnings(loc!)).toEqual([]);
  });
});

describe('class 7: JavaScript callers get an error naming the prop, never a TypeError', () => {
  const at = ' (at stack/Location)';
  const attempt = (props: object, account: object = {}) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    try {
      location(stack, props as Partial<PaletteBackupLocationProps>, account as Partial<StorageAccountProps>);
    } catch (e) {
      return (e as Error).message;
    }
    return undefined;
  };
  test.each<[string, object, string]>([
    ['a string for storageAccountProps.resourceGroup', { resourceGroup: 'palette-backups' },
      'storageAccountProps.resourceGroup must be an IResourceGroup (a ResourceGroup or ResourceGroup.fromResourceGroupName(...)), not a string' + at],
    ['a missing storageAccountProps.resourceGroup', { resourceGroup: undefined },
      'storageAccountProps.resourceGroup is required; give a ResourceGroup, or ResourceGroup.fromResourceGroupName(...) for an existing one' + at],
    ['a missing storageAccountProps.storageAccountName', { storageAccountName: undefined },
      'storageAccountProps.storageAccountName is required; give the storage account\'s name (3-24 lowercase letters and digits, unique in Azure)' + at],
    ['a string for storageAccountProps.stockKeepingUnit', { stockKeepingUnit: 'Standard_GRS' },
      'storageAccountProps.stockKeepingUnit must be a StockKeepingUnit (e.g. StockKeepingUnit.STANDARD_GRS or StockKeepingUnit.of(name)), not a string' + at],
    ['null in storageAccountProps.allowedIpRanges', { allowedIpRanges: ['203.0.113.0/24', null] },
      'storageAccountProps.allowedIpRanges[1] is null; remove it from the list or give a value' + at],
    ['a string for storageAccountProps.allowedIpRanges', { allowedIpRanges: '203.0.113.0/24' }, 'storageAccountProps.allowedIpRanges must be a list, not a string' + at],
    ['"false" for storageAccountProps.preventDestroy', { preventDestroy: 'false' },
      'storageAccountProps.preventDestroy must be a boolean (true or false), not a string (a string such as "false" would read as true)' + at],
    ['"true" for storageAccountProps.deletionLock', { deletionLock: 'true' },
      'storageAccountProps.deletionLock must be a boolean (true or false), not a string (a string such as "false" would read as true)' + at],
  ])('%s', (_name, account, message) => {
    expect(attempt({}, account)).toBe(message);
  });

  test.each<[string, object, string]>([
    ['a string for servicePrincipal', { servicePrincipal: CLIENT },
      'servicePrincipal must be an IServicePrincipal (ServicePrincipal.fromServicePrincipalAttributes(...)), not a string' + at],
    ['a string for access', { access: 'accountKeys' }, 'access must be a PaletteAccess (e.g. PaletteAccess.accountKeys()), not a string' + at],
    ['blobDataScope in lower case', { blobDataScope: 'container' },
      'Invalid blobDataScope "container" at stack/Location (blobDataScope): it is not one of the values (did you mean CONTAINER, exactly?). '
      + 'Use one of CONTAINER, STORAGE_ACCOUNT (the enum\'s value, exactly as written).'],
    ['undefined in volumeSnapshotResourceGroups', { volumeSnapshotResourceGroups: [undefined] },
      'volumeSnapshotResourceGroups[0] is undefined; remove it from the list or give a resource group' + at],
    ['a string in volumeSnapshotResourceGroups', { volumeSnapshotResourceGroups: ['disks'] },
      'volumeSnapshotResourceGroups[0] must be an IResourceGroup, not a string' + at],
    ['a number for tenantId', { tenantId: 1 }, 'tenantId must be a string, not a number' + at],
    ['context "Tenant"', { context: 'Tenant' }, 'Invalid context "Tenant" at stack/Location (context): it is not one of the values (did you mean tenant, exactly?). Use one of project, tenant (the enum\'s value, exactly as written).'],
  ])('%s', (_name, props, message) => {
    expect(attempt(props)).toBe(message);
  });
});

/** Freezes an object and everything reachable from its plain-object and array members (not constructs). */
function deepFreeze<T>(value: T): T {
  const plain = Array.isArray(value) || (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype);
  if (!plain) return value;
  Object.values(value as object).forEach(deepFreeze);
  return Object.freeze(value);
}

describe('storageAccount or storageAccountProps: exactly one', () => {
  const at = ' (at stack/Location)';
  const BOTH = 'Give either storageAccount (an existing or separately created storage account) or storageAccountProps (to create one), not both' + at;
  const NEITHER = 'Give storageAccount (an existing storage account: StorageAccount.fromStorageAccountAttributes, or a StorageAccount) '
    + 'or storageAccountProps (to create one)' + at;
  const attempt = (choose: (scope: Construct, group: ResourceGroup) => object): string | undefined => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const group = new ResourceGroup(stack, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
    try {
      new PaletteBackupLocation(stack, 'Location', choose(stack, group) as PaletteBackupLocationProps);
    } catch (e) {
      return (e as Error).message;
    }
    return undefined;
  };
  const imported = (scope: Construct, resourceGroup: ResourceGroup) => StorageAccount.fromStorageAccountAttributes(scope, 'Existing', {
    storageAccountName: 'existingbackups1', resourceGroup, stockKeepingUnit: StockKeepingUnit.STANDARD_LRS,
  });

  test.each<[string, (scope: Construct, group: ResourceGroup) => object, string]>([
    ['neither', () => ({}), NEITHER],
    ['neither (null for both, a JavaScript caller)', () => ({ storageAccount: null, storageAccountProps: null }), NEITHER],
    ['both', (scope, resourceGroup) => ({
      storageAccount: imported(scope, resourceGroup),
      storageAccountProps: { resourceGroup, storageAccountName: 'palettebackups1234' },
    }), BOTH],
    ['a string for storageAccount', () => ({ storageAccount: 'existingbackups1' }),
      'storageAccount must be an IStorageAccount (StorageAccount.fromStorageAccountAttributes(...) or a StorageAccount), not a string' + at],
    ['an object without the members of an IStorageAccount', () => ({ storageAccount: { storageAccountName: 'existingbackups1' } }),
      'storageAccount must be an IStorageAccount (StorageAccount.fromStorageAccountAttributes(...) or a StorageAccount), not an object' + at],
    ['a plain object with every member but node (no construct)', (_scope, resourceGroup) => ({
      storageAccount: {
        storageAccountName: 'existingbackups1',
        resourceGroup,
        stockKeepingUnit: StockKeepingUnit.STANDARD_GRS,
        storageAccountId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/platform/providers/Microsoft.Storage/storageAccounts/existingbackups1`,
      },
    }), 'storageAccount must be an IStorageAccount (StorageAccount.fromStorageAccountAttributes(...) or a StorageAccount), not an object' + at],
    ['a string for storageAccountProps', () => ({ storageAccountProps: 'palettebackups1234' }),
      'storageAccountProps must be StorageAccountProps (an object with storageAccountName and resourceGroup), not a string' + at],
    ['a list for storageAccountProps', () => ({ storageAccountProps: ['palettebackups1234'] }),
      'storageAccountProps must be StorageAccountProps (an object with storageAccountName and resourceGroup), not a list' + at],
    ['an empty storageAccountProps', () => ({ storageAccountProps: {} }),
      '2 problems:\n- storageAccountProps.storageAccountName is required; give the storage account\'s name (3-24 lowercase letters and digits, unique in Azure)' + at
      + '\n- storageAccountProps.resourceGroup is required; give a ResourceGroup, or ResourceGroup.fromResourceGroupName(...) for an existing one' + at],
  ])('%s', (_name, choose, message) => {
    expect(attempt(choose)).toBe(message);
  });

  test('every problem of the account\'s props and of the location is in one message, each once, named as the user wrote it', () => {
    const message = attempt((_scope, resourceGroup) => ({
      storageAccountProps: { resourceGroup, storageAccountName: 'Bad_Name', softDeleteRetentionDays: 400, allowSharedKeyAccess: false },
      containerName: 'A',
      tenantId: 'nope',
    }));
    expect(message).toMatch(new RegExp('^5 problems:\\n'
      + '- Invalid Azure storage account name "Bad_Name" at stack/Location \\(storageAccountProps\\.storageAccountName\\)[^\\n]*\\n'
      + '- storageAccountProps\\.softDeleteRetentionDays must be a whole number of days from 1 to 365, not 400 \\(at stack/Location\\)\\n'
      + '- storageAccountProps\\.allowSharedKeyAccess is false, but PaletteAccess\\.accountKeys\\(\\)[^\\n]*\\n'
      + '- Invalid Azure blob container name "A" at stack/Location \\(containerName\\)[^\\n]*\\n'
      + '- Invalid Azure tenant ID "nope" at stack/Location \\(tenantId\\)[^\\n]*$'));
  });

  // The child got the props marked as checked by the location (checkedByParent), so it names them with the prefix and does not
  // check them again (test/constructs/azure/storage-account.test.ts shows a marked account skips its checks).
  test('the new account\'s warnings name the prop as the user wrote it (storageAccountProps.preventDestroy)', () => {
    let loc: PaletteBackupLocation | undefined;
    synthJson((scope) => { loc = location(scope, {}, { preventDestroy: false }); });
    const account = loc!.storageAccount.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string);
    expect(account).toEqual([expect.stringMatching(/^\[saas-backup-constructs:PreventDestroyOff\] storageAccountProps\.preventDestroy: false lets terraform destroy/)]);
  });
});

describe('Shared Key: access decides it on the account the location makes', () => {
  const at = ' (at stack/Location)';
  const attempt = (props: Partial<PaletteBackupLocationProps>, account: Partial<StorageAccountProps>) => {
    try {
      synthJson((scope) => { location(scope, props, account); });
    } catch (e) {
      return (e as Error).message;
    }
    return undefined;
  };

  test.each<[string, Partial<PaletteBackupLocationProps>, boolean, string]>([
    ['accountKeys() (the default) with allowSharedKeyAccess: false', {}, false,
      'storageAccountProps.allowSharedKeyAccess is false, but PaletteAccess.accountKeys() (the default access) needs Shared Key: Velero lists the '
      + 'account keys and authorizes with them: remove storageAccountProps.allowSharedKeyAccess (it is set to true for you), or use access: '
      + 'PaletteAccess.entraIdOnly() (only for a Velero whose backup storage location sets useAAD: "true")' + at],
    ['entraIdOnly() with allowSharedKeyAccess: true', { access: PaletteAccess.entraIdOnly() }, true,
      'storageAccountProps.allowSharedKeyAccess is true, but PaletteAccess.entraIdOnly() authorizes with Microsoft Entra ID only, which needs Shared '
      + 'Key off: remove storageAccountProps.allowSharedKeyAccess (it is set to false for you), or use access: PaletteAccess.accountKeys()' + at],
  ])('%s is an error with the fix, never silently overridden', (_name, props, allowSharedKeyAccess, message) => {
    expect(attempt(props, { allowSharedKeyAccess })).toBe(message);
  });

  test.each<[string, Partial<PaletteBackupLocationProps>, boolean]>([
    ['accountKeys()', {}, true],
    ['entraIdOnly()', { access: PaletteAccess.entraIdOnly() }, false],
  ])('%s with the agreeing allowSharedKeyAccess is accepted', (_name, props, allowSharedKeyAccess) => {
    const json = synthJson((scope) => { location(scope, props, { allowSharedKeyAccess }); });
    expect(single(json, 'azurerm_storage_account').shared_access_key_enabled).toBe(allowSharedKeyAccess);
  });

  test.each<[string, Partial<PaletteBackupLocationProps>, boolean, string]>([
    ['accountKeys() given a StorageAccount with Shared Key off', {}, false,
      'storageAccount stack/Mine has allowSharedKeyAccess false, but PaletteAccess.accountKeys() (the default access) needs Shared Key: Velero lists '
      + 'the account keys and authorizes with them: make it with allowSharedKeyAccess: true, or use access: PaletteAccess.entraIdOnly() (only for a '
      + 'Velero whose backup storage location sets useAAD: "true")' + at],
    ['entraIdOnly() given a StorageAccount with Shared Key on', { access: PaletteAccess.entraIdOnly() }, true,
      'storageAccount stack/Mine has allowSharedKeyAccess true, but PaletteAccess.entraIdOnly() authorizes with Microsoft Entra ID only, which needs '
      + 'Shared Key off: make it with allowSharedKeyAccess: false, or use access: PaletteAccess.accountKeys()' + at],
  ])('%s is an error', (_name, props, allowSharedKeyAccess, message) => {
    expect(() => synthJson((scope) => {
      const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
      const storageAccount = new StorageAccount(scope, 'Mine', { resourceGroup, storageAccountName: 'palettebackups1234', allowSharedKeyAccess });
      new PaletteBackupLocation(scope, 'Location', { storageAccount, ...props });
    })).toThrow(message);
  });

  test('the caller\'s props are never changed (deeply frozen props are accepted), and the account still gets Shared Key per access', () => {
    const json = synthJson((scope) => {
      const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
      const storageAccountProps: StorageAccountProps = deepFreeze({
        resourceGroup, storageAccountName: 'palettebackups1234', allowedIpRanges: ['203.0.113.0/24'], softDeleteRetentionDays: 14,
      });
      const props: PaletteBackupLocationProps = deepFreeze({ storageAccountProps, containerName: 'velero' });
      new PaletteBackupLocation(scope, 'Location', props);
      expect(Object.keys(storageAccountProps)).toEqual(['resourceGroup', 'storageAccountName', 'allowedIpRanges', 'softDeleteRetentionDays']);
      expect(storageAccountProps.allowSharedKeyAccess).toBeUndefined();
      expect(Object.isFrozen(storageAccountProps.allowedIpRanges)).toBe(true);
    });
    const sa = single(json, 'azurerm_storage_account');
    expect(sa.shared_access_key_enabled).toBe(true);
    expect(sa.network_rules.ip_rules).toEqual(['203.0.113.0/24']);
    expect(sa.blob_properties.delete_retention_policy).toEqual({ days: 14 });
  });

  test('storageAccountProps.provider wins over the location\'s provider for the account; the location\'s is the default', () => {
    const json = synthJson((scope) => {
      const a = new AzurermProvider(scope, 'A', { features: [{}], alias: 'a' });
      const b = new AzurermProvider(scope, 'B', { features: [{}], alias: 'b' });
      const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
      new PaletteBackupLocation(scope, 'One', { storageAccountProps: { resourceGroup, storageAccountName: 'paletteone', provider: b }, provider: a });
      new PaletteBackupLocation(scope, 'Two', { storageAccountProps: { resourceGroup, storageAccountName: 'palettetwo' }, provider: a });
    });
    const accounts = Object.entries(ofType(json, 'azurerm_storage_account')).map(([name, r]) => [name.split('_')[0], r.provider]);
    expect(Object.fromEntries(accounts)).toEqual({ One: 'azurerm.b', Two: 'azurerm.a' });
  });
});

describe('an existing storage account (StorageAccount.fromStorageAccountAttributes)', () => {
  const GROUP_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/platform-backups`;
  const ACCOUNT_ARM_ID = `${GROUP_ID}/providers/Microsoft.Storage/storageAccounts/existingbackups1`;
  const build = (props: Partial<PaletteBackupLocationProps> = {}) => {
    let loc: PaletteBackupLocation | undefined;
    const json = synthJson((scope) => {
      const storageAccount = StorageAccount.fromStorageAccountAttributes(scope, 'Existing', {
        storageAccountName: 'existingbackups1',
        resourceGroup: new CustomGroup(scope, 'Group', GROUP_ID),
        stockKeepingUnit: StockKeepingUnit.STANDARD_RAGRS,
      });
      loc = new PaletteBackupLocation(scope, 'Location', { storageAccount, createOutputs: true, ...props });
    });
    return { json, loc: loc! };
  };

  test('no storage account is created; the container goes on the existing one', () => {
    const { json } = build();
    expect(ofType(json, 'azurerm_storage_account')).toEqual({});
    expect(ofType(json, 'azurerm_storage_account', 'data')).toEqual({});
    expect(single(json, 'azurerm_storage_container')).toMatchObject({ storage_account_id: ACCOUNT_ARM_ID, container_access_type: 'private' });
  });

  test('role assignments are scoped to its ARM ID (derived from the resource group\'s ID and the name)', () => {
    const roles = assignments(build().json);
    expect(Object.keys(roles).sort()).toEqual(['BlobDataContributor', 'ListKeys']);
    expect(roles.BlobDataContributor.scope).toMatch(CONTAINER_ID);
    expect(roles.ListKeys.scope).toBe(ACCOUNT_ARM_ID);
    const role = single(build().json, 'azurerm_role_definition');
    expect(role).toMatchObject({ name: 'Palette Velero storage account keys (existingbackups1)', scope: GROUP_ID, assignable_scopes: [GROUP_ID] });
  });

  test('entraIdOnly() and storageAccountReader: the account-scoped assignments are on its ARM ID too', () => {
    const roles = assignments(build({
      access: PaletteAccess.entraIdOnly(), storageAccountReader: true, blobDataScope: BlobDataScope.STORAGE_ACCOUNT,
    }).json);
    expect(Object.keys(roles).sort()).toEqual(['BlobDataContributor', 'StorageAccountReader']);
    expect(roles.BlobDataContributor.scope).toBe(ACCOUNT_ARM_ID);
    expect(roles.StorageAccountReader.scope).toBe(ACCOUNT_ARM_ID);
  });

  test('an explicit storageAccountId is used as given', () => {
    const id = `${GROUP_ID}/providers/Microsoft.Storage/storageAccounts/existingbackups1`.replace('Microsoft.Storage', 'microsoft.storage');
    const json = synthJson((scope) => {
      const storageAccount = StorageAccount.fromStorageAccountAttributes(scope, 'Existing', {
        storageAccountName: 'existingbackups1',
        storageAccountId: id,
        resourceGroup: ResourceGroup.fromResourceGroupName(scope, 'Group', 'platform-backups'),
        stockKeepingUnit: StockKeepingUnit.STANDARD_GRS,
      });
      new PaletteBackupLocation(scope, 'Location', { storageAccount });
    });
    expect(assignments(json).ListKeys.scope).toBe(id);
  });

  test('the wizard\'s Storage Name, Resource Group and Stock-Keeping Unit are the account\'s', () => {
    const { json, loc } = build();
    expect(json.output.PaletteStorageName.value).toBe('existingbackups1');
    expect(json.output.PaletteResourceGroup.value).toBe('platform');
    expect(json.output.PaletteStockKeepingUnit.value).toBe('Standard_RAGRS');
    expect(json.output.PaletteLocationName.value).toBe('existingbackups1');
    expect([loc.storageName, loc.resourceGroupName, loc.stockKeepingUnit]).toEqual(['existingbackups1', 'platform', StockKeepingUnit.STANDARD_RAGRS]);
    expect(loc.toSpectroCloudTerraform().azureStorageConfig).toMatchObject({
      storageName: 'existingbackups1', resourceGroup: 'platform', stockKeepingUnit: 'Standard_RAGRS',
    });
  });

  test.each<[string, Partial<PaletteBackupLocationProps>, string]>([
    ['accountKeys()', {}, 'on (PaletteAccess.accountKeys() (the default access) needs Shared Key: Velero lists the account keys and authorizes with them)'],
    ['entraIdOnly()', { access: PaletteAccess.entraIdOnly() },
      'off (PaletteAccess.entraIdOnly() authorizes with Microsoft Entra ID only, which needs Shared Key off)'],
  ])('%s: a warning names what the owner must ensure', (_name, props, sharedKey) => {
    const warnings = warningsOf(build(props).loc).filter((w) => w.startsWith('[saas-backup-constructs:ImportedStorageAccount]'));
    expect(warnings).toEqual(['[saas-backup-constructs:ImportedStorageAccount] the storage account stack/Existing is not created here, so its '
      + 'settings cannot be read or set; the container and the role assignments still go on it. Make sure it has what this construct '
      + `would have enforced on a new account: Shared Key authorization ${sharedKey}; HTTPS only with minimum TLS 1.2; no anonymous (public) `
      + 'access to containers or blobs; no cross-tenant replication and no SFTP local users; blob and container soft delete; and protection '
      + 'against deletion (a CanNotDelete lock, or Terraform prevent_destroy where it is managed). Give storageAccountProps instead to have a '
      + 'new account made with these settings.']);
  });

  test('a StorageAccount of this app is not warned about: its settings are this library\'s', () => {
    let loc: PaletteBackupLocation | undefined;
    const json = synthJson((scope) => {
      const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
      const storageAccount = new StorageAccount(scope, 'Shared', { resourceGroup, storageAccountName: 'palettebackups1234', allowSharedKeyAccess: true });
      loc = new PaletteBackupLocation(scope, 'Location', { storageAccount });
    });
    expect(warningsOf(loc!)).toEqual([]);
    expect(Object.keys(ofType(json, 'azurerm_storage_account'))).toEqual([expect.stringMatching(/^Shared_/)]);
    expect(assignments(json).ListKeys.scope).toMatch(/^\$\{azurerm_storage_account\.Shared_[0-9A-F]{8}\.id\}$/);
  });

  test('a resource group ID of a whole subscription is refused, named under storageAccount', () => {
    expect(() => synthJson((scope) => {
      const storageAccount = StorageAccount.fromStorageAccountAttributes(scope, 'Existing', {
        storageAccountName: 'existingbackups1',
        resourceGroup: new CustomGroup(scope, 'Sub', `/subscriptions/${SUBSCRIPTION}`),
        stockKeepingUnit: StockKeepingUnit.STANDARD_GRS,
      });
      new PaletteBackupLocation(scope, 'Location', { storageAccount });
    })).toThrow(`Invalid Azure role scope "/subscriptions/${SUBSCRIPTION}" at stack/Location (storageAccount.resourceGroup.resourceGroupId): it is a whole subscription`);
  });
});

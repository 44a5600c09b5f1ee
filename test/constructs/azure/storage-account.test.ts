import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { StorageAccount as AzurermStorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer as AzurermStorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { Fn, Testing, TerraformOutput, TerraformVariable } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { Construct } from 'constructs';
import * as azure from '../../../src/constructs/azure';
import { IStorageAccount, ResourceGroup, StockKeepingUnit, StorageAccount, StorageAccountProps, StorageContainer } from '../../../src/constructs/azure';
import { checkedByParent } from '../../../src/constructs/private/checked-by-parent';
import { synthJson, single } from '../../support/azure';

function account(scope: Construct, props: Partial<StorageAccountProps> = {}): StorageAccount {
  const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
  return new StorageAccount(scope, 'Account', { storageAccountName: 'palettebackups1234', resourceGroup, ...props });
}

describe('StorageAccount secure defaults', () => {
  const json = synthJson((scope) => { account(scope); });
  const sa = single(json, 'azurerm_storage_account');

  test('HTTPS only', () => expect(sa.https_traffic_only_enabled).toBe(true));
  test('minimum TLS 1.2', () => expect(sa.min_tls_version).toBe('TLS1_2'));
  test('no anonymous (nested items public) access', () => expect(sa.allow_nested_items_to_be_public).toBe(false));
  test('no cross-tenant replication', () => expect(sa.cross_tenant_replication_enabled).toBe(false));
  test('Shared Key authorization off', () => expect(sa.shared_access_key_enabled).toBe(false));
  test('Entra ID is the default authorization', () => expect(sa.default_to_oauth_authentication).toBe(true));
  test('no SFTP local users', () => expect(sa.local_user_enabled).toBe(false));
  test('public endpoint on, no firewall, no trusted-service bypass', () => {
    expect(sa.public_network_access_enabled).toBe(true);
    expect(sa.network_rules).toEqual({ default_action: 'Allow', bypass: ['None'] });
  });
  test('blob and container soft delete for 7 days, no versioning', () => {
    expect(sa.blob_properties).toEqual({
      delete_retention_policy: { days: 7 },
      container_delete_retention_policy: { days: 7 },
      versioning_enabled: false,
    });
  });
  test('SKU Standard_GRS as a general-purpose v2 account', () => {
    expect([sa.account_tier, sa.account_replication_type, sa.account_kind]).toEqual(['Standard', 'GRS', 'StorageV2']);
  });
  test('in the resource group and its region', () => {
    expect(sa.resource_group_name).toMatch(/^\$\{azurerm_resource_group\.Group_\w+\.name\}$/);
    expect(sa.location).toMatch(/^\$\{azurerm_resource_group\.Group_\w+\.location\}$/);
  });
  test('creates no provider', () => expect(json.provider).toBeUndefined());
  test('prevent_destroy on: no plan may destroy or replace the account', () => expect(sa.lifecycle).toEqual({ prevent_destroy: true }));
  test('no management lock unless asked', () => expect(json.resource.azurerm_management_lock).toBeUndefined());

  test('the security settings, as one reviewed snapshot', () => {
    const { name, resource_group_name: rg, location, ...settings } = sa;
    expect(settings).toMatchSnapshot();
  });
});

describe('StorageAccount options', () => {
  test('Premium SKUs are BlockBlobStorage accounts', () => {
    const synthesized = Testing.synthScope((scope) => { account(scope, { stockKeepingUnit: StockKeepingUnit.PREMIUM_ZRS }); });
    expect(synthesized).toHaveResourceWithProperties(AzurermStorageAccount, {
      account_tier: 'Premium', account_replication_type: 'ZRS', account_kind: 'BlockBlobStorage',
    });
  });

  test('StockKeepingUnit.of takes a valid name', () => {
    const synthesized = Testing.synthScope((scope) => { account(scope, { stockKeepingUnit: StockKeepingUnit.of('Standard_RAGZRS') }); });
    expect(synthesized).toHaveResourceWithProperties(AzurermStorageAccount, { account_tier: 'Standard', account_replication_type: 'RAGZRS' });
  });

  test('the firewall denies all but the listed addresses and subnets', () => {
    const subnet = '/subscriptions/66666666-7777-8888-9999-aaaaaaaaaaaa/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/aks/subnets/nodes';
    const sa = single(synthJson((scope) => { account(scope, { allowedIpRanges: ['203.0.113.0/24'], allowedSubnetIds: [subnet] }); }), 'azurerm_storage_account');
    expect(sa.public_network_access_enabled).toBe(true);
    expect(sa.network_rules).toEqual({ default_action: 'Deny', bypass: ['None'], ip_rules: ['203.0.113.0/24'], virtual_network_subnet_ids: [subnet] });
  });

  test('Shared Key on only when asked', () => {
    const sa = single(synthJson((scope) => { account(scope, { allowSharedKeyAccess: true }); }), 'azurerm_storage_account');
    expect(sa.shared_access_key_enabled).toBe(true);
  });

  test('the caller\'s firewall arrays are copied, not kept: changing them later changes nothing', () => {
    const json = synthJson((scope) => {
      const allowedIpRanges = ['203.0.113.0/24'];
      const allowedSubnetIds: string[] = [];
      account(scope, { allowedIpRanges, allowedSubnetIds });
      allowedIpRanges.push('198.51.100.7');
      allowedSubnetIds.push('/subscriptions/66666666-7777-8888-9999-aaaaaaaaaaaa/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/s');
    });
    expect(single(json, 'azurerm_storage_account').network_rules).toEqual({
      default_action: 'Deny', bypass: ['None'], ip_rules: ['203.0.113.0/24'], virtual_network_subnet_ids: [],
    });
  });

  test('soft delete retention and region can be set', () => {
    const sa = single(synthJson((scope) => { account(scope, { softDeleteRetentionDays: 30, location: 'northeurope' }); }), 'azurerm_storage_account');
    expect(sa.blob_properties.delete_retention_policy).toEqual({ days: 30 });
    expect(sa.blob_properties.container_delete_retention_policy).toEqual({ days: 30 });
    expect(sa.location).toBe('northeurope');
  });

  test('uses the provider it is given', () => {
    const json = synthJson((scope) => {
      const west = new AzurermProvider(scope, 'West', { features: [{}], alias: 'west' });
      account(scope, { provider: west });
    });
    expect(single(json, 'azurerm_storage_account').provider).toBe('azurerm.west');
  });
});

describe('the submodule\'s public face', () => {
  test('exports the constructs, not the internal props check', () => {
    expect(Object.keys(azure)).toEqual(expect.arrayContaining(['StorageAccount', 'StorageContainer', 'PaletteBackupLocation']));
    expect(Object.keys(azure)).not.toContain('checkStorageAccountProps');
  });
});

describe('StorageAccount deletion protection', () => {
  const warningsOf = (c: Construct) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string);

  test('deletionLock: a CanNotDelete lock on the account', () => {
    let made: StorageAccount | undefined;
    const json = synthJson((scope) => { made = account(scope, { deletionLock: true }); });
    expect(single(json, 'azurerm_management_lock')).toEqual({
      name: 'backups-cannot-delete',
      scope: expect.stringMatching(/^\$\{azurerm_storage_account\.Account_\w+\.id\}$/),
      lock_level: 'CanNotDelete',
      notes: 'Holds backups: remove this lock before deleting the storage account.',
    });
    expect(made!.deletionLock).toBeDefined();
    expect(single(json, 'azurerm_storage_account').lifecycle).toEqual({ prevent_destroy: true });
    expect(warningsOf(made!)).toEqual([]);
  });

  test('preventDestroy: false removes the lifecycle, with a warning naming its ID', () => {
    let made: StorageAccount | undefined;
    const json = synthJson((scope) => { made = account(scope, { preventDestroy: false }); });
    expect(single(json, 'azurerm_storage_account').lifecycle).toBeUndefined();
    expect(warningsOf(made!)).toEqual([
      '[saas-backup-constructs:PreventDestroyOff] preventDestroy: false lets terraform destroy (or a change that replaces the account) '
      + 'delete this storage account with every backup in it; soft delete does not cover a deleted account. '
      + 'Leave it on (the default) for accounts that hold backups.',
    ]);
  });

  test('the lock takes the account\'s provider', () => {
    const json = synthJson((scope) => {
      const west = new AzurermProvider(scope, 'West', { features: [{}], alias: 'west' });
      account(scope, { deletionLock: true, provider: west });
    });
    expect(single(json, 'azurerm_management_lock').provider).toBe('azurerm.west');
  });
});

describe('firewall lists given as tokens', () => {
  test.each<[string, (scope: Construct) => string[], unknown]>([
    ['TerraformVariable(list(string)).listValue', (scope) => new TerraformVariable(scope, 'ips', { type: 'list(string)' }).listValue, '${var.ips}'],
    ['Fn.tolist', () => Fn.tolist(['198.51.100.0/24']), '${tolist(["198.51.100.0/24"])}'],
  ])('%s is accepted without a false error and passed through as the list', (_name, list, expected) => {
    let ipRules: unknown;
    expect(() => {
      const json = synthJson((scope) => { account(scope, { allowedIpRanges: list(scope) }); });
      ipRules = single(json, 'azurerm_storage_account').network_rules;
    }).not.toThrow();
    expect(ipRules).toMatchObject({ default_action: 'Deny', ip_rules: expected });
  });

  test('a token subnet list too', () => {
    const json = synthJson((scope) => {
      account(scope, { allowedSubnetIds: new TerraformVariable(scope, 'subnets', { type: 'list(string)' }).listValue });
    });
    expect(single(json, 'azurerm_storage_account').network_rules).toMatchObject({ default_action: 'Deny', virtual_network_subnet_ids: '${var.subnets}' });
  });
});

describe('StorageContainer', () => {
  const container = (scope: Construct, containerName: string) =>
    new StorageContainer(scope, 'Container', { storageAccount: account(scope), containerName });

  test('is private and created through Azure Resource Manager (storage_account_id)', () => {
    const synthesized = Testing.synthScope((scope) => { container(scope, 'palette-backups'); });
    expect(synthesized).toHaveResourceWithProperties(AzurermStorageContainer, { name: 'palette-backups', container_access_type: 'private' });
    const c = single(JSON.parse(synthesized), 'azurerm_storage_container');
    expect(c.storage_account_id).toMatch(/^\$\{azurerm_storage_account\.Account_\w+\.id\}$/);
    expect(c.storage_account_name).toBeUndefined();
  });

  test('exposes its ARM ID (azurerm\'s id, not the deprecated resource_manager_id) as a role assignment scope', () => {
    const json = synthJson((scope) => { new TerraformOutput(scope, 'Id', { value: container(scope, 'velero').containerId }); });
    expect(Object.values(json.output as Record<string, { value: string }>)[0].value)
      .toMatch(/^\$\{azurerm_storage_container\.Container_\w+\.id\}$/);
  });

  test('validates the container name', () => {
    expect(() => synthJson((scope) => { container(scope, 'Palette--Backups'); })).toThrow(
      'Invalid Azure blob container name "Palette--Backups" at stack/Container (containerName): uppercase letters are not allowed; '
      + 'consecutive hyphens are not allowed. Use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.',
    );
  });
});

describe('a parent that checked the props (checkedByParent)', () => {
  const warningsOf = (c: Construct) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string);
  test('the account does not check them again, and names them with the parent\'s prefix in its warnings', () => {
    let made: StorageAccount | undefined;
    // An invalid name, marked as checked: the account trusts its parent (which has thrown every problem) and does not report it a second time.
    expect(() => synthJson((scope) => {
      const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
      made = new StorageAccount(scope, 'Account', checkedByParent({ resourceGroup, storageAccountName: 'Not_Checked_Twice', preventDestroy: false },
        { prefix: 'storageAccountProps.' }));
    })).not.toThrow();
    expect(warningsOf(made!)).toEqual([expect.stringMatching(/^\[saas-backup-constructs:PreventDestroyOff\] storageAccountProps\.preventDestroy: false lets/)]);
  });

  test('without the mark the same props are refused', () => {
    expect(() => synthJson((scope) => { account(scope, { storageAccountName: 'Not_Checked_Twice' }); }))
      .toThrow('Invalid Azure storage account name "Not_Checked_Twice" at stack/Account (storageAccountName)');
  });
});

describe('StorageAccount.fromStorageAccountAttributes', () => {
  const GROUP_ID = '/subscriptions/66666666-7777-8888-9999-aaaaaaaaaaaa/resourceGroups/platform-backups';
  const importAccount = (attrs: object) => synthJson((scope) => {
    const resourceGroup = ResourceGroup.fromResourceGroupName(scope, 'Group', 'platform-backups');
    new TerraformOutput(scope, 'Id', { value: StorageAccount.fromStorageAccountAttributes(scope, 'Existing', { resourceGroup, ...attrs } as never).storageAccountId });
  });

  test('reads and creates nothing; the ARM ID is derived from the resource group\'s ID and the name', () => {
    const json = importAccount({ storageAccountName: 'existingbackups1', stockKeepingUnit: StockKeepingUnit.STANDARD_GRS });
    expect(json.resource).toBeUndefined();
    expect(Object.keys(json.data)).toEqual(['azurerm_resource_group']);
    expect(json.output.Id.value).toMatch(/^\$\{data\.azurerm_resource_group\.Group_Lookup_[0-9A-F]{8}\.id\}\/providers\/Microsoft\.Storage\/storageAccounts\/existingbackups1$/);
  });

  test('the attributes as given: name, resource group, SKU, and an explicit ARM ID', () => {
    let imported: IStorageAccount | undefined;
    let group: ResourceGroup | undefined;
    synthJson((scope) => {
      group = new ResourceGroup(scope, 'Group', { resourceGroupName: 'platform-backups', location: 'westeurope' });
      imported = StorageAccount.fromStorageAccountAttributes(scope, 'Existing', {
        storageAccountName: 'existingbackups1',
        resourceGroup: group,
        stockKeepingUnit: StockKeepingUnit.PREMIUM_ZRS,
        storageAccountId: `${GROUP_ID}/providers/Microsoft.Storage/storageAccounts/existingbackups1`,
      });
    });
    expect(imported!.storageAccountName).toBe('existingbackups1');
    expect(imported!.resourceGroup).toBe(group);
    expect(imported!.stockKeepingUnit).toBe(StockKeepingUnit.PREMIUM_ZRS);
    expect(imported!.storageAccountId).toBe(`${GROUP_ID}/providers/Microsoft.Storage/storageAccounts/existingbackups1`);
  });

  const at = ' (at stack/Existing)';
  test.each<[string, object, string]>([
    ['a bad name', { storageAccountName: 'Existing-Backups', stockKeepingUnit: StockKeepingUnit.STANDARD_GRS },
      'Invalid Azure storage account name "Existing-Backups" at stack/Existing (storageAccountName): uppercase letters are not allowed'],
    ['an unknown SKU', { storageAccountName: 'existingbackups1', stockKeepingUnit: StockKeepingUnit.of('Premium_GRS') },
      'Invalid Azure storage Stock-Keeping Unit "Premium_GRS" at stack/Existing (stockKeepingUnit): Premium is only available with LRS or ZRS.'],
    ['a missing SKU', { storageAccountName: 'existingbackups1' },
      'stockKeepingUnit is required; give the account\'s SKU, e.g. StockKeepingUnit.STANDARD_GRS (Palette\'s wizard asks for it)' + at],
    ['a string for the SKU', { storageAccountName: 'existingbackups1', stockKeepingUnit: 'Standard_GRS' },
      'stockKeepingUnit must be a StockKeepingUnit (e.g. StockKeepingUnit.STANDARD_GRS or StockKeepingUnit.of(name)), not a string' + at],
    ['a storageAccountId that is not a storage account\'s', {
      storageAccountName: 'existingbackups1',
      stockKeepingUnit: StockKeepingUnit.STANDARD_GRS,
      storageAccountId: GROUP_ID,
    },
    `Invalid Azure storage account ID "${GROUP_ID}" at stack/Existing (storageAccountId): it is not a storage account resource ID.`],
    ['a storageAccountId of another account', {
      storageAccountName: 'existingbackups1',
      stockKeepingUnit: StockKeepingUnit.STANDARD_GRS,
      storageAccountId: `${GROUP_ID}/providers/Microsoft.Storage/storageAccounts/otherbackups`,
    },
    'storageAccountId names the account "otherbackups", not storageAccountName "existingbackups1": give the ID of that account, or leave '
      + 'storageAccountId out to derive it from the resource group' + at],
  ])('%s is refused', (_name, attrs, message) => {
    expect(() => importAccount(attrs)).toThrow(message);
  });

  test('every problem in one message, props named', () => {
    expect(() => importAccount({ storageAccountName: 'X', storageAccountId: 'nope' })).toThrow(new RegExp('^3 problems:\\n'
      + '- stockKeepingUnit is required;[^\\n]*\\n'
      + '- Invalid Azure storage account name "X" at stack/Existing \\(storageAccountName\\)[^\\n]*\\n'
      + '- Invalid Azure storage account ID "nope" at stack/Existing \\(storageAccountId\\)'));
  });

  test.each<[string, unknown, string]>([
    ['no attributes', undefined, 'attributes are required: an object with storageAccountName, resourceGroup and stockKeepingUnit' + at],
    ['a string for the resource group', { storageAccountName: 'existingbackups1', resourceGroup: 'platform-backups', stockKeepingUnit: StockKeepingUnit.STANDARD_GRS },
      'resourceGroup must be an IResourceGroup (a ResourceGroup or ResourceGroup.fromResourceGroupName(...)), not a string' + at],
  ])('JavaScript callers: %s', (_name, attrs, message) => {
    expect(() => synthJson((scope) => { StorageAccount.fromStorageAccountAttributes(scope, 'Existing', attrs as never); })).toThrow(message);
  });

  test('a token name and SKU are accepted (nothing is derived from the SKU of an existing account)', () => {
    expect(() => synthJson((scope) => {
      const v = new TerraformVariable(scope, 'V', { type: 'string' }).stringValue;
      StorageAccount.fromStorageAccountAttributes(scope, 'Existing', {
        storageAccountName: v, stockKeepingUnit: StockKeepingUnit.of(v), resourceGroup: ResourceGroup.fromResourceGroupName(scope, 'Group', 'rg'),
      });
    })).not.toThrow();
  });
});

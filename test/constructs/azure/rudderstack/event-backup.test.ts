import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  ResourceGroup,
  RudderStackCredentials,
  RudderStackEventBackup,
  RudderStackEventBackupProps,
  RudderStackPermissions,
  StockKeepingUnit,
  StorageAccount,
  StorageAccountProps,
} from '../../../../src/constructs/azure';
import { rudderStackDataActions } from '../../../../src/policies/azure/rudderstack';
import { ofType, single, synthJson } from '../../../support/azure';

const SAS = RudderStackCredentials.sasToken({ start: '2026-12-01T00:00:00Z', expiry: '2027-06-01T00:00:00Z' });

/** An event backup that makes its storage account: `props` are the backup's, `account` the account's (`storageAccountProps`). */
function build(scope: Construct, props: Partial<RudderStackEventBackupProps> = {},
  account: Partial<StorageAccountProps> = {}): RudderStackEventBackup {
  const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'rudderstack', location: 'westeurope' });
  return new RudderStackEventBackup(scope, 'Events', {
    storageAccountProps: { resourceGroup, storageAccountName: 'acmerudderevents', ...account },
    credentials: SAS,
    createOutputs: true,
    ...props,
  });
}

const warningsOf = (c: Construct) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string);

describe('RudderStackEventBackup (Azure Blob Storage)', () => {
  test('default: a container SAS with exactly Write, HTTPS only, the given window, on the new container', () => {
    const json = synthJson((s) => { build(s); });
    const sas = single(json, 'azurerm_storage_account_blob_container_sas', 'data');
    expect(sas).toEqual({
      connection_string: expect.stringMatching(/^\$\{azurerm_storage_account\.[\w]+\.primary_connection_string\}$/),
      container_name: expect.stringMatching(/^\$\{azurerm_storage_container\.[\w]+\.name\}$/),
      https_only: true,
      start: '2026-12-01T00:00:00Z',
      expiry: '2027-06-01T00:00:00Z',
      permissions: { read: false, add: false, create: false, write: true, delete: false, list: false },
    });
    expect(rudderStackDataActions('write-only')).toEqual(['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write']);
  });

  test('backupAndReplay(): Read, Write and List, never Delete, Add or Create', () => {
    const json = synthJson((s) => { build(s, { permissions: RudderStackPermissions.backupAndReplay() }); });
    expect(single(json, 'azurerm_storage_account_blob_container_sas', 'data').permissions)
      .toEqual({ read: true, add: false, create: false, write: true, delete: false, list: true });
    expect(rudderStackDataActions('backup-and-replay')).toEqual([
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
    ]);
  });

  test('the storage account keeps StorageAccount\'s secure defaults; Shared Key is on because both of RudderStack\'s credentials need it', () => {
    const json = synthJson((s) => { build(s); });
    const account = single(json, 'azurerm_storage_account');
    expect(account).toMatchObject({
      name: 'acmerudderevents',
      https_traffic_only_enabled: true,
      min_tls_version: 'TLS1_2',
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: true,
      cross_tenant_replication_enabled: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(single(json, 'azurerm_storage_container')).toMatchObject({ name: 'rudderstack-event-backups', container_access_type: 'private' });
    expect(ofType(json, 'azurerm_role_assignment')).toEqual({});
  });

  test('outputs carry the dashboard\'s exact labels; the token is sensitive and a reference, never a literal', () => {
    const json = synthJson((s) => { build(s, { prefix: 'rudder' }); });
    const byDescription = Object.fromEntries(Object.values(json.output).map((o: any) => [o.description.split('"')[1], o]));
    expect(Object.keys(byDescription).sort()).toEqual([
      'Azure Blob Storage Account Name',
      'Azure Blob Storage Container Name',
      'Azure Blob Storage SAS Token',
      'Prefix',
      'Use shared access signature (SAS) Tokens',
    ]);
    expect(byDescription['Azure Blob Storage SAS Token']).toMatchObject({
      sensitive: true,
      value: expect.stringMatching(/^\$\{trimprefix\(data\.azurerm_storage_account_blob_container_sas\.[\w]+\.sas, "\?"\)\}$/),
    });
    expect(byDescription['Use shared access signature (SAS) Tokens'].value).toBe('true');
    expect(byDescription.Prefix.value).toBe('rudder');
  });

  test('accountKey(): the key as a sensitive output, no SAS, and a warning naming its reach', () => {
    let made: RudderStackEventBackup | undefined;
    const json = synthJson((s) => { made = build(s, { credentials: RudderStackCredentials.accountKey() }); });
    expect(ofType(json, 'azurerm_storage_account_blob_container_sas', 'data')).toEqual({});
    const key = Object.values(json.output).find((o: any) => o.description.startsWith('RudderStack "Azure Blob Storage Account Key"')) as any;
    expect(key).toMatchObject({ sensitive: true, value: expect.stringMatching(/^\$\{azurerm_storage_account\.[\w]+\.primary_access_key\}$/) });
    expect(warningsOf(made!)).toEqual([expect.stringMatching(/^\[saas-backup-constructs:RudderStackAccountKey\] RudderStack gets the storage account key: full control/)]);
  });

  test.each<[string, string, string, string[]]>([
    ['an expiry in the past', '2020-01-01T00:00:00Z', '2020-06-01T00:00:00Z', ['[saas-backup-constructs:RudderStackSasExpired] credentials.expiry '
      + '2020-06-01T00:00:00Z is in the past: the SAS token would be signed already expired: Azure Storage refuses every request made with it, so '
      + 'RudderStack\'s event backups fail. Move the window forward, apply, and paste the new token into RudderStack. Give a future date.']],
    ['an expiry in the future', '2026-12-01T00:00:00Z', '2999-06-01T00:00:00Z', [expect.stringMatching(/^\[saas-backup-constructs:RudderStackSasLongLived\]/) as any]],
  ])('a SAS window: %s', (_name, start, expiry, expected) => {
    let made: RudderStackEventBackup | undefined;
    synthJson((s) => { made = build(s, { credentials: RudderStackCredentials.sasToken({ start, expiry }) }); });
    expect(warningsOf(made!)).toEqual(expected);
  });

  test('a SAS of more than a year warns; a year does not', () => {
    let long: RudderStackEventBackup | undefined;
    let year: RudderStackEventBackup | undefined;
    synthJson((s) => { long = build(s, { credentials: RudderStackCredentials.sasToken({ start: '2026-12-01T00:00:00Z', expiry: '2028-12-01T00:00:00Z' }) }); });
    synthJson((s) => { year = build(s, { credentials: RudderStackCredentials.sasToken({ start: '2026-12-01T00:00:00Z', expiry: '2027-12-01T00:00:00Z' }) }); });
    expect(warningsOf(long!)).toEqual([expect.stringMatching(/^\[saas-backup-constructs:RudderStackSasLongLived\] the SAS token lives 731 days/)]);
    expect(warningsOf(year!)).toEqual([]);
  });

  test.each<[string, Partial<RudderStackEventBackupProps> | ((s: Construct) => Partial<RudderStackEventBackupProps>), string]>([
    ['expiry before start', { credentials: RudderStackCredentials.sasToken({ start: '2027-06-01T00:00:00Z', expiry: '2027-01-01T00:00:00Z' }) },
      'credentials: the SAS expiry 2027-01-01T00:00:00Z is not after its start 2027-06-01T00:00:00Z; move the expiry after the start (at stack/Events)'],
    ['expiry not UTC', { credentials: RudderStackCredentials.sasToken({ start: '2026-12-01T00:00:00Z', expiry: '2027-06-01T00:00:00+02:00' }) },
      'Invalid SAS start or expiry time "2027-06-01T00:00:00+02:00" at stack/Events (credentials.expiry): it is not in UTC (end it with Z). Write a UTC time such as 2027-06-01T00:00:00Z.'.replace('2027-06-01T00:00:00Z.', '2027-06-30T00:00:00Z.')],
    ['start not a date', { credentials: RudderStackCredentials.sasToken({ start: '2026-02-30T00:00:00Z', expiry: '2027-06-01T00:00:00Z' }) },
      'Invalid SAS start or expiry time "2026-02-30T00:00:00Z" at stack/Events (credentials.start): it is not a real date and time. Write a UTC time such as 2027-06-30T00:00:00Z.'],
    ['expiry as a token', (s) => ({ credentials: RudderStackCredentials.sasToken({ start: '2026-12-01T00:00:00Z', expiry: new TerraformVariable(s, 'expiry', { type: 'string' }).stringValue }) }),
      'credentials.expiry is a token: give a literal UTC time (a computed time such as timestamp() changes the SAS token on every plan) (at stack/Events)'],
    ['a start that is not a string (JavaScript)', { credentials: RudderStackCredentials.sasToken({ start: 5 as any, expiry: '2027-06-01T00:00:00Z' }) },
      'credentials.start is required: a UTC time such as 2027-06-01T00:00:00Z, as a string (at stack/Events)'],
    ['a missing window (JavaScript)', { credentials: RudderStackCredentials.sasToken({} as any) },
      'credentials.start is required: a UTC time such as 2027-06-01T00:00:00Z, as a string (at stack/Events)\n- credentials.expiry is required'],
    ['missing credentials (JavaScript)', { credentials: undefined as any },
      'credentials is required: RudderStackCredentials.sasToken({ start, expiry }) (recommended) or RudderStackCredentials.accountKey() (at stack/Events)'],
    ['permissions as a string (JavaScript)', { permissions: 'backupAndReplay' as any },
      'permissions must be RudderStackPermissions.writeOnly() or RudderStackPermissions.backupAndReplay() (at stack/Events)'],
    ['permissions with the account key', { credentials: RudderStackCredentials.accountKey(), permissions: RudderStackPermissions.writeOnly() },
      'permissions limits a SAS token; the account key ignores it (full control of the account): remove permissions, or use RudderStackCredentials.sasToken (at stack/Events)'],
    ['prefix with a leading slash', { prefix: '/rudder' },
      'Invalid RudderStack prefix "/rudder" at stack/Events (prefix): it starts with "/". Write a folder path such as "rudder" or "events/prod" (at most 100 characters, no leading "/").'],
    ['container name', { containerName: 'Rudder_Events' }, 'Invalid'],
  ])('refuses %s', (_name, props, message) => {
    expect(() => synthJson((s) => { build(s, typeof props === 'function' ? props(s) : props); })).toThrow(message);
  });

  test.each<[string, Partial<StorageAccountProps>, string]>([
    ['a missing resource group (JavaScript)', { resourceGroup: undefined as any },
      'storageAccountProps.resourceGroup is required; give a ResourceGroup, or ResourceGroup.fromResourceGroupName(...) for an existing one (at stack/Events)'],
    ['a missing account name (JavaScript)', { storageAccountName: undefined as any },
      'storageAccountProps.storageAccountName is required; give the storage account\'s name (3-24 lowercase letters and digits, unique in Azure) (at stack/Events)'],
    ['a bad account name', { storageAccountName: 'Acme-Events' },
      'Invalid Azure storage account name "Acme-Events" at stack/Events (storageAccountProps.storageAccountName): uppercase letters are not allowed'],
    ['a private firewall range', { allowedIpRanges: ['10.0.0.0/8'] },
      'Invalid Azure storage firewall IP rule "10.0.0.0/8" at stack/Events (storageAccountProps.allowedIpRanges[0])'],
    ['soft delete over 365 days', { softDeleteRetentionDays: 366 },
      'storageAccountProps.softDeleteRetentionDays must be a whole number of days from 1 to 365, not 366 (at stack/Events)'],
    ['"false" for preventDestroy (JavaScript)', { preventDestroy: 'false' as any },
      'storageAccountProps.preventDestroy must be a boolean (true or false), not a string'],
  ])('refuses %s in storageAccountProps, named with the prefix', (_name, account, message) => {
    expect(() => synthJson((s) => { build(s, {}, account); })).toThrow(message);
  });

  test('every problem of the account\'s props and of the backup is in one message', () => {
    expect(() => synthJson((s) => { build(s, { containerName: 'Bad', prefix: '/x' }, { storageAccountName: 'X', allowSharedKeyAccess: false }); }))
      .toThrow(new RegExp('^4 problems:\\n'
        + '- Invalid Azure storage account name "X" at stack/Events \\(storageAccountProps\\.storageAccountName\\)[^\\n]*\\n'
        + '- storageAccountProps\\.allowSharedKeyAccess is false[^\\n]*\\n'
        + '- Invalid Azure blob container name "Bad"[^\\n]*\\n'
        + '- Invalid RudderStack prefix "/x"'));
  });

  test('the storage account\'s other props reach it (subnets, SKU, region, soft delete, lock)', () => {
    const json = synthJson((s) => {
      build(s, {}, {
        stockKeepingUnit: StockKeepingUnit.STANDARD_ZRS,
        location: 'northeurope',
        softDeleteRetentionDays: 30,
        deletionLock: true,
        allowedSubnetIds: ['/subscriptions/66666666-7777-8888-9999-aaaaaaaaaaaa/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/s'],
      });
    });
    const account = single(json, 'azurerm_storage_account');
    expect(account).toMatchObject({ account_replication_type: 'ZRS', location: 'northeurope', shared_access_key_enabled: true });
    expect(account.blob_properties.delete_retention_policy).toEqual({ days: 30 });
    expect(account.network_rules.default_action).toBe('Deny');
    expect(single(json, 'azurerm_management_lock')).toMatchObject({ lock_level: 'CanNotDelete' });
  });
});

describe('RudderStackEventBackup (Azure): storageAccount or storageAccountProps', () => {
  const at = ' (at stack/Events)';
  const attempt = (choose: (scope: Construct, group: ResourceGroup) => object): string | undefined => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const group = new ResourceGroup(stack, 'Group', { resourceGroupName: 'rudderstack', location: 'westeurope' });
    try {
      new RudderStackEventBackup(stack, 'Events', { credentials: SAS, ...choose(stack, group) } as RudderStackEventBackupProps);
    } catch (e) {
      return (e as Error).message;
    }
    return undefined;
  };

  test.each<[string, (scope: Construct, group: ResourceGroup) => object, string]>([
    ['neither', () => ({}),
      'Give storageAccount (an existing storage account: StorageAccount.fromStorageAccountAttributes, or a StorageAccount) or storageAccountProps (to create one)' + at],
    ['both', (scope, resourceGroup) => ({
      storageAccount: StorageAccount.fromStorageAccountAttributes(scope, 'Existing', {
        storageAccountName: 'acmeexisting', resourceGroup, stockKeepingUnit: StockKeepingUnit.STANDARD_GRS,
      }),
      storageAccountProps: { resourceGroup, storageAccountName: 'acmerudderevents' },
    }), 'Give either storageAccount (an existing or separately created storage account) or storageAccountProps (to create one), not both' + at],
    ['a string for storageAccount', () => ({ storageAccount: 'acmeexisting' }),
      'storageAccount must be an IStorageAccount (StorageAccount.fromStorageAccountAttributes(...) or a StorageAccount), not a string' + at],
    ['a number for storageAccountProps', () => ({ storageAccountProps: 5 }),
      'storageAccountProps must be StorageAccountProps (an object with storageAccountName and resourceGroup), not a number' + at],
    ['Shared Key off in storageAccountProps', (_scope, resourceGroup) => ({
      storageAccountProps: { resourceGroup, storageAccountName: 'acmerudderevents', allowSharedKeyAccess: false },
    }), 'storageAccountProps.allowSharedKeyAccess is false, but RudderStack\'s SAS token and account key are both signed with the account key, '
      + 'which needs Shared Key authorization: remove storageAccountProps.allowSharedKeyAccess (it is set to true for you)' + at],
    ['a StorageAccount of this app with Shared Key off', (scope, resourceGroup) => ({
      storageAccount: new StorageAccount(scope, 'Mine', { resourceGroup, storageAccountName: 'acmerudderevents' }),
    }), 'storageAccount stack/Mine has allowSharedKeyAccess false, but RudderStack\'s SAS token and account key are both signed with the account '
      + 'key, which needs Shared Key authorization: make it with allowSharedKeyAccess: true' + at],
    ['an account of your own whose ID is a resource group\'s', (_scope, resourceGroup) => ({
      storageAccount: {
        node: resourceGroup.node,
        storageAccountName: 'acmeexisting',
        resourceGroup,
        stockKeepingUnit: StockKeepingUnit.STANDARD_GRS,
        storageAccountId: '/subscriptions/66666666-7777-8888-9999-aaaaaaaaaaaa/resourceGroups/rudderstack',
      },
    }), 'Invalid Azure storage account ID "/subscriptions/66666666-7777-8888-9999-aaaaaaaaaaaa/resourceGroups/rudderstack" at stack/Events '
      + '(storageAccount.storageAccountId): it is not a storage account resource ID. Use the account\'s resource ID, '
      + '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name> (the portal\'s JSON view, '
      + 'or az storage account show --query id); StorageAccount.fromStorageAccountAttributes derives it from the resource group when it is left out.'],
  ])('%s', (_name, choose, message) => {
    expect(attempt(choose)).toBe(message);
  });

  test('allowSharedKeyAccess: true (what it needs anyway) is accepted', () => {
    const json = synthJson((s) => { build(s, {}, { allowSharedKeyAccess: true }); });
    expect(single(json, 'azurerm_storage_account').shared_access_key_enabled).toBe(true);
  });

  test('the caller\'s props are never changed (frozen props are accepted)', () => {
    const json = synthJson((s) => {
      const resourceGroup = new ResourceGroup(s, 'Group', { resourceGroupName: 'rudderstack', location: 'westeurope' });
      const storageAccountProps: StorageAccountProps = Object.freeze({
        resourceGroup, storageAccountName: 'acmerudderevents', allowedIpRanges: Object.freeze(['203.0.113.0/24']) as string[],
      });
      new RudderStackEventBackup(s, 'Events', Object.freeze({ storageAccountProps, credentials: SAS }));
      expect(Object.keys(storageAccountProps)).toEqual(['resourceGroup', 'storageAccountName', 'allowedIpRanges']);
    });
    expect(single(json, 'azurerm_storage_account').shared_access_key_enabled).toBe(true);
  });

  describe('an existing account (StorageAccount.fromStorageAccountAttributes)', () => {
    const existing = (credentials = SAS, provider?: (s: Construct) => AzurermProvider) => {
      let made: RudderStackEventBackup | undefined;
      const json = synthJson((s) => {
        const storageAccount = StorageAccount.fromStorageAccountAttributes(s, 'Existing', {
          storageAccountName: 'acmeexisting',
          stockKeepingUnit: StockKeepingUnit.STANDARD_LRS,
          resourceGroup: ResourceGroup.fromResourceGroupName(s, 'Group', 'events'),
        });
        made = new RudderStackEventBackup(s, 'Events', { storageAccount, credentials, createOutputs: true, provider: provider?.(s) });
      });
      return { json, made: made! };
    };

    test('no account is created; the container goes on it, and the SAS is signed with its key read by the azurerm_storage_account data source', () => {
      const { json } = existing();
      expect(ofType(json, 'azurerm_storage_account')).toEqual({});
      expect(single(json, 'azurerm_storage_account', 'data')).toEqual({
        name: 'acmeexisting',
        resource_group_name: expect.stringMatching(/^\$\{data\.azurerm_resource_group\.Group_Lookup_[0-9A-F]{8}\.name\}$/),
      });
      expect(single(json, 'azurerm_storage_container').storage_account_id)
        .toMatch(/^\$\{data\.azurerm_resource_group\.Group_Lookup_[0-9A-F]{8}\.id\}\/providers\/Microsoft\.Storage\/storageAccounts\/acmeexisting$/);
      expect(single(json, 'azurerm_storage_account_blob_container_sas', 'data').connection_string)
        .toMatch(/^\$\{data\.azurerm_storage_account\.Events_StorageAccountKeys_[0-9A-F]{8}\.primary_connection_string\}$/);
      const name = Object.values(json.output).find((o: any) => o.description.includes('"Azure Blob Storage Account Name"')) as any;
      expect(name.value).toBe('acmeexisting');
    });

    test('accountKey(): the key is read from the data source', () => {
      const { json } = existing(RudderStackCredentials.accountKey());
      const key = Object.values(json.output).find((o: any) => o.description.startsWith('RudderStack "Azure Blob Storage Account Key"')) as any;
      expect(key.value).toMatch(/^\$\{data\.azurerm_storage_account\.Events_StorageAccountKeys_[0-9A-F]{8}\.primary_access_key\}$/);
    });

    test('the data source takes the construct\'s provider', () => {
      const { json } = existing(SAS, (s) => new AzurermProvider(s, 'West', { features: [{}], alias: 'west' }));
      expect(single(json, 'azurerm_storage_account', 'data').provider).toBe('azurerm.west');
    });

    test('a warning names what the owner must ensure: Shared Key on, and the rest of the secure defaults', () => {
      expect(warningsOf(existing().made)).toEqual(['[saas-backup-constructs:ImportedStorageAccount] the storage account stack/Existing is not '
        + 'created here, so its settings cannot be read or set; the container and the SAS token signed with its key still go on it. Make sure it '
        + 'has what this construct would have enforced on a new account: Shared Key authorization on (RudderStack\'s SAS token and account key '
        + 'are both signed with the account key, which needs Shared Key authorization); HTTPS only with minimum TLS 1.2; no anonymous (public) '
        + 'access to containers or blobs; no cross-tenant replication and no SFTP local users; blob and container soft delete; and protection '
        + 'against deletion (a CanNotDelete lock, or Terraform prevent_destroy where it is managed). Give storageAccountProps instead to have a '
        + 'new account made with these settings.']);
    });
  });
});

test('no props at all (JavaScript): named, not a TypeError', () => {
  expect(() => synthJson((s) => { new RudderStackEventBackup(s, 'Events', undefined as any); }))
    .toThrow('props are required: storageAccount or storageAccountProps, and credentials (at stack/Events)');
});

describe('RudderStackEventBackup (Azure) SAS and account (snapshots)', () => {
  test.each([
    ['write-only', RudderStackPermissions.writeOnly()],
    ['backup and replay', RudderStackPermissions.backupAndReplay()],
  ] as const)('%s', (_name, permissions) => {
    const json = synthJson((s) => { build(s, { permissions }); });
    expect({
      sas: single(json, 'azurerm_storage_account_blob_container_sas', 'data'),
      account: single(json, 'azurerm_storage_account'),
      container: single(json, 'azurerm_storage_container'),
    }).toMatchSnapshot();
  });
});

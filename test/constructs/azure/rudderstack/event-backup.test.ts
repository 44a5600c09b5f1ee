import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  ResourceGroup,
  RudderStackCredentials,
  RudderStackEventBackup,
  RudderStackEventBackupProps,
  RudderStackPermissions,
} from '../../../../src/constructs/azure';
import { rudderStackDataActions } from '../../../../src/policies/azure/rudderstack';
import { ofType, single, synthJson } from '../../../support/azure';

const SAS = RudderStackCredentials.sasToken({ start: '2026-12-01T00:00:00Z', expiry: '2027-06-01T00:00:00Z' });

function build(scope: Construct, props: Partial<RudderStackEventBackupProps> = {}): RudderStackEventBackup {
  const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'rudderstack', location: 'westeurope' });
  return new RudderStackEventBackup(scope, 'Events', {
    resourceGroup,
    storageAccountName: 'acmerudderevents',
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
    ['a missing resource group (JavaScript)', { resourceGroup: undefined as any },
      'resourceGroup is required: a ResourceGroup, or ResourceGroup.fromResourceGroupName(...) for an existing one (at stack/Events)'],
    ['a missing account name (JavaScript)', { storageAccountName: undefined as any },
      'storageAccountName is required: 3-24 lowercase letters and digits, unique across Azure (at stack/Events)'],
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
});

test('no props at all (JavaScript): named, not a TypeError', () => {
  expect(() => synthJson((s) => { new RudderStackEventBackup(s, 'Events', undefined as any); }))
    .toThrow('props are required: resourceGroup, storageAccountName and credentials (at stack/Events)');
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

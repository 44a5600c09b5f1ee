import { Lazy, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IResourceGroup, ResourceGroup, StockKeepingUnit, StorageAccount, StorageAccountProps } from '../../../../src/constructs/azure';
import { checkStorageAccountProps } from '../../../../src/constructs/azure/private/storage-account-props-check';
import { ValidationProblems } from '../../../../src/policies/validation';
import { synthJson } from '../../../support/azure';

function account(scope: Construct, props: Partial<StorageAccountProps> = {}): StorageAccount {
  const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
  return new StorageAccount(scope, 'Account', { storageAccountName: 'palettebackups1234', resourceGroup, ...props });
}

describe('StorageAccount validation', () => {
  const build = (props: Partial<StorageAccountProps>) => () => synthJson((scope) => { account(scope, props); });

  test.each([
    ['storageAccountName', { storageAccountName: 'Palette-Backups' },
      'Invalid Azure storage account name "Palette-Backups" at stack/Account (storageAccountName): uppercase letters are not allowed; '
      + 'only letters and digits are allowed (no hyphens, underscores, periods or spaces). Use 3-24 lowercase letters and digits'],
    ['location', { location: 'west-europe' },
      'Invalid Azure location "west-europe" at stack/Account (location): only letters, digits and spaces are allowed. Use an Azure region name'],
    ['stockKeepingUnit', { stockKeepingUnit: StockKeepingUnit.of('Premium_GRS') },
      'Invalid Azure storage Stock-Keeping Unit "Premium_GRS" at stack/Account (stockKeepingUnit): Premium is only available with LRS or ZRS. Use one of Standard_LRS'],
    ['allowedIpRanges', { allowedIpRanges: ['203.0.113.0/24', '10.0.0.0/8'] },
      'Invalid Azure storage firewall IP rule "10.0.0.0/8" at stack/Account (allowedIpRanges[1]): it is the private (RFC 1918) range 10.0.0.0/8, '
      + 'which is not a public address. Use a public IPv4 address'],
    ['allowedIpRanges, IPv6', { allowedIpRanges: ['2001:db8::/48'] },
      'Invalid Azure storage firewall IP rule "2001:db8::/48" at stack/Account (allowedIpRanges[0]): it is IPv6: Azure storage firewall IP rules are IPv4 only '
      + '(reach IPv6 clients through a private endpoint or a subnet rule). Use a public IPv4 address'],
    ['allowedIpRanges, the whole internet', { allowedIpRanges: ['0.0.0.0/0'] },
      'Invalid Azure storage firewall IP rule "0.0.0.0/0" at stack/Account (allowedIpRanges[0]): it lets in every IPv4 address (0.0.0.0/0)'],
    ['allowedSubnetIds', { allowedSubnetIds: ['nodes'] },
      'Invalid Azure subnet ID "nodes" at stack/Account (allowedSubnetIds[0]): it is not a subnet resource ID. Use the subnet\'s resource ID'],
    ['softDeleteRetentionDays', { softDeleteRetentionDays: 0 },
      'softDeleteRetentionDays must be a whole number of days from 1 to 365, not 0 (at stack/Account)'],
  ])('%s', (_prop, props, message) => {
    expect(build(props)).toThrow(message);
  });

  test('a SKU must be a literal', () => {
    expect(() => synthJson((scope) => {
      const sku = new TerraformVariable(scope, 'Sku', { type: 'string' });
      account(scope, { stockKeepingUnit: StockKeepingUnit.of(sku.stringValue) });
    })).toThrow('stockKeepingUnit must be a literal SKU name: its tier, replication and account kind are derived from it at synth time (at stack/Account)');
  });

  test('several bad values give one error listing all', () => {
    expect(build({ storageAccountName: 'ab', location: '', softDeleteRetentionDays: 366 }))
      .toThrow(/^3 problems:\n- Invalid Azure storage account name "ab"[^\n]*\n- Invalid Azure location ""[^\n]*\n- softDeleteRetentionDays must be/);
  });

  test('tokens are not validated', () => {
    expect(() => synthJson((scope) => {
      const name = new TerraformVariable(scope, 'Name', { type: 'string' });
      const days = new TerraformVariable(scope, 'Days', { type: 'number' });
      account(scope, { storageAccountName: name.stringValue, location: name.stringValue, softDeleteRetentionDays: days.numberValue });
    })).not.toThrow();
  });
});

describe('checkStorageAccountProps (no construct)', () => {
  const resourceGroup = { resourceGroupName: 'palette-backups', resourceGroupId: '/subscriptions/x/resourceGroups/palette-backups' } as IResourceGroup;
  const check = (props: Partial<StorageAccountProps>, prefix?: string) => checkStorageAccountProps(new ValidationProblems('stack/Location', Token.isUnresolved),
    { storageAccountName: 'palettebackups1234', resourceGroup, ...props }, prefix).problems;

  test('valid props give no problem; soft delete from 1 to 365 days', () => {
    expect(check({})).toEqual([]);
    expect(check({ location: 'westeurope', stockKeepingUnit: StockKeepingUnit.PREMIUM_LRS, allowedIpRanges: ['203.0.113.0/24'], softDeleteRetentionDays: 1 })).toEqual([]);
    expect(check({ softDeleteRetentionDays: 365 })).toEqual([]);
  });

  test.each([
    ['storageAccountName', { storageAccountName: 'ab' }, /^Invalid Azure storage account name "ab" at stack\/Location \(storageAccountName\)/],
    ['location', { location: '' }, /^Invalid Azure location "" at stack\/Location \(location\)/],
    ['stockKeepingUnit', { stockKeepingUnit: StockKeepingUnit.of('Premium_GRS') }, /^Invalid Azure storage Stock-Keeping Unit "Premium_GRS" at stack\/Location \(stockKeepingUnit\)/],
    ['allowedIpRanges', { allowedIpRanges: ['203.0.113.0/24', '192.168.0.0/16'] }, /^Invalid Azure storage firewall IP rule "192.168.0.0\/16" at stack\/Location \(allowedIpRanges\[1\]\)/],
    ['allowedSubnetIds', { allowedSubnetIds: ['nodes'] }, /^Invalid Azure subnet ID "nodes" at stack\/Location \(allowedSubnetIds\[0\]\)/],
    ['softDeleteRetentionDays over 365', { softDeleteRetentionDays: 366 }, /^softDeleteRetentionDays must be a whole number of days from 1 to 365, not 366 \(at stack\/Location\)$/],
    ['softDeleteRetentionDays not whole', { softDeleteRetentionDays: 7.5 }, /^softDeleteRetentionDays must be a whole number of days from 1 to 365, not 7.5/],
  ])('%s', (_prop, props, message) => {
    const problems = check(props);
    expect(problems).toEqual([expect.stringMatching(message)]);
  });

  test('every bad value is one problem, in the order of the props', () => {
    expect(check({ storageAccountName: 'A', location: '', allowedSubnetIds: ['x'], softDeleteRetentionDays: 0 }).map((p) => p.split(' "')[0].split(' must')[0]))
      .toEqual(['Invalid Azure storage account name', 'Invalid Azure location', 'Invalid Azure subnet ID', 'softDeleteRetentionDays']);
  });
});

describe('checkStorageAccountProps with a prefix (a parent\'s storageAccountProps)', () => {
  const resourceGroup = { resourceGroupName: 'palette-backups', resourceGroupId: '/subscriptions/x/resourceGroups/palette-backups' } as IResourceGroup;
  const check = (props: object) => checkStorageAccountProps(new ValidationProblems('stack/Location', Token.isUnresolved),
    props as StorageAccountProps, 'storageAccountProps.').problems;

  test.each<[string, object, string]>([
    ['storageAccountName', { resourceGroup, storageAccountName: 'ab' }, 'Invalid Azure storage account name "ab" at stack/Location (storageAccountProps.storageAccountName)'],
    ['a missing storageAccountName', { resourceGroup }, 'storageAccountProps.storageAccountName is required;'],
    ['a missing resourceGroup', { storageAccountName: 'palettebackups1234' }, 'storageAccountProps.resourceGroup is required;'],
    ['location', { resourceGroup, storageAccountName: 'palettebackups1234', location: '' }, 'Invalid Azure location "" at stack/Location (storageAccountProps.location)'],
    ['a token SKU', { resourceGroup, storageAccountName: 'palettebackups1234', stockKeepingUnit: StockKeepingUnit.of(Lazy.stringValue({ produce: () => 'Standard_GRS' })) },
      'storageAccountProps.stockKeepingUnit must be a literal SKU name'],
    ['allowedIpRanges', { resourceGroup, storageAccountName: 'palettebackups1234', allowedIpRanges: ['10.0.0.0/8'] },
      'Invalid Azure storage firewall IP rule "10.0.0.0/8" at stack/Location (storageAccountProps.allowedIpRanges[0])'],
    ['allowedSubnetIds', { resourceGroup, storageAccountName: 'palettebackups1234', allowedSubnetIds: ['x'] },
      'Invalid Azure subnet ID "x" at stack/Location (storageAccountProps.allowedSubnetIds[0])'],
    ['softDeleteRetentionDays', { resourceGroup, storageAccountName: 'palettebackups1234', softDeleteRetentionDays: 0 },
      'storageAccountProps.softDeleteRetentionDays must be a whole number of days from 1 to 365, not 0'],
    ['allowSharedKeyAccess', { resourceGroup, storageAccountName: 'palettebackups1234', allowSharedKeyAccess: 'yes' },
      'storageAccountProps.allowSharedKeyAccess must be a boolean'],
    ['provider', { resourceGroup, storageAccountName: 'palettebackups1234', provider: 'azurerm.west' },
      'storageAccountProps.provider must be an AzurermProvider, not a string'],
  ])('%s is named with the prefix', (_name, props, start) => {
    expect(check(props)).toEqual([expect.stringContaining(start)]);
  });
});

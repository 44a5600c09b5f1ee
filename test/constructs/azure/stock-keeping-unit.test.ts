import { StorageAccount as AzurermStorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { ResourceGroup, StockKeepingUnit, StorageAccount } from '../../../src/constructs/azure';
import { AZURE_STORAGE_SKU, AZURE_STORAGE_SKU_NAMES } from '../../../src/policies/azure/storage';
import '../../support/azure';

const CONSTANTS: [string, StockKeepingUnit][] = [
  ['STANDARD_LRS', StockKeepingUnit.STANDARD_LRS],
  ['STANDARD_ZRS', StockKeepingUnit.STANDARD_ZRS],
  ['STANDARD_GRS', StockKeepingUnit.STANDARD_GRS],
  ['STANDARD_GZRS', StockKeepingUnit.STANDARD_GZRS],
  ['STANDARD_RAGRS', StockKeepingUnit.STANDARD_RAGRS],
  ['STANDARD_RAGZRS', StockKeepingUnit.STANDARD_RAGZRS],
  ['PREMIUM_LRS', StockKeepingUnit.PREMIUM_LRS],
  ['PREMIUM_ZRS', StockKeepingUnit.PREMIUM_ZRS],
];

describe('StockKeepingUnit', () => {
  test('the constants are every SKU the storage rule accepts, each once, as Azure and Palette write them', () => {
    expect(CONSTANTS.map(([, sku]) => sku.name)).toEqual(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS', 'Standard_RAGRS', 'Standard_RAGZRS', 'Premium_LRS', 'Premium_ZRS']);
    expect([...CONSTANTS.map(([, sku]) => sku.name)].sort()).toEqual([...AZURE_STORAGE_SKU_NAMES].sort());
    for (const [, sku] of CONSTANTS) expect([sku.name, AZURE_STORAGE_SKU.check(sku.name)]).toEqual([sku.name, []]);
  });

  test('of() keeps the name as given; validation is the construct\'s', () => {
    expect(StockKeepingUnit.of('Standard_ZRS').name).toBe('Standard_ZRS');
    expect(StockKeepingUnit.of('Premium_GRS').name).toBe('Premium_GRS');
  });

  test.each<[string, StockKeepingUnit, Record<string, string>]>([
    ['STANDARD_LRS', StockKeepingUnit.STANDARD_LRS, { account_tier: 'Standard', account_replication_type: 'LRS', account_kind: 'StorageV2' }],
    ['STANDARD_ZRS', StockKeepingUnit.STANDARD_ZRS, { account_tier: 'Standard', account_replication_type: 'ZRS', account_kind: 'StorageV2' }],
    ['STANDARD_GRS', StockKeepingUnit.STANDARD_GRS, { account_tier: 'Standard', account_replication_type: 'GRS', account_kind: 'StorageV2' }],
    ['STANDARD_GZRS', StockKeepingUnit.STANDARD_GZRS, { account_tier: 'Standard', account_replication_type: 'GZRS', account_kind: 'StorageV2' }],
    ['STANDARD_RAGRS', StockKeepingUnit.STANDARD_RAGRS, { account_tier: 'Standard', account_replication_type: 'RAGRS', account_kind: 'StorageV2' }],
    ['STANDARD_RAGZRS', StockKeepingUnit.STANDARD_RAGZRS, { account_tier: 'Standard', account_replication_type: 'RAGZRS', account_kind: 'StorageV2' }],
    ['PREMIUM_LRS', StockKeepingUnit.PREMIUM_LRS, { account_tier: 'Premium', account_replication_type: 'LRS', account_kind: 'BlockBlobStorage' }],
    ['PREMIUM_ZRS', StockKeepingUnit.PREMIUM_ZRS, { account_tier: 'Premium', account_replication_type: 'ZRS', account_kind: 'BlockBlobStorage' }],
  ])('%s is azurerm\'s tier, replication and account kind of a StorageAccount', (_name, stockKeepingUnit, expected) => {
    const synthesized = Testing.synthScope((scope) => {
      const resourceGroup = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
      new StorageAccount(scope, 'Account', { storageAccountName: 'palettebackups1234', resourceGroup, stockKeepingUnit });
    });
    expect(synthesized).toHaveResourceWithProperties(AzurermStorageAccount, expected);
  });
});

import { AZURE_STORAGE_SKU, AZURE_STORAGE_SKU_NAMES, storageSkuSettings } from '../../../src/policies/azure/storage';

describe('AZURE_STORAGE_SKU_NAMES', () => {
  test('lists the eight blob SKUs Azure names', () => {
    expect(AZURE_STORAGE_SKU_NAMES).toEqual([
      'Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS', 'Standard_RAGRS', 'Standard_RAGZRS',
      'Premium_LRS', 'Premium_ZRS',
    ]);
  });
});

describe('AZURE_STORAGE_SKU', () => {
  test.each([...AZURE_STORAGE_SKU_NAMES])('accepts %j', (sku) => {
    expect(AZURE_STORAGE_SKU.check(sku)).toEqual([]);
  });

  test.each([
    ['StandardLRS', ['it is not written <tier>_<replication> (e.g. Standard_GRS)']],
    ['Standard-LRS', ['it is not written <tier>_<replication> (e.g. Standard_GRS)']],
    ['', ['it is not written <tier>_<replication> (e.g. Standard_GRS)']],
    ['Basic_LRS', ['the tier must be Standard or Premium']],
    ['standard_LRS', ['the tier must be Standard or Premium']],
    ['Standard_lrs', ['the replication must be one of LRS, ZRS, GRS, GZRS, RAGRS, RAGZRS']],
    ['Standard_XRS', ['the replication must be one of LRS, ZRS, GRS, GZRS, RAGRS, RAGZRS']],
    ['Premium_GRS', ['Premium is only available with LRS or ZRS']],
    ['Premium_RAGZRS', ['Premium is only available with LRS or ZRS']],
    ['Premium_V2_LRS', ['it is not written <tier>_<replication> (e.g. Standard_GRS)', 'the replication must be one of LRS, ZRS, GRS, GZRS, RAGRS, RAGZRS']],
  ])('rejects %j', (sku, problems) => {
    expect(AZURE_STORAGE_SKU.check(sku)).toEqual(problems);
  });

  test('the fix lists every valid SKU', () => {
    expect(AZURE_STORAGE_SKU.fix).toBe(
      'Use one of Standard_LRS, Standard_ZRS, Standard_GRS, Standard_GZRS, Standard_RAGRS, Standard_RAGZRS, Premium_LRS, Premium_ZRS.',
    );
  });
});

describe('storageSkuSettings', () => {
  test.each([
    ['Standard_LRS', 'Standard', 'LRS', 'StorageV2'],
    ['Standard_ZRS', 'Standard', 'ZRS', 'StorageV2'],
    ['Standard_GRS', 'Standard', 'GRS', 'StorageV2'],
    ['Standard_GZRS', 'Standard', 'GZRS', 'StorageV2'],
    ['Standard_RAGRS', 'Standard', 'RAGRS', 'StorageV2'],
    ['Standard_RAGZRS', 'Standard', 'RAGZRS', 'StorageV2'],
    ['Premium_LRS', 'Premium', 'LRS', 'BlockBlobStorage'],
    ['Premium_ZRS', 'Premium', 'ZRS', 'BlockBlobStorage'],
  ])('%s is account_tier %s, account_replication_type %s, account_kind %s', (sku, accountTier, accountReplicationType, accountKind) => {
    expect(storageSkuSettings(sku)).toEqual({ accountTier, accountReplicationType, accountKind });
  });

  test('refuses a name the rule rejects', () => {
    expect(() => storageSkuSettings('Premium_GRS')).toThrow('Invalid storage SKU "Premium_GRS": Premium is only available with LRS or ZRS');
  });
});

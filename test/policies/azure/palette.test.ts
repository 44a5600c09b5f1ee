import {
  PALETTE_AZURE_FIELDS,
  PALETTE_AZURE_LOCATION_PROVIDER,
  paletteFieldDescription,
  SPECTRO_STORAGE_PROVIDER_AZURE,
  spectroCloudAzureArguments,
} from '../../../src/policies/azure/palette';

const values = {
  locationName: 'azure-backups',
  containerName: 'palette-backups',
  storageName: 'palettebackups',
  stockKeepingUnit: 'Standard_GRS',
  resourceGroupName: 'palette-backups',
  tenantId: '11111111-1111-1111-1111-111111111111',
  clientId: '22222222-2222-2222-2222-222222222222',
  subscriptionId: '33333333-3333-3333-3333-333333333333',
};

describe('PALETTE_AZURE_FIELDS', () => {
  test('are the wizard\'s ten fields, in its order, with the Terraform argument of each', () => {
    expect(Object.values(PALETTE_AZURE_FIELDS).map((f) => [f.field, f.argument, f.sensitive])).toEqual([
      ['Location Name', 'name', false],
      ['Location Provider', 'storage_provider', false],
      ['Container Name', 'azure_storage_config.container_name', false],
      ['Storage Name', 'azure_storage_config.storage_name', false],
      ['Stock-Keeping Unit', 'azure_storage_config.stock_keeping_unit', false],
      ['Resource Group', 'azure_storage_config.resource_group', false],
      ['Tenant ID', 'azure_storage_config.azure_tenant_id', false],
      ['Client ID', 'azure_storage_config.azure_client_id', false],
      ['Subscription ID', 'azure_storage_config.subscription_id', false],
      ['Client Secret', 'azure_storage_config.azure_client_secret', true],
    ]);
  });

  test('descriptions name the wizard field and the argument', () => {
    expect(paletteFieldDescription(PALETTE_AZURE_FIELDS.stockKeepingUnit)).toBe(
      'Palette "Stock-Keeping Unit" / spectrocloud_backup_storage_location.azure_storage_config.stock_keeping_unit',
    );
  });

  test('the wizard shows Azure; Terraform takes azure, and the description says so', () => {
    expect(PALETTE_AZURE_LOCATION_PROVIDER).toBe('Azure');
    expect(paletteFieldDescription(PALETTE_AZURE_FIELDS.locationProvider))
      .toBe('Palette "Location Provider" / spectrocloud_backup_storage_location.storage_provider = "azure"');
  });
});

describe('spectroCloudAzureArguments', () => {
  test('uses the exact argument names of spectrocloud_backup_storage_location', () => {
    expect(spectroCloudAzureArguments({ ...values, clientSecret: 'secret-token' })).toEqual({
      name: 'azure-backups',
      storage_provider: 'azure',
      azure_storage_config: {
        container_name: 'palette-backups',
        storage_name: 'palettebackups',
        stock_keeping_unit: 'Standard_GRS',
        resource_group: 'palette-backups',
        azure_tenant_id: '11111111-1111-1111-1111-111111111111',
        azure_client_id: '22222222-2222-2222-2222-222222222222',
        subscription_id: '33333333-3333-3333-3333-333333333333',
        azure_client_secret: 'secret-token',
      },
    });
    expect(SPECTRO_STORAGE_PROVIDER_AZURE).toBe('azure');
  });

  test('writes all eight arguments of azure_storage_config (each is Required in Spectro Cloud\'s schema)', () => {
    const args = spectroCloudAzureArguments({ ...values, clientSecret: 'secret-token' }) as { azure_storage_config: Record<string, string> };
    expect(Object.keys(args.azure_storage_config)).toHaveLength(8);
    expect(Object.values(args.azure_storage_config).every((v) => typeof v === 'string' && v.length > 0)).toBe(true);
  });
});

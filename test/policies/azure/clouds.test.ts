import { sovereignCloudOfEnvironment, sovereignCloudOfRegion, sovereignCloudWarning } from '../../../src/policies/azure/clouds';

describe('sovereign Azure clouds', () => {
  test.each([
    ['public', undefined],
    ['', undefined],
    ['usgovernment', 'usgovernment'],
    ['USGovernment', 'usgovernment'],
    ['china', 'china'],
    ['german', undefined],
  ])('environment %j', (environment, expected) => {
    expect(sovereignCloudOfEnvironment(environment)?.environment).toBe(expected);
  });

  test.each([
    ['westeurope', undefined],
    ['West Europe', undefined],
    ['eastus2', undefined],
    ['usgovvirginia', 'usgovernment'],
    ['USGov Arizona', 'usgovernment'],
    ['usdodeast', 'usgovernment'],
    ['chinaeast2', 'china'],
    ['China North 3', 'china'],
  ])('region %j', (region, expected) => {
    expect(sovereignCloudOfRegion(region)?.environment).toBe(expected);
  });

  test('the warning names the cloud, why, and the provider source it follows', () => {
    const cloud = sovereignCloudOfRegion('chinaeast2');
    expect(cloud).toBeDefined();
    expect(sovereignCloudWarning(cloud!, 'region "chinaeast2"')).toBe(
      'This storage account is in Azure China (21Vianet) (region "chinaeast2"), but Spectro Cloud\'s Terraform provider registers every Azure '
      + 'backup location in Azure\'s public cloud (AzureEnvironment "AzurePublicCloud" in spectrocloud/terraform-provider-spectrocloud, '
      + 'common_backup_storage_location.go), so spectrocloud_backup_storage_location (and toSpectroCloudTerraform()) would send Palette to '
      + 'the public cloud\'s endpoints, where this account does not exist. Use a storage account in Azure\'s public cloud, or register the '
      + 'location in a way that names its cloud.');
  });
});

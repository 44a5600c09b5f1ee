import { DataAzurermResourceGroup } from '@cdktf/provider-azurerm/lib/data-azurerm-resource-group';
import { ResourceGroup as AzurermResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Testing, TerraformOutput, TerraformVariable } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { ResourceGroup } from '../../../src/constructs/azure';
import { synthJson } from '../../support/azure';

describe('ResourceGroup', () => {
  test('creates a resource group with its name and region, and no provider', () => {
    const synthesized = Testing.synthScope((scope) => {
      new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
    });
    expect(synthesized).toHaveResourceWithProperties(AzurermResourceGroup, { name: 'palette-backups', location: 'westeurope' });
    expect(JSON.parse(synthesized).provider).toBeUndefined();
  });

  test('attributes reference the resource', () => {
    const json = synthJson((scope) => {
      const group = new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
      new TerraformOutput(scope, 'Id', { value: group.resourceGroupId });
      new TerraformOutput(scope, 'Location', { value: group.resourceGroupLocation });
    });
    expect(json.output.Id.value).toMatch(/^\$\{azurerm_resource_group\.Group_\w+\.id\}$/);
    expect(json.output.Location.value).toMatch(/^\$\{azurerm_resource_group\.Group_\w+\.location\}$/);
  });

  test('validates the name and the region, in one error', () => {
    expect(() => synthJson((scope) => {
      new ResourceGroup(scope, 'Group', { resourceGroupName: 'palette backups.', location: 'West  Europe' });
    })).toThrow(
      '2 problems:\n'
      + '- Invalid Azure resource group name "palette backups." at stack/Group (resourceGroupName): only letters, digits, underscores, '
      + 'hyphens, periods and parentheses are allowed; it must not end with a period. Use 1-90 letters, digits, underscores, hyphens, '
      + 'periods and parentheses, not ending with a period.\n'
      + '- Invalid Azure location "West  Europe" at stack/Group (location): it has leading, trailing or repeated spaces. Use an Azure region name',
    );
  });

  test('does not validate tokens', () => {
    expect(() => synthJson((scope) => {
      const name = new TerraformVariable(scope, 'Name', { type: 'string' });
      new ResourceGroup(scope, 'Group', { resourceGroupName: name.stringValue, location: name.stringValue });
    })).not.toThrow();
  });
});

describe('ResourceGroup.fromResourceGroupName', () => {
  test('reads the existing group with a data source for its real ID and region', () => {
    const synthesized = Testing.synthScope((scope) => {
      const group = ResourceGroup.fromResourceGroupName(scope, 'Existing', 'Velero_Backups');
      new TerraformOutput(scope, 'Id', { value: group.resourceGroupId });
      new TerraformOutput(scope, 'Location', { value: group.resourceGroupLocation });
      new TerraformOutput(scope, 'Name', { value: group.resourceGroupName });
    });
    expect(synthesized).toHaveDataSourceWithProperties(DataAzurermResourceGroup, { name: 'Velero_Backups' });
    const json = JSON.parse(synthesized);
    expect(json.resource).toBeUndefined();
    expect(json.output.Id.value).toMatch(/^\$\{data\.azurerm_resource_group\.Existing_Lookup_\w+\.id\}$/);
    expect(json.output.Location.value).toMatch(/^\$\{data\.azurerm_resource_group\.Existing_Lookup_\w+\.location\}$/);
    expect(json.output.Name.value).toMatch(/^\$\{data\.azurerm_resource_group\.Existing_Lookup_\w+\.name\}$/);
  });

  test('validates the name', () => {
    expect(() => synthJson((scope) => { ResourceGroup.fromResourceGroupName(scope, 'Existing', 'x'.repeat(91)); }))
      .toThrow(/^Invalid Azure resource group name "x{91}" at stack\/Existing \(resourceGroupName\): it is longer than 90 characters\./);
  });
});

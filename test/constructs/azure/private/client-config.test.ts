import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AZURERM_CLIENT_CONFIG_ID, sharedAzurermClientConfig } from '../../../../src/constructs/azure/private/client-config';

describe('sharedAzurermClientConfig', () => {
  test('the same data source for every scope of a stack on the default provider, at a fixed id on the stack', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const a = sharedAzurermClientConfig(new Construct(stack, 'A'), undefined);
    const b = sharedAzurermClientConfig(new Construct(new Construct(stack, 'B'), 'Deep'), undefined);
    expect(a).toBe(b);
    expect(a.node.path).toBe(`stack/${AZURERM_CLIENT_CONFIG_ID}`);
  });

  test('one per provider, on the provider, read with it', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const provider = new AzurermProvider(stack, 'Other', { features: [{}], alias: 'other' });
    const viaProvider = sharedAzurermClientConfig(new Construct(stack, 'A'), provider);
    expect(sharedAzurermClientConfig(new Construct(stack, 'B'), provider)).toBe(viaProvider);
    expect(sharedAzurermClientConfig(stack, undefined)).not.toBe(viaProvider);
    expect(viaProvider.node.path).toBe(`stack/Other/${AZURERM_CLIENT_CONFIG_ID}`);
    expect(viaProvider.provider).toBe(provider);
  });

  test('one per stack', () => {
    const app = Testing.app();
    const one = sharedAzurermClientConfig(new TerraformStack(app, 'one'), undefined);
    const two = sharedAzurermClientConfig(new TerraformStack(app, 'two'), undefined);
    expect(one).not.toBe(two);
    expect(one).toBeInstanceOf(DataAzurermClientConfig);
  });

  test('refuses when its id is taken by something else', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new Construct(stack, AZURERM_CLIENT_CONFIG_ID);
    expect(() => sharedAzurermClientConfig(stack, undefined)).toThrow(`stack/${AZURERM_CLIENT_CONFIG_ID} is taken by a construct that is not this library's DataAzurermClientConfig`);
  });
});

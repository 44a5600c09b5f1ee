// Internal (not exported from the submodule): one azurerm_client_config per stack and provider.
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { TerraformProvider, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { singletonChild } from '../../private/singleton';

/** The fixed construct id of the shared `azurerm_client_config` data source. */
export const AZURERM_CLIENT_CONFIG_ID = 'SaasBackupConstructsAzurermClientConfig';

/**
 * The one `azurerm_client_config` data source of a stack and provider, created on first use: on
 * the stack for the stack's default azurerm provider, on the provider itself for an explicit one
 * (so each provider's tenant and subscription are read with that provider). A stack with many
 * locations reads it once.
 */
export function sharedAzurermClientConfig(scope: Construct, provider: TerraformProvider | undefined): DataAzurermClientConfig {
  const owner: Construct = provider ?? TerraformStack.of(scope);
  return singletonChild(owner, AZURERM_CLIENT_CONFIG_ID, DataAzurermClientConfig,
    () => new DataAzurermClientConfig(owner, AZURERM_CLIENT_CONFIG_ID, { provider }));
}

// RudderStack event backups on Azure Blob Storage (RudderStack's Event Replay page, "Azure Blob
// Storage" tab; docs/rudderstack.md): a storage account of its own and a private container, and a
// SAS token for that container only, with Write (and, for replay, Read and List), HTTPS only, that
// expires. Apply it, then fill RudderStack's dashboard (Settings > Data Management > Store in your
// own cloud storage > Azure Blob Storage) from the outputs, each named after its field:
//
//   terraform -chdir=cdktf.out/stacks/rudderstack-azure init && terraform -chdir=cdktf.out/stacks/rudderstack-azure apply
//   terraform -chdir=cdktf.out/stacks/rudderstack-azure output -raw <the AzureBlobStorageSasToken output>
//
// Before the expiry, move `expiry` forward, apply, and paste the new token into RudderStack.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ResourceGroup, RudderStackCredentials, RudderStackEventBackup, RudderStackPermissions } from 'saas-backup-constructs/azure';
import { azurermStateBackend } from './state';

export interface RudderStackAzureStackProps {
  /**
   * What RudderStack may do in the container.
   * @default RudderStackPermissions.writeOnly()
   */
  readonly permissions?: RudderStackPermissions;
}

export class RudderStackAzureStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: RudderStackAzureStackProps = {}) {
    super(scope, id);
    // The state holds the SAS token (and the account key it is signed with): keep it remote and encrypted (./state.ts).
    azurermStateBackend(this);
    // Terraform manages the account through Azure Resource Manager and Entra ID; the SAS token is signed locally from the key.
    new AzurermProvider(this, 'azurerm', { features: [{ storage: [{ dataPlaneAvailable: false }] }], storageUseAzuread: true });

    const resourceGroup = new ResourceGroup(this, 'Group', { resourceGroupName: 'rudderstack-events', location: 'westeurope' });
    new RudderStackEventBackup(this, 'EventBackups', {
      storageAccountProps: { resourceGroup, storageAccountName: 'acmerudderstackevents' }, // the name is global: pick your own
      credentials: RudderStackCredentials.sasToken({ start: '2026-12-01T00:00:00Z', expiry: '2027-06-01T00:00:00Z' }),
      permissions: props.permissions,
      prefix: 'rudder',
      createOutputs: true,
    });
  }
}

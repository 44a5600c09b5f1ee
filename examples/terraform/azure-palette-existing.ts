// Palette backup location on Azure with what you already have: an existing resource group and an
// existing service principal (its secret passed in as a sensitive variable, never written into
// the synthesized JSON), volume snapshot permissions on the clusters' disk resource group, and a
// storage firewall that lets in only Palette and the clusters.
//
//   export ARM_SUBSCRIPTION_ID=... TF_VAR_palette_client_secret=...
//   terraform -chdir=cdktf.out/stacks/palette-azure-existing init && terraform -chdir=cdktf.out/stacks/palette-azure-existing apply
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { PaletteBackupLocation, ResourceGroup, ServicePrincipal, StockKeepingUnit } from 'saas-backup-constructs/azure';
import { azurermStateBackend } from './state';

export class PaletteAzureExistingStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The state holds the client secret: keep it remote and encrypted (./state.ts), never in the repository.
    azurermStateBackend(this);
    new AzurermProvider(this, 'azurerm', {
      features: [{ storage: [{ dataPlaneAvailable: false }] }],
      storageUseAzuread: true,
    });

    const clientSecret = new TerraformVariable(this, 'palette_client_secret', {
      type: 'string',
      sensitive: true,
      description: 'Client secret of the existing service principal Palette signs in with',
    });
    const servicePrincipal = ServicePrincipal.fromServicePrincipalAttributes(this, 'Velero', {
      objectId: '3f2b7c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b', // az ad sp show --id <client ID> --query id -o tsv
      clientId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
      clientSecret: clientSecret.stringValue,
    });

    new PaletteBackupLocation(this, 'Backups', {
      // A new storage account in the existing resource group. For an existing account, give instead
      // storageAccount: StorageAccount.fromStorageAccountAttributes(this, 'Account', { storageAccountName, resourceGroup, stockKeepingUnit }).
      storageAccountProps: {
        resourceGroup: ResourceGroup.fromResourceGroupName(this, 'Group', 'platform-backups'),
        storageAccountName: 'platformbackups0001',
        stockKeepingUnit: StockKeepingUnit.STANDARD_ZRS,
        // Palette's SaaS egress and the clusters' NAT gateway (documentation ranges: use your own).
        allowedIpRanges: ['198.51.100.0/24', '203.0.113.10'],
      },
      containerName: 'palette',
      servicePrincipal,
      // The AKS node resource group: Velero reads the clusters' managed disks there and, with no
      // resourceGroup in its volume snapshot location, writes the snapshots there too.
      volumeSnapshotResourceGroups: [ResourceGroup.fromResourceGroupName(this, 'Disks', 'MC_platform_aks_westeurope')],
      createOutputs: true,
    });
  }
}

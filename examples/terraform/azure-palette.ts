// Palette backup location on Azure, everything created: a resource group, a storage account
// (Standard_GRS) with a private container, a service principal with a client secret, and the
// role assignments Palette's Velero needs (the account keys, which it lists, and the container). Apply it, then paste the outputs into Palette's
// Azure wizard (Project Settings > Backup Locations > Add New Backup Location).
//
//   az login && export ARM_SUBSCRIPTION_ID=$(az account show --query id -o tsv)
//   terraform -chdir=cdktf.out/stacks/palette-azure init && terraform -chdir=cdktf.out/stacks/palette-azure apply
//   terraform -chdir=cdktf.out/stacks/palette-azure output -raw <the Client Secret output>
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PaletteBackupLocation, ResourceGroup } from 'saas-backup-constructs/azure';
import { azurermStateBackend } from './state';

export class PaletteAzureStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The state holds the client secret: keep it remote and encrypted (./state.ts), never in the repository.
    azurermStateBackend(this);

    // Terraform itself never needs the account keys: it uses Entra ID for storage and stays on Azure
    // Resource Manager (the container is created through ARM), which also works with
    // PaletteAccess.entraIdOnly(), where the account refuses Shared Key. The subscription
    // comes from ARM_SUBSCRIPTION_ID, the credentials from `az login` or the ARM_* variables.
    new AzurermProvider(this, 'azurerm', {
      features: [{ storage: [{ dataPlaneAvailable: false }] }],
      storageUseAzuread: true,
    });
    // Creates the application, its service principal and the client secret (tenant from `az login`).
    new AzureadProvider(this, 'azuread', {});

    const resourceGroup = new ResourceGroup(this, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
    // The defaults: PaletteAccess.accountKeys() (Palette's Velero lists the account keys),
    // Storage Blob Data Contributor on the container only.
    new PaletteBackupLocation(this, 'Backups', {
      storageAccountProps: { resourceGroup, storageAccountName: 'palettebackups0001' }, // the name is global: pick your own
      createOutputs: true,
    });
  }
}

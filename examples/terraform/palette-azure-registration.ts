// A Palette backup location on Azure, created and registered in Palette in one apply: the storage
// account and container, the service principal and its role assignments, and
// spectrocloud_backup_storage_location, which Palette validates when it is created, so it depends on
// the role assignments (roleAssignments; Azure RBAC can take a few minutes more to propagate: re-run
// the apply if Palette's validation fails right after the assignments were made).
//
//   az login && export ARM_SUBSCRIPTION_ID=$(az account show --query id -o tsv)
//   export SPECTROCLOUD_APIKEY=...   (the spectrocloud provider's key; never in code)
//   terraform -chdir=cdktf.out/stacks/palette-azure-registration init && terraform -chdir=cdktf.out/stacks/palette-azure-registration apply
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PaletteBackupLocation, ResourceGroup } from 'saas-backup-constructs/azure';
import { SpectroCloudBackupStorageLocation, SpectroCloudProvider } from './spectrocloud';
import { azurermStateBackend } from './state';

export class PaletteAzureRegistrationStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The state holds the client secret: keep it remote and encrypted (./state.ts), never in the repository.
    azurermStateBackend(this);
    new AzurermProvider(this, 'azurerm', { features: [{ storage: [{ dataPlaneAvailable: false }] }], storageUseAzuread: true });
    new AzureadProvider(this, 'azuread', {});
    new SpectroCloudProvider(this, 'spectrocloud');

    const resourceGroup = new ResourceGroup(this, 'Group', { resourceGroupName: 'palette-backups-registered', location: 'westeurope' });
    const location = new PaletteBackupLocation(this, 'Backups', {
      storageAccountProps: { resourceGroup, storageAccountName: 'palettebackups0002' }, // the name is global: pick your own
      locationName: 'azure-backups',
    });
    new SpectroCloudBackupStorageLocation(this, 'BackupLocation', {
      args: location.toSpectroCloudTerraform(),
      dependsOn: location.roleAssignments,
    });
  }
}

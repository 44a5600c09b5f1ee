import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { ITerraformDependable, TerraformOutput, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IResourceGroup } from './resource-group';
import { IServicePrincipal, ServicePrincipal } from './service-principal';
import { StockKeepingUnit } from './stock-keeping-unit';
import { StorageAccount, StorageContainer } from './storage-account';
import { checkStorageAccountProps } from './storage-account-props-check';
import { AZURE_STORAGE_CONTAINER_NAME, AZURE_SUBSCRIPTION_ID, AZURE_TENANT_ID } from '../../policies/azure-names';
import {
  PALETTE_AZURE_FIELDS,
  PaletteAzureFieldKey,
  paletteFieldDescription,
  SPECTRO_STORAGE_PROVIDER_AZURE,
  spectroCloudAzureArguments,
} from '../../policies/azure-palette';
import {
  builtInRoleDefinitionId,
  CustomRoleDefinition,
  READER_ROLE_ID,
  STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID,
  storageAccountListKeysRole,
  veleroVolumeSnapshotRole,
} from '../../policies/azure-roles';
import { ValidationProblems } from '../../policies/validation';

/** Where `Storage Blob Data Contributor` is assigned. */
export enum BlobDataScope {
  /** The backup container only (least privilege). */
  CONTAINER = 'CONTAINER',
  /** Every container of the storage account. */
  STORAGE_ACCOUNT = 'STORAGE_ACCOUNT',
}

/** Properties of a Palette backup location on Azure. */
export interface PaletteBackupLocationProps {
  /** The resource group for the storage account (Palette's "Resource Group"): `new ResourceGroup(...)` or `ResourceGroup.fromResourceGroupName(...)`. */
  readonly resourceGroup: IResourceGroup;
  /** The storage account's name (Palette's "Storage Name"): 3-24 lowercase letters and digits, unique across Azure. */
  readonly storageAccountName: string;
  /**
   * The blob container's name (Palette's "Container Name").
   * @default "palette-backups"
   */
  readonly containerName?: string;
  /**
   * The backup location's name in Palette (Palette's "Location Name").
   * @default - the storage account name
   */
  readonly locationName?: string;
  /**
   * The storage account's SKU (Palette's "Stock-Keeping Unit").
   * @default StockKeepingUnit.STANDARD_GRS
   */
  readonly stockKeepingUnit?: StockKeepingUnit;
  /**
   * The storage account's region.
   * @default - the resource group's region
   */
  readonly location?: string;
  /**
   * The service principal Palette's Velero signs in as (Palette's "Client ID" and "Client Secret").
   * @default - a new one (`ServicePrincipal`: an application, its service principal and a client secret;
   * needs @cdktf/provider-azuread and an azuread provider in the stack)
   */
  readonly servicePrincipal?: IServicePrincipal;
  /**
   * Where the service principal gets `Storage Blob Data Contributor`.
   * @default BlobDataScope.CONTAINER
   */
  readonly blobDataScope?: BlobDataScope;
  /**
   * Let Velero use the storage account's access keys: turns Shared Key authorization on and lets
   * the service principal list the keys (a custom role with
   * `Microsoft.Storage/storageAccounts/listkeys/action`, defined at the account's resource group and
   * assigned at the account only).
   *
   * Velero lists the keys when its backup storage location has no `useAAD: "true"` (its fallback),
   * and its file-system backups (Kopia/Restic) on Azure still need the keys. Palette's wizard has
   * no such setting, so turn this on if Palette reports ListKeys authorization errors or you back
   * up volumes with file-system backups. A key opens every container of the account, and stays
   * valid after the role assignment is removed until the key is regenerated.
   * @default false
   */
  readonly storageAccountKeyAccess?: boolean;
  /**
   * The resource group holding the clusters' managed disks, where Velero takes volume snapshots:
   * a custom role with Velero's disk and snapshot actions is defined, assignable and assigned at
   * this group only.
   * @default - no volume snapshot permissions
   */
  readonly volumeSnapshotResourceGroup?: IResourceGroup;
  /**
   * Storage firewall: public IPv4 addresses or CIDR ranges allowed to reach the account. Palette's
   * SaaS control plane validates the location and Velero writes from your clusters' egress
   * addresses: list both, or the location stops working.
   * @default - no firewall
   */
  readonly allowedIpRanges?: string[];
  /**
   * Storage firewall: subnet IDs allowed to reach the account (with the Microsoft.Storage service endpoint).
   * @default - no firewall
   */
  readonly allowedSubnetIds?: string[];
  /**
   * Days deleted blobs and containers stay recoverable, 1-365.
   * @default 7
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * The tenant ID (Palette's "Tenant ID").
   * @default - the azurerm provider's tenant, read with the `azurerm_client_config` data source
   */
  readonly tenantId?: string;
  /**
   * The subscription ID (Palette's "Subscription ID"): the subscription the azurerm provider
   * deploys the storage account into.
   * @default - the azurerm provider's subscription, read with the `azurerm_client_config` data source
   */
  readonly subscriptionId?: string;
  /**
   * Create one Terraform output per Palette wizard field (Client Secret as a sensitive output).
   * @default false
   */
  readonly createOutputs?: boolean;
  /**
   * The azurerm provider for every azurerm resource and data source here.
   * @default - the stack's azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A backup location for Spectro Cloud Palette on Azure Blob Storage: a storage account and a
 * private container, a service principal, and the role assignments Palette's Velero needs.
 *
 * Access, all to the one service principal:
 * - `Storage Blob Data Contributor` at the container (or the account: `blobDataScope`);
 * - `Reader` at the storage account: Velero finds the account's blob endpoint by reading the
 *   account through Azure Resource Manager, with the wizard's Subscription ID and Resource Group;
 * - opt-in: listing the account's keys (`storageAccountKeyAccess`);
 * - opt-in: Velero's disk and snapshot actions at one resource group (`volumeSnapshotResourceGroup`),
 *   never the subscription.
 *
 * Every wizard field is an attribute; `createOutputs` adds an output per field, and
 * `toSpectroCloudTerraform()` gives the arguments of `spectrocloud_backup_storage_location`.
 *
 * @example
 * const resourceGroup = new ResourceGroup(this, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
 * new PaletteBackupLocation(this, 'Backups', { resourceGroup, storageAccountName: 'palettebackups1234', createOutputs: true });
 */
export class PaletteBackupLocation extends Construct {
  /** Palette's "Location Name". */
  public readonly locationName: string;
  /** Palette's "Location Provider": `azure` (the wizard's "Azure"). */
  public readonly locationProvider: string;
  /** Palette's "Container Name". */
  public readonly containerName: string;
  /** Palette's "Storage Name": the storage account's name. */
  public readonly storageName: string;
  /** Palette's "Stock-Keeping Unit", e.g. `Standard_GRS`. */
  public readonly stockKeepingUnit: string;
  /** Palette's "Resource Group": the storage account's resource group. */
  public readonly resourceGroupName: string;
  /** Palette's "Tenant ID". */
  public readonly tenantId: string;
  /** Palette's "Client ID": the service principal's application (client) ID. */
  public readonly clientId: string;
  /** Palette's "Subscription ID". */
  public readonly subscriptionId: string;
  /**
   * Palette's "Client Secret", a reference Terraform treats as sensitive.
   * @default - unknown when an existing service principal was brought without its secret
   */
  public readonly clientSecret?: string;

  /** The storage account. */
  public readonly storageAccount: StorageAccount;
  /** The blob container. */
  public readonly container: StorageContainer;
  /** The service principal Palette's Velero signs in as. */
  public readonly servicePrincipal: IServicePrincipal;
  /**
   * Every role assignment made here. Palette validates a location when it is created, so make the
   * `spectrocloud_backup_storage_location` depend on these (`dependsOn`); Azure RBAC can still take
   * a few minutes to propagate after they exist.
   */
  public readonly roleAssignments: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: PaletteBackupLocationProps) {
    super(scope, id);
    const containerName = props.containerName ?? 'palette-backups';
    const problems = new ValidationProblems(this.node.path, Token.isUnresolved);
    checkStorageAccountProps(problems, props)
      .check(AZURE_STORAGE_CONTAINER_NAME, containerName, 'containerName')
      .check(AZURE_TENANT_ID, props.tenantId, 'tenantId')
      .check(AZURE_SUBSCRIPTION_ID, props.subscriptionId, 'subscriptionId')
      .throwIfAny();

    const keyAccess = props.storageAccountKeyAccess ?? false;
    this.storageAccount = new StorageAccount(this, 'StorageAccount', {
      storageAccountName: props.storageAccountName,
      resourceGroup: props.resourceGroup,
      location: props.location,
      stockKeepingUnit: props.stockKeepingUnit,
      allowSharedKeyAccess: keyAccess,
      allowedIpRanges: props.allowedIpRanges,
      allowedSubnetIds: props.allowedSubnetIds,
      softDeleteRetentionDays: props.softDeleteRetentionDays,
      provider: props.provider,
    });
    this.container = new StorageContainer(this, 'Container', {
      storageAccount: this.storageAccount,
      containerName,
      provider: props.provider,
    });
    this.servicePrincipal = props.servicePrincipal ?? new ServicePrincipal(this, 'ServicePrincipal');

    const clientConfig = props.tenantId === undefined || props.subscriptionId === undefined
      ? new DataAzurermClientConfig(this, 'ClientConfig', { provider: props.provider })
      : undefined;
    this.tenantId = props.tenantId ?? clientConfig!.tenantId;
    this.subscriptionId = props.subscriptionId ?? clientConfig!.subscriptionId;

    // Access: every assignment names the principal as a service principal, so ARM needs no
    // directory lookup (a new principal may not have replicated yet).
    const assign = (assignmentId: string, scopeId: string, roleDefinitionId: string, description: string) =>
      this.roleAssignments.push(new RoleAssignment(this, assignmentId, {
        scope: scopeId,
        roleDefinitionId,
        principalId: this.servicePrincipal.servicePrincipalObjectId,
        principalType: 'ServicePrincipal',
        description,
        provider: props.provider,
      }));
    const builtIn = (roleGuid: string) => builtInRoleDefinitionId(this.subscriptionId, roleGuid);
    const customRole = (roleId: string, role: CustomRoleDefinition) => new RoleDefinition(this, roleId, {
      name: role.name,
      description: role.description,
      scope: role.scope,
      permissions: [{ actions: [...role.actions] }],
      assignableScopes: [...role.assignableScopes],
      provider: props.provider,
    });

    const blobDataScope = props.blobDataScope ?? BlobDataScope.CONTAINER;
    assign('BlobDataContributor',
      blobDataScope === BlobDataScope.CONTAINER ? this.container.containerId : this.storageAccount.storageAccountId,
      builtIn(STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID),
      'Palette backup location: Velero reads, writes and deletes backups in the container.');
    assign('StorageAccountReader', this.storageAccount.storageAccountId, builtIn(READER_ROLE_ID),
      'Palette backup location: Velero reads the storage account to find its blob endpoint.');

    if (keyAccess) {
      const role = customRole('ListKeysRole', storageAccountListKeysRole(props.storageAccountName, props.resourceGroup.resourceGroupId));
      assign('ListKeys', this.storageAccount.storageAccountId, role.roleDefinitionResourceId,
        'Palette backup location: Velero lists the storage account keys (no useAAD, file-system backups).');
    }
    if (props.volumeSnapshotResourceGroup) {
      const group = props.volumeSnapshotResourceGroup;
      const role = customRole('VolumeSnapshotRole', veleroVolumeSnapshotRole(props.storageAccountName, group.resourceGroupId));
      assign('VolumeSnapshots', group.resourceGroupId, role.roleDefinitionResourceId,
        'Palette backup location: Velero snapshots managed disks in this resource group.');
    }

    this.locationName = props.locationName ?? this.storageAccount.storageAccountName;
    this.locationProvider = SPECTRO_STORAGE_PROVIDER_AZURE;
    this.containerName = this.container.containerName;
    this.storageName = this.storageAccount.storageAccountName;
    this.stockKeepingUnit = this.storageAccount.stockKeepingUnit.name;
    this.resourceGroupName = props.resourceGroup.resourceGroupName;
    this.clientId = this.servicePrincipal.servicePrincipalClientId;
    this.clientSecret = this.servicePrincipal.clientSecret;

    if (props.createOutputs) this.createOutputs();
  }

  /**
   * The arguments of Spectro Cloud's `spectrocloud_backup_storage_location` for this location, with
   * their exact names: `name`, `storage_provider` and the `azure_storage_config` block
   * (`container_name`, `storage_name`, `stock_keeping_unit`, `resource_group`, `azure_tenant_id`,
   * `azure_client_id`, `subscription_id`, `azure_client_secret`). Values are Terraform references
   * where they are known only after apply; `azure_client_secret` is left out when the secret is unknown.
   */
  public toSpectroCloudTerraform(): any {
    return spectroCloudAzureArguments({
      locationName: this.locationName,
      containerName: this.containerName,
      storageName: this.storageName,
      stockKeepingUnit: this.stockKeepingUnit,
      resourceGroupName: this.resourceGroupName,
      tenantId: this.tenantId,
      clientId: this.clientId,
      subscriptionId: this.subscriptionId,
      clientSecret: this.clientSecret,
    });
  }

  private createOutputs(): void {
    const outputs = new Construct(this, 'Outputs');
    const values: Record<PaletteAzureFieldKey, string | undefined> = {
      locationName: this.locationName,
      locationProvider: this.locationProvider,
      containerName: this.containerName,
      storageName: this.storageName,
      stockKeepingUnit: this.stockKeepingUnit,
      resourceGroupName: this.resourceGroupName,
      tenantId: this.tenantId,
      clientId: this.clientId,
      subscriptionId: this.subscriptionId,
      clientSecret: this.clientSecret,
    };
    for (const key of Object.keys(PALETTE_AZURE_FIELDS) as PaletteAzureFieldKey[]) {
      const value = values[key];
      if (value === undefined) continue;
      const field = PALETTE_AZURE_FIELDS[key];
      new TerraformOutput(outputs, field.field.replace(/[^A-Za-z]/g, ''), {
        value,
        description: paletteFieldDescription(field),
        sensitive: field.sensitive,
      });
    }
  }
}

import type * as managementLockModule from '@cdktf/provider-azurerm/lib/management-lock';
import { StorageAccount as AzurermStorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer as AzurermStorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { Annotations, TerraformProvider, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { checkStorageAccountAttributes, checkStorageAccountProps } from './private/storage-account-props-check';
import { IResourceGroup } from './resource-group';
import { StockKeepingUnit } from './stock-keeping-unit';
import { AZURE_STORAGE_CONTAINER_NAME } from '../../policies/azure/names';
import { storageSkuSettings } from '../../policies/azure/storage';
import { problemsAt, warningWithId } from '../../policies/validation';
import { namesCheckedByParent } from '../private/checked-by-parent';

/**
 * What a backup location needs of a storage account: created by `StorageAccount`, or imported with
 * `StorageAccount.fromStorageAccountAttributes`.
 */
export interface IStorageAccount extends IConstruct {
  /**
   * The account's name (Palette's "Storage Name").
   * @attribute
   */
  readonly storageAccountName: string;
  /**
   * The account's ARM ID: a role assignment scope.
   * @attribute
   */
  readonly storageAccountId: string;
  /** The resource group the account is in (Palette's "Resource Group"). */
  readonly resourceGroup: IResourceGroup;
  /** The account's SKU (Palette's "Stock-Keeping Unit"). */
  readonly stockKeepingUnit: StockKeepingUnit;
}

/** An existing storage account, for `StorageAccount.fromStorageAccountAttributes`. */
export interface StorageAccountAttributes {
  /** The account's name: 3-24 lowercase letters and digits. */
  readonly storageAccountName: string;
  /** The account's resource group: `ResourceGroup.fromResourceGroupName(...)` for an existing one. */
  readonly resourceGroup: IResourceGroup;
  /**
   * The account's SKU, as the account has it (Palette's wizard asks for it; it is reported, not set).
   */
  readonly stockKeepingUnit: StockKeepingUnit;
  /**
   * The account's ARM ID.
   * @default - `<resourceGroup.resourceGroupId>/providers/Microsoft.Storage/storageAccounts/<storageAccountName>`
   */
  readonly storageAccountId?: string;
}

/** Properties of a storage account for backups. */
export interface StorageAccountProps {
  /** The name (Palette's "Storage Name"): 3-24 lowercase letters and digits, unique across Azure. */
  readonly storageAccountName: string;
  /** The resource group to create the account in. */
  readonly resourceGroup: IResourceGroup;
  /**
   * The region.
   * @default - the resource group's region
   */
  readonly location?: string;
  /**
   * The SKU (Palette's "Stock-Keeping Unit").
   * @default StockKeepingUnit.STANDARD_GRS - Velero's documented choice: backups survive the loss of the region
   */
  readonly stockKeepingUnit?: StockKeepingUnit;
  /**
   * Allow requests authorized with the account's access keys (Shared Key, and SAS signed with a key).
   * Off, every request must carry a Microsoft Entra ID token, checked against Azure RBAC. In a
   * `PaletteBackupLocation`'s or `RudderStackEventBackup`'s `storageAccountProps`, leave it out: the
   * construct sets it (from `access`; on for RudderStack), and a contradicting value is an error.
   * @default false
   */
  readonly allowSharedKeyAccess?: boolean;
  /**
   * Public IPv4 addresses or CIDR ranges allowed through the storage firewall. Setting this or
   * `allowedSubnetIds` turns the firewall on (default action Deny, no trusted-service bypass).
   * @default - no firewall: the public endpoint takes any network, and every request still needs authorization
   */
  readonly allowedIpRanges?: string[];
  /**
   * Subnet IDs allowed through the storage firewall (the subnets need the Microsoft.Storage service endpoint).
   * @default - no firewall
   */
  readonly allowedSubnetIds?: string[];
  /**
   * Days deleted blobs and deleted containers stay recoverable (blob and container soft delete), 1-365.
   * @default 7
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Terraform's `prevent_destroy` lifecycle on the storage account: any plan that would destroy or
   * replace it (`terraform destroy`, a change of name, region or kind) fails, as AWS retains a
   * backup bucket by default. Set it to false to let Terraform delete the account and every backup
   * in it; synth warns (`saas-backup-constructs:PreventDestroyOff`).
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Also put an Azure `CanNotDelete` management lock (azurerm_management_lock) on the storage
   * account: Azure itself then refuses to delete the account (from the portal, the CLI, another
   * tool, or a deleted resource group) until the lock is removed. Blobs and containers can still be
   * written and deleted (soft delete covers those). Creating the lock needs
   * `Microsoft.Authorization/locks/write` (Owner or User Access Administrator), and `terraform
   * destroy` of the account then needs the lock removed first.
   * @default false
   */
  readonly deletionLock?: boolean;
  /**
   * The azurerm provider to create the account with.
   * @default - the stack's azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/** Blob and container soft delete, in days, unless `softDeleteRetentionDays` says otherwise. */
const DEFAULT_SOFT_DELETE_DAYS = 7;

/**
 * A storage account for backups (azurerm_storage_account), with every security setting written
 * explicitly:
 *
 * - HTTPS only, TLS 1.2 minimum; no anonymous access to containers or blobs (`allow_nested_items_to_be_public = false`);
 * - no cross-tenant object replication; no SFTP local users; Microsoft Entra ID as the portal's default authorization;
 * - Shared Key authorization off unless `allowSharedKeyAccess`;
 * - public network access on (Palette's SaaS control plane validates the location and Velero in your
 *   clusters writes to it over the public endpoint), with an opt-in firewall (`allowedIpRanges`, `allowedSubnetIds`);
 * - blob and container soft delete (7 days), so a leaked credential cannot destroy backups at once; no versioning
 *   (Velero never overwrites a backup's objects in place, so versions would only add cost);
 * - Terraform `prevent_destroy` on the account unless `preventDestroy: false`, and an optional `CanNotDelete` lock.
 *
 * With Shared Key off, configure the azurerm provider with `storage_use_azuread = true` and
 * `features { storage { data_plane_available = false } }` (see the README): Terraform then manages
 * the account and its containers through Azure Resource Manager only.
 */
export class StorageAccount extends Construct implements IStorageAccount {
  /**
   * An existing storage account, to give a backup location (`storageAccount`). Nothing is read or
   * created: the ARM ID is derived from the resource group's ID and the name unless given. Its
   * settings are its owner's: the constructs that use it warn
   * (`saas-backup-constructs:ImportedStorageAccount`) with the settings they would have enforced.
   */
  public static fromStorageAccountAttributes(scope: Construct, id: string, attrs: StorageAccountAttributes): IStorageAccount {
    return new ImportedStorageAccount(scope, id, attrs);
  }

  /** The account's name (Palette's "Storage Name"). */
  public readonly storageAccountName: string;
  /** The account's ARM ID: a role assignment scope. */
  public readonly storageAccountId: string;
  /** The account's SKU (Palette's "Stock-Keeping Unit"). */
  public readonly stockKeepingUnit: StockKeepingUnit;
  /** The resource group the account is in. */
  public readonly resourceGroup: IResourceGroup;
  /** Whether Shared Key authorization is on, for the constructs that are given this account. @internal */
  public readonly _sharedKeyAccess: boolean;
  /**
   * The `CanNotDelete` management lock on the account.
   * @default - none: `deletionLock` was not set
   */
  public readonly deletionLock?: managementLockModule.ManagementLock;

  constructor(scope: Construct, id: string, props: StorageAccountProps) {
    super(scope, id);
    // A parent that checked these props under its own names (storageAccountProps.*) has thrown every problem.
    const names = namesCheckedByParent<{ readonly prefix: string }>(props);
    if (names === undefined) checkStorageAccountProps(problemsAt(this, Token.isUnresolved), props).throwIfAny();
    const prefix = names?.prefix ?? '';

    const sku = props.stockKeepingUnit ?? StockKeepingUnit.STANDARD_GRS;
    const settings = storageSkuSettings(sku.name);
    // Copies: the caller's arrays are theirs to change after this constructor returns.
    const ipRules = [...(props.allowedIpRanges ?? [])];
    const subnetIds = [...(props.allowedSubnetIds ?? [])];
    const firewall = ipRules.length > 0 || subnetIds.length > 0;
    const softDeleteDays = props.softDeleteRetentionDays ?? DEFAULT_SOFT_DELETE_DAYS;
    const preventDestroy = props.preventDestroy ?? true;

    const resource = new AzurermStorageAccount(this, 'Resource', {
      name: props.storageAccountName,
      resourceGroupName: props.resourceGroup.resourceGroupName,
      location: props.location ?? props.resourceGroup.resourceGroupLocation,
      accountTier: settings.accountTier,
      accountReplicationType: settings.accountReplicationType,
      accountKind: settings.accountKind,
      httpsTrafficOnlyEnabled: true,
      minTlsVersion: 'TLS1_2',
      allowNestedItemsToBePublic: false,
      crossTenantReplicationEnabled: false,
      sharedAccessKeyEnabled: props.allowSharedKeyAccess ?? false,
      defaultToOauthAuthentication: true,
      localUserEnabled: false,
      publicNetworkAccessEnabled: true,
      networkRules: firewall
        ? { defaultAction: 'Deny', bypass: ['None'], ipRules, virtualNetworkSubnetIds: subnetIds }
        : { defaultAction: 'Allow', bypass: ['None'] },
      blobProperties: {
        deleteRetentionPolicy: { days: softDeleteDays },
        containerDeleteRetentionPolicy: { days: softDeleteDays },
        versioningEnabled: false,
      },
      lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
      provider: props.provider,
    });
    if (!preventDestroy) {
      Annotations.of(this).addWarning(warningWithId('PreventDestroyOff', `${prefix}preventDestroy: false lets terraform destroy (or a change that `
        + 'replaces the account) delete this storage account with every backup in it; soft delete does not cover a deleted account. '
        + 'Leave it on (the default) for accounts that hold backups.'));
    }
    if (props.deletionLock) {
      // Loaded on first use: most accounts have no lock, and each provider class is a module to load.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ManagementLock: Lock } = require('@cdktf/provider-azurerm/lib/management-lock') as typeof managementLockModule;
      this.deletionLock = new Lock(this, 'DeletionLock', {
        name: 'backups-cannot-delete',
        scope: resource.id,
        lockLevel: 'CanNotDelete',
        notes: 'Holds backups: remove this lock before deleting the storage account.',
        provider: props.provider,
      });
    }

    this.storageAccountName = resource.name;
    this.storageAccountId = resource.id;
    this.stockKeepingUnit = sku;
    this.resourceGroup = props.resourceGroup;
    this._sharedKeyAccess = props.allowSharedKeyAccess ?? false;
  }
}

/** Properties of a blob container. */
export interface StorageContainerProps {
  /** The storage account to create the container in. */
  readonly storageAccount: IStorageAccount;
  /** The name (Palette's "Container Name"): 3-63 lowercase letters, digits and single hyphens. */
  readonly containerName: string;
  /**
   * The azurerm provider to create the container with.
   * @default - the stack's azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A private blob container (azurerm_storage_container, `container_access_type = "private"`),
 * created through Azure Resource Manager (`storage_account_id`), so it needs neither Shared Key
 * nor network access to the account's data plane.
 */
export class StorageContainer extends Construct {
  /** The container's name (Palette's "Container Name"). */
  public readonly containerName: string;
  /**
   * The container's ARM ID (`.../blobServices/default/containers/<name>`): a role assignment scope.
   * It is azurerm's `id`, which is the ARM ID for a container created with `storage_account_id`
   * (`resource_manager_id` is deprecated in favour of it and goes away in azurerm 5.0).
   */
  public readonly containerId: string;
  /** The account the container is in. */
  public readonly storageAccount: IStorageAccount;

  constructor(scope: Construct, id: string, props: StorageContainerProps) {
    super(scope, id);
    problemsAt(this, Token.isUnresolved)
      .check(AZURE_STORAGE_CONTAINER_NAME, props.containerName, 'containerName')
      .throwIfAny();

    const resource = new AzurermStorageContainer(this, 'Resource', {
      name: props.containerName,
      storageAccountId: props.storageAccount.storageAccountId,
      containerAccessType: 'private',
      provider: props.provider,
    });
    this.containerName = resource.name;
    this.containerId = resource.id;
    this.storageAccount = props.storageAccount;
  }
}

class ImportedStorageAccount extends Construct implements IStorageAccount {
  public readonly storageAccountName: string;
  public readonly storageAccountId: string;
  public readonly resourceGroup: IResourceGroup;
  public readonly stockKeepingUnit: StockKeepingUnit;

  constructor(scope: Construct, id: string, attrs: StorageAccountAttributes) {
    super(scope, id);
    checkStorageAccountAttributes(problemsAt(this, Token.isUnresolved), attrs).throwIfAny();
    this.storageAccountName = attrs.storageAccountName;
    this.resourceGroup = attrs.resourceGroup;
    this.stockKeepingUnit = attrs.stockKeepingUnit;
    this.storageAccountId = attrs.storageAccountId
      ?? `${attrs.resourceGroup.resourceGroupId}/providers/Microsoft.Storage/storageAccounts/${attrs.storageAccountName}`;
  }
}

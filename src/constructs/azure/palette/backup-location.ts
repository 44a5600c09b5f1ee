import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { Annotations, ITerraformDependable, TerraformOutput, TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { SovereignAzureCloud, sovereignCloudOfEnvironment, sovereignCloudOfRegion, sovereignCloudWarning } from '../../../policies/azure/clouds';
import { AZURE_RESOURCE_GROUP_SCOPE, AZURE_STORAGE_CONTAINER_NAME, AZURE_SUBSCRIPTION_ID, AZURE_TENANT_ID } from '../../../policies/azure/names';
import { PALETTE_AZURE_LOCATION_PROVIDER } from '../../../policies/azure/palette';
import {
  builtInRoleDefinitionId,
  CustomRoleDefinition,
  PaletteStorageAccessMode,
  paletteStorageAccessGrants,
  READER_ROLE_ID,
  STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID,
  STORAGE_BLOB_DELEGATOR_ROLE_ID,
  storageAccountListKeysRole,
  veleroVolumeSnapshotRole,
} from '../../../policies/azure/roles';
import {
  checkRegistrationOptions,
  claimOutputPrefix,
  DEFAULT_OUTPUT_PREFIX,
  outputPrefixClash,
  PALETTE_LOCATION_NAME,
  PALETTE_OUTPUT_PREFIX,
  PALETTE_WIZARD,
  PaletteLocationContext,
  PaletteRegistrationOptions,
  SpectroCloudArguments,
  SpectroCloudBackupStorageLocationArgs,
  wizardFieldDescription,
  wizardOutputName,
} from '../../../policies/palette-wizard';
import { problemsAt, warningWithId } from '../../../policies/validation';
import { sharedAzurermClientConfig } from '../private/client-config';
import { checkSecretLiteral, checkSecretReference, checkWhenResolvedToLiteral, isSecretChecked } from '../private/secret-reference';
import {
  checkSharedKeyChoice,
  checkStorageAccountChoice,
  checkStorageAccountShapes,
  chosenAccount,
  chosenResourceGroup,
  SharedKeyNeed,
  useOrCreateStorageAccount,
} from '../private/storage-account-choice';
import { IResourceGroup, ResourceGroup } from '../resource-group';
import { IServicePrincipal, ServicePrincipal } from '../service-principal';
import { StockKeepingUnit } from '../stock-keeping-unit';
import { IStorageAccount, StorageAccountProps, StorageContainer } from '../storage-account';

/** Where `Storage Blob Data Contributor` is assigned. */
export enum BlobDataScope {
  /** The backup container only (least privilege). */
  CONTAINER = 'CONTAINER',
  /** Every container of the storage account. */
  STORAGE_ACCOUNT = 'STORAGE_ACCOUNT',
}

/**
 * How Palette's Velero authorizes to the storage account's data: the choice between the account's
 * access keys and Microsoft Entra ID alone.
 *
 * Velero's Azure plugin lists the account's keys (ListKeys) unless its backup storage location sets
 * `useAAD: "true"`. Velero's Kopia file-system backups use the same storage client and honour
 * `useAAD` too (vmware-tanzu/velero pkg/util/azure/storage.go, `GetStorageAccountCredentials`, called
 * by pkg/repository/udmrepo/kopialib/backend/azure); only Restic always lists the keys
 * (velero-plugin-for-microsoft-azure README: "Listing storage account access key is still needed for
 * Restic"). Palette's wizard has no useAAD setting, so Palette's own Velero needs the keys.
 */
export class PaletteAccess {
  /**
   * The account's access keys (the default): Shared Key authorization on, and the service principal
   * may list the keys of this account (a custom role with only
   * `Microsoft.Storage/storageAccounts/listkeys/action`, defined at the account's resource group and
   * assigned at the account). A key gives full data access to every container of the account, and
   * keeps working after the role assignment is removed, until the key is regenerated.
   */
  public static accountKeys(): PaletteAccess {
    return new PaletteAccess('account-keys');
  }

  /**
   * Microsoft Entra ID only: Shared Key authorization off, no key listing, and
   * `Storage Blob Data Contributor` (at the container, by default) is the only data access. Only for
   * a Velero whose backup storage location sets `useAAD: "true"` and that makes no Restic
   * file-system backups (Kopia honours `useAAD`). With the data role at the container it also grants `Storage Blob Delegator` at the
   * account: without a key Velero signs its download URLs with a user delegation key, which a
   * container-scoped role cannot request. Synth shows a warning: Palette's own Velero may need the
   * account keys.
   */
  public static entraIdOnly(): PaletteAccess {
    return new PaletteAccess('entra-id-only');
  }

  /** @internal */
  public readonly _mode: PaletteStorageAccessMode;

  private constructor(mode: PaletteStorageAccessMode) {
    this._mode = mode;
  }
}

/**
 * Whether the storage account needs Shared Key authorization (as the access's grants say), why, and
 * how to change the access instead of the account.
 */
function sharedKeyOf(sharedKeyAccess: boolean): SharedKeyNeed {
  return sharedKeyAccess
    ? {
      on: true,
      because: 'PaletteAccess.accountKeys() (the default access) needs Shared Key: Velero lists the account keys and authorizes with them',
      otherwise: ', or use access: PaletteAccess.entraIdOnly() (only for a Velero whose backup storage location sets useAAD: "true")',
    }
    : {
      on: false,
      because: 'PaletteAccess.entraIdOnly() authorizes with Microsoft Entra ID only, which needs Shared Key off',
      otherwise: ', or use access: PaletteAccess.accountKeys()',
    };
}

/** Properties of a Palette backup location on Azure. */
export interface PaletteBackupLocationProps extends PaletteRegistrationOptions {
  /**
   * An existing storage account (`StorageAccount.fromStorageAccountAttributes`) or one created
   * separately (a `StorageAccount`). Palette's "Storage Name", "Resource Group" and "Stock-Keeping
   * Unit" are its. Its settings are not checked: synth warns (`saas-backup-constructs:ImportedStorageAccount`)
   * with what to ensure (Shared Key on for `PaletteAccess.accountKeys()`, off for `entraIdOnly()`, ...).
   * Give this or `storageAccountProps`.
   * @default - a new `StorageAccount` made from `storageAccountProps`
   */
  readonly storageAccount?: IStorageAccount;
  /**
   * The storage account to create (Palette's "Storage Name", "Resource Group" and "Stock-Keeping
   * Unit" are its `storageAccountName`, `resourceGroup` and `stockKeepingUnit`). Leave its
   * `allowSharedKeyAccess` out: `access` decides it (on for `PaletteAccess.accountKeys()`, off for
   * `entraIdOnly()`); a contradicting value is an error. Give this or `storageAccount`.
   * @default - none: `storageAccount` is used
   */
  readonly storageAccountProps?: StorageAccountProps;
  /**
   * The blob container's name (Palette's "Container Name").
   * @default "palette-backups"
   */
  readonly containerName?: string;
  /**
   * The backup location's name in Palette (Palette's "Location Name"), not blank.
   * @default - the storage account name
   */
  readonly locationName?: string;
  /**
   * The service principal Palette's Velero signs in as (Palette's "Client ID" and "Client Secret").
   * @default - a new one (`ServicePrincipal`: an application, its service principal and a client secret;
   * needs @cdktf/provider-azuread and an azuread provider in the stack)
   */
  readonly servicePrincipal?: IServicePrincipal;
  /**
   * How Velero authorizes to the storage account's data: its access keys, or Microsoft Entra ID only.
   * @default PaletteAccess.accountKeys() - what Palette's own Velero needs (its wizard has no useAAD setting)
   */
  readonly access?: PaletteAccess;
  /**
   * Where the service principal gets `Storage Blob Data Contributor`. `STORAGE_ACCOUNT` opens every
   * container of the account to it; synth shows a warning.
   * @default BlobDataScope.CONTAINER
   */
  readonly blobDataScope?: BlobDataScope;
  /**
   * Also give the service principal `Reader` at the storage account, so Velero can read the
   * account's blob endpoint through Azure Resource Manager. Velero falls back to the default
   * endpoint `https://<account>.blob.core.windows.net` when it cannot read it, which is the endpoint
   * of every account this construct creates; turn this on only if Palette or your Velero reports it
   * cannot read the storage account. Velero's README lists Reader among its minimum permissions:
   * without it Velero logs a 403 (AuthorizationFailed, "failed to retrieve the storage account
   * properties ... fallback to use the default URI") each time it creates its storage client, at
   * every plugin start; that message is expected and harmless here.
   * @default false
   */
  readonly storageAccountReader?: boolean;
  /**
   * The resource groups where Velero takes volume snapshots: its cluster's resource group, where it
   * reads and restores managed disks (for AKS the node resource group `MC_...`, Velero's
   * `AZURE_RESOURCE_GROUP`), and the snapshot location's `resourceGroup` if that is another group
   * (snapshots are written there; Velero defaults it to the cluster's group). A custom role with
   * Velero's disk and snapshot actions is assignable at these groups only and assigned at each;
   * never at the subscription.
   * @default - no volume snapshot permissions
   */
  readonly volumeSnapshotResourceGroups?: IResourceGroup[];
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
   * Create one Terraform output per Palette wizard field, named `<outputPrefix><Field>`
   * (`PaletteLocationName`, `PaletteContainerName`, ..., `PaletteClientSecret` as a sensitive output).
   * @default false
   */
  readonly createOutputs?: boolean;
  /**
   * The prefix of the output names, letters and digits. Give each location of a stack its own.
   * @default 'Palette'
   */
  readonly outputPrefix?: string;
  /**
   * The azurerm provider for every azurerm resource and data source here (and for the new storage
   * account, unless `storageAccountProps.provider` names another).
   * @default - the stack's azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A backup location for Spectro Cloud Palette on Azure Blob Storage: a storage account (made from
 * `storageAccountProps`, or the one you give as `storageAccount`), a private container, a service
 * principal, and the role assignments Palette's Velero needs.
 *
 * Access, all to the one service principal:
 * - `Storage Blob Data Contributor` at the container (or the account: `blobDataScope`);
 * - with `PaletteAccess.accountKeys()` (the default): Shared Key on, and listing this
 *   account's keys; with `entraIdOnly()`: Shared Key off, and `Storage Blob Delegator` at the account;
 * - opt-in: `Reader` at the storage account (`storageAccountReader`);
 * - opt-in: Velero's disk and snapshot actions at the resource groups you name
 *   (`volumeSnapshotResourceGroups`), never the subscription.
 *
 * Every wizard field is an attribute; `createOutputs` adds an output per field, and
 * `toSpectroCloudTerraform()` gives the arguments of `spectrocloud_backup_storage_location`.
 *
 * Storage firewall (`storageAccountProps.allowedIpRanges`): Palette's SaaS control plane validates
 * the location and Velero writes from your clusters' egress addresses: list both, or the location
 * stops working.
 *
 * @example
 * const resourceGroup = new ResourceGroup(this, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
 * new PaletteBackupLocation(this, 'Backups', {
 *   storageAccountProps: { resourceGroup, storageAccountName: 'palettebackups1234' },
 *   createOutputs: true,
 * });
 */
export class PaletteBackupLocation extends Construct {
  /** Palette's "Location Name". */
  public readonly locationName: string;
  /** Palette's "Location Provider": `Azure`, as the wizard shows it (Spectro Cloud's `storage_provider` is "azure"). */
  public readonly locationProvider: string;
  /** Palette's "Container Name". */
  public readonly containerName: string;
  /** Palette's "Storage Name": the storage account's name. */
  public readonly storageName: string;
  /** Palette's "Stock-Keeping Unit": the storage account's SKU; its `name` is the value, e.g. `Standard_GRS`. */
  public readonly stockKeepingUnit: StockKeepingUnit;
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

  /** The storage account: the one given (`storageAccount`), or the new `StorageAccount`. */
  public readonly storageAccount: IStorageAccount;
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

  private readonly registration: { readonly context?: PaletteLocationContext; readonly isDefault?: boolean };

  constructor(scope: Construct, id: string, props: PaletteBackupLocationProps) {
    super(scope, id);
    // JavaScript callers: a missing prop, or a plain string where a class is expected, is named before anything reads it.
    const given = problemsAt(this, Token.isUnresolved);
    if (typeof props !== 'object' || props === null) {
      given.add('props are required: an object with storageAccount or storageAccountProps').throwIfAny();
    }
    checkStorageAccountShapes(given, props)
      .checkObject(props.servicePrincipal, 'servicePrincipal', 'an IServicePrincipal (ServicePrincipal.fromServicePrincipalAttributes(...))',
        ['servicePrincipalObjectId', 'servicePrincipalClientId'])
      .checkObject(props.access, 'access', 'a PaletteAccess (e.g. PaletteAccess.accountKeys())', ['_mode'])
      .checkOneOf(props.blobDataScope, Object.values(BlobDataScope), 'blobDataScope')
      .checkObject(props.provider, 'provider', 'an AzurermProvider')
      .checkBoolean(props.storageAccountReader, 'storageAccountReader')
      .checkBoolean(props.createOutputs, 'createOutputs');
    if (Array.isArray(props.volumeSnapshotResourceGroups)) {
      props.volumeSnapshotResourceGroups.forEach((group, i) => given
        .addIf(group === undefined || group === null, `volumeSnapshotResourceGroups[${i}] is ${group}; remove it from the list or give a resource group`)
        .checkObject(group ?? undefined, `volumeSnapshotResourceGroups[${i}]`, 'an IResourceGroup', ['resourceGroupId', 'resourceGroupName']));
    } else {
      given.checkObject(props.volumeSnapshotResourceGroups, 'volumeSnapshotResourceGroups', 'a list of IResourceGroup');
    }
    checkRegistrationOptions(given, props).throwIfAny();
    const storageAccess = props.access ?? PaletteAccess.accountKeys();
    const blobDataScope = props.blobDataScope ?? BlobDataScope.CONTAINER;
    const grants = paletteStorageAccessGrants(storageAccess._mode, blobDataScope === BlobDataScope.CONTAINER);
    const sharedKey = sharedKeyOf(grants.sharedKeyAccess);
    const accountProp = props.storageAccount !== undefined && props.storageAccount !== null ? 'storageAccount' : 'storageAccountProps';
    const containerName = props.containerName ?? 'palette-backups';
    const snapshotGroups = [...(props.volumeSnapshotResourceGroups ?? [])];
    const problems = problemsAt(this, Token.isUnresolved);
    // A custom IServicePrincipal's secret gets the check fromServicePrincipalAttributes makes.
    const customPrincipal = props.servicePrincipal !== undefined && !isSecretChecked(props.servicePrincipal) ? props.servicePrincipal : undefined;
    const customSecret = customPrincipal?.clientSecret;
    checkSecretLiteral(problems, customSecret, 'servicePrincipal.clientSecret');
    // The account you bring, or the props of the one made here (their problems named storageAccountProps.*).
    checkStorageAccountChoice(problems, props);
    checkSharedKeyChoice(problems, props, sharedKey)
      .check(AZURE_RESOURCE_GROUP_SCOPE, chosenResourceGroup(props)?.resourceGroupId, `${accountProp}.resourceGroup.resourceGroupId`)
      .check(AZURE_STORAGE_CONTAINER_NAME, containerName, 'containerName')
      .check(AZURE_TENANT_ID, props.tenantId, 'tenantId')
      .check(AZURE_SUBSCRIPTION_ID, props.subscriptionId, 'subscriptionId')
      .check(PALETTE_LOCATION_NAME, props.locationName, 'locationName')
      .check(PALETTE_OUTPUT_PREFIX, props.outputPrefix, 'outputPrefix')
      .addIf(props.createOutputs === true && !claimOutputPrefix(TerraformStack.of(this), props.outputPrefix ?? DEFAULT_OUTPUT_PREFIX),
        outputPrefixClash(props.outputPrefix ?? DEFAULT_OUTPUT_PREFIX))
      .addIf(props.volumeSnapshotResourceGroups !== undefined && snapshotGroups.length === 0,
        'volumeSnapshotResourceGroups is empty: name the resource groups of the disks and snapshots, or leave it out for no volume snapshot permissions');
    sameResourceGroupProblems(snapshotGroups, 'volumeSnapshotResourceGroups').forEach((p) => problems.add(p));
    snapshotGroups.forEach((group, i) =>
      problems.check(AZURE_RESOURCE_GROUP_SCOPE, group.resourceGroupId, `volumeSnapshotResourceGroups[${i}].resourceGroupId`));
    problems.throwIfAny();
    // The role definitions' names and scopes: the name and group the user gave (a literal name for a new account, as before).
    const { storageAccountName: accountName, resourceGroup: accountGroup } = chosenAccount(this, props);
    if (customPrincipal !== undefined) checkSecretReference(this, customSecret, 'servicePrincipal.clientSecret');
    // A scope given as a Lazy (or a function of literals) is judged by what it resolves to.
    checkWhenResolvedToLiteral(this, accountGroup.resourceGroupId, AZURE_RESOURCE_GROUP_SCOPE, `${accountProp}.resourceGroup.resourceGroupId`);
    snapshotGroups.forEach((group, i) => checkWhenResolvedToLiteral(this, group.resourceGroupId, AZURE_RESOURCE_GROUP_SCOPE,
      `volumeSnapshotResourceGroups[${i}].resourceGroupId`));

    this.storageAccount = useOrCreateStorageAccount(this, props, sharedKey, props.provider, 'the container and the role assignments');
    this.container = new StorageContainer(this, 'Container', {
      storageAccount: this.storageAccount,
      containerName,
      provider: props.provider,
    });
    this.servicePrincipal = props.servicePrincipal ?? new ServicePrincipal(this, 'ServicePrincipal');

    this.tenantId = props.tenantId ?? sharedAzurermClientConfig(this, props.provider).tenantId;
    this.subscriptionId = props.subscriptionId ?? sharedAzurermClientConfig(this, props.provider).subscriptionId;

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

    if (blobDataScope === BlobDataScope.CONTAINER) {
      assign('BlobDataContributor', this.container.containerId, builtIn(STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID),
        'Palette backup location: Velero reads, writes and deletes backups in the container.');
    } else {
      assign('BlobDataContributor', this.storageAccount.storageAccountId, builtIn(STORAGE_BLOB_DATA_CONTRIBUTOR_ROLE_ID),
        'Palette backup location: Velero reads, writes and deletes backups in every container of the account.');
      Annotations.of(this).addWarning(warningWithId('BlobDataAtStorageAccount', 'Storage Blob Data Contributor is assigned at the whole storage '
        + 'account (BlobDataScope.STORAGE_ACCOUNT): the service principal can read, write and delete the blobs of every container in it. '
        + 'BlobDataScope.CONTAINER limits it to the backup container.'));
    }
    if (grants.listKeys) {
      const role = customRole('ListKeysRole', storageAccountListKeysRole(accountName, accountGroup.resourceGroupId));
      assign('ListKeys', this.storageAccount.storageAccountId, role.roleDefinitionResourceId,
        'Palette backup location: Velero lists the storage account keys (no useAAD, or Restic file-system backups).');
    }
    if (grants.blobDelegator) {
      assign('BlobDelegator', this.storageAccount.storageAccountId, builtIn(STORAGE_BLOB_DELEGATOR_ROLE_ID),
        'Palette backup location: Velero signs download URLs with a user delegation key (useAAD).');
    }
    if (storageAccess._mode === 'entra-id-only') {
      Annotations.of(this).addWarning(warningWithId('EntraIdOnly', 'PaletteAccess.entraIdOnly(): Shared Key is off and the service '
        + 'principal cannot list the account keys. That works only for a Velero whose backup storage location sets useAAD: "true" and that '
        + 'makes no Restic file-system backups (Kopia file-system backups honour useAAD; Restic always lists the keys). Palette\'s wizard has '
        + 'no useAAD setting, so Palette\'s own Velero, and its validation of the location, may need PaletteAccess.accountKeys().'));
    }
    const sovereign = sovereignCloudOf(this, props.provider, accountGroup, props.storageAccountProps?.location);
    if (sovereign !== undefined) Annotations.of(this).addWarning(warningWithId('SovereignCloud', sovereignCloudWarning(sovereign.cloud, sovereign.why)));
    if (props.storageAccountReader) {
      assign('StorageAccountReader', this.storageAccount.storageAccountId, builtIn(READER_ROLE_ID),
        'Palette backup location: Velero reads the storage account to find its blob endpoint.');
    }
    if (snapshotGroups.length > 0) {
      const role = customRole('VolumeSnapshotRole',
        veleroVolumeSnapshotRole(accountName, snapshotGroups.map((group) => group.resourceGroupId)));
      snapshotGroups.forEach((group, i) => assign(`VolumeSnapshots${i + 1}`, group.resourceGroupId, role.roleDefinitionResourceId,
        'Palette backup location: Velero reads and snapshots managed disks, and writes snapshots, in this resource group.'));
    }

    this.locationName = props.locationName ?? this.storageAccount.storageAccountName;
    this.locationProvider = PALETTE_AZURE_LOCATION_PROVIDER;
    this.containerName = this.container.containerName;
    this.storageName = this.storageAccount.storageAccountName;
    this.stockKeepingUnit = this.storageAccount.stockKeepingUnit;
    this.resourceGroupName = this.storageAccount.resourceGroup.resourceGroupName;
    this.clientId = this.servicePrincipal.servicePrincipalClientId;
    this.clientSecret = this.servicePrincipal.clientSecret;

    this.registration = { context: props.context, isDefault: props.isDefault };
    if (props.createOutputs) this.createOutputs(props.outputPrefix ?? DEFAULT_OUTPUT_PREFIX);
  }

  /**
   * The arguments of Spectro Cloud's `spectrocloud_backup_storage_location` for this location:
   * `name`, `storage_provider` ("azure"), `context`, `is_default` and the `azure_storage_config` block
   * (`container_name`, `storage_name`, `stock_keeping_unit`, `resource_group`, `azure_tenant_id`,
   * `azure_client_id`, `subscription_id`, `azure_client_secret`), camelCase as cdktf's bindings of
   * the provider name them. Values are Terraform references where they are known only after apply;
   * make the resource depend on `roleAssignments`. Every argument of the block is required, so this throws
   * when the client secret is unknown (an existing service principal brought without `clientSecret`).
   */
  public toSpectroCloudTerraform(): SpectroCloudBackupStorageLocationArgs {
    if (this.clientSecret === undefined) {
      throw new Error(`${this.node.path}: spectrocloud_backup_storage_location needs azure_client_secret, and the service principal `
        + 'was brought without its secret. Pass it to ServicePrincipal.fromServicePrincipalAttributes as clientSecret (a sensitive '
        + 'TerraformVariable\'s value or a data source attribute such as azurerm_key_vault_secret), or let this construct create the principal.');
    }
    return SpectroCloudArguments.azure({ ...this.wizardValues(), clientSecret: this.clientSecret, ...this.registration });
  }

  /** The wizard's fields that always have a value (the client secret may be unknown). */
  private wizardValues() {
    return {
      locationName: this.locationName,
      containerName: this.containerName,
      storageName: this.storageName,
      stockKeepingUnit: this.stockKeepingUnit.name,
      resourceGroupName: this.resourceGroupName,
      tenantId: this.tenantId,
      clientId: this.clientId,
      subscriptionId: this.subscriptionId,
    };
  }

  private createOutputs(prefix: string): void {
    const values: Record<string, string | undefined> = {
      ...this.wizardValues(),
      locationProvider: this.locationProvider,
      clientSecret: this.clientSecret,
    };
    for (const field of PALETTE_WIZARD.azure) {
      const value = values[field.attribute];
      if (value === undefined || field.output === undefined) continue;
      new TerraformOutput(this, wizardOutputName(prefix, field), {
        staticId: true,
        value,
        description: wizardFieldDescription(field),
        sensitive: field.sensitive ? true : undefined,
      });
    }
  }
}

/**
 * The sovereign cloud a location is in, as far as its literal settings tell: the azurerm
 * provider's `environment` (the `provider` prop, or the stack's default azurerm provider), then the
 * region (`storageAccountProps.location`, or a `ResourceGroup`'s or custom resource group's literal region).
 */
function sovereignCloudOf(scope: Construct, given: TerraformProvider | undefined, group: IResourceGroup,
  location: string | undefined): { cloud: SovereignAzureCloud; why: string } | undefined {
  const provider = given ?? TerraformStack.of(scope).node.children
    .find((c): c is AzurermProvider => c instanceof AzurermProvider && c.alias === undefined);
  const environment = provider instanceof AzurermProvider ? provider.environment : undefined;
  if (environment !== undefined && !Token.isUnresolved(environment)) {
    const cloud = sovereignCloudOfEnvironment(environment);
    if (cloud !== undefined) return { cloud, why: `the azurerm provider's environment is "${environment}"` };
  }
  const region = location ?? (group instanceof ResourceGroup ? group._givenLocation : group.resourceGroupLocation);
  if (!Token.isUnresolved(region)) {
    const cloud = sovereignCloudOfRegion(region);
    if (cloud !== undefined) return { cloud, why: `region "${region}"` };
  }
  return undefined;
}

/**
 * The problems of a list of resource groups that names one group twice (each gets an identical role
 * assignment, which Azure refuses with 409 Conflict at apply): the same object, literal IDs equal but
 * for case (Azure's IDs are case-insensitive), or groups of the same literal name read or created with
 * the same provider (so in the same subscription). Each problem names both indexes.
 */
function sameResourceGroupProblems(groups: readonly IResourceGroup[], prop: string): string[] {
  const problems: string[] = [];
  const seen = new Map<unknown, number>();
  groups.forEach((group, i) => {
    const key = resourceGroupKey(group);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
    } else {
      problems.push(`${prop}[${first}] and ${prop}[${i}] are the same resource group: Azure refuses a second identical role assignment `
        + '(409 Conflict at apply). Give each resource group once');
    }
  });
  return problems;
}

/** What identifies a resource group before apply: its literal ID, its literal name and provider, or the object itself. */
function resourceGroupKey(group: IResourceGroup): unknown {
  if (group === undefined || group === null) return group;
  const id = group.resourceGroupId;
  if (typeof id === 'string' && !Token.isUnresolved(id)) return `id:${id.toLowerCase()}`;
  const identity = (group as { readonly _identity?: string })._identity;
  return identity === undefined ? group : `name:${identity}`;
}

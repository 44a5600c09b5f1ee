/**
 * Palette's Azure backup location: the wizard's fields and their Terraform arguments.
 *
 * Sources: the Azure tab of shared/seeds/000_4f6a8e09d769c55e.txt (the wizard's table: Location
 * Name, Location Provider, Container Name, Storage Name, Stock-Keeping Unit, Resource Group,
 * Tenant ID, Client ID, Subscription ID, Client Secret); notes/vendor-facts.md §1
 * (spectrocloud_backup_storage_location: `name`, `storage_provider` = "azure", and the
 * `azure_storage_config` block, every argument Required, `azure_client_secret` Sensitive).
 */

/** One field of Palette's Azure wizard. */
export interface PaletteField {
  /** The wizard's label. */
  readonly field: string;
  /** The argument of spectrocloud_backup_storage_location (dotted inside a block). */
  readonly argument: string;
  readonly sensitive: boolean;
  /** The Terraform value when it differs from what the wizard shows. */
  readonly terraformValue?: string;
}

/** What the wizard's "Location Provider" drop-down shows for Azure. */
export const PALETTE_AZURE_LOCATION_PROVIDER = 'Azure';

/** `storage_provider` for Azure (Spectro Cloud's `StorageProviderAzure`); the wizard shows "Azure". */
export const SPECTRO_STORAGE_PROVIDER_AZURE = 'azure';

/** The wizard's fields, in the wizard's order, keyed by the construct attribute that holds each. */
export const PALETTE_AZURE_FIELDS = {
  locationName: { field: 'Location Name', argument: 'name', sensitive: false },
  locationProvider: { field: 'Location Provider', argument: 'storage_provider', sensitive: false, terraformValue: SPECTRO_STORAGE_PROVIDER_AZURE },
  containerName: { field: 'Container Name', argument: 'azure_storage_config.container_name', sensitive: false },
  storageName: { field: 'Storage Name', argument: 'azure_storage_config.storage_name', sensitive: false },
  stockKeepingUnit: { field: 'Stock-Keeping Unit', argument: 'azure_storage_config.stock_keeping_unit', sensitive: false },
  resourceGroupName: { field: 'Resource Group', argument: 'azure_storage_config.resource_group', sensitive: false },
  tenantId: { field: 'Tenant ID', argument: 'azure_storage_config.azure_tenant_id', sensitive: false },
  clientId: { field: 'Client ID', argument: 'azure_storage_config.azure_client_id', sensitive: false },
  subscriptionId: { field: 'Subscription ID', argument: 'azure_storage_config.subscription_id', sensitive: false },
  clientSecret: { field: 'Client Secret', argument: 'azure_storage_config.azure_client_secret', sensitive: true },
} as const satisfies Record<string, PaletteField>;

export type PaletteAzureFieldKey = keyof typeof PALETTE_AZURE_FIELDS;

/**
 * An output's description: which wizard field it fills and which Terraform argument it is, with the
 * Terraform value when it differs from the wizard's (`... storage_provider = "azure"`).
 */
export function paletteFieldDescription(field: PaletteField): string {
  const value = field.terraformValue === undefined ? '' : ` = "${field.terraformValue}"`;
  return `Palette "${field.field}" / spectrocloud_backup_storage_location.${field.argument}${value}`;
}

/** The values of one Azure backup location (literals or Terraform references). */
export interface PaletteAzureLocationValues {
  readonly locationName: string;
  readonly containerName: string;
  readonly storageName: string;
  readonly stockKeepingUnit: string;
  readonly resourceGroupName: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly subscriptionId: string;
  /** Required by Spectro Cloud's provider, like every argument of the block. */
  readonly clientSecret: string;
}

/**
 * The arguments of spectrocloud_backup_storage_location for an Azure location, with the exact
 * snake_case names. `azure_storage_config` is a block of at most one item, written as one object.
 */
export function spectroCloudAzureArguments(values: PaletteAzureLocationValues): Record<string, unknown> {
  return {
    name: values.locationName,
    storage_provider: SPECTRO_STORAGE_PROVIDER_AZURE,
    azure_storage_config: {
      container_name: values.containerName,
      storage_name: values.storageName,
      stock_keeping_unit: values.stockKeepingUnit,
      resource_group: values.resourceGroupName,
      azure_tenant_id: values.tenantId,
      azure_client_id: values.clientId,
      subscription_id: values.subscriptionId,
      azure_client_secret: values.clientSecret,
    },
  };
}

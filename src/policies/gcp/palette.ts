/**
 * Palette's GCP backup location: the wizard's fields (seeds/000, GCP tab, "Add a GCP Bucket as the
 * Backup Location") and the arguments of Spectro Cloud's Terraform resource
 * `spectrocloud_backup_storage_location` (notes/vendor-facts.md §1), as plain data.
 */

/** What the wizard's "Location Provider" drop-down shows for GCP. */
export const PALETTE_GCP_LOCATION_PROVIDER = 'GCP';

/** `storage_provider` of `spectrocloud_backup_storage_location` for GCP (`StorageProviderGCP`). */
export const SPECTRO_CLOUD_GCP_STORAGE_PROVIDER = 'gcp';

/** One wizard field: its label on the page and the Terraform argument it maps to. */
export interface PaletteField {
  /** The field's label in Palette's wizard, or undefined for Terraform-only arguments. */
  readonly wizardField?: string;
  /** The argument path in `spectrocloud_backup_storage_location`. */
  readonly terraformArgument: string;
  /** Whether the value is a secret. */
  readonly sensitive: boolean;
  /** The Terraform value when it differs from what the wizard shows. */
  readonly terraformValue?: string;
}

/** The fields of Palette's GCP backup location, keyed by the construct attribute that holds each value. */
export const PALETTE_GCP_FIELDS = {
  locationName: { wizardField: 'Location Name', terraformArgument: 'name', sensitive: false },
  locationProvider: { wizardField: 'Location Provider', terraformArgument: 'storage_provider', sensitive: false, terraformValue: SPECTRO_CLOUD_GCP_STORAGE_PROVIDER },
  bucketName: { wizardField: 'Bucket', terraformArgument: 'bucket_name', sensitive: false },
  jsonCredentials: { wizardField: 'JSON Credentials', terraformArgument: 'gcp_storage_config.gcp_json_credentials', sensitive: true },
  projectId: { terraformArgument: 'gcp_storage_config.project_id', sensitive: false },
} as const satisfies Record<string, PaletteField>;

/** A field's output description: `Palette "Bucket" / spectrocloud_backup_storage_location.bucket_name`. */
export function paletteFieldDescription(field: PaletteField): string {
  const value = field.terraformValue === undefined ? '' : ` = "${field.terraformValue}"`;
  const argument = `spectrocloud_backup_storage_location.${field.terraformArgument}${value}`;
  return field.wizardField ? `Palette "${field.wizardField}" / ${argument}` : argument;
}

/** The values of a Palette GCP backup location. */
export interface PaletteGcpLocationValues {
  readonly locationName: string;
  readonly bucketName: string;
  readonly projectId: string;
  readonly jsonCredentials: string;
}

/**
 * The arguments of `spectrocloud_backup_storage_location` for GCP, with their exact snake_case names.
 * The provider's CustomizeDiff requires `gcp_storage_config` and `bucket_name` for "gcp" and refuses
 * `s3`, `azure_storage_config`, `region` and `ca_cert`, so none of those appear.
 */
export function spectroCloudGcpBackupStorageLocation(values: PaletteGcpLocationValues): Record<string, unknown> {
  return {
    name: values.locationName,
    storage_provider: SPECTRO_CLOUD_GCP_STORAGE_PROVIDER,
    bucket_name: values.bucketName,
    gcp_storage_config: {
      project_id: values.projectId,
      gcp_json_credentials: values.jsonCredentials,
    },
  };
}

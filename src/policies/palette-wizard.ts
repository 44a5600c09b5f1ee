/**
 * Palette's "Add New Backup Location" wizard, one model for every location provider: for each field
 * its label(s) in the wizard, the construct attribute that holds its value, the output that shows it
 * (`createOutputs: true`), and the argument of Spectro Cloud's Terraform resource
 * `spectrocloud_backup_storage_location`. Outputs, their descriptions and `toSpectroCloudTerraform()`
 * are made from it, on AWS, MinIO, GCP and Azure alike. Pure: no back end.
 *
 * Sources:
 * - the wizard's tables in spectrocloud/librarium,
 *   docs/docs-content/clusters/cluster-management/backup-restore/add-backup-location-static.md (AWS,
 *   GCP, MinIO, Azure: "S3 URL") and add-backup-location-dynamic.md (AWS STS: "Endpoint URL", "ARN");
 *   the seed page 000 ("S3 URL");
 * - the arguments in spectrocloud/terraform-provider-spectrocloud,
 *   spectrocloud/resource_backup_storage_location.go (schema) and
 *   spectrocloud/common_backup_storage_location.go (`schemaValidationForLocationProvider`: `s3`,
 *   `bucket_name` and `region` required for aws/minio; `gcp_storage_config` and `bucket_name` for gcp;
 *   `azure_storage_config` for azure, which refuses `bucket_name`, `region`, `ca_cert` and `s3`).
 */
import { ruleOf, ValueRule } from './validation';

/** `storage_provider` of `spectrocloud_backup_storage_location`. */
export type SpectroCloudStorageProvider = 'aws' | 'minio' | 'gcp' | 'azure';

/**
 * Where the backup location is created in Palette: the provider's `context` argument (Project
 * Settings or Tenant Settings > Backup Locations).
 */
export enum PaletteLocationContext {
  /** The project's backup locations (the provider's default). */
  PROJECT = 'project',
  /** The tenant's backup locations, shared by its projects. */
  TENANT = 'tenant',
}

/** One field of Palette's wizard (or a Terraform-only argument). */
export interface PaletteWizardField {
  /** The construct attribute that holds the value (the same name on every cloud). */
  readonly attribute: string;
  /**
   * The field's labels in the wizard, newest first (the current page's, then older pages' such as
   * the seed's "S3 URL"); empty for arguments the wizard does not show.
   */
  readonly labels: readonly string[];
  /** The output's name after the location's prefix (`Palette` + `BucketName`); undefined when never an output. */
  readonly output?: string;
  /** The argument path(s) in `spectrocloud_backup_storage_location` (`s3.bucket_name`: inside the `s3` block). */
  readonly arguments: readonly string[];
  /** Whether the value is a secret (a sensitive Terraform output). */
  readonly sensitive?: boolean;
  /** The Terraform value when it differs from what the wizard shows (`storage_provider` "aws" for "AWS"). */
  readonly terraformValue?: string;
  /** What the output holds when it is not the field's value itself. */
  readonly outputNote?: string;
}

function field(
  attribute: string, labels: string[], output: string | undefined, args: string[], extra: Partial<PaletteWizardField> = {},
): PaletteWizardField {
  return { attribute, labels, output, arguments: args, ...extra };
}

/** Arguments every provider has and the wizard does not show as fields. */
const COMMON_TERRAFORM_ONLY: PaletteWizardField[] = [
  field('context', [], undefined, ['context']),
  field('isDefault', [], undefined, ['is_default']),
];

const S3_FIELDS = (provider: 'aws' | 'minio', s3UrlLabels: string[]): PaletteWizardField[] => [
  field('locationName', ['Location Name'], 'LocationName', ['name']),
  field('locationProvider', ['Location Provider'], 'LocationProvider', ['storage_provider'], { terraformValue: provider }),
  field('caCertificatePem', ['Certificate'], undefined, ['ca_cert']),
  field('bucketName', ['S3 Bucket'], 'BucketName', ['bucket_name']),
  field('region', ['Region'], 'Region', ['region']),
  field('s3Url', s3UrlLabels, 'S3Url', ['s3.s3_url']),
  field('forcePathStyle', ['Force S3 path style'], 'ForcePathStyle', ['s3.s3_force_path_style']),
  field('credentialType', provider === 'aws' ? ['STS', 'Credentials'] : [], undefined, ['s3.credential_type']),
  ...(provider === 'aws'
    ? [
      field('roleArn', ['ARN'], 'RoleArn', ['s3.arn']),
      field('externalId', ['External ID'], 'ExternalId', ['s3.external_id']),
    ]
    : []),
  field('accessKeySecret', ['Access Key', 'Secret Key'], 'AccessKeySecretArn', ['s3.access_key', 's3.secret_key'], {
    outputNote: 'read them from this Secrets Manager secret (accessKeyId, secretAccessKey)',
  }),
  ...COMMON_TERRAFORM_ONLY,
];

/** The wizard's fields per location provider, in the wizard's order. */
export const PALETTE_WIZARD: Readonly<Record<SpectroCloudStorageProvider, readonly PaletteWizardField[]>> = {
  // add-backup-location-dynamic.md labels the AWS endpoint "Endpoint URL"; the static page and the seed, "S3 URL".
  aws: S3_FIELDS('aws', ['Endpoint URL', 'S3 URL']),
  minio: S3_FIELDS('minio', ['S3 URL']),
  gcp: [
    field('locationName', ['Location Name'], 'LocationName', ['name']),
    field('locationProvider', ['Location Provider'], 'LocationProvider', ['storage_provider'], { terraformValue: 'gcp' }),
    field('bucketName', ['Bucket'], 'BucketName', ['bucket_name']),
    field('jsonCredentials', ['JSON Credentials'], 'JsonCredentials', ['gcp_storage_config.gcp_json_credentials'], { sensitive: true }),
    field('projectId', [], 'ProjectId', ['gcp_storage_config.project_id']),
    ...COMMON_TERRAFORM_ONLY,
  ],
  azure: [
    field('locationName', ['Location Name'], 'LocationName', ['name']),
    field('locationProvider', ['Location Provider'], 'LocationProvider', ['storage_provider'], { terraformValue: 'azure' }),
    field('containerName', ['Container Name'], 'ContainerName', ['azure_storage_config.container_name']),
    field('storageName', ['Storage Name'], 'StorageName', ['azure_storage_config.storage_name']),
    field('stockKeepingUnit', ['Stock-Keeping Unit'], 'StockKeepingUnit', ['azure_storage_config.stock_keeping_unit']),
    field('resourceGroupName', ['Resource Group'], 'ResourceGroup', ['azure_storage_config.resource_group']),
    field('tenantId', ['Tenant ID'], 'TenantId', ['azure_storage_config.azure_tenant_id']),
    field('clientId', ['Client ID'], 'ClientId', ['azure_storage_config.azure_client_id']),
    field('subscriptionId', ['Subscription ID'], 'SubscriptionId', ['azure_storage_config.subscription_id']),
    field('clientSecret', ['Client Secret'], 'ClientSecret', ['azure_storage_config.azure_client_secret'], { sensitive: true }),
    ...COMMON_TERRAFORM_ONLY,
  ],
};

/** The field of `provider` held by `attribute`. */
export function wizardField(provider: SpectroCloudStorageProvider, attribute: string): PaletteWizardField {
  const found = PALETTE_WIZARD[provider].find((f) => f.attribute === attribute);
  if (!found) throw new Error(`No Palette wizard field "${attribute}" for ${provider}`);
  return found;
}

/**
 * An output's description, the same on every cloud:
 * `Palette "Endpoint URL" (older pages: "S3 URL") / spectrocloud_backup_storage_location.s3.s3_url`.
 */
export function wizardFieldDescription(f: PaletteWizardField): string {
  const [label, ...older] = f.labels;
  const wizard = label === undefined
    ? ''
    : f.attribute === 'accessKeySecret'
      ? `Palette ${f.labels.map((l) => `"${l}"`).join(' and ')}: `
      : `Palette "${label}"${older.length > 0 ? ` (older pages: ${older.map((l) => `"${l}"`).join(', ')})` : ''} / `;
  const value = f.terraformValue === undefined ? '' : ` = "${f.terraformValue}"`;
  const args = f.arguments.map((a) => `spectrocloud_backup_storage_location.${a}${value}`).join(', ');
  return f.outputNote ? `${wizard}${f.outputNote} / ${args}` : `${wizard}${args}`;
}

/** An output's name: the location's prefix and the field's output (`PaletteBucketName`). */
export function wizardOutputName(prefix: string, f: PaletteWizardField): string {
  if (f.output === undefined) throw new Error(`Palette field "${f.attribute}" has no output`);
  return `${prefix}${f.output}`;
}

/** Palette's "Location Name": one rule on every cloud (not blank; it defaults to the bucket or account name). */
export const PALETTE_LOCATION_NAME: ValueRule = ruleOf(
  'Palette location name',
  'Give the name the location should have in Palette, or leave locationName out to use the bucket\'s (storage account\'s) name.',
  [
    [(v) => v.trim().length === 0, 'it is blank'],
    [(v) => v.trim() !== v, 'it has leading or trailing white space'],
  ],
);

/**
 * The prefix of a location's output names (`outputPrefix`): CloudFormation logical IDs and Terraform
 * output names, so letters and digits, starting with a letter.
 */
export const PALETTE_OUTPUT_PREFIX: ValueRule = ruleOf(
  'output prefix',
  'Use 1-200 letters and digits starting with a letter, e.g. "PaletteProd", one per location of a stack.',
  [[(v) => !/^[A-Za-z][A-Za-z0-9]{0,199}$/.test(v), 'it must be letters and digits, starting with a letter']],
);

/** The default output prefix. */
export const DEFAULT_OUTPUT_PREFIX = 'Palette';

// ---------------------------------------------------------------------------------------------
// The arguments of spectrocloud_backup_storage_location, typed. Property names are the provider's
// arguments in camelCase (as cdktf's generated bindings of the spectrocloud provider name them);
// `spectroCloudTerraformJson()` gives the exact snake_case JSON.
// ---------------------------------------------------------------------------------------------

/** The `s3` block (aws and minio). */
export interface SpectroCloudS3Args {
  /** `credential_type`: "sts" or "secret". */
  readonly credentialType: string;
  /** `arn`: the role (sts). @default - none */
  readonly arn?: string;
  /** `external_id` (sts). @default - none */
  readonly externalId?: string;
  /** `access_key` (secret; sensitive). @default - none */
  readonly accessKey?: string;
  /** `secret_key` (secret; sensitive). @default - none */
  readonly secretKey?: string;
  /** `s3_url`. @default - S3's endpoint for the region */
  readonly s3Url?: string;
  /** `s3_force_path_style`. */
  readonly s3ForcePathStyle: boolean;
}

/** The `gcp_storage_config` block. */
export interface SpectroCloudGcpStorageConfigArgs {
  /** `project_id`. */
  readonly projectId: string;
  /** `gcp_json_credentials` (sensitive). */
  readonly gcpJsonCredentials: string;
}

/** The `azure_storage_config` block (every argument required). */
export interface SpectroCloudAzureStorageConfigArgs {
  /** `container_name`. */
  readonly containerName: string;
  /** `storage_name`. */
  readonly storageName: string;
  /** `stock_keeping_unit`, e.g. `Standard_GRS`. */
  readonly stockKeepingUnit: string;
  /** `resource_group`. */
  readonly resourceGroup: string;
  /** `azure_tenant_id`. */
  readonly azureTenantId: string;
  /** `azure_client_id`. */
  readonly azureClientId: string;
  /** `subscription_id`. */
  readonly subscriptionId: string;
  /** `azure_client_secret` (sensitive). */
  readonly azureClientSecret: string;
}

/** The arguments of `spectrocloud_backup_storage_location` (spectrocloud/resource_backup_storage_location.go). */
export interface SpectroCloudBackupStorageLocationArgs {
  /** `name`: Palette's "Location Name". */
  readonly name: string;
  /** `storage_provider`: "aws", "minio", "gcp" or "azure". */
  readonly storageProvider: string;
  /** `context`: "project" or "tenant". */
  readonly context: string;
  /** `is_default`: whether backups go here unless another location is chosen. */
  readonly isDefault: boolean;
  /** `bucket_name` (aws, minio, gcp). @default - none (azure) */
  readonly bucketName?: string;
  /** `region` (aws, minio). @default - none (gcp, azure) */
  readonly region?: string;
  /** `ca_cert`: PEM (aws, minio). @default - none */
  readonly caCert?: string;
  /** `s3` (aws, minio). @default - none */
  readonly s3?: SpectroCloudS3Args;
  /** `gcp_storage_config` (gcp). @default - none */
  readonly gcpStorageConfig?: SpectroCloudGcpStorageConfigArgs;
  /** `azure_storage_config` (azure). @default - none */
  readonly azureStorageConfig?: SpectroCloudAzureStorageConfigArgs;
}

/** What every location adds to its provider's arguments. */
export interface PaletteRegistrationOptions {
  /**
   * Where Palette keeps the location (`context`).
   *
   * @default PaletteLocationContext.PROJECT
   */
  readonly context?: PaletteLocationContext;

  /**
   * Make it the default backup location (`is_default`).
   *
   * @default false
   */
  readonly isDefault?: boolean;
}

/** The values of an S3 (aws or minio) location: literals, tokens or Terraform expressions. */
export interface PaletteS3LocationValues extends PaletteRegistrationOptions {
  /** Palette's "Location Name". */
  readonly locationName: string;
  /** "S3 Bucket". */
  readonly bucketName: string;
  /** "Region". */
  readonly region: string;
  /**
   * "Endpoint URL" / "S3 URL".
   *
   * @default - none
   */
  readonly s3Url?: string;
  /** "Force S3 path style". */
  readonly forcePathStyle: boolean;
  /**
   * "Certificate" (PEM).
   *
   * @default - none
   */
  readonly caCertificatePem?: string;
  /**
   * STS: "ARN", the role's. Give this and `externalId`, or `accessKey` and `secretKey`.
   *
   * @default - Credentials
   */
  readonly roleArn?: string;
  /**
   * STS: "External ID".
   *
   * @default - Credentials
   */
  readonly externalId?: string;
  /**
   * Credentials: "Access Key" (the access key ID).
   *
   * @default - STS
   */
  readonly accessKey?: string;
  /**
   * Credentials: "Secret Key" (the secret access key).
   *
   * @default - STS
   */
  readonly secretKey?: string;
}

/** The values of a GCP location. */
export interface PaletteGcpLocationValues extends PaletteRegistrationOptions {
  /** "Location Name". */
  readonly locationName: string;
  /** "Bucket". */
  readonly bucketName: string;
  /** The project (`gcp_storage_config.project_id`). */
  readonly projectId: string;
  /** "JSON Credentials": the key file's JSON. */
  readonly jsonCredentials: string;
}

/** The values of an Azure location. */
export interface PaletteAzureLocationValues extends PaletteRegistrationOptions {
  /** "Location Name". */
  readonly locationName: string;
  /** "Container Name". */
  readonly containerName: string;
  /** "Storage Name". */
  readonly storageName: string;
  /** "Stock-Keeping Unit", e.g. `Standard_GRS`. */
  readonly stockKeepingUnit: string;
  /** "Resource Group". */
  readonly resourceGroupName: string;
  /** "Tenant ID". */
  readonly tenantId: string;
  /** "Client ID". */
  readonly clientId: string;
  /** "Subscription ID". */
  readonly subscriptionId: string;
  /** "Client Secret". */
  readonly clientSecret: string;
}

const common = (values: PaletteRegistrationOptions) => ({
  context: values.context ?? PaletteLocationContext.PROJECT,
  isDefault: values.isDefault ?? false,
});

/**
 * The arguments of `spectrocloud_backup_storage_location` for each location provider, from values
 * that are literals or Terraform expressions (`${data.aws_cloudformation_stack.x.outputs["..."]}`).
 * The constructs' `toSpectroCloudTerraform()` use them; use them directly to register a location
 * whose values live in another tool's state (an AWS location deployed with CloudFormation).
 */
export class SpectroCloudArguments {
  /**
   * An AWS S3 location (`storage_provider` "aws"): STS with `roleArn` and `externalId`, or
   * Credentials with `accessKey` and `secretKey`.
   */
  public static aws(values: PaletteS3LocationValues): SpectroCloudBackupStorageLocationArgs {
    return SpectroCloudArguments.s3Compatible('aws', values);
  }

  /** A MinIO or other S3-compatible location (`storage_provider` "minio"): Credentials only. */
  public static minio(values: PaletteS3LocationValues): SpectroCloudBackupStorageLocationArgs {
    if (values.roleArn !== undefined || values.externalId !== undefined) {
      throw new Error('A MinIO location authenticates with an access key and secret key; roleArn and externalId are for AWS STS.');
    }
    return SpectroCloudArguments.s3Compatible('minio', values);
  }

  /** A GCP location (`storage_provider` "gcp"). The provider refuses `region`, `ca_cert` and `s3` here. */
  public static gcp(values: PaletteGcpLocationValues): SpectroCloudBackupStorageLocationArgs {
    return {
      name: values.locationName,
      storageProvider: 'gcp',
      ...common(values),
      bucketName: values.bucketName,
      gcpStorageConfig: { projectId: values.projectId, gcpJsonCredentials: values.jsonCredentials },
    };
  }

  /** An Azure location (`storage_provider` "azure"). The provider refuses `bucket_name`, `region`, `ca_cert` and `s3` here. */
  public static azure(values: PaletteAzureLocationValues): SpectroCloudBackupStorageLocationArgs {
    return {
      name: values.locationName,
      storageProvider: 'azure',
      ...common(values),
      azureStorageConfig: {
        containerName: values.containerName,
        storageName: values.storageName,
        stockKeepingUnit: values.stockKeepingUnit,
        resourceGroup: values.resourceGroupName,
        azureTenantId: values.tenantId,
        azureClientId: values.clientId,
        subscriptionId: values.subscriptionId,
        azureClientSecret: values.clientSecret,
      },
    };
  }

  private static s3Compatible(provider: 'aws' | 'minio', values: PaletteS3LocationValues): SpectroCloudBackupStorageLocationArgs {
    const sts = values.roleArn !== undefined || values.externalId !== undefined;
    const secret = values.accessKey !== undefined || values.secretKey !== undefined;
    if (sts === secret || (sts && (values.roleArn === undefined || values.externalId === undefined))
      || (secret && (values.accessKey === undefined || values.secretKey === undefined))) {
      throw new Error(`A Palette ${provider} location needs either roleArn and externalId (STS) or accessKey and secretKey (Credentials), not both and not half of one.`);
    }
    return {
      name: values.locationName,
      storageProvider: provider,
      ...common(values),
      bucketName: values.bucketName,
      region: values.region,
      ...(values.caCertificatePem !== undefined ? { caCert: values.caCertificatePem } : {}),
      s3: {
        credentialType: sts ? 'sts' : 'secret',
        ...(sts ? { arn: values.roleArn, externalId: values.externalId } : { accessKey: values.accessKey, secretKey: values.secretKey }),
        ...(values.s3Url !== undefined ? { s3Url: values.s3Url } : {}),
        s3ForcePathStyle: values.forcePathStyle,
      },
    };
  }

  private constructor() {}
}

/** A JSON value of a Terraform configuration. */
export type TerraformJson = string | number | boolean | TerraformJson[] | { [key: string]: TerraformJson };

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The arguments with the provider's exact snake_case names, as `spectrocloud_backup_storage_location`
 * takes them in Terraform JSON (blocks of at most one item as one object).
 */
export function spectroCloudTerraformJson(args: SpectroCloudBackupStorageLocationArgs): { [key: string]: TerraformJson } {
  const convert = (value: object): { [key: string]: TerraformJson } => Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [snake(k), typeof v === 'object' && v !== null ? convert(v) : v as TerraformJson]),
  );
  return convert(args);
}

const claimedPrefixes = new WeakMap<object, Set<string>>();

/**
 * Claims an output prefix in `owner` (a stack): false when another location of the same stack has
 * it already, so two locations' outputs never clash.
 */
export function claimOutputPrefix(owner: object, prefix: string): boolean {
  const claimed = claimedPrefixes.get(owner) ?? new Set<string>();
  claimedPrefixes.set(owner, claimed);
  if (claimed.has(prefix)) return false;
  claimed.add(prefix);
  return true;
}

/** The problem of a prefix another location of the stack has claimed. */
export function outputPrefixClash(prefix: string): string {
  return `outputPrefix "${prefix}" is already used by another Palette location's outputs in this stack; give each location its own outputPrefix (e.g. "PaletteProd")`;
}

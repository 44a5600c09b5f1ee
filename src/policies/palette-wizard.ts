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
import { MINIO_ACCESS_KEY } from './aws/minio';
import { AWS_REGION, IAM_ROLE_ARN, roleArnPartitionMismatch, S3_BUCKET_NAME, STS_EXTERNAL_ID } from './aws/rules';
import { S3_ENDPOINT_URL, s3EndpointWarnings } from './aws/s3-endpoint';
import {
  AZURE_CLIENT_ID,
  AZURE_RESOURCE_GROUP_NAME,
  AZURE_STORAGE_ACCOUNT_NAME,
  AZURE_STORAGE_CONTAINER_NAME,
  AZURE_SUBSCRIPTION_ID,
  AZURE_TENANT_ID,
} from './azure/names';
import { AZURE_STORAGE_SKU } from './azure/storage';
import { GCP_PROJECT_ID, GCS_BUCKET_NAME } from './gcp/names';
import { CA_CERTIFICATE_PEM } from './pem';
import {
  awsCdkTokenProblem,
  declarationsOfTerraformJson,
  hasAwsCdkToken,
  hasCdktfToken,
  secretExpressionProblems,
  TerraformDeclarations,
} from './terraform-expression';
import { ruleOf, ValidationProblems, ValueRule, warningWithId } from './validation';

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
    [(v) => /[\x00-\x08\x0a-\x1f\x7f]/.test(v.trim()), 'it must not contain line breaks or control characters'],
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

/** The values of `context`, exactly as the provider takes them. */
const CONTEXTS: readonly string[] = [PaletteLocationContext.PROJECT, PaletteLocationContext.TENANT];

/** A MinIO region: MinIO accepts any name; Velero sends it in SigV4 signatures, so it must match the server's. */
export const MINIO_REGION: ValueRule = ruleOf('MinIO region', 'Use the region the MinIO server is configured with (MINIO_SITE_REGION), e.g. "us-east-1".', [
  [(v) => !/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(v), 'it must be 1-63 letters, digits, hyphens and underscores, starting with a letter or digit'],
]);

/** An AWS access key ID ("Access Key"): AKIA/ASIA and 16 upper-case letters and digits. */
export const AWS_ACCESS_KEY_ID: ValueRule = ruleOf('AWS access key ID', 'Use the access key ID IAM shows, e.g. "AKIAIOSFODNN7EXAMPLE" (20 characters).', [
  [(v) => !/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(v), 'it must be "AKIA" or "ASIA" followed by 16 upper-case letters and digits'],
]);

/**
 * How one argument of `spectrocloud_backup_storage_location` is checked: the same rule the
 * constructs apply to the wizard field it holds.
 */
export interface ArgumentCheck {
  /** Where it is in SpectroCloudBackupStorageLocationArgs (`s3.arn`). */
  readonly path: string;
  /** The name of the value that gives it (the construct prop and SpectroCloudArguments' value: `roleArn`). */
  readonly prop: string;
  /** A rule for its literal text; 'secret' for a secret, which must be a reference; 'boolean'; 'context'. */
  readonly check: ValueRule | 'secret' | 'boolean' | 'context';
  /** Whether the argument is required. */
  readonly required?: boolean;
}

const COMMON_CHECKS: ArgumentCheck[] = [
  { path: 'name', prop: 'locationName', check: PALETTE_LOCATION_NAME, required: true },
  { path: 'context', prop: 'context', check: 'context' },
  { path: 'isDefault', prop: 'isDefault', check: 'boolean' },
];

const S3_CHECKS = (region: ValueRule, accessKey: ValueRule): ArgumentCheck[] => [
  ...COMMON_CHECKS,
  { path: 'bucketName', prop: 'bucketName', check: S3_BUCKET_NAME, required: true },
  { path: 'region', prop: 'region', check: region, required: true },
  { path: 'caCert', prop: 'caCertificatePem', check: CA_CERTIFICATE_PEM },
  { path: 's3.arn', prop: 'roleArn', check: IAM_ROLE_ARN },
  { path: 's3.externalId', prop: 'externalId', check: STS_EXTERNAL_ID },
  { path: 's3.accessKey', prop: 'accessKey', check: accessKey },
  { path: 's3.secretKey', prop: 'secretKey', check: 'secret' },
  { path: 's3.s3Url', prop: 's3Url', check: S3_ENDPOINT_URL },
  { path: 's3.s3ForcePathStyle', prop: 'forcePathStyle', check: 'boolean', required: true },
];

/**
 * The rule of each argument per provider: one rule per wizard field, the constructs' (AWS_REGION,
 * S3_BUCKET_NAME, GCS_BUCKET_NAME, ...), so registration refuses what the wizard's constructs refuse.
 */
export const REGISTRATION_CHECKS: Readonly<Record<SpectroCloudStorageProvider, readonly ArgumentCheck[]>> = {
  aws: S3_CHECKS(AWS_REGION, AWS_ACCESS_KEY_ID),
  minio: S3_CHECKS(MINIO_REGION, MINIO_ACCESS_KEY),
  gcp: [
    ...COMMON_CHECKS,
    { path: 'bucketName', prop: 'bucketName', check: GCS_BUCKET_NAME, required: true },
    { path: 'gcpStorageConfig.projectId', prop: 'projectId', check: GCP_PROJECT_ID, required: true },
    { path: 'gcpStorageConfig.gcpJsonCredentials', prop: 'jsonCredentials', check: 'secret', required: true },
  ],
  azure: [
    ...COMMON_CHECKS,
    { path: 'azureStorageConfig.containerName', prop: 'containerName', check: AZURE_STORAGE_CONTAINER_NAME, required: true },
    { path: 'azureStorageConfig.storageName', prop: 'storageName', check: AZURE_STORAGE_ACCOUNT_NAME, required: true },
    { path: 'azureStorageConfig.stockKeepingUnit', prop: 'stockKeepingUnit', check: AZURE_STORAGE_SKU, required: true },
    { path: 'azureStorageConfig.resourceGroup', prop: 'resourceGroupName', check: AZURE_RESOURCE_GROUP_NAME, required: true },
    { path: 'azureStorageConfig.azureTenantId', prop: 'tenantId', check: AZURE_TENANT_ID, required: true },
    { path: 'azureStorageConfig.azureClientId', prop: 'clientId', check: AZURE_CLIENT_ID, required: true },
    { path: 'azureStorageConfig.subscriptionId', prop: 'subscriptionId', check: AZURE_SUBSCRIPTION_ID, required: true },
    { path: 'azureStorageConfig.azureClientSecret', prop: 'clientSecret', check: 'secret', required: true },
  ],
};

/** A value that only Terraform knows (a cdktf token not resolved yet, or a Terraform expression): its rule waits. */
function isTerraformValue(value: unknown): boolean {
  return hasCdktfToken(value) || (typeof value === 'string' && value.includes('${') && !hasAwsCdkToken(value));
}

const at = (value: unknown, path: string): unknown => path.split('.')
  .reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined), value);

/**
 * Checks the arguments of `spectrocloud_backup_storage_location` with the wizard fields' rules:
 * required arguments, types (a JavaScript caller's string for a boolean), context and is_default,
 * literal values against their rules, secrets (a literal, or with `declarations` a variable with a
 * default or not sensitive, is refused without showing the value), aws-cdk-lib tokens, and the role
 * ARN's partition against the region's. Values only Terraform knows wait for their resolution.
 */
function checkArguments(problems: ValidationProblems, args: SpectroCloudBackupStorageLocationArgs, declarations?: TerraformDeclarations): void {
  const provider = args.storageProvider as SpectroCloudStorageProvider;
  const checks = REGISTRATION_CHECKS[provider];
  if (checks === undefined) {
    problems.add(`storage_provider must be one of ${Object.keys(REGISTRATION_CHECKS).map((p) => `"${p}"`).join(', ')}`);
    return;
  }
  for (const { path, prop, check, required } of checks) {
    const value = at(args, path);
    if (value === undefined || value === null) {
      problems.addIf(required === true, `${prop} is required (${path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} of spectrocloud_backup_storage_location)`);
      problems.addIf(required !== true && value === null, `${prop} is null; leave it out or give a value`);
      continue;
    }
    if (hasAwsCdkToken(value)) {
      problems.add(awsCdkTokenProblem(prop));
    } else if (check === 'boolean') {
      problems.checkBoolean(value, prop);
    } else if (check === 'context') {
      problems.checkOneOf(value, CONTEXTS, prop);
    } else if (check === 'secret') {
      if (hasCdktfToken(value)) continue;
      if (typeof value !== 'string') problems.checkString(value, prop);
      else secretExpressionProblems(value, prop, declarations).forEach((p) => problems.add(p));
    } else {
      problems.check(check, value, prop);
    }
  }
  const region = at(args, 'region');
  const arn = at(args, 's3.arn');
  if (provider === 'aws' && typeof region === 'string' && typeof arn === 'string' && !isTerraformValue(region) && !isTerraformValue(arn)) {
    const mismatch = roleArnPartitionMismatch('roleArn', arn, region);
    if (mismatch !== undefined) problems.add(mismatch);
  }
}

/** The problems of arguments before Terraform resolves them: values only Terraform knows are skipped. */
function unresolvedArgumentProblems(where: string): ValidationProblems {
  return new ValidationProblems(where, (v) => isTerraformValue(v) && !hasAwsCdkToken(v));
}

/**
 * The warning of "Force S3 path style" off with an S3 URL: the wizard's page says to select it when
 * an S3 URL is given ("If you provide a value, ... select the Force S3 path style checkbox"; seed
 * page 000). The one rule of the field, for the constructs and registration alike.
 */
export function forcePathStyleWarning(prop: string, s3Url: unknown, forcePathStyle: unknown): { id: string; message: string } | undefined {
  if (s3Url === undefined || s3Url === null || forcePathStyle !== false) return undefined;
  return {
    id: 'PathStyleOff',
    message: `${prop} is false with an S3 URL: Palette's wizard says to select "Force S3 path style" when an S3 URL is given, and `
      + 'virtual-hosted style needs a DNS name per bucket on the endpoint (a MinIO server without MINIO_DOMAIN, or a private endpoint, '
      + 'answers for the bucket name as a host only with path style). Set forcePathStyle: true unless the endpoint serves virtual-hosted style.',
  };
}

/** Checks a location's `context` and `isDefault` (the constructs' registration options) as registration does. */
export function checkRegistrationOptions(problems: ValidationProblems, options: PaletteRegistrationOptions | undefined): ValidationProblems {
  if (options === undefined || options === null) return problems;
  return problems.checkOneOf(options.context, CONTEXTS, 'context').checkBoolean(options.isDefault, 'isDefault');
}

const common = (values: PaletteRegistrationOptions) => ({
  context: values.context ?? PaletteLocationContext.PROJECT,
  isDefault: values.isDefault ?? false,
});

/** The values object itself: a JavaScript caller who gives none gets an error naming what is missing, not a TypeError. */
function valuesOf<T extends object>(values: T | undefined, where: string): T {
  if (typeof values !== 'object' || values === null) {
    new ValidationProblems(where, () => false)
      .add(`the location's values are required: an object with locationName and the provider's fields, not ${values === null ? 'null' : typeof values}`)
      .throwIfAny();
  }
  return values as T;
}

/**
 * The arguments of `spectrocloud_backup_storage_location` for each location provider, from values
 * that are literals or Terraform expressions (`${data.aws_cloudformation_stack.x.outputs["..."]}`).
 * The constructs' `toSpectroCloudTerraform()` use them; use them directly to register a location
 * whose values live in another tool's state (an AWS location deployed with CloudFormation).
 *
 * Every value is checked with the rule the constructs apply to the same wizard field; a secret
 * (`secretKey`, `jsonCredentials`, `clientSecret`) must be a reference Terraform keeps out of the
 * configuration (a sensitive variable without default, a data source or resource attribute). Values
 * given as cdktf tokens are checked when they resolve: pass the arguments to a resource that calls
 * `SpectroCloudArguments.synthesizedProblems` in a validation (examples/terraform/spectrocloud.ts).
 */
export class SpectroCloudArguments {
  /**
   * An AWS S3 location (`storage_provider` "aws"): STS with `roleArn` and `externalId`, or
   * Credentials with `accessKey` and `secretKey`.
   */
  public static aws(values: PaletteS3LocationValues): SpectroCloudBackupStorageLocationArgs {
    return SpectroCloudArguments.s3Compatible('aws', valuesOf(values, 'SpectroCloudArguments.aws'));
  }

  /** A MinIO or other S3-compatible location (`storage_provider` "minio"): Credentials only. */
  public static minio(values: PaletteS3LocationValues): SpectroCloudBackupStorageLocationArgs {
    valuesOf(values, 'SpectroCloudArguments.minio');
    const problems: string[] = [];
    if (values.roleArn !== undefined || values.externalId !== undefined) {
      problems.push('A MinIO location authenticates with an access key and secret key; roleArn and externalId are for AWS STS.');
    }
    if (values.s3Url === undefined || values.s3Url === null) {
      // The wizard's MinIO tab asks for it, as PaletteMinioBackupLocation does: without it Velero would talk to AWS S3.
      problems.push('s3Url is required for MinIO (s3.s3_url of spectrocloud_backup_storage_location): give the MinIO server\'s S3 endpoint, e.g. "https://minio.example.com:9000"');
    }
    return SpectroCloudArguments.s3Compatible('minio', values, problems);
  }

  /** A GCP location (`storage_provider` "gcp"). The provider refuses `region`, `ca_cert` and `s3` here. */
  public static gcp(values: PaletteGcpLocationValues): SpectroCloudBackupStorageLocationArgs {
    valuesOf(values, 'SpectroCloudArguments.gcp');
    return SpectroCloudArguments.checked('SpectroCloudArguments.gcp', {
      name: values.locationName,
      storageProvider: 'gcp',
      ...common(values),
      bucketName: values.bucketName,
      gcpStorageConfig: { projectId: values.projectId, gcpJsonCredentials: values.jsonCredentials },
    });
  }

  /** An Azure location (`storage_provider` "azure"). The provider refuses `bucket_name`, `region`, `ca_cert` and `s3` here. */
  public static azure(values: PaletteAzureLocationValues): SpectroCloudBackupStorageLocationArgs {
    valuesOf(values, 'SpectroCloudArguments.azure');
    return SpectroCloudArguments.checked('SpectroCloudArguments.azure', {
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
    });
  }

  /**
   * The problems of arguments as Terraform will read them, at synth time: `args` and the stack's
   * configuration resolved by cdktf (`stack.resolve(args)`, `stack.resolve(stack.toTerraform())`), so
   * a cdktf token that resolves to a literal secret (a `Lazy`, `Fn.join` of literals), a secret
   * variable with a default or not sensitive, or a literal that breaks a field's rule is found.
   * Empty when the arguments are fine. Messages name `path` and the argument, never a secret's value.
   *
   * @param args the resolved arguments
   * @param terraformJson the resolved Terraform configuration of the stack (for its variables and locals)
   * @param path the construct path to name in messages
   */
  public static synthesizedProblems(args: SpectroCloudBackupStorageLocationArgs, terraformJson: Record<string, unknown>, path: string): string[] {
    const problems = new ValidationProblems(path, (v) => typeof v === 'string' && v.includes('${') && !hasAwsCdkToken(v));
    checkArguments(problems, args, declarationsOfTerraformJson(terraformJson));
    return [...problems.problems];
  }

  /**
   * Warnings a user may accept about arguments, each `[saas-backup-constructs:<Id>] <message>`:
   * `PathStyleOff` ("Force S3 path style" off with an S3 URL), `PlainHttpEndpoint` and
   * `LoopbackEndpoint` (the S3 URL's). Literal values only.
   */
  public static warnings(args: SpectroCloudBackupStorageLocationArgs): string[] {
    const s3Url = at(args, 's3.s3Url');
    const found: Array<{ id: string; message: string }> = [];
    const pathStyle = forcePathStyleWarning('forcePathStyle', s3Url, at(args, 's3.s3ForcePathStyle'));
    if (pathStyle !== undefined) found.push(pathStyle);
    if (typeof s3Url === 'string' && !isTerraformValue(s3Url) && S3_ENDPOINT_URL.check(s3Url).length === 0) found.push(...s3EndpointWarnings(s3Url));
    return found.map((w) => warningWithId(w.id, w.message));
  }

  private static s3Compatible(provider: 'aws' | 'minio', values: PaletteS3LocationValues, problems: string[] = []): SpectroCloudBackupStorageLocationArgs {
    const where = `SpectroCloudArguments.${provider}`;
    const given = (v: unknown) => v !== undefined && v !== null;
    const sts = given(values.roleArn) || given(values.externalId);
    const secret = given(values.accessKey) || given(values.secretKey);
    // Reported with every other problem of the call, in one message.
    // (STS on MinIO has its own message, from minio().)
    const credentials = !(provider === 'minio' && sts) && (sts === secret || (sts && !(given(values.roleArn) && given(values.externalId)))
      || (secret && !(given(values.accessKey) && given(values.secretKey))))
      ? [`A Palette ${provider} location needs either roleArn and externalId (STS) or accessKey and secretKey (Credentials), not both and not half of one.`]
      : [];
    return SpectroCloudArguments.checked(where, {
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
    }, [...problems, ...credentials]);
  }

  /**
   * Throws every problem of `args` (values only Terraform knows wait for synthesizedProblems), and
   * `found`, the problems of the call found before, in one message.
   */
  private static checked(where: string, args: SpectroCloudBackupStorageLocationArgs, found: string[] = []): SpectroCloudBackupStorageLocationArgs {
    const problems = unresolvedArgumentProblems(where);
    found.forEach((p) => problems.add(p));
    checkArguments(problems, args);
    problems.throwIfAny();
    return args;
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

/**
 * Where a stack keeps the output prefixes its locations claimed: a property of the stack object
 * itself (state on the construct tree, not in this module), under a registry symbol, so that two
 * copies of this library loaded in one app (a monorepo, jest's module registry) still see each other.
 */
const CLAIMED_PREFIXES = Symbol.for('saas-backup-constructs.claimedOutputPrefixes');

/**
 * Claims an output prefix in `owner` (a stack): false when another location of the same stack has
 * it already, so two locations' outputs never clash.
 */
export function claimOutputPrefix(owner: object, prefix: string): boolean {
  const holder = owner as { [CLAIMED_PREFIXES]?: Set<string> };
  const claimed = holder[CLAIMED_PREFIXES] ?? new Set<string>();
  if (holder[CLAIMED_PREFIXES] === undefined) Object.defineProperty(holder, CLAIMED_PREFIXES, { value: claimed, enumerable: false });
  if (claimed.has(prefix)) return false;
  claimed.add(prefix);
  return true;
}

/** The problem of a prefix another location of the stack has claimed. */
export function outputPrefixClash(prefix: string): string {
  return `outputPrefix "${prefix}" is already used by another Palette location's outputs in this stack; give each location its own outputPrefix (e.g. "PaletteProd")`;
}

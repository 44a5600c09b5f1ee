/**
 * RudderStack's event backups on Azure Blob Storage, as plain data: what the credential RudderStack
 * is given may do, and the dashboard fields it is entered in.
 *
 * Sources (docs/rudderstack.md):
 * - Event Replay, "Object storage setup", Azure Blob Storage tab (rudderlabs/rudderstack-docs
 *   docs/user-guides/administrators-guide/event-replay.mdx @469e7d6e): a storage account and a
 *   container, then "Connect your storage provider in the RudderStack dashboard".
 * - The Azure Blob Storage page's "SAS token permissions" (docs/destinations/streaming-destinations/
 *   microsoft-azure-blob-storage.mdx @469e7d6e): RudderStack "requires the Write permission to write
 *   to your container"; Read and Write where it reads back. The credential is the account key or,
 *   with "Use shared access signature (SAS) Tokens", a SAS token; no service principal.
 * - The dashboard's field labels: rudderlabs/rudder-integrations-config
 *   src/configurations/destinations/azure_blob/ui-config.json @050f1d3e.
 *
 * Replay also lists the container (the backups are found by listing): List. Neither choice has
 * Delete, Add or Create beyond Write, so a leaked token cannot delete backups (it can overwrite a
 * blob it knows the name of: Write is what RudderStack's uploads need).
 */
import { RFC3339_TIMESTAMP } from './names';
import { ruleOf, ValueRule } from '../validation';

/** What RudderStack may do: `write-only` (back up) or `backup-and-replay` (Event Replay reads back). */
export type RudderStackBlobAccess = 'write-only' | 'backup-and-replay';

/** The permissions of a blob container SAS (azurerm_storage_account_blob_container_sas's `permissions`, every one explicit). */
export interface BlobContainerSasPermissions {
  readonly read: boolean;
  readonly add: boolean;
  readonly create: boolean;
  readonly write: boolean;
  readonly delete: boolean;
  readonly list: boolean;
}

/** Write only: the page's "Write" permission. */
export const RUDDERSTACK_SAS_WRITE_ONLY: BlobContainerSasPermissions = {
  read: false, add: false, create: false, write: true, delete: false, list: false,
};

/** Backup and replay: Read and Write (the page's table), and List to find the backups. */
export const RUDDERSTACK_SAS_BACKUP_AND_REPLAY: BlobContainerSasPermissions = {
  read: true, add: false, create: false, write: true, delete: false, list: true,
};

/** The SAS permissions of each choice. */
export function rudderStackSasPermissions(access: RudderStackBlobAccess): BlobContainerSasPermissions {
  return access === 'backup-and-replay' ? RUDDERSTACK_SAS_BACKUP_AND_REPLAY : RUDDERSTACK_SAS_WRITE_ONLY;
}

/** The `sp` letters of a SAS with these permissions, in Azure's order (racwdl). */
export function sasPermissionLetters(p: BlobContainerSasPermissions): string {
  return [[p.read, 'r'], [p.add, 'a'], [p.create, 'c'], [p.write, 'w'], [p.delete, 'd'], [p.list, 'l']]
    .filter(([on]) => on).map(([, letter]) => letter).join('');
}

/**
 * The Azure RBAC data actions the same SAS permissions correspond to (Microsoft's "Permissions for
 * calling data operations"), for reviewers who think in roles: Write is `blobs/write` (Put Blob,
 * Put Block, Put Block List), Read and List are both `blobs/read`.
 */
export function rudderStackDataActions(access: RudderStackBlobAccess): string[] {
  const blobs = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
  return access === 'backup-and-replay' ? [`${blobs}/read`, `${blobs}/write`] : [`${blobs}/write`];
}

/** The longest SAS lifetime accepted without a warning: a year (a SAS cannot be revoked short of rotating the account key). */
export const RUDDERSTACK_SAS_MAX_DAYS_WITHOUT_WARNING = 366;

/** A SAS start or expiry: RFC 3339 in UTC (Azure signs `st`/`se` in UTC). */
export const SAS_TIME: ValueRule = ruleOf(
  'SAS start or expiry time',
  'Write a UTC time such as 2027-06-30T00:00:00Z.',
  [
    [(v) => RFC3339_TIMESTAMP.check(v).length > 0, (v) => RFC3339_TIMESTAMP.check(v).join('; ')],
    [(v) => RFC3339_TIMESTAMP.check(v).length === 0 && !v.endsWith('Z'), 'it is not in UTC (end it with Z)'],
  ],
);

/** The problems of a SAS window given as literals: expiry after start; lifetimes over a year are a warning, not a problem. */
export function sasWindowProblems(start: string, expiry: string): string[] {
  if (SAS_TIME.check(start).length > 0 || SAS_TIME.check(expiry).length > 0) return [];
  return Date.parse(expiry) <= Date.parse(start) ? [`the SAS expiry ${expiry} is not after its start ${start}`] : [];
}

/** Whole days from start to expiry (both valid literals). */
export function sasLifetimeDays(start: string, expiry: string): number {
  return Math.ceil((Date.parse(expiry) - Date.parse(start)) / 86_400_000);
}

/** One field of RudderStack's Azure Blob Storage settings: its dashboard label and the output that shows it. */
export interface RudderStackDashboardField {
  /** The label, exactly as the dashboard shows it. */
  readonly label: string;
  /** The config key behind it (rudder-integrations-config's `value`). */
  readonly key: string;
  /** The Terraform output id (letters only). */
  readonly output: string;
  /** A secret: the output is sensitive. */
  readonly secret: boolean;
}

/** RudderStack's Azure Blob Storage fields, in the dashboard's order. */
export const RUDDERSTACK_AZURE_FIELDS = {
  containerName: { label: 'Azure Blob Storage Container Name', key: 'containerName', output: 'AzureBlobStorageContainerName', secret: false },
  prefix: { label: 'Prefix', key: 'prefix', output: 'Prefix', secret: false },
  accountName: { label: 'Azure Blob Storage Account Name', key: 'accountName', output: 'AzureBlobStorageAccountName', secret: false },
  accountKey: { label: 'Azure Blob Storage Account Key', key: 'accountKey', output: 'AzureBlobStorageAccountKey', secret: true },
  sasToken: { label: 'Azure Blob Storage SAS Token', key: 'sasToken', output: 'AzureBlobStorageSasToken', secret: true },
  useSasTokens: { label: 'Use shared access signature (SAS) Tokens', key: 'useSASTokens', output: 'UseSharedAccessSignatureTokens', secret: false },
} as const satisfies Record<string, RudderStackDashboardField>;

/** RudderStack's MinIO fields (rudder-integrations-config src/configurations/destinations/minio/ui-config.json @15dfc911). */
export const RUDDERSTACK_MINIO_FIELDS = {
  endPoint: { label: 'MinIO Endpoint', key: 'endPoint', output: 'MinioEndpoint', secret: false },
  accessKeyId: { label: 'MinIO Access Key ID', key: 'accessKeyID', output: 'MinioAccessKeyId', secret: true },
  secretAccessKey: { label: 'MinIO Secret Access Key', key: 'secretAccessKey', output: 'MinioSecretAccessKey', secret: true },
  bucketName: { label: 'MINIO Bucket Name', key: 'bucketName', output: 'MinioBucketName', secret: false },
  prefix: { label: 'Prefix', key: 'prefix', output: 'Prefix', secret: false },
  useSsl: { label: 'Use SSL for connection', key: 'useSSL', output: 'UseSslForConnection', secret: false },
} as const satisfies Record<string, RudderStackDashboardField>;

/** The description of a field's output: `RudderStack "<label>"`, plus what to do with it. */
export function rudderStackFieldDescription(field: RudderStackDashboardField, note?: string): string {
  return `RudderStack "${field.label}"${note ? `: ${note}` : ''}`;
}

/** RudderStack's "Prefix": its length limit (the dashboard's regex `^(.{0,100})$`), no leading "/". */
export const RUDDERSTACK_PREFIX: ValueRule = ruleOf(
  'RudderStack prefix',
  'Write a folder path such as "rudder" or "events/prod" (at most 100 characters, no leading "/").',
  [
    [(v) => v.length === 0, 'it is empty (leave it out instead)'],
    [(v) => v.length > 100, (v) => `it has ${v.length} characters (the dashboard takes 100)`],
    [(v) => v.startsWith('/'), 'it starts with "/"'],
    [(v) => /[\u0000-\u001f\u007f\\]/.test(v), 'it contains a control character or a backslash'],
  ],
);

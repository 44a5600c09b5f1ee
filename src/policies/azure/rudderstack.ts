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
 * - The client: rudderlabs/rudder-go-kit filemanager/azureblobmanager.go @03ebe564: with SAS tokens it
 *   never creates the container, uploads block blobs (Put Block, Put Block List: Write), lists with
 *   ListBlobsFlatSegment (List) and downloads (Read); it trims a leading "?" from the token.
 * - The dashboard's field labels: ../rudderstack.ts.
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

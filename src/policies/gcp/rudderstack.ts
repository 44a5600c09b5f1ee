/**
 * RudderStack's event backups on GCS, as plain data: the permissions of each of its two pages.
 * - Write-only, "Events Backup Bucket Permissions" (seeds/004: "Create a role with the following
 *   permissions : 1. Storage.objects.create 2. storage.objects.get").
 * - Backup and replay, its current page "Bucket Configuration Settings for Event Backups"
 *   (https://www.rudderstack.com/docs/user-guides/administrators-guide/bucket-configuration-settings/):
 *   storage.objects.create, storage.objects.get and storage.objects.list.
 */
import { CustomRoleDefinition } from './permissions';

/** RudderStack's write-only event backups: exactly what its seed page lists. */
export const RUDDERSTACK_GCS_PERMISSIONS: readonly string[] = ['storage.objects.create', 'storage.objects.get'];

/** RudderStack's event backups and Event Replay: its current page's list (create, get and list objects; no delete). */
export const RUDDERSTACK_GCS_REPLAY_PERMISSIONS: readonly string[] = ['storage.objects.create', 'storage.objects.get', 'storage.objects.list'];

/** RudderStack's event dumps, on the backup bucket only. */
export const RUDDERSTACK_WRITER_ROLE: CustomRoleDefinition = {
  title: 'RudderStack event backups (write-only)',
  description: 'Create and read new event dump objects (RudderStack Events Backup Bucket Permissions), bound on the backup bucket only.',
  permissions: RUDDERSTACK_GCS_PERMISSIONS,
  scope: 'bucket',
  roleIdSuffix: 'eventWriter',
};

/** RudderStack's event backups and Event Replay, on the backup bucket only. */
export const RUDDERSTACK_REPLAY_ROLE: CustomRoleDefinition = {
  title: 'RudderStack event backups and replay',
  description: 'Create, read and list event dump objects (RudderStack Bucket Configuration Settings for Event Backups), bound on the backup bucket only.',
  permissions: RUDDERSTACK_GCS_REPLAY_PERMISSIONS,
  scope: 'bucket',
  roleIdSuffix: 'eventReplay',
};

/** What RudderStack may do: `write-only` (the seed page) or `backup-and-replay` (the current page). */
export type RudderStackGcsAccess = 'write-only' | 'backup-and-replay';

/** The custom role of each RudderStack choice. */
export function rudderStackRole(access: RudderStackGcsAccess): CustomRoleDefinition {
  return access === 'backup-and-replay' ? RUDDERSTACK_REPLAY_ROLE : RUDDERSTACK_WRITER_ROLE;
}

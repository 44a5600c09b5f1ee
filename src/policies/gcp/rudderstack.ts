/**
 * RudderStack's event backups on GCS: the permissions of its "Events Backup Bucket Permissions" page
 * (seeds/004: "Create a role with the following permissions : 1. Storage.objects.create
 * 2. storage.objects.get"), as plain data.
 */
import { CustomRoleDefinition } from './permissions';

/** RudderStack's write-only event backups: exactly what its page lists. */
export const RUDDERSTACK_GCS_PERMISSIONS: readonly string[] = ['storage.objects.create', 'storage.objects.get'];

/** RudderStack's event dumps, on the backup bucket only. */
export const RUDDERSTACK_WRITER_ROLE: CustomRoleDefinition = {
  title: 'RudderStack event backups (write-only)',
  description: 'Create and read new event dump objects (RudderStack Events Backup Bucket Permissions), bound on the backup bucket only.',
  permissions: RUDDERSTACK_GCS_PERMISSIONS,
  scope: 'bucket',
  roleIdSuffix: 'eventWriter',
};

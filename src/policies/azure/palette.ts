/**
 * Palette's Azure backup location. The wizard's fields (the Azure table of spectrocloud/librarium
 * docs/docs-content/clusters/cluster-management/backup-restore/add-backup-location-static.md) and
 * their `spectrocloud_backup_storage_location` arguments are in the model shared by every cloud,
 * `src/policies/palette-wizard.ts`.
 */

/** What the wizard's "Location Provider" drop-down shows for Azure (its fields are in `../palette-wizard.ts`). */
export const PALETTE_AZURE_LOCATION_PROVIDER = 'Azure';

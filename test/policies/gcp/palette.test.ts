import {
  PALETTE_GCP_FIELDS,
  PALETTE_GCP_LOCATION_PROVIDER,
  paletteFieldDescription,
  spectroCloudGcpBackupStorageLocation,
} from '../../../src/policies/gcp/palette';

describe('Palette GCP fields', () => {
  test('the wizard fields of the GCP tab, and only JSON Credentials is sensitive', () => {
    const wizard = Object.values(PALETTE_GCP_FIELDS).flatMap((f) => ('wizardField' in f ? [f.wizardField] : []));
    expect(wizard).toEqual(['Location Name', 'Location Provider', 'Bucket', 'JSON Credentials']);
    expect(Object.entries(PALETTE_GCP_FIELDS).filter(([, f]) => f.sensitive).map(([k]) => k)).toEqual(['jsonCredentials']);
  });

  test('the wizard shows GCP; Terraform takes gcp', () => {
    expect(PALETTE_GCP_LOCATION_PROVIDER).toBe('GCP');
    expect(paletteFieldDescription(PALETTE_GCP_FIELDS.locationProvider))
      .toBe('Palette "Location Provider" / spectrocloud_backup_storage_location.storage_provider = "gcp"');
  });

  test.each([
    ['bucketName', 'Palette "Bucket" / spectrocloud_backup_storage_location.bucket_name'],
    ['locationName', 'Palette "Location Name" / spectrocloud_backup_storage_location.name'],
    ['jsonCredentials', 'Palette "JSON Credentials" / spectrocloud_backup_storage_location.gcp_storage_config.gcp_json_credentials'],
    ['projectId', 'spectrocloud_backup_storage_location.gcp_storage_config.project_id'],
  ] as const)('%s description', (key, description) => {
    expect(paletteFieldDescription(PALETTE_GCP_FIELDS[key])).toBe(description);
  });
});

describe('spectroCloudGcpBackupStorageLocation', () => {
  test('exact snake_case arguments, nothing the provider refuses for gcp', () => {
    expect(spectroCloudGcpBackupStorageLocation({
      locationName: 'acme-gcp',
      bucketName: 'acme-palette-backups',
      projectId: 'acme-prod',
      jsonCredentials: '{"type":"service_account"}',
    })).toEqual({
      name: 'acme-gcp',
      storage_provider: 'gcp',
      bucket_name: 'acme-palette-backups',
      gcp_storage_config: { project_id: 'acme-prod', gcp_json_credentials: '{"type":"service_account"}' },
    });
  });
});

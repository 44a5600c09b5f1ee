import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { PaletteGcpStack } from '../../examples/terraform/gcp-palette';

describe('example: PaletteGcpStack', () => {
  const app = Testing.app();
  const stack = new PaletteGcpStack(app, 'palette-gcp', { projectId: 'acme-backups-prod', region: 'us-central1' });
  const tf = JSON.parse(Testing.synth(stack));

  test('keeps its state (which holds the JSON key) in a remote GCS backend, not in a local file', () => {
    expect(tf.terraform.backend).toEqual({ gcs: { bucket: 'acme-terraform-state', prefix: 'saas-backup-constructs/palette-gcp' } });
  });

  test('configures the google provider itself', () => {
    expect(tf.provider.google).toEqual([{ project: 'acme-backups-prod', region: 'us-central1' }]);
  });

  test('the key resources', () => {
    expect(Object.keys(tf.resource).sort()).toEqual([
      'google_project_iam_custom_role',
      'google_service_account',
      'google_service_account_key',
      'google_storage_bucket',
      'google_storage_bucket_iam_member',
    ]);
    expect(Object.values(tf.resource.google_project_iam_custom_role).map((r: any) => r.permissions))
      .toEqual([['storage.objects.create', 'storage.objects.delete', 'storage.objects.get', 'storage.objects.list']]);
    expect(Object.values(tf.resource.google_storage_bucket)).toEqual([expect.objectContaining({
      name: 'acme-palette-backups',
      location: 'us-central1',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
    })]);
    expect(tf.resource.google_project_iam_member).toBeUndefined();
  });

  test('outputs for the wizard, JSON Credentials sensitive', () => {
    const outputs = Object.values(tf.output) as Array<{ description: string; sensitive?: boolean }>;
    expect(outputs.map((o) => o.description)).toEqual(expect.arrayContaining([
      'Palette "Location Name" / spectrocloud_backup_storage_location.name',
      'Palette "Location Provider" / spectrocloud_backup_storage_location.storage_provider = "gcp"',
      'Palette "Bucket" / spectrocloud_backup_storage_location.bucket_name',
      'Palette "JSON Credentials" / spectrocloud_backup_storage_location.gcp_storage_config.gcp_json_credentials',
    ]));
    expect(outputs.filter((o) => o.sensitive).map((o) => o.description)).toEqual([
      'Palette "JSON Credentials" / spectrocloud_backup_storage_location.gcp_storage_config.gcp_json_credentials',
    ]);
  });

  test('full synthesis writes the same resources and outputs (plus cdktf metadata)', () => {
    const outdir = Testing.fullSynth(stack);
    const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'palette-gcp', 'cdk.tf.json'), 'utf8'));
    const ids = (byType: Record<string, object>) => Object.entries(byType).map(([type, byId]) => [type, Object.keys(byId)]);
    expect(ids(written.resource)).toEqual(ids(tf.resource));
    expect(Object.keys(written.output)).toEqual(Object.keys(tf.output));
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { RudderStackGcsStack } from '../../examples/terraform/gcp-rudderstack';
import { RudderStackPermissions } from '../../src/constructs/gcp';

describe('example: RudderStackGcsStack', () => {
  const app = Testing.app();
  const stack = new RudderStackGcsStack(app, 'rudderstack-gcs', { projectId: 'acme-events-prod', region: 'us-central1' });
  const tf = JSON.parse(Testing.synth(stack));

  test('keeps its state (which holds the JSON key) in a remote GCS backend, not in a local file', () => {
    expect(tf.terraform.backend).toEqual({ gcs: { bucket: 'acme-terraform-state', prefix: 'saas-backup-constructs/rudderstack-gcs' } });
  });

  test('configures the google provider itself', () => {
    expect(tf.provider.google).toEqual([{ project: 'acme-events-prod', region: 'us-central1' }]);
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
      .toEqual([['storage.objects.create', 'storage.objects.get']]);
    expect(Object.values(tf.resource.google_storage_bucket)).toEqual([expect.objectContaining({
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
    })]);
  });

  test('the key file is a sensitive output', () => {
    const sensitive = Object.values(tf.output).filter((o: any) => o.sensitive) as Array<{ value: string }>;
    expect(sensitive).toHaveLength(1);
    expect(sensitive[0].value).toMatch(/^\$\{base64decode\(google_service_account_key\.[\w]+\.private_key\)\}$/);
  });

  test('full synthesis writes the same resources and outputs (plus cdktf metadata)', () => {
    const outdir = Testing.fullSynth(stack);
    const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'rudderstack-gcs', 'cdk.tf.json'), 'utf8'));
    const ids = (byType: Record<string, object>) => Object.entries(byType).map(([type, byId]) => [type, Object.keys(byId)]);
    expect(ids(written.resource)).toEqual(ids(tf.resource));
    expect(Object.keys(written.output)).toEqual(Object.keys(tf.output));
  });
});

describe('example: RudderStackGcsStack with backupAndReplay() (rudderstack-gcs-replay)', () => {
  const app = Testing.app();
  const stack = new RudderStackGcsStack(app, 'rudderstack-gcs-replay', {
    projectId: 'acme-events-prod',
    region: 'us-central1',
    permissions: RudderStackPermissions.backupAndReplay(),
  });
  const tf = JSON.parse(Testing.synth(stack));

  test('the custom role adds storage.objects.list (and still no delete), bound on the bucket', () => {
    expect(Object.values(tf.resource.google_project_iam_custom_role).map((r: any) => [r.role_id, r.permissions]))
      .toEqual([['rudderstack_events.eventReplay', ['storage.objects.create', 'storage.objects.get', 'storage.objects.list']]]);
    expect(Object.keys(tf.resource.google_storage_bucket_iam_member)).toHaveLength(1);
    expect(tf.resource.google_project_iam_member).toBeUndefined();
  });
});

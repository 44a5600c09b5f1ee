import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { BackupBucket, RudderStackEventBackup, RudderStackEventBackupProps, RudderStackPermissions } from '../../../../src/constructs/gcp';
import { InputValidationError } from '../../../../src/policies/validation';
import { only, outputsById, pick, ref, resolveAttributes, resources, synth } from '../../../support/gcp';

const BASE: RudderStackEventBackupProps = {
  serviceAccountId: 'rudderstack-events',
  bucketProps: { bucketName: 'acme-rudderstack-events', location: 'EU' },
};

function build(props: Partial<RudderStackEventBackupProps> = {}) {
  let backup: RudderStackEventBackup | undefined;
  const out = synth((scope) => {
    backup = new RudderStackEventBackup(scope, 'Events', { ...BASE, ...props });
  });
  return { ...out, backup: backup! };
}

describe('RudderStackEventBackup', () => {
  const { tf, json, backup } = build({ createOutputs: true });

  test('a project custom role with exactly storage.objects.create and storage.objects.get', () => {
    const role = only(tf, 'google_project_iam_custom_role');
    expect(role.permissions).toEqual(['storage.objects.create', 'storage.objects.get']);
    expect(role.role_id).toBe('rudderstack_events.eventWriter');
  });

  test('bound to the service account on the bucket only, not on the project', () => {
    expect(only(tf, 'google_storage_bucket_iam_member')).toEqual({
      bucket: ref(tf, 'google_storage_bucket', 'name'),
      role: ref(tf, 'google_project_iam_custom_role', 'name'),
      member: `serviceAccount:${ref(tf, 'google_service_account', 'email')}`,
    });
    expect(resources(tf, 'google_project_iam_member')).toEqual([]);
    expect(resources(tf, 'google_service_account_iam_member')).toEqual([]);
    expect(json).not.toContain('roles/');
  });

  test('the bucket: uniform bucket-level access and public access prevention enforced', () => {
    expect(json).toHaveResourceWithProperties(StorageBucket, {
      name: 'acme-rudderstack-events',
      location: 'EU',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
    });
  });

  test('a JSON key, replaced create-before-destroy, as a sensitive output of the decoded key file', () => {
    expect(only(tf, 'google_service_account_key')).toEqual({
      service_account_id: ref(tf, 'google_service_account', 'name'),
      lifecycle: { create_before_destroy: true },
    });
    expect(outputsById(tf).JsonCredentials).toEqual({
      value: `\${base64decode(${ref(tf, 'google_service_account_key', 'private_key').slice(2, -1)})}`,
      sensitive: true,
      description: 'RudderStack event backups: service account JSON key file, to send to RudderStack',
    });
  });

  test('only the key output is sensitive', () => {
    const outputs = outputsById(tf);
    expect(Object.keys(outputs).sort()).toEqual(['BucketName', 'JsonCredentials', 'ServiceAccountEmail']);
    expect(Object.entries(outputs).filter(([, o]) => o.sensitive).map(([id]) => id)).toEqual(['JsonCredentials']);
  });

  test('attributes, resolved to the Terraform expressions they stand for', () => {
    const { tf: attributesTf, values } = resolveAttributes((scope) => {
      const b = new RudderStackEventBackup(scope, 'Events', BASE);
      return {
        bucketName: b.bucketName,
        serviceAccountEmail: b.serviceAccountEmail,
        customRoleName: b.customRoleName,
        jsonCredentials: b.jsonCredentials,
      };
    });
    expect(values).toEqual({
      bucketName: ref(attributesTf, 'google_storage_bucket', 'name'),
      serviceAccountEmail: ref(attributesTf, 'google_service_account', 'email'),
      // the full `projects/P/roles/ID`, which the bucket binding needs (role_id alone would not bind)
      customRoleName: ref(attributesTf, 'google_project_iam_custom_role', 'name'),
      jsonCredentials: `\${base64decode(${ref(attributesTf, 'google_service_account_key', 'private_key').slice(2, -1)})}`,
    });
    expect(backup.bucketName).toBe(backup.bucket.bucketName);
  });

  test('creates no provider and no data source', () => {
    expect(tf.provider).toBeUndefined();
    expect(tf.data).toBeUndefined();
  });

  test('the project is the provider\'s unless given', () => {
    for (const type of ['google_project_iam_custom_role', 'google_service_account', 'google_storage_bucket']) {
      expect(only(tf, type)).not.toHaveProperty('project');
    }
    const { tf: inProject } = build({ projectId: 'acme-events-prod' });
    for (const type of ['google_project_iam_custom_role', 'google_service_account', 'google_storage_bucket']) {
      expect(only(inProject, type).project).toBe('acme-events-prod');
    }
  });

  test('snapshot of the role, binding and key', () => {
    expect(pick(tf, ['google_project_iam_custom_role', 'google_storage_bucket_iam_member', 'google_service_account_key'])).toMatchSnapshot();
  });
});

describe('RudderStackPermissions', () => {
  test('the default is writeOnly(), the seed page: create and get, no list, no delete', () => {
    const byDefault = build();
    const writeOnly = build({ permissions: RudderStackPermissions.writeOnly() });
    expect(byDefault.tf).toEqual(writeOnly.tf);
    expect(only(byDefault.tf, 'google_project_iam_custom_role')).toMatchObject({
      role_id: 'rudderstack_events.eventWriter',
      permissions: ['storage.objects.create', 'storage.objects.get'],
    });
  });

  test('backupAndReplay(), the current page: create, get and list, on the bucket only; still no delete', () => {
    const { tf, json } = build({ permissions: RudderStackPermissions.backupAndReplay() });
    const role = only(tf, 'google_project_iam_custom_role');
    expect(role).toMatchObject({
      role_id: 'rudderstack_events.eventReplay',
      title: 'RudderStack event backups and replay',
      permissions: ['storage.objects.create', 'storage.objects.get', 'storage.objects.list'],
    });
    expect(role.permissions).not.toContain('storage.objects.delete');
    expect(only(tf, 'google_storage_bucket_iam_member')).toEqual({
      bucket: ref(tf, 'google_storage_bucket', 'name'),
      role: ref(tf, 'google_project_iam_custom_role', 'name'),
      member: `serviceAccount:${ref(tf, 'google_service_account', 'email')}`,
    });
    expect(resources(tf, 'google_project_iam_member')).toEqual([]);
    expect(json).not.toContain('roles/');
    expect(only(tf, 'google_service_account').description)
      .toBe('Used by RudderStack to back up event dumps to one GCS bucket and replay them (create, read and list objects; no delete).');
  });

  test('a given role ID is kept with backupAndReplay()', () => {
    expect(only(build({ permissions: RudderStackPermissions.backupAndReplay(), roleId: 'rudderstackReplay' }).tf, 'google_project_iam_custom_role').role_id)
      .toBe('rudderstackReplay');
  });
});

describe('options', () => {
  test('createKey: false skips the key and its output (org policy iam.disableServiceAccountKeyCreation)', () => {
    const { tf, backup } = build({ createKey: false, createOutputs: true });
    expect(resources(tf, 'google_service_account_key')).toEqual([]);
    expect(outputsById(tf)).not.toHaveProperty('JsonCredentials');
    expect(backup.jsonCredentials).toBeUndefined();
    // the rest is unchanged
    expect(only(tf, 'google_project_iam_custom_role').permissions).toEqual(['storage.objects.create', 'storage.objects.get']);
  });

  test('no outputs unless asked', () => {
    expect(build().tf.output).toBeUndefined();
  });

  test('keyRotationTrigger is the key\'s keepers', () => {
    expect(only(build({ keyRotationTrigger: '2026-07' }).tf, 'google_service_account_key')).toEqual({
      service_account_id: expect.stringMatching(/^\$\{google_service_account\.Events_ServiceAccount_[0-9A-F]{8}\.name\}$/),
      keepers: { rotation: '2026-07' },
      lifecycle: { create_before_destroy: true },
    });
  });

  test('a given role ID', () => {
    expect(only(build({ roleId: 'rudderstackWriter' }).tf, 'google_project_iam_custom_role').role_id).toBe('rudderstackWriter');
  });

  test('an imported bucket is bound, not created', () => {
    const { tf, json } = synth((scope) => {
      new RudderStackEventBackup(scope, 'Events', {
        serviceAccountId: 'rudderstack-events',
        bucket: BackupBucket.fromBucketName(scope, 'Existing', 'acme-existing-events'),
      });
    });
    expect(resources(tf, 'google_storage_bucket')).toEqual([]);
    expect(json).toHaveResourceWithProperties(StorageBucketIamMember, { bucket: 'acme-existing-events' });
  });

  test('the provider prop goes to every resource', () => {
    const { tf } = synth((scope) => {
      const provider = new GoogleProvider(scope, 'google', { alias: 'events' });
      new RudderStackEventBackup(scope, 'Events', { ...BASE, provider });
    });
    const all = Object.values(tf.resource!).flatMap((byId) => Object.values(byId));
    expect(all).toHaveLength(5);
    for (const r of all) expect(r.provider).toBe('google.events');
  });

  test('no provider is created inside the construct', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new RudderStackEventBackup(stack, 'Events', { ...BASE, createOutputs: true });
    expect(JSON.parse(Testing.synth(stack)).provider).toBeUndefined();
  });
});

describe('validation', () => {
  const attempt = (props: Partial<RudderStackEventBackupProps>) => () => build(props);

  test.each([
    ['serviceAccountId', { serviceAccountId: 'rudderstack_events' },
      'Invalid service account ID "rudderstack_events" at stack/Events (serviceAccountId): only lowercase letters, digits and hyphens are allowed. Use 6-30'],
    ['roleId', { roleId: 'rudderstack-writer' },
      'Invalid IAM custom role ID "rudderstack-writer" at stack/Events (roleId): hyphens are not allowed. Use 3-64'],
    ['projectId', { projectId: 'event' },
      'Invalid GCP project ID "event" at stack/Events (projectId): it is shorter than 6 characters. Use 6-30'],
    ['bucketProps.bucketName', { bucketProps: { bucketName: 'Events', location: 'EU' } },
      'Invalid GCS bucket name "Events" at stack/Events (bucketProps.bucketName): uppercase letters are not allowed. Use 3-63'],
    ['bucketProps.project', { bucketProps: { bucketName: 'acme-events', location: 'EU', project: 'acme-events-prod' } },
      'Set projectId instead of bucketProps.project'],
    ['no bucket', { bucketProps: undefined }, 'Give bucket (an existing bucket'],
    ['keyRotationTrigger without a key', { createKey: false, keyRotationTrigger: '2026-07' },
      'keyRotationTrigger rotates the key this construct creates: remove it, or remove createKey: false (at stack/Events)'],
  ])('%s', (_name, props, message) => {
    expect(attempt(props)).toThrow(InputValidationError);
    expect(attempt(props)).toThrow(message);
  });

  test('several bad values give one error listing all', () => {
    expect(attempt({ serviceAccountId: 'RS', roleId: 'a', projectId: '1', bucketProps: { bucketName: '192.168.1.1', location: 'mars base' } }))
      .toThrow(/^5 problems:\n- Invalid service account ID "RS"[^]*\n- Invalid IAM custom role ID "a"[^]*\n- Invalid GCP project ID "1"[^]*\n- Invalid GCS bucket name "192.168.1.1"[^]*\n- Invalid GCS bucket location "mars base"/);
  });

  test('tokens are not validated', () => {
    expect(() => synth((scope) => {
      const v = (id: string) => new TerraformVariable(scope, id, { type: 'string' }).stringValue;
      new RudderStackEventBackup(scope, 'Events', {
        serviceAccountId: v('sa'),
        roleId: v('role'),
        projectId: v('project'),
        bucketProps: { bucketName: v('bucket'), location: v('location') },
      });
    })).not.toThrow();
  });
});

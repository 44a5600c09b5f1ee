import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import { BackupBucket } from '../../../../src/constructs/gcp';
import {
  BindingTarget,
  checkBucketChoice,
  createJsonKey,
  defaultRoleIdPrefix,
  GOOGLE_CLIENT_CONFIG_ID,
  grantCustomRole,
  grantPredefinedRole,
  sharedGoogleClientConfig,
  useOrCreateBucket,
} from '../../../../src/constructs/gcp/private/internal';
import { BindingScope, CustomRoleDefinition } from '../../../../src/policies/gcp/permissions';
import { ValidationProblems } from '../../../../src/policies/validation';
import { resources, synth } from '../../../support/gcp';

const BUCKET_PROPS = { bucketName: 'acme-palette-backups', location: 'US' };

describe('sharedGoogleClientConfig', () => {
  test('the same data source for every scope of a stack on the default provider, at a fixed id on the stack', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const a = sharedGoogleClientConfig(new Construct(stack, 'A'), undefined);
    expect(sharedGoogleClientConfig(new Construct(new Construct(stack, 'B'), 'Deep'), undefined)).toBe(a);
    expect(a.node.path).toBe(`stack/${GOOGLE_CLIENT_CONFIG_ID}`);
    expect(a).toBeInstanceOf(DataGoogleClientConfig);
  });

  test('one per provider, on the provider, read with it', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const provider = new GoogleProvider(stack, 'Other', { alias: 'other' });
    const viaProvider = sharedGoogleClientConfig(new Construct(stack, 'A'), provider);
    expect(sharedGoogleClientConfig(new Construct(stack, 'B'), provider)).toBe(viaProvider);
    expect(sharedGoogleClientConfig(stack, undefined)).not.toBe(viaProvider);
    expect(viaProvider.node.path).toBe(`stack/Other/${GOOGLE_CLIENT_CONFIG_ID}`);
    expect(viaProvider.provider).toBe(provider);
  });

  test('refuses when its id is taken by something else', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new Construct(stack, GOOGLE_CLIENT_CONFIG_ID);
    expect(() => sharedGoogleClientConfig(stack, undefined)).toThrow(`stack/${GOOGLE_CLIENT_CONFIG_ID} is taken by a construct that is not this library's DataGoogleClientConfig`);
  });
});

describe('checkBucketChoice', () => {
  const problemsOf = (choice: Parameters<typeof checkBucketChoice>[1]) => {
    const problems = new ValidationProblems('stack/Location', Token.isUnresolved);
    checkBucketChoice(problems, choice);
    return problems.problems;
  };
  const existing = () => BackupBucket.fromBucketName(new TerraformStack(Testing.app(), 'stack'), 'Existing', 'acme-existing');

  test('exactly one of bucket and bucketProps', () => {
    expect(problemsOf({ bucket: existing() })).toEqual([]);
    expect(problemsOf({ bucketProps: BUCKET_PROPS })).toEqual([]);
    expect(problemsOf({})).toEqual([
      'Give bucket (an existing bucket: BackupBucket.fromBucketName, or a BackupBucket) or bucketProps (to create one) (at stack/Location)',
    ]);
    expect(problemsOf({ bucket: existing(), bucketProps: BUCKET_PROPS })).toEqual([
      'Give either bucket (an existing or separately created bucket) or bucketProps (to create one), not both (at stack/Location)',
    ]);
  });

  test('bucketProps are checked under their prefix, and their project is refused (projectId sets it)', () => {
    expect(problemsOf({ bucketProps: { ...BUCKET_PROPS, bucketName: 'my.google.bucket', project: 'acme-backups' } })).toEqual([
      'Set projectId instead of bucketProps.project: the custom role bound on the bucket must be defined in the bucket\'s project (at stack/Location)',
      expect.stringMatching(/^Invalid GCS bucket name "my.google.bucket" at stack\/Location \(bucketProps\.bucketName\)/),
    ]);
  });
});

describe('useOrCreateBucket', () => {
  test('the given bucket as it is, creating nothing', () => {
    const { tf } = synth((scope) => {
      const bucket = BackupBucket.fromBucketName(scope, 'Existing', 'acme-existing');
      expect(useOrCreateBucket(scope, { bucket }, 'acme-project', undefined)).toBe(bucket);
    });
    expect(resources(tf, 'google_storage_bucket')).toEqual([]);
  });

  test('a new BackupBucket "Bucket" in the construct\'s project, with the construct\'s provider unless bucketProps name one', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const provider = new GoogleProvider(stack, 'Other', { alias: 'other' });
    const own = new GoogleProvider(stack, 'Own', { alias: 'own' });
    const a = useOrCreateBucket(new Construct(stack, 'A'), { bucketProps: BUCKET_PROPS }, 'acme-project', provider);
    const b = useOrCreateBucket(new Construct(stack, 'B'), { bucketProps: { ...BUCKET_PROPS, bucketName: 'acme-b', provider: own } }, undefined, provider);
    expect(a).toBeInstanceOf(BackupBucket);
    expect(b).toBeInstanceOf(BackupBucket);
    expect((a as BackupBucket).node.path).toBe('stack/A/Bucket');
    const tf = JSON.parse(Testing.synth(stack));
    const buckets = Object.values(tf.resource.google_storage_bucket) as Array<Record<string, unknown>>;
    expect(buckets.map((x) => [x.name, x.project, x.provider])).toEqual([
      ['acme-palette-backups', 'acme-project', 'google.other'],
      ['acme-b', undefined, 'google.own'],
    ]);
  });

  test('without a choice it throws (checkBucketChoice reports it first)', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => useOrCreateBucket(new Construct(stack, 'A'), {}, undefined, undefined)).toThrow('stack/A: give bucket or bucketProps');
  });
});

describe('defaultRoleIdPrefix', () => {
  test.each([
    ['palette-backup', 'palette_backup'],
    ['a-b-c', 'a_b_c'],
    ['nohyphen', 'nohyphen'],
  ])('%s -> %s', (serviceAccountId, prefix) => {
    expect(defaultRoleIdPrefix(serviceAccountId)).toBe(prefix);
  });

  test('a token becomes Terraform\'s replace() of it', () => {
    const { tf } = synth((scope) => {
      const id = new TerraformVariable(scope, 'ServiceAccountId', { type: 'string' }).stringValue;
      new TerraformOutput(scope, 'Prefix', { value: defaultRoleIdPrefix(id) });
    });
    expect(Object.values(tf.output ?? {})[0].value).toBe('${replace(var.ServiceAccountId, "-", "_")}');
  });
});

describe('role grants', () => {
  const TARGET: BindingTarget = {
    member: 'serviceAccount:palette@acme-project.iam.gserviceaccount.com',
    project: 'acme-project',
    bucketName: 'acme-palette-backups',
    serviceAccountName: 'projects/acme-project/serviceAccounts/palette@acme-project.iam.gserviceaccount.com',
    provider: undefined,
  };
  const definition = (scope: BindingScope): CustomRoleDefinition => ({
    title: 'Backups', description: 'Backup objects', permissions: ['storage.objects.get', 'storage.objects.create'], scope, roleIdSuffix: 'objects',
  });

  test.each<[BindingScope, string, Record<string, string>]>([
    ['bucket', 'google_storage_bucket_iam_member', { bucket: 'acme-palette-backups' }],
    ['project', 'google_project_iam_member', { project: 'acme-project' }],
    ['service-account-itself', 'google_service_account_iam_member',
      { service_account_id: 'projects/acme-project/serviceAccounts/palette@acme-project.iam.gserviceaccount.com' }],
  ])('a custom role bound at the %s: "<Suffix>Role" with exactly its permissions, "<Suffix>Binding" of the member', (scope, type, where) => {
    const { tf } = synth((s) => {
      const granted = grantCustomRole(s, definition(scope), 'palette_backup.objects', TARGET);
      new TerraformOutput(s, 'RoleName', { value: granted.roleName });
    });
    const roles = tf.resource?.google_project_iam_custom_role ?? {};
    expect(Object.keys(roles)).toEqual([expect.stringMatching(/^ObjectsRole/)]);
    expect(Object.values(roles)[0]).toMatchObject({
      role_id: 'palette_backup.objects',
      title: 'Backups',
      description: 'Backup objects',
      permissions: ['storage.objects.get', 'storage.objects.create'],
      project: 'acme-project',
    });
    const bindings = tf.resource?.[type] ?? {};
    expect(Object.keys(bindings)).toEqual([expect.stringMatching(/^ObjectsBinding/)]);
    const roleRef = `\${google_project_iam_custom_role.${Object.keys(roles)[0]}.name}`;
    expect(Object.values(bindings)[0]).toEqual({ ...where, role: roleRef, member: 'serviceAccount:palette@acme-project.iam.gserviceaccount.com' });
    expect(Object.values(tf.output ?? {})[0].value).toBe(roleRef);
  });

  test('a project binding needs the project ID', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => grantCustomRole(stack, definition('project'), 'r', { ...TARGET, project: undefined })).toThrow('stack: a project binding needs the project ID');
  });

  test('a predefined role is bound as it is, named by the grant', () => {
    const { tf } = synth((s) => {
      grantPredefinedRole(s, { name: 'StorageAdmin', role: 'roles/storage.admin', scope: 'bucket', warning: '' }, TARGET);
    });
    const bindings = tf.resource?.google_storage_bucket_iam_member ?? {};
    expect(Object.keys(bindings)).toEqual([expect.stringMatching(/^StorageAdminBinding/)]);
    expect(Object.values(bindings)[0]).toEqual({
      bucket: 'acme-palette-backups', role: 'roles/storage.admin', member: 'serviceAccount:palette@acme-project.iam.gserviceaccount.com',
    });
    expect(tf.resource?.google_project_iam_custom_role).toBeUndefined();
  });
});

describe('createJsonKey', () => {
  const SA = 'projects/acme-project/serviceAccounts/palette@acme-project.iam.gserviceaccount.com';

  test.each<[string, string | undefined, unknown]>([
    ['without a rotation trigger: no keepers', undefined, undefined],
    ['with a rotation trigger: replaced when it changes', '2026-12', { rotation: '2026-12' }],
  ])('%s; created before the old one is destroyed; the decoded key file is returned', (_what, trigger, keepers) => {
    const { tf } = synth((s) => {
      new TerraformOutput(s, 'KeyFile', { value: createJsonKey(s, SA, trigger, undefined), sensitive: true });
    });
    const keys = tf.resource?.google_service_account_key ?? {};
    expect(Object.keys(keys)).toEqual([expect.stringMatching(/^Key/)]);
    const key = Object.values(keys)[0];
    expect(key.service_account_id).toBe(SA);
    expect(key.keepers).toEqual(keepers);
    expect(key.lifecycle).toEqual({ create_before_destroy: true });
    expect(Object.values(tf.output ?? {})[0].value).toBe(`\${base64decode(google_service_account_key.${Object.keys(keys)[0]}.private_key)}`);
  });
});

import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Testing, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { PaletteLocationContext, SpectroCloudBackupStorageLocationArgs } from '../../../../src';
import {
  BackupBucket,
  PalettePermissions,
  PaletteBackupLocation,
  PaletteBackupLocationProps,
  PaletteAccess,
} from '../../../../src/constructs/gcp';
import { spectroCloudTerraformJson } from '../../../../src/policies/palette-wizard';
import { InputValidationError } from '../../../../src/policies/validation';
import { only, pick, ref, resolveAttributes, resources, synth } from '../../../support/gcp';

const BASE: PaletteBackupLocationProps = {
  serviceAccountId: 'palette-velero',
  projectId: 'acme-backups-prod',
  bucketProps: { bucketName: 'acme-palette-backups', location: 'US' },
};

const OBJECT_PERMISSIONS = ['storage.objects.create', 'storage.objects.delete', 'storage.objects.get', 'storage.objects.list'];
const SNAPSHOT_PERMISSIONS = [
  'compute.disks.get',
  'compute.disks.create',
  'compute.disks.createSnapshot',
  'compute.projects.get',
  'compute.snapshots.get',
  'compute.snapshots.create',
  'compute.snapshots.useReadOnly',
  'compute.snapshots.delete',
  'compute.snapshots.setLabels',
  'compute.zones.get',
];
const POLICY_TYPES = [
  'google_project_iam_custom_role',
  'google_storage_bucket_iam_member',
  'google_project_iam_member',
  'google_service_account_iam_member',
  'google_service_account_key',
];

function build(props: Partial<PaletteBackupLocationProps> = {}) {
  let location: PaletteBackupLocation | undefined;
  const out = synth((scope) => {
    location = new PaletteBackupLocation(scope, 'Backups', { ...BASE, ...props });
  });
  return { ...out, location: location! };
}

describe('least privilege (the default), JSON key', () => {
  const { tf, json, location } = build();
  const member = `serviceAccount:${ref(tf, 'google_service_account', 'email')}`;

  test('one custom role with exactly Velero\'s object permissions', () => {
    const role = only(tf, 'google_project_iam_custom_role');
    expect(role.permissions).toEqual(OBJECT_PERMISSIONS);
    expect(role).toMatchObject({ role_id: 'palette_velero.objects', project: 'acme-backups-prod' });
  });

  test('bound on this bucket only', () => {
    expect(only(tf, 'google_storage_bucket_iam_member')).toEqual({
      bucket: ref(tf, 'google_storage_bucket', 'name'),
      role: ref(tf, 'google_project_iam_custom_role', 'name'),
      member,
    });
  });

  test('no project-level binding at all, so no project-wide storage role', () => {
    expect(resources(tf, 'google_project_iam_member')).toEqual([]);
    expect(json).not.toContain('roles/storage.');
  });

  test('no signBlob: Velero signs URLs with the key', () => {
    expect(json).not.toContain('signBlob');
    expect(resources(tf, 'google_service_account_iam_member')).toEqual([]);
  });

  test('a JSON key for the service account, replaced create-before-destroy, no keepers (no output of it unless asked)', () => {
    expect(only(tf, 'google_service_account_key')).toEqual({
      service_account_id: ref(tf, 'google_service_account', 'name'),
      lifecycle: { create_before_destroy: true },
    });
  });

  test('the service account, in the project', () => {
    expect(only(tf, 'google_service_account')).toMatchObject({ account_id: 'palette-velero', project: 'acme-backups-prod' });
  });

  test('the bucket: created, uniform access and public access prevention on, in the project', () => {
    expect(only(tf, 'google_storage_bucket')).toMatchObject({
      name: 'acme-palette-backups',
      location: 'US',
      project: 'acme-backups-prod',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
    });
  });

  test('attributes for the wizard fields, resolved to the Terraform expressions they stand for', () => {
    const { tf: attributesTf, values } = resolveAttributes((scope) => {
      const l = new PaletteBackupLocation(scope, 'Backups', BASE);
      return {
        locationProvider: l.locationProvider,
        projectId: l.projectId,
        bucketName: l.bucketName,
        locationName: l.locationName,
        jsonCredentials: l.jsonCredentials,
        serviceAccountEmail: l.serviceAccountEmail,
      };
    });
    expect(values).toEqual({
      locationProvider: 'GCP',
      projectId: 'acme-backups-prod',
      bucketName: ref(attributesTf, 'google_storage_bucket', 'name'),
      locationName: ref(attributesTf, 'google_storage_bucket', 'name'),
      jsonCredentials: `\${base64decode(${ref(attributesTf, 'google_service_account_key', 'private_key').slice(2, -1)})}`,
      serviceAccountEmail: ref(attributesTf, 'google_service_account', 'email'),
    });
    expect(location.bucketName).toBe(location.bucket.bucketName);
  });

  test('no outputs unless asked', () => {
    expect(tf.output).toBeUndefined();
  });

  test('creates no provider and no data source when the project is given', () => {
    expect(tf.provider).toBeUndefined();
    expect(tf.data).toBeUndefined();
  });
});

describe('least privilege with volume snapshots', () => {
  const { tf } = build({ permissions: PalettePermissions.leastPrivilege({ volumeSnapshots: true }) });
  const roles = resources(tf, 'google_project_iam_custom_role');

  test('a second custom role with exactly Velero\'s compute snapshot permissions', () => {
    expect(roles.map((r) => r.role_id)).toEqual(['palette_velero.objects', 'palette_velero.snapshots']);
    expect(roles[1].permissions).toEqual(SNAPSHOT_PERMISSIONS);
  });

  test('snapshots bound on the project, objects still on the bucket only', () => {
    const binding = only(tf, 'google_project_iam_member');
    expect(binding).toMatchObject({ project: 'acme-backups-prod', member: `serviceAccount:${ref(tf, 'google_service_account', 'email')}` });
    expect(binding.role).toMatch(/^\$\{google_project_iam_custom_role\.Backups_SnapshotsRole_[0-9A-F]+\.name\}$/);
    expect(only(tf, 'google_storage_bucket_iam_member').role).toMatch(/Backups_ObjectsRole_/);
  });

  test('no storage permission at project level', () => {
    const projectRoleRefs = resources(tf, 'google_project_iam_member').map((b) => b.role);
    const projectPermissions = Object.entries(tf.resource!.google_project_iam_custom_role)
      .filter(([id]) => projectRoleRefs.some((r) => r.includes(`.${id}.`)))
      .flatMap(([, role]) => role.permissions as string[]);
    expect(projectPermissions).toEqual(SNAPSHOT_PERMISSIONS);
  });
});

describe('JSON key rotation', () => {
  test('keyRotationTrigger is the key\'s keepers, and the key is replaced create-before-destroy', () => {
    const { tf } = build({ access: PaletteAccess.jsonKey({ keyRotationTrigger: '2026-07' }) });
    expect(only(tf, 'google_service_account_key')).toEqual({
      service_account_id: ref(tf, 'google_service_account', 'name'),
      keepers: { rotation: '2026-07' },
      lifecycle: { create_before_destroy: true },
    });
  });

  test('a time_rotating id (a token) can be the trigger', () => {
    const { tf } = synth((scope) => {
      const rotating = new TerraformResource(scope, 'Rotation', { terraformResourceType: 'time_rotating' });
      rotating.addOverride('rotation_days', 90);
      new PaletteBackupLocation(scope, 'Backups', { ...BASE, access: PaletteAccess.jsonKey({ keyRotationTrigger: rotating.getStringAttribute('id') }) });
    });
    expect(only(tf, 'google_service_account_key').keepers).toEqual({ rotation: expect.stringMatching(/^\$\{time_rotating\.Rotation\.id\}$/) });
  });
});

describe('Storage Admin, as the page says', () => {
  let location: PaletteBackupLocation | undefined;
  const { tf } = synth((scope) => {
    location = new PaletteBackupLocation(scope, 'Backups', { ...BASE, permissions: PalettePermissions.storageAdmin() });
  });

  test('roles/storage.admin on the project, and no custom role', () => {
    expect(only(tf, 'google_project_iam_member')).toEqual({
      project: 'acme-backups-prod',
      role: 'roles/storage.admin',
      member: `serviceAccount:${ref(tf, 'google_service_account', 'email')}`,
    });
    expect(resources(tf, 'google_project_iam_custom_role')).toEqual([]);
    expect(resources(tf, 'google_storage_bucket_iam_member')).toEqual([]);
  });

  test('a visible warning', () => {
    const warnings = location!.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings).toEqual([expect.stringContaining('can read, overwrite and delete every object and bucket in the project')]);
  });

  test('least privilege gives no warning', () => {
    const { location: quiet } = build();
    expect(quiet.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
  });
});

describe('Workload Identity credentials', () => {
  const { tf, json, location } = build({ access: PaletteAccess.workloadIdentity() });
  const saName = ref(tf, 'google_service_account', 'name');
  const member = `serviceAccount:${ref(tf, 'google_service_account', 'email')}`;

  test('no key, no JSON Credentials', () => {
    expect(resources(tf, 'google_service_account_key')).toEqual([]);
    expect(location.jsonCredentials).toBeUndefined();
  });

  test('workloadIdentityUser for velero/velero in the project\'s pool', () => {
    const bindings = resources(tf, 'google_service_account_iam_member');
    expect(bindings).toContainEqual({
      service_account_id: saName,
      role: 'roles/iam.workloadIdentityUser',
      member: 'serviceAccount:acme-backups-prod.svc.id.goog[velero/velero]',
    });
  });

  test('signBlob alone in a custom role, granted on the service account itself, never on the project', () => {
    const signBlob = resources(tf, 'google_project_iam_custom_role').filter((r) => r.permissions.includes('iam.serviceAccounts.signBlob'));
    expect(signBlob).toHaveLength(1);
    expect(signBlob[0]).toMatchObject({ role_id: 'palette_velero.signBlob', permissions: ['iam.serviceAccounts.signBlob'] });
    const bindings = resources(tf, 'google_service_account_iam_member').filter((b) => b.role !== 'roles/iam.workloadIdentityUser');
    expect(bindings).toEqual([{ service_account_id: saName, role: expect.stringMatching(/Backups_SignBlobRole_/), member }]);
    expect(resources(tf, 'google_project_iam_member')).toEqual([]);
    expect(json).not.toContain('roles/iam.serviceAccountTokenCreator');
  });

  test('custom namespace and service account name', () => {
    const { tf: custom } = build({
      access: PaletteAccess.workloadIdentity({ kubernetesNamespace: 'backup-system', kubernetesServiceAccountName: 'velero-server' }),
    });
    expect(resources(custom, 'google_service_account_iam_member').map((b) => b.member))
      .toContain('serviceAccount:acme-backups-prod.svc.id.goog[backup-system/velero-server]');
  });

  test('toSpectroCloudTerraform refuses: Palette needs JSON credentials', () => {
    expect(() => location.toSpectroCloudTerraform()).toThrow(/Backups: spectrocloud_backup_storage_location needs gcp_json_credentials; use PaletteAccess.jsonKey\(\)/);
  });
});

describe('project from the provider', () => {
  const { tf, location } = build({ projectId: undefined, access: PaletteAccess.workloadIdentity() });
  const project = `\${data.google_client_config.${Object.keys(tf.data!.google_client_config)[0]}.project}`;

  test('read with google_client_config and used everywhere a project is named', () => {
    expect(Object.keys(tf.data!)).toEqual(['google_client_config']);
    expect(only(tf, 'google_service_account').project).toBe(project);
    expect(only(tf, 'google_storage_bucket').project).toBe(project);
    for (const role of resources(tf, 'google_project_iam_custom_role')) expect(role.project).toBe(project);
    expect(resources(tf, 'google_service_account_iam_member').map((b) => b.member))
      .toContain(`serviceAccount:${project}.svc.id.goog[velero/velero]`);
    const { values } = resolveAttributes((scope) => ({
      projectId: new PaletteBackupLocation(scope, 'Backups', { ...BASE, projectId: undefined }).projectId,
    }));
    expect(values.projectId).toBe(project);
    expect(location.projectId).not.toBe('acme-backups-prod');
  });
});

describe('an imported bucket', () => {
  test('is bound, not created', () => {
    const { tf } = synth((scope) => {
      new PaletteBackupLocation(scope, 'Backups', {
        serviceAccountId: 'palette-velero',
        projectId: 'acme-backups-prod',
        bucket: BackupBucket.fromBucketName(scope, 'Existing', 'acme-existing-backups'),
      });
    });
    expect(resources(tf, 'google_storage_bucket')).toEqual([]);
    expect(only(tf, 'google_storage_bucket_iam_member').bucket).toBe('acme-existing-backups');
  });

  test('a separately created bucket (with CMEK) is used as is', () => {
    const { tf } = synth((scope) => {
      const bucket = new BackupBucket(scope, 'Bucket', {
        bucketName: 'acme-cmek-backups',
        location: 'us-central1',
        project: 'acme-backups-prod',
        kmsKeyName: 'projects/acme-kms/locations/us-central1/keyRings/backups/cryptoKeys/velero',
      });
      new PaletteBackupLocation(scope, 'Backups', { serviceAccountId: 'palette-velero', projectId: 'acme-backups-prod', bucket });
    });
    expect(only(tf, 'google_storage_bucket').encryption).toEqual({
      default_kms_key_name: 'projects/acme-kms/locations/us-central1/keyRings/backups/cryptoKeys/velero',
    });
    expect(only(tf, 'google_storage_bucket_iam_member').bucket).toBe(ref(tf, 'google_storage_bucket', 'name'));
  });
});

describe('outputs', () => {
  test('one per wizard field, with stable names from the wizard model; JSON Credentials sensitive', () => {
    const { tf } = build({ createOutputs: true, locationName: 'acme-gcp' });
    const outputs = tf.output ?? {};
    expect(Object.keys(outputs).sort()).toEqual([
      'PaletteBucketName', 'PaletteJsonCredentials', 'PaletteLocationName', 'PaletteLocationProvider', 'PaletteProjectId', 'PaletteServiceAccountEmail',
    ]);
    expect(outputs.PaletteJsonCredentials).toEqual({
      value: `\${base64decode(${ref(tf, 'google_service_account_key', 'private_key').slice(2, -1)})}`,
      sensitive: true,
      description: 'Palette "JSON Credentials" / spectrocloud_backup_storage_location.gcp_storage_config.gcp_json_credentials',
    });
    expect(outputs.PaletteLocationName).toEqual({ value: 'acme-gcp', description: 'Palette "Location Name" / spectrocloud_backup_storage_location.name' });
    expect(outputs.PaletteLocationProvider).toEqual({
      value: 'GCP',
      description: 'Palette "Location Provider" / spectrocloud_backup_storage_location.storage_provider = "gcp"',
    });
    expect(outputs.PaletteBucketName).toEqual({
      value: ref(tf, 'google_storage_bucket', 'name'),
      description: 'Palette "Bucket" / spectrocloud_backup_storage_location.bucket_name',
    });
    expect(outputs.PaletteProjectId).toEqual({ value: 'acme-backups-prod', description: 'spectrocloud_backup_storage_location.gcp_storage_config.project_id' });
    const sensitive = Object.entries(outputs).filter(([, o]) => (o as { sensitive?: boolean }).sensitive).map(([id]) => id);
    expect(sensitive).toEqual(['PaletteJsonCredentials']);
  });

  test('with Workload Identity: no JSON Credentials output, the service account email', () => {
    const { tf } = build({ createOutputs: true, access: PaletteAccess.workloadIdentity() });
    const outputs = tf.output ?? {};
    expect(outputs).not.toHaveProperty('PaletteJsonCredentials');
    expect(outputs.PaletteServiceAccountEmail.value).toBe(ref(tf, 'google_service_account', 'email'));
  });

  test('outputPrefix: a second location of the stack needs its own', () => {
    const { tf } = synth((scope) => {
      new PaletteBackupLocation(scope, 'Backups', { ...BASE, createOutputs: true });
      new PaletteBackupLocation(scope, 'Dr', { ...BASE, serviceAccountId: 'palette-velero-dr', bucketProps: { bucketName: 'acme-palette-dr', location: 'US' }, createOutputs: true, outputPrefix: 'PaletteDr' });
      expect(() => new PaletteBackupLocation(scope, 'Third', { ...BASE, serviceAccountId: 'palette-velero-3', bucketProps: { bucketName: 'acme-palette-3', location: 'US' }, createOutputs: true }))
        .toThrow('outputPrefix "Palette" is already used by another Palette location\'s outputs in this stack');
    });
    expect(Object.keys(tf.output ?? {})).toEqual(expect.arrayContaining(['PaletteBucketName', 'PaletteDrBucketName']));
  });
});

describe('toSpectroCloudTerraform', () => {
  test('the exact arguments of spectrocloud_backup_storage_location, created after the IAM bindings', () => {
    let args: SpectroCloudBackupStorageLocationArgs | undefined;
    const { tf } = synth((scope) => {
      const location = new PaletteBackupLocation(scope, 'Backups', { ...BASE, locationName: 'acme-gcp', context: PaletteLocationContext.TENANT, isDefault: true });
      args = location.toSpectroCloudTerraform();
      const bsl = new TerraformResource(scope, 'PaletteLocation', { terraformResourceType: 'spectrocloud_backup_storage_location', dependsOn: location.iamBindings });
      for (const [key, value] of Object.entries(spectroCloudTerraformJson(args))) bsl.addOverride(key, value);
    });
    expect(Object.keys(args ?? {})).toEqual(['name', 'storageProvider', 'context', 'isDefault', 'bucketName', 'gcpStorageConfig']);
    const { depends_on: dependsOn, ...bsl } = only(tf, 'spectrocloud_backup_storage_location');
    expect(bsl).toEqual({
      name: 'acme-gcp',
      storage_provider: 'gcp',
      context: 'tenant',
      is_default: true,
      bucket_name: ref(tf, 'google_storage_bucket', 'name'),
      gcp_storage_config: {
        project_id: 'acme-backups-prod',
        gcp_json_credentials: `\${base64decode(${ref(tf, 'google_service_account_key', 'private_key').slice(2, -1)})}`,
      },
    });
    expect(dependsOn).toEqual([expect.stringMatching(/^google_storage_bucket_iam_member\./)]);
  });
});

describe('role IDs', () => {
  test('a given prefix names every custom role', () => {
    const { tf } = build({
      roleIdPrefix: 'acme.velero',
      permissions: PalettePermissions.leastPrivilege({ volumeSnapshots: true }),
      access: PaletteAccess.workloadIdentity(),
    });
    expect(resources(tf, 'google_project_iam_custom_role').map((r) => r.role_id).sort())
      .toEqual(['acme.velero.objects', 'acme.velero.signBlob', 'acme.velero.snapshots']);
  });

  test('a token service account ID gives a replace() prefix, and is not validated', () => {
    const { tf } = synth((scope) => {
      const id = new TerraformVariable(scope, 'sa', { type: 'string' });
      new PaletteBackupLocation(scope, 'Backups', { ...BASE, serviceAccountId: id.stringValue });
    });
    expect(only(tf, 'google_project_iam_custom_role').role_id).toBe('${replace(var.sa, "-", "_")}.objects');
  });
});

describe('provider', () => {
  test('the provider prop goes to every resource and data source, the bucket included', () => {
    const { tf } = synth((scope) => {
      const provider = new GoogleProvider(scope, 'google', { alias: 'backups' });
      new PaletteBackupLocation(scope, 'Backups', {
        ...BASE,
        projectId: undefined,
        provider,
        permissions: PalettePermissions.leastPrivilege({ volumeSnapshots: true }),
        access: PaletteAccess.workloadIdentity(),
      });
    });
    const all = [...Object.values(tf.resource!), ...Object.values(tf.data!)].flatMap((byId) => Object.values(byId));
    expect(all.length).toBeGreaterThan(8);
    for (const r of all) expect(r.provider).toBe('google.backups');
  });

  test('no provider is created inside the construct', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new PaletteBackupLocation(stack, 'Backups', { ...BASE, projectId: undefined, createOutputs: true });
    expect(JSON.parse(Testing.synth(stack)).provider).toBeUndefined();
    expect(stack.node.findAll().filter((c: Construct) => c instanceof GoogleProvider)).toEqual([]);
  });
});

describe('validation', () => {
  const attempt = (props: Partial<PaletteBackupLocationProps>) => () => build(props);

  test.each([
    ['serviceAccountId', { serviceAccountId: 'Velero' },
      'Invalid service account ID "Velero" at stack/Backups (serviceAccountId): only lowercase letters, digits and hyphens are allowed. Use 6-30'],
    ['projectId', { projectId: 'acme_prod' },
      'Invalid GCP project ID "acme_prod" at stack/Backups (projectId): only lowercase letters, digits and hyphens are allowed. Use 6-30'],
    ['roleIdPrefix', { roleIdPrefix: 'palette-velero' },
      'Invalid IAM custom role ID "palette-velero.objects" at stack/Backups (roleIdPrefix): hyphens are not allowed. Use 3-64'],
    ['roleIdPrefix too long for the longest role', { roleIdPrefix: 'a'.repeat(55), permissions: PalettePermissions.leastPrivilege({ volumeSnapshots: true }) },
      `Invalid IAM custom role ID "${'a'.repeat(55)}.snapshots" at stack/Backups (roleIdPrefix): it is longer than 64 characters. Use 3-64`],
    ['kubernetesNamespace', { access: PaletteAccess.workloadIdentity({ kubernetesNamespace: 'velero.system' }) },
      'Invalid Kubernetes namespace name "velero.system" at stack/Backups (access (kubernetesNamespace)): only lowercase letters, digits and hyphens are allowed. Use 1-63'],
    ['kubernetesServiceAccountName', { access: PaletteAccess.workloadIdentity({ kubernetesServiceAccountName: 'Velero_SA' }) },
      'Invalid Kubernetes service account name "Velero_SA" at stack/Backups (access (kubernetesServiceAccountName)): only lowercase letters, digits, hyphens and dots are allowed. Use up to 253'],
    ['bucketProps.bucketName', { bucketProps: { bucketName: 'goog-backups', location: 'US' } },
      'Invalid GCS bucket name "goog-backups" at stack/Backups (bucketProps.bucketName): it must not start with "goog". Use 3-63'],
    ['bucketProps.location', { bucketProps: { bucketName: 'acme-backups', location: 'us-central1-b' } },
      'Invalid GCS bucket location "us-central1-b" at stack/Backups (bucketProps.location): it is a zone'],
    ['bucketProps.project', { bucketProps: { bucketName: 'acme-backups', location: 'US', project: 'acme-other' } },
      'Set projectId instead of bucketProps.project: the custom role bound on the bucket must be defined in the bucket\'s project (at stack/Backups)'],
    ['locationName empty', { locationName: '' },
      'Invalid Palette location name "" at stack/Backups (locationName): it is blank.'],
    ['locationName blank', { locationName: '  ' },
      'Invalid Palette location name "  " at stack/Backups (locationName): it is blank; it has leading or trailing white space.'],
    ['neither bucket nor bucketProps', { bucketProps: undefined },
      'Give bucket (an existing bucket: BackupBucket.fromBucketName, or a BackupBucket) or bucketProps (to create one) (at stack/Backups)'],
  ])('%s', (_name, props, message) => {
    expect(attempt(props)).toThrow(InputValidationError);
    expect(attempt(props)).toThrow(message);
  });

  test('both bucket and bucketProps', () => {
    expect(() => synth((scope) => new PaletteBackupLocation(scope, 'Backups', {
      ...BASE,
      bucket: BackupBucket.fromBucketName(scope, 'Existing', 'acme-existing'),
    }))).toThrow('Give either bucket (an existing or separately created bucket) or bucketProps (to create one), not both (at stack/Backups)');
  });

  test('several bad values give one error listing all, bucket props included', () => {
    let error: InputValidationError | undefined;
    try {
      build({
        serviceAccountId: 'sa',
        projectId: 'P',
        roleIdPrefix: 'x-y',
        bucketProps: { bucketName: 'A', location: '' },
        access: PaletteAccess.workloadIdentity({ kubernetesNamespace: '-ns', kubernetesServiceAccountName: '' }),
      });
    } catch (e) {
      error = e as InputValidationError;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error!.problems.map((p) => p.replace(/^Invalid (.+?) ".*/, '$1'))).toEqual([
      'service account ID',
      'GCP project ID',
      'IAM custom role ID',
      'GCS bucket name',
      'GCS bucket location',
      'Kubernetes namespace name',
      'Kubernetes service account name',
    ]);
    expect(error!.message).toMatch(/^7 problems:\n- /);
  });

  test('tokens are not validated', () => {
    expect(() => synth((scope) => {
      const v = (id: string) => new TerraformVariable(scope, id, { type: 'string' }).stringValue;
      new PaletteBackupLocation(scope, 'Backups', {
        serviceAccountId: v('sa'),
        projectId: v('project'),
        roleIdPrefix: v('prefix'),
        locationName: v('name'),
        bucketProps: { bucketName: v('bucket'), location: v('location') },
        access: PaletteAccess.workloadIdentity({ kubernetesNamespace: v('ns'), kubernetesServiceAccountName: v('ksa') }),
      });
    })).not.toThrow();
  });
});

describe('snapshot', () => {
  test('the roles and bindings of each access and credentials choice (one snapshot)', () => {
    const policy = (props: Partial<PaletteBackupLocationProps>) => pick(build(props).tf, POLICY_TYPES);
    expect({
      leastPrivilegeJsonKey: policy({}),
      leastPrivilegeVolumeSnapshotsJsonKey: policy({ permissions: PalettePermissions.leastPrivilege({ volumeSnapshots: true }) }),
      leastPrivilegeWorkloadIdentity: policy({ access: PaletteAccess.workloadIdentity() }),
      storageAdminJsonKey: policy({ permissions: PalettePermissions.storageAdmin() }),
    }).toMatchSnapshot();
  });
});

describe('the cdktf matcher', () => {
  test('sees the object role', () => {
    const { json } = build();
    expect(json).toHaveResourceWithProperties(ProjectIamCustomRole, { permissions: OBJECT_PERMISSIONS });
  });
});

describe('iamBindings: what a registration depends on', () => {
  const bindingsOf = (props: Partial<PaletteBackupLocationProps>) => {
    const { tf } = synth((scope) => {
      const location = new PaletteBackupLocation(scope, 'Backups', { ...BASE, ...props });
      new TerraformResource(scope, 'Registration', { terraformResourceType: 'spectrocloud_backup_storage_location', dependsOn: location.iamBindings });
    });
    const addresses: string[] = only(tf, 'spectrocloud_backup_storage_location').depends_on;
    const bindingTypes = ['google_storage_bucket_iam_member', 'google_project_iam_member', 'google_service_account_iam_member'];
    const all = bindingTypes.flatMap((type) => Object.keys(tf.resource?.[type] ?? {}).map((name) => `${type}.${name}`));
    return { addresses, all };
  };

  test.each([
    ['least privilege, JSON key', {}, 1],
    ['least privilege with snapshots', { permissions: PalettePermissions.leastPrivilege({ volumeSnapshots: true }) }, 2],
    ['Workload Identity (objects, signBlob, workloadIdentityUser)', { access: PaletteAccess.workloadIdentity() }, 3],
    ['Storage Admin', { permissions: PalettePermissions.storageAdmin() }, 1],
  ])('%s: every IAM binding made, and only those', (_name, props, count) => {
    const { addresses, all } = bindingsOf(props);
    expect(addresses).toHaveLength(count);
    expect([...addresses].sort()).toEqual([...all].sort());
  });

  test('a spectrocloud_backup_storage_location made to depend on them lists each in depends_on', () => {
    const { tf } = synth((scope) => {
      const location = new PaletteBackupLocation(scope, 'Backups', { ...BASE, permissions: PalettePermissions.leastPrivilege({ volumeSnapshots: true }) });
      new TerraformResource(scope, 'Registration', { terraformResourceType: 'spectrocloud_backup_storage_location', dependsOn: location.iamBindings });
    });
    expect(only(tf, 'spectrocloud_backup_storage_location').depends_on.sort()).toEqual([
      `google_project_iam_member.${Object.keys(tf.resource!.google_project_iam_member)[0]}`,
      `google_storage_bucket_iam_member.${Object.keys(tf.resource!.google_storage_bucket_iam_member)[0]}`,
    ].sort());
  });
});

describe('one google_client_config per stack and provider', () => {
  test('two locations on the default provider read it once, at a fixed id on the stack', () => {
    const { tf } = synth((scope) => {
      new PaletteBackupLocation(scope, 'A', { ...BASE, projectId: undefined, bucketProps: { bucketName: 'acme-backups-a', location: 'US' } });
      new PaletteBackupLocation(scope, 'B', { ...BASE, projectId: undefined, serviceAccountId: 'palette-velero-b', bucketProps: { bucketName: 'acme-backups-b', location: 'US' } });
    });
    expect(Object.keys(tf.data!.google_client_config)).toEqual(['SaasBackupConstructsGoogleClientConfig']);
    for (const bucket of resources(tf, 'google_storage_bucket')) {
      expect(bucket.project).toBe('${data.google_client_config.SaasBackupConstructsGoogleClientConfig.project}');
    }
  });

  test('a location on another provider reads its project with that provider', () => {
    const { tf } = synth((scope) => {
      const other = new GoogleProvider(scope, 'Other', { alias: 'other', project: 'acme-other-prod' });
      new PaletteBackupLocation(scope, 'A', { ...BASE, projectId: undefined, bucketProps: { bucketName: 'acme-backups-a', location: 'US' } });
      new PaletteBackupLocation(scope, 'B', {
        ...BASE, projectId: undefined, serviceAccountId: 'palette-velero-b', provider: other, bucketProps: { bucketName: 'acme-backups-b', location: 'US' },
      });
    });
    const configs = tf.data!.google_client_config;
    expect(Object.keys(configs)).toHaveLength(2);
    const otherName = Object.keys(configs).find((name) => configs[name].provider === 'google.other')!;
    const accounts = resources(tf, 'google_service_account');
    expect(accounts.find((a) => a.provider === 'google.other').project).toBe(`\${data.google_client_config.${otherName}.project}`);
    expect(accounts.find((a) => a.provider === undefined).project).toBe('${data.google_client_config.SaasBackupConstructsGoogleClientConfig.project}');
  });

  test('a given projectId reads no data source', () => {
    expect(build().tf.data).toBeUndefined();
  });
});

describe('Workload Identity for default/default', () => {
  const warningsOf = (location: PaletteBackupLocation) => location.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
  test.each([
    ['default/default', { kubernetesNamespace: 'default', kubernetesServiceAccountName: 'default' }, true],
    ['default/velero', { kubernetesNamespace: 'default', kubernetesServiceAccountName: 'velero' }, false],
    ['velero/default', { kubernetesNamespace: 'velero', kubernetesServiceAccountName: 'default' }, false],
    ['velero/velero (the default)', {}, false],
  ])('%s', (_name, options, warns) => {
    const { location } = build({ access: PaletteAccess.workloadIdentity(options) });
    expect(warningsOf(location)).toEqual(warns ? [
      '[saas-backup-constructs:DefaultKubernetesServiceAccount] Workload Identity is bound for the Kubernetes service account default/default: '
      + 'every pod in the default namespace that names no service account runs as it and would get Velero\'s access to the backups. '
      + 'Run Velero under its own service account (the default velero/velero).',
    ] : []);
  });
});

describe('class 7: JavaScript callers get an error naming the prop, never a TypeError', () => {
  const at = ' (at stack/Backups)';
  test.each<[string, object, string]>([
    ['a string for permissions', { permissions: 'leastPrivilege' }, 'permissions must be a PalettePermissions (e.g. PalettePermissions.leastPrivilege()), not a string' + at],
    ['a string for access', { access: 'jsonKey' },
      'access must be a PaletteAccess (PaletteAccess.jsonKey() or PaletteAccess.workloadIdentity()), not a string' + at],
    ['a string for bucket', { bucket: 'acme-existing', bucketProps: undefined }, 'bucket must be an IBackupBucket (BackupBucket.fromBucketName(...) or a BackupBucket), not a string' + at],
    ['a plain object for bucket (no construct)', { bucket: { bucketName: 'acme-existing' }, bucketProps: undefined },
      'bucket must be an IBackupBucket (BackupBucket.fromBucketName(...) or a BackupBucket), not an object' + at],
    ['a missing serviceAccountId', { serviceAccountId: undefined }, 'serviceAccountId is required; give the ID of Velero\'s service account, e.g. "palette-velero"' + at],
    ['a null serviceAccountId', { serviceAccountId: null }, 'serviceAccountId is required; give the ID of Velero\'s service account, e.g. "palette-velero"' + at],
    ['a number for projectId', { projectId: 42 }, 'projectId must be a string, not a number' + at],
    ['"true" for createOutputs', { createOutputs: 'true' }, 'createOutputs must be a boolean (true or false), not a string (a string such as "false" would read as true)' + at],
    ['context "Project"', { context: 'Project' }, 'Invalid context "Project" at stack/Backups (context): it is not one of the values (did you mean project, exactly?). Use one of project, tenant (the enum\'s value, exactly as written).'],
    ['is_default "yes"', { isDefault: 'yes' }, 'isDefault must be a boolean (true or false), not a string (a string such as "false" would read as true)' + at],
  ])('%s', (_name, props, message) => {
    let error: unknown;
    try {
      build(props as Partial<PaletteBackupLocationProps>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message).toBe(message);
  });

  test('no props at all', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new PaletteBackupLocation(stack, 'Backups', undefined as any))
      .toThrow(new InputValidationError(['props are required: an object with serviceAccountId and bucket or bucketProps (at stack/Backups)']));
  });
});

test('an aws-cdk-lib token given to the cdktf construct is refused with the fix', () => {
  expect(() => build({ locationName: '${Token[TOKEN.12]}' })).toThrow(
    'locationName is an aws-cdk-lib token (a CloudFormation value such as a Ref, Fn::GetAtt or an attribute of an aws-cdk-lib construct)');
});

import {
  PALETTE_GCP_LOCATION_PROVIDER,
  STORAGE_ADMIN_GRANT,
  veleroGrants,
  VELERO_OBJECT_PERMISSIONS,
  VELERO_OBJECTS_ROLE,
  VELERO_SIGN_BLOB_ROLE,
  VELERO_SNAPSHOT_PERMISSIONS,
  VELERO_SNAPSHOTS_ROLE,
} from '../../../src/policies/gcp/palette';
import { wizardField } from '../../../src/policies/palette-wizard';

describe('Palette GCP location provider', () => {
  test('the wizard shows GCP; Terraform takes gcp (the shared wizard model)', () => {
    expect(PALETTE_GCP_LOCATION_PROVIDER).toBe('GCP');
    expect(wizardField('gcp', 'locationProvider').terraformValue).toBe('gcp');
  });
});

// velero-io/velero-plugin-for-gcp README.md @2c0218d1, ROLE_PERMISSIONS, in its order.
const VELERO_DOCUMENTED = [
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
  'storage.objects.create',
  'storage.objects.delete',
  'storage.objects.get',
  'storage.objects.list',
  'iam.serviceAccounts.signBlob',
];

describe('Velero permissions', () => {
  test('objects: exactly the storage subset of the documented role', () => {
    expect(VELERO_OBJECT_PERMISSIONS).toEqual(['storage.objects.create', 'storage.objects.delete', 'storage.objects.get', 'storage.objects.list']);
  });

  test('snapshots: exactly the compute subset of the documented role', () => {
    expect(VELERO_SNAPSHOT_PERMISSIONS).toEqual([
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
    ]);
  });

  test('the three roles together are the documented role, nothing more', () => {
    const all = [VELERO_OBJECTS_ROLE, VELERO_SNAPSHOTS_ROLE, VELERO_SIGN_BLOB_ROLE].flatMap((r) => r.permissions);
    expect([...all].sort()).toEqual([...VELERO_DOCUMENTED].sort());
  });

  test('each role is bound at its narrowest scope', () => {
    expect(VELERO_OBJECTS_ROLE.scope).toBe('bucket');
    expect(VELERO_SNAPSHOTS_ROLE.scope).toBe('project');
    expect(VELERO_SIGN_BLOB_ROLE).toMatchObject({ scope: 'service-account-itself', permissions: ['iam.serviceAccounts.signBlob'] });
  });

  test('titles and descriptions fit IAM limits (100 characters, 256 bytes)', () => {
    for (const role of [VELERO_OBJECTS_ROLE, VELERO_SNAPSHOTS_ROLE, VELERO_SIGN_BLOB_ROLE]) {
      expect(role.title.length).toBeLessThanOrEqual(100);
      expect(Buffer.byteLength(role.description)).toBeLessThanOrEqual(256);
    }
  });
});

describe('veleroGrants', () => {
  test.each([
    ['least privilege, key', { model: 'least-privilege', volumeSnapshots: false, keyless: false }, [VELERO_OBJECTS_ROLE], []],
    ['least privilege, key, snapshots', { model: 'least-privilege', volumeSnapshots: true, keyless: false }, [VELERO_OBJECTS_ROLE, VELERO_SNAPSHOTS_ROLE], []],
    ['least privilege, keyless', { model: 'least-privilege', volumeSnapshots: false, keyless: true }, [VELERO_OBJECTS_ROLE, VELERO_SIGN_BLOB_ROLE], []],
    ['least privilege, keyless, snapshots', { model: 'least-privilege', volumeSnapshots: true, keyless: true },
      [VELERO_OBJECTS_ROLE, VELERO_SNAPSHOTS_ROLE, VELERO_SIGN_BLOB_ROLE], []],
    ['storage admin, key', { model: 'storage-admin', volumeSnapshots: false, keyless: false }, [], [STORAGE_ADMIN_GRANT]],
    ['storage admin, keyless', { model: 'storage-admin', volumeSnapshots: false, keyless: true }, [VELERO_SIGN_BLOB_ROLE], [STORAGE_ADMIN_GRANT]],
  ] as const)('%s', (_name, choice, customRoles, predefinedRoles) => {
    expect(veleroGrants(choice)).toEqual({ customRoles, predefinedRoles });
  });

  test('least privilege never grants a predefined or project-wide storage role', () => {
    for (const volumeSnapshots of [false, true]) {
      for (const keyless of [false, true]) {
        const grants = veleroGrants({ model: 'least-privilege', volumeSnapshots, keyless });
        expect(grants.predefinedRoles).toEqual([]);
        const projectWide = grants.customRoles.filter((r) => r.scope === 'project').flatMap((r) => r.permissions);
        expect(projectWide.filter((p) => p.startsWith('storage.'))).toEqual([]);
      }
    }
  });

  test('Storage Admin is the documented role, on the project, with a warning', () => {
    expect(STORAGE_ADMIN_GRANT).toMatchObject({ role: 'roles/storage.admin', scope: 'project' });
    expect(STORAGE_ADMIN_GRANT.warning).toMatch(/every object and bucket in the project/);
  });
});

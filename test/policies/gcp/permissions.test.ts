import {
  roleIdPrefixOf,
  RUDDERSTACK_GCS_PERMISSIONS,
  RUDDERSTACK_WRITER_ROLE,
  serviceAccountMember,
  STORAGE_ADMIN_GRANT,
  veleroGrants,
  VELERO_OBJECT_PERMISSIONS,
  VELERO_OBJECTS_ROLE,
  VELERO_SIGN_BLOB_ROLE,
  VELERO_SNAPSHOT_PERMISSIONS,
  VELERO_SNAPSHOTS_ROLE,
  workloadIdentityMember,
} from '../../../src/policies/gcp/permissions';

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
    for (const role of [VELERO_OBJECTS_ROLE, VELERO_SNAPSHOTS_ROLE, VELERO_SIGN_BLOB_ROLE, RUDDERSTACK_WRITER_ROLE]) {
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

describe('RudderStack', () => {
  test('exactly storage.objects.create and storage.objects.get, on the bucket', () => {
    expect(RUDDERSTACK_GCS_PERMISSIONS).toEqual(['storage.objects.create', 'storage.objects.get']);
    expect(RUDDERSTACK_WRITER_ROLE).toMatchObject({ permissions: ['storage.objects.create', 'storage.objects.get'], scope: 'bucket' });
  });
});

describe('members and role IDs', () => {
  test('service account member', () => {
    expect(serviceAccountMember('velero@p.iam.gserviceaccount.com')).toBe('serviceAccount:velero@p.iam.gserviceaccount.com');
  });

  test('Workload Identity member, as in Velero\'s README', () => {
    expect(workloadIdentityMember('acme-prod', 'velero', 'velero')).toBe('serviceAccount:acme-prod.svc.id.goog[velero/velero]');
  });

  test('role ID prefix: hyphens become underscores', () => {
    expect(roleIdPrefixOf('palette-velero-1')).toBe('palette_velero_1');
  });
});

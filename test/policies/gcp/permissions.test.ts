import { roleIdPrefixOf, serviceAccountMember, workloadIdentityMember } from '../../../src/policies/gcp/permissions';

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

import {
  RUDDERSTACK_GCS_PERMISSIONS,
  RUDDERSTACK_GCS_REPLAY_PERMISSIONS,
  RUDDERSTACK_REPLAY_ROLE,
  RUDDERSTACK_WRITER_ROLE,
  rudderStackRole,
} from '../../../src/policies/gcp/rudderstack';

describe('RudderStack', () => {
  test('exactly storage.objects.create and storage.objects.get, on the bucket', () => {
    expect(RUDDERSTACK_GCS_PERMISSIONS).toEqual(['storage.objects.create', 'storage.objects.get']);
    expect(RUDDERSTACK_WRITER_ROLE).toMatchObject({ permissions: ['storage.objects.create', 'storage.objects.get'], scope: 'bucket' });
  });

  test('backup and replay (current page): create, get and list, on the bucket, under its own role ID', () => {
    expect(RUDDERSTACK_GCS_REPLAY_PERMISSIONS).toEqual(['storage.objects.create', 'storage.objects.get', 'storage.objects.list']);
    expect(RUDDERSTACK_REPLAY_ROLE).toMatchObject({ permissions: RUDDERSTACK_GCS_REPLAY_PERMISSIONS, scope: 'bucket', roleIdSuffix: 'eventReplay' });
  });

  test.each([
    ['write-only', RUDDERSTACK_WRITER_ROLE],
    ['backup-and-replay', RUDDERSTACK_REPLAY_ROLE],
  ] as const)('rudderStackRole(%s)', (access, role) => {
    expect(rudderStackRole(access)).toBe(role);
  });

  test.each([RUDDERSTACK_WRITER_ROLE, RUDDERSTACK_REPLAY_ROLE])('title and description of $title fit IAM limits (100 characters, 256 bytes)', (role) => {
    expect(role.title.length).toBeLessThanOrEqual(100);
    expect(Buffer.byteLength(role.description)).toBeLessThanOrEqual(256);
  });
});

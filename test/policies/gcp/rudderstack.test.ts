import { RUDDERSTACK_GCS_PERMISSIONS, RUDDERSTACK_WRITER_ROLE } from '../../../src/policies/gcp/rudderstack';

describe('RudderStack', () => {
  test('exactly storage.objects.create and storage.objects.get, on the bucket', () => {
    expect(RUDDERSTACK_GCS_PERMISSIONS).toEqual(['storage.objects.create', 'storage.objects.get']);
    expect(RUDDERSTACK_WRITER_ROLE).toMatchObject({ permissions: ['storage.objects.create', 'storage.objects.get'], scope: 'bucket' });
  });

  test('title and description fit IAM limits (100 characters, 256 bytes)', () => {
    expect(RUDDERSTACK_WRITER_ROLE.title.length).toBeLessThanOrEqual(100);
    expect(Buffer.byteLength(RUDDERSTACK_WRITER_ROLE.description)).toBeLessThanOrEqual(256);
  });
});

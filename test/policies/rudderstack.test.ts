import { RUDDERSTACK_AZURE_FIELDS, RUDDERSTACK_MINIO_FIELDS, RUDDERSTACK_PREFIX, rudderStackFieldDescription } from '../../src/policies/rudderstack';

describe('RudderStack\'s dashboard (cloud-neutral)', () => {
  test.each([
    ['rudder', []],
    ['events/prod', []],
    ['', ['it is empty (leave it out instead)']],
    ['/rudder', ['it starts with "/"']],
    ['a'.repeat(101), ['it has 101 characters (the dashboard takes 100)']],
    ['a\\b', ['it contains a control character or a backslash']],
    ['a//b', ['it has an empty, "." or ".." folder (RudderStack joins it with Go\'s path.Join, which would write elsewhere than the grant allows)']],
    ['a/../b', ['it has an empty, "." or ".." folder (RudderStack joins it with Go\'s path.Join, which would write elsewhere than the grant allows)']],
    ['./a', ['it has an empty, "." or ".." folder (RudderStack joins it with Go\'s path.Join, which would write elsewhere than the grant allows)']],
    ['rudder/', []],
  ])('RUDDERSTACK_PREFIX %j', (value, problems) => {
    expect(RUDDERSTACK_PREFIX.check(value)).toEqual(problems);
  });

  test('the dashboard labels, exactly as rudder-integrations-config writes them; secrets marked', () => {
    expect(Object.values(RUDDERSTACK_AZURE_FIELDS).map((f) => [f.label, f.secret])).toEqual([
      ['Azure Blob Storage Container Name', false],
      ['Prefix', false],
      ['Azure Blob Storage Account Name', false],
      ['Azure Blob Storage Account Key', true],
      ['Azure Blob Storage SAS Token', true],
      ['Use shared access signature (SAS) Tokens', false],
    ]);
    expect(Object.values(RUDDERSTACK_MINIO_FIELDS).map((f) => [f.label, f.secret])).toEqual([
      ['MinIO Endpoint', false],
      ['MinIO Access Key ID', true],
      ['MinIO Secret Access Key', true],
      ['MINIO Bucket Name', false],
      ['Prefix', false],
      ['Use SSL for connection', false],
    ]);
  });

  test('an output\'s description quotes the label', () => {
    expect(rudderStackFieldDescription(RUDDERSTACK_MINIO_FIELDS.endPoint)).toBe('RudderStack "MinIO Endpoint"');
    expect(rudderStackFieldDescription(RUDDERSTACK_AZURE_FIELDS.sasToken, 'expires soon')).toBe('RudderStack "Azure Blob Storage SAS Token": expires soon');
  });
});

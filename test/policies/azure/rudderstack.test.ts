import {
  rudderStackDataActions,
  rudderStackSasPermissions,
  SAS_TIME,
  sasLifetimeDays,
  sasPermissionLetters,
  sasWindowProblems,
} from '../../../src/policies/azure/rudderstack';

describe('RudderStack on Azure Blob Storage (pure)', () => {
  test.each([
    ['write-only', 'w', ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write']],
    ['backup-and-replay', 'rwl', [
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
    ]],
  ] as const)('%s: SAS sp=%s, data actions %j, never delete', (access, letters, actions) => {
    const p = rudderStackSasPermissions(access);
    expect(sasPermissionLetters(p)).toBe(letters);
    expect(p.delete).toBe(false);
    expect(rudderStackDataActions(access)).toEqual(actions);
  });

  test.each([
    ['2027-06-01T00:00:00Z', []],
    ['2027-06-01T00:00:00.5Z', []],
    ['2027-06-01T00:00:00+02:00', ['it is not in UTC (end it with Z)']],
    ['2027-06-01', ['it is not written YYYY-MM-DDThh:mm:ssZ; it is not a real date and time']],
    ['2027-02-30T00:00:00Z', ['it is not a real date and time']],
    [' 2027-06-01T00:00:00Z', ['it is not written YYYY-MM-DDThh:mm:ssZ; it is not a real date and time']],
  ])('SAS_TIME %j', (value, problems) => {
    expect(SAS_TIME.check(value)).toEqual(problems);
  });

  test('the window: expiry after start; lifetime in whole days', () => {
    expect(sasWindowProblems('2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual(['the SAS expiry 2027-01-01T00:00:00Z is not after its start 2027-01-01T00:00:00Z']);
    expect(sasWindowProblems('2027-01-01T00:00:00Z', '2027-01-01T00:00:01Z')).toEqual([]);
    expect(sasWindowProblems('nonsense', '2027-01-01T00:00:00Z')).toEqual([]); // SAS_TIME reports it
    expect(sasLifetimeDays('2026-12-01T00:00:00Z', '2027-12-01T00:00:00Z')).toBe(365);
  });
});

import {
  bucketKey,
  BucketTenant,
  BucketTenantLedger,
  crossVendorRead,
  PALETTE_VELERO_TENANT,
  prefixesOverlap,
  rudderStackTenant,
  VELERO_DATA_PREFIXES,
} from '../../src/policies/bucket-sharing';

const palette: BucketTenant = { ...PALETTE_VELERO_TENANT, path: 'Stack/Palette' };
const rudder = (prefix: string | undefined, replay: boolean): BucketTenant => ({ ...rudderStackTenant(prefix, replay), path: 'Stack/Events' });

describe('prefixesOverlap', () => {
  test.each([
    ['', 'backups/', true],
    ['backups/', 'backups/x/', true],
    ['rudderstack/', 'backups/', false],
    ['backup/', 'backups/', false],
    ['b/', 'backups/', false],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(prefixesOverlap(a, b)).toBe(expected);
    expect(prefixesOverlap(b, a)).toBe(expected);
  });
});

describe('crossVendorRead: RudderStack replay on a bucket with Palette\'s Velero backups (issue 19, class 6)', () => {
  test.each<[string, string | undefined, boolean, string | undefined]>([
    ['replay, no prefix: reads the Velero backups', undefined, true, 'SharedBucketReadsSecrets'],
    ['replay under backups/: inside Velero\'s layout', 'backups/rudder/', true, 'SharedBucketReadsSecrets'],
    ['replay under kopia/', 'kopia/', true, 'SharedBucketReadsSecrets'],
    ['replay under rudderstack/: separated', 'rudderstack/', true, undefined],
    ['write-only, no prefix: reads nothing', undefined, false, undefined],
    ['write-only under backups/', 'backups/', false, undefined],
  ])('%s', (_what, prefix, replay, id) => {
    expect(crossVendorRead(rudder(prefix, replay), palette, '"shared"')?.id).toBe(id);
  });

  test('the message names both constructs, the bucket, the data and the fix (never a value of the data)', () => {
    expect(crossVendorRead(rudder(undefined, true), palette, '"shared"')?.message).toBe(
      'RudderStack (Stack/Events) may read the whole bucket of bucket "shared", where Palette (Velero) (Stack/Palette) keeps Velero backups, '
      + 'which hold the clusters\' Kubernetes Secrets ("backups/", "restores/", "restic/", "kopia/", "metadata/"): RudderStack\'s credentials can read them. '
      + 'Give RudderStack a bucket of its own, or a prefix outside "backups/", "restores/", "restic/", "kopia/", "metadata/".',
    );
  });

  test('the other way: Palette\'s grant reads the whole bucket, so RudderStack\'s events too', () => {
    expect(crossVendorRead(palette, rudder('rudderstack/', false), '"shared"')).toEqual({
      id: 'SharedBucketReadsOtherVendor',
      message: 'Palette (Velero) (Stack/Palette) may read the whole bucket of bucket "shared", where RudderStack (Stack/Events) keeps event backups '
        + '(your customers\' raw events) ("rudderstack/"): Palette (Velero)\'s credentials can read them. Give each vendor a bucket of its own.',
    });
  });

  test('one vendor twice is not a cross-vendor read', () => {
    expect(crossVendorRead(rudder(undefined, true), rudder('x/', false), '"b"')).toBeUndefined();
  });

  test('Velero\'s layout', () => {
    expect(VELERO_DATA_PREFIXES).toEqual(['backups/', 'restores/', 'restic/', 'kopia/', 'metadata/']);
  });
});

describe('BucketTenantLedger', () => {
  test('warns in either order, each warning for the construct that holds the reading grant; other buckets stay apart', () => {
    const ledger = new BucketTenantLedger<string>();
    expect(ledger.record('name:shared', '"shared"', 'rudder', rudder(undefined, true))).toEqual([]);
    expect(ledger.record('name:other', '"other"', 'palette-elsewhere', palette)).toEqual([]);
    expect(ledger.record('name:shared', '"shared"', 'palette', palette).map((w) => [w.owner, w.id])).toEqual([
      ['palette', 'SharedBucketReadsOtherVendor'],
      ['rudder', 'SharedBucketReadsSecrets'],
    ]);
  });

  test('bucketKey: by literal name, else by construct path', () => {
    expect(bucketKey('acme', 'Stack/B')).toEqual({ key: 'name:acme', label: '"acme"' });
    expect(bucketKey(undefined, 'Stack/B')).toEqual({ key: 'construct:Stack/B', label: 'Stack/B' });
  });
});

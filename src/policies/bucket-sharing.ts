/**
 * One bucket, several vendors: which vendor's grant reads another vendor's data, on any cloud
 * (S3, GCS). Pure: each back end keeps one `BucketTenantLedger` on the root of its construct tree
 * (src/constructs/aws/private/bucket-tenants.ts, src/constructs/gcp/private/bucket-tenants.ts),
 * records each vendor's use of a bucket in it, and puts the warnings it returns on the constructs.
 *
 * A prefix is a key prefix ending with "/" ('' is the whole bucket). Two prefixes overlap when one
 * starts with the other: then some key is under both.
 */

/** One vendor's use of one bucket. */
export interface BucketTenant {
  /** The vendor, as messages name it ("RudderStack", "Palette (Velero)"). */
  readonly vendor: string;
  /** The construct path of the user of the bucket. */
  readonly path: string;
  /** Where the vendor's data is ('' for anywhere in the bucket). */
  readonly dataPrefixes: readonly string[];
  /** Where its grant may read (empty: write-only). */
  readonly readPrefixes: readonly string[];
  /** What its data is, for messages ("Velero backups, which hold the clusters' Kubernetes Secrets"). */
  readonly data: string;
  /** Its data holds credentials: reading it is reading secrets. */
  readonly holdsSecrets: boolean;
}

/**
 * Where Palette's Velero writes in a bucket without a Velero prefix (Palette's wizard has none):
 * Velero's object store layout (velero-io/velero pkg/persistence/object_store_layout.go: backups/,
 * restores/, restic/, metadata/; the Kopia repositories under kopia/). Velero's grant covers the
 * whole bucket; these are where its backups, and the Secrets in them, are.
 */
export const VELERO_DATA_PREFIXES: readonly string[] = ['backups/', 'restores/', 'restic/', 'kopia/', 'metadata/'];

/** Whether some key is under both prefixes. */
export function prefixesOverlap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** The prefixes of `holder`'s data that `reader` may read (as `[readPrefix, dataPrefix]` pairs). */
export function overlappingReads(reader: BucketTenant, holder: BucketTenant): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const read of reader.readPrefixes) {
    for (const data of holder.dataPrefixes) {
      if (prefixesOverlap(read, data)) pairs.push([read, data]);
    }
  }
  return pairs;
}

/** A cross-vendor read: the warning's ID and text, to put on `reader`. */
export interface CrossVendorRead {
  readonly id: string;
  readonly message: string;
}

/** The warning of `reader` reading `holder`'s data in `bucket` (a name or a construct path), if it may. */
export function crossVendorRead(reader: BucketTenant, holder: BucketTenant, bucket: string): CrossVendorRead | undefined {
  if (reader.vendor === holder.vendor) return undefined;
  const pairs = overlappingReads(reader, holder);
  if (pairs.length === 0) return undefined;
  const where = (p: string) => (p === '' ? 'the whole bucket' : `"${p}"`);
  const reads = [...new Set(pairs.map(([r]) => where(r)))].join(', ');
  const data = [...new Set(pairs.map(([, d]) => where(d)))].join(', ');
  const message = `${reader.vendor} (${reader.path}) may read ${reads} of bucket ${bucket}, where ${holder.vendor} (${holder.path}) keeps `
    + `${holder.data} (${data}): ${reader.vendor}'s credentials can read them. `
    + (holder.holdsSecrets
      ? `Give ${reader.vendor} a bucket of its own, or a prefix outside ${holder.dataPrefixes.map(where).join(', ')}.`
      : `Give each vendor a bucket of its own${reader.readPrefixes.includes('') ? '' : ', or prefixes that do not overlap'}.`);
  return { id: holder.holdsSecrets ? 'SharedBucketReadsSecrets' : 'SharedBucketReadsOtherVendor', message };
}

/**
 * Palette's Velero on a bucket (`PaletteBackupLocation`, `PaletteStackSetBackupLocation`): its grant
 * reads and writes the whole bucket; its backups, under Velero's layout, hold the clusters'
 * Kubernetes Secrets.
 */
export const PALETTE_VELERO_TENANT: Omit<BucketTenant, 'path'> = {
  vendor: 'Palette (Velero)',
  dataPrefixes: VELERO_DATA_PREFIXES,
  readPrefixes: [''],
  data: 'Velero backups, which hold the clusters\' Kubernetes Secrets',
  holdsSecrets: true,
};

/** RudderStack on a bucket: its events under its prefix; it reads them back only with replay. */
export function rudderStackTenant(keyPrefix: string | undefined, replay: boolean): Omit<BucketTenant, 'path'> {
  const prefix = keyPrefix ?? '';
  return {
    vendor: 'RudderStack',
    dataPrefixes: [prefix],
    readPrefixes: replay ? [prefix] : [],
    data: 'event backups (your customers\' raw events)',
    holdsSecrets: false,
  };
}

/** A warning for the construct that recorded a tenant. */
export interface TenantWarning<Owner> extends CrossVendorRead {
  readonly owner: Owner;
}

/**
 * The tenants of each bucket of one app, keyed by the bucket's identity (its literal name, or its
 * construct path). `record` returns the cross-vendor reads the new tenant adds, in either direction,
 * each for the construct that holds the reading grant.
 */
export class BucketTenantLedger<Owner> {
  private readonly byBucket = new Map<string, Array<{ readonly owner: Owner; readonly tenant: BucketTenant }>>();

  public record(key: string, bucketLabel: string, owner: Owner, tenant: BucketTenant): Array<TenantWarning<Owner>> {
    const tenants = this.byBucket.get(key) ?? [];
    const warnings: Array<TenantWarning<Owner>> = [];
    for (const other of tenants) {
      const mine = crossVendorRead(tenant, other.tenant, bucketLabel);
      if (mine) warnings.push({ ...mine, owner });
      const theirs = crossVendorRead(other.tenant, tenant, bucketLabel);
      if (theirs) warnings.push({ ...theirs, owner: other.owner });
    }
    this.byBucket.set(key, [...tenants, { owner, tenant }]);
    return warnings;
  }
}

/** A bucket's key in a ledger: its name when that is a literal, else its construct path. */
export function bucketKey(literalName: string | undefined, constructPath: string): { key: string; label: string } {
  return literalName !== undefined ? { key: `name:${literalName}`, label: `"${literalName}"` } : { key: `construct:${constructPath}`, label: constructPath };
}

import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { Annotations, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { BucketTenant, BucketTenantLedger, bucketKey } from '../../../policies/bucket-sharing';
import { warningWithId } from '../../../policies/validation';
import { singletonChild } from '../../private/singleton';
import { IBackupBucket } from '../backup-bucket';

/** The id of the app's one ledger (a child of the construct tree's root). */
const LEDGER_ID = 'SaasBackupConstructsBucketTenants';

/**
 * The app's record of which vendor uses which GCS bucket: a construct on the root of the tree
 * (found with `tryFindChild`), shared by the stacks of one app, never by two apps.
 */
class BucketTenants extends Construct {
  public static of(scope: IConstruct): BucketTenants {
    const root = scope.node.root;
    return singletonChild(root, LEDGER_ID, BucketTenants, () => new BucketTenants(root as Construct, LEDGER_ID));
  }

  public readonly ledger = new BucketTenantLedger<IConstruct>();
}

/** A new bucket's configured name, or an imported bucket's name, when it is a literal. */
function literalName(bucket: IBackupBucket): string | undefined {
  const resource = bucket.node.tryFindChild('Resource');
  const name = resource instanceof StorageBucket ? resource.nameInput : bucket.bucketName;
  return typeof name === 'string' && !Token.isUnresolved(name) ? name : undefined;
}

/**
 * Records that the construct `scope` gives a vendor access to the GCS `bucket`; a vendor that may
 * read another vendor's data there gets a warning (`SharedBucketReadsSecrets`,
 * `SharedBucketReadsOtherVendor`), as on AWS. Buckets match by literal name, else by construct.
 */
export function recordBucketTenant(scope: IConstruct, bucket: IBackupBucket, tenant: Omit<BucketTenant, 'path'>): void {
  const { key, label } = bucketKey(literalName(bucket), bucket.node.path);
  for (const w of BucketTenants.of(scope).ledger.record(key, label, scope, { ...tenant, path: scope.node.path })) {
    Annotations.of(w.owner).addWarning(warningWithId(w.id, w.message));
  }
}

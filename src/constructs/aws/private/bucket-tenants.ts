import { Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { warn } from './common';
import { BucketTenant, crossVendorRead } from '../../../policies/aws/bucket-sharing';

/** The id of the app's one registry (a child of the construct tree's root). */
const REGISTRY_ID = 'SaasBackupConstructsBucketTenants';

/**
 * The app's record of which vendor uses which bucket, with which prefixes: a construct on the root
 * of the tree (found with `tryFindChild`), so two constructs of one app share it, whichever stack
 * they are in, and two apps never do. Buckets are matched by name when the name is a literal (a new
 * bucket with a `bucketName`, a bucket imported by name), otherwise by construct.
 */
class BucketTenants extends Construct {
  public static of(scope: IConstruct): BucketTenants {
    const root = scope.node.root;
    const found = root.node.tryFindChild(REGISTRY_ID);
    return found instanceof BucketTenants ? found : new BucketTenants(root as Construct, REGISTRY_ID);
  }

  private readonly byBucket = new Map<string, Array<{ readonly scope: IConstruct; readonly tenant: BucketTenant }>>();

  /** Records `tenant` on `bucket` and warns each reader of another vendor's data (either order). */
  public record(scope: IConstruct, bucket: s3.IBucket, tenant: BucketTenant): void {
    const { key, label } = bucketIdentity(bucket);
    const tenants = this.byBucket.get(key) ?? [];
    for (const other of tenants) {
      const mine = crossVendorRead(tenant, other.tenant, label);
      if (mine) warn(scope, mine.id, mine.message);
      const theirs = crossVendorRead(other.tenant, tenant, label);
      if (theirs) warn(other.scope, theirs.id, theirs.message);
    }
    this.byBucket.set(key, [...tenants, { scope, tenant }]);
  }
}

/** The bucket's key in the registry, and how messages name it. */
function bucketIdentity(bucket: s3.IBucket): { key: string; label: string } {
  const cfn = bucket.node.defaultChild;
  const name = cfn instanceof s3.CfnBucket ? cfn.bucketName : bucket.bucketName;
  if (typeof name === 'string' && !Token.isUnresolved(name)) return { key: `name:${name}`, label: `"${name}"` };
  return { key: `construct:${bucket.node.path}`, label: bucket.node.path };
}

/**
 * Records that the construct `scope` gives a vendor access to `bucket`. Every construct that grants
 * a vendor access to a bucket calls this once, after choosing the bucket; a vendor that may read
 * another vendor's data there gets a warning (`SharedBucketReadsSecrets` when that data holds
 * credentials, such as Velero's backups; `SharedBucketReadsOtherVendor` otherwise).
 */
export function recordBucketTenant(scope: IConstruct, bucket: s3.IBucket, tenant: Omit<BucketTenant, 'path'>): void {
  BucketTenants.of(scope).record(scope, bucket, { ...tenant, path: scope.node.path });
}

import { Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { warn } from './common';
import { BucketTenant, BucketTenantLedger, bucketKey } from '../../../policies/bucket-sharing';
import { singletonChild } from '../../private/singleton';

/** The id of the app's one ledger (a child of the construct tree's root). */
const LEDGER_ID = 'SaasBackupConstructsBucketTenants';

/**
 * The app's record of which vendor uses which bucket, with which prefixes: a construct on the root
 * of the tree (found with `tryFindChild`), so the constructs of one app share it, whichever stack
 * they are in, and two apps never do.
 */
class BucketTenants extends Construct {
  public static of(scope: IConstruct): BucketTenants {
    const root = scope.node.root;
    return singletonChild(root, LEDGER_ID, BucketTenants, () => new BucketTenants(root as Construct, LEDGER_ID));
  }

  public readonly ledger = new BucketTenantLedger<IConstruct>();
}

/** A new bucket's configured name, or an imported bucket's name, when it is a literal. */
function literalName(bucket: s3.IBucket): string | undefined {
  const cfn = bucket.node.defaultChild;
  const name = cfn instanceof s3.CfnBucket ? cfn.bucketName : bucket.bucketName;
  return typeof name === 'string' && !Token.isUnresolved(name) ? name : undefined;
}

/**
 * Records that the construct `scope` gives a vendor access to `bucket`. Every construct that grants
 * a vendor access to a bucket calls this once, after choosing the bucket; a vendor that may read
 * another vendor's data there gets a warning (`SharedBucketReadsSecrets` when that data holds
 * credentials, such as Velero's backups; `SharedBucketReadsOtherVendor` otherwise). Buckets match by
 * name when the name is a literal (a new bucket with a `bucketName`, a bucket imported by name),
 * otherwise by construct.
 */
export function recordBucketTenant(scope: IConstruct, bucket: s3.IBucket, tenant: Omit<BucketTenant, 'path'>): void {
  const { key, label } = bucketKey(literalName(bucket), bucket.node.path);
  for (const w of BucketTenants.of(scope).ledger.record(key, label, scope, { ...tenant, path: scope.node.path })) {
    warn(w.owner, w.id, w.message);
  }
}

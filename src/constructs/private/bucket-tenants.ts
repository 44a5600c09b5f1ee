// Shared by the constructs of every cloud (it needs only `constructs`): the app's ledger of which vendor
// uses which bucket, on the construct tree.
import { Construct, IConstruct } from 'constructs';
import { singletonChild } from './singleton';
import { BucketTenant, BucketTenantLedger, bucketKey } from '../../policies/bucket-sharing';

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

/** A warning for `owner`: its id (`SharedBucketReadsSecrets`, ...) and message. */
export type BucketTenantWarn = (owner: IConstruct, id: string, message: string) => void;

/**
 * Records in the app's ledger that `scope` gives a vendor access to the bucket `bucketPath` (named
 * `literalName` when its name is a literal), and has `warn` report what another vendor may now read.
 * Each cloud's `recordBucketTenant` calls it with the bucket's literal name and its way of warning.
 */
export function recordTenant(scope: IConstruct, literalName: string | undefined, bucketPath: string,
  tenant: Omit<BucketTenant, 'path'>, warn: BucketTenantWarn): void {
  const { key, label } = bucketKey(literalName, bucketPath);
  for (const w of BucketTenants.of(scope).ledger.record(key, label, scope, { ...tenant, path: scope.node.path })) warn(w.owner, w.id, w.message);
}

import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { Annotations, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { BucketTenant } from '../../../policies/bucket-sharing';
import { warningWithId } from '../../../policies/validation';
import { recordTenant } from '../../private/bucket-tenants';
import { IBackupBucket } from '../backup-bucket';

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
  recordTenant(scope, literalName(bucket), bucket.node.path, tenant,
    (owner, id, message) => Annotations.of(owner).addWarning(warningWithId(id, message)));
}

import { Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { warn } from './common';
import { BucketTenant } from '../../../policies/bucket-sharing';
import { recordTenant } from '../../private/bucket-tenants';

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
  recordTenant(scope, literalName(bucket), bucket.node.path, tenant, warn);
}

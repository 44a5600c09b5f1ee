import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ValidationProblems } from '../../../policies/validation';
import { BackupBucket, BackupBucketProps } from '../backup-bucket';

/** The "an existing bucket, or properties of a new one" props of the high-level constructs. */
export interface BucketChoice {
  readonly bucket?: s3.IBucket;
  readonly bucketProps?: BackupBucketProps;
}

/** The problem of giving both an existing bucket and properties of a new one. */
export function checkBucketChoice(problems: ValidationProblems, choice: BucketChoice): ValidationProblems {
  return problems.addIf(choice.bucket !== undefined && choice.bucketProps !== undefined, 'bucketProps configure a new bucket; remove them or remove bucket');
}

/** The given bucket, or a new BackupBucket (child id 'Bucket') with the given properties. */
export function useOrCreateBucket(scope: Construct, choice: BucketChoice): { bucket: s3.IBucket; backupBucket?: BackupBucket } {
  if (choice.bucket) return { bucket: choice.bucket };
  const backupBucket = new BackupBucket(scope, 'Bucket', choice.bucketProps);
  return { bucket: backupBucket.bucket, backupBucket };
}

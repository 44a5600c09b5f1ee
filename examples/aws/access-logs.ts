// Server access logs are a production choice the examples leave to you: this is the one
// acknowledgement the self-contained examples need, with where to turn the logs on.
import { Validations } from 'aws-cdk-lib';
import { BackupBucket } from 'saas-backup-constructs';

/** Acknowledges cdk-nag's AwsSolutions-S1 (no server access logs) on an example's backup bucket. */
export function acknowledgeNoAccessLogs(bucket: BackupBucket | undefined): void {
  if (!bucket) return;
  Validations.of(bucket.bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'Self-contained example: pass bucketProps.serverAccessLogsBucket (your central access-log bucket) in production. '
      + 'PaletteKmsEncrypted shows it.',
  });
}

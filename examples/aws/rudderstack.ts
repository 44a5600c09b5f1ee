// RudderStack event backups on S3 ("Events Backup Bucket Permissions"): write-only access to a
// bucket for RudderStack, with the page's IAM user and access key (kept in Secrets Manager).
import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeNoAccessLogs } from './access-logs';
import { RudderStackEventBackup } from 'saas-backup-constructs';

export class RudderStackS3Stack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const events = new RudderStackEventBackup(this, 'EventBackups', { keyPrefix: 'rudderstack/', createOutputs: true });
    acknowledgeNoAccessLogs(events.backupBucket);
  }
}

// RudderStack event backups on S3, with the page's IAM user and access key (kept in Secrets Manager).
// Two choices of what RudderStack may do (RudderStackPermissions):
// - writeOnly() (the default): the seed page "Events Backup Bucket Permissions", s3:PutObject and
//   s3:AbortMultipartUpload only; RudderStack cannot read the backups back (no Event Replay).
// - backupAndReplay(): RudderStack's current page "Bucket Configuration Settings for Event Backups",
//   s3:ListBucket on the bucket and s3:GetObject, s3:PutObject, s3:AbortMultipartUpload on its
//   objects, so Event Replay can list and read them. Neither can delete.
import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { RudderStackEventBackup, RudderStackPermissions } from 'saas-backup-constructs';
import { acknowledgeNoAccessLogs } from './access-logs';

/** What the RudderStack example stack takes. */
export interface RudderStackS3StackProps extends StackProps {
  /**
   * What RudderStack may do in the bucket.
   * @default RudderStackPermissions.writeOnly()
   */
  readonly permissions?: RudderStackPermissions;
}

export class RudderStackS3Stack extends Stack {
  /** The backup construct. */
  public readonly events: RudderStackEventBackup;

  constructor(scope: Construct, id: string, props: RudderStackS3StackProps = {}) {
    super(scope, id, props);
    this.events = new RudderStackEventBackup(this, 'EventBackups', {
      permissions: props.permissions,
      keyPrefix: 'rudderstack/',
      createOutputs: true,
    });
    acknowledgeNoAccessLogs(this.events.backupBucket);
  }
}

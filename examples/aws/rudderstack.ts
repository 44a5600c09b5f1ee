// RudderStack event backups on S3, with the page's IAM user and access key (kept in Secrets Manager).
// Two choices of what RudderStack may do (RudderStackPermissions):
// - writeOnly() (the default): the seed page "Events Backup Bucket Permissions", s3:PutObject and
//   s3:AbortMultipartUpload only; RudderStack cannot read the backups back (no Event Replay).
// - backupAndReplay(): RudderStack's current page "Bucket Configuration Settings for Event Backups",
//   s3:ListBucket on the bucket and s3:GetObject, s3:PutObject, s3:AbortMultipartUpload on its
//   objects, so Event Replay can list and read them. Neither can delete.
// And the same on a MinIO server (RudderStackMinioStack).
import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { RudderStackEventBackup, RudderStackMinioEventBackup, RudderStackPermissions } from 'saas-backup-constructs';
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

/**
 * RudderStack event backups on a MinIO server (RudderStack's Event Replay page, "MinIO" tab): the
 * MinIO user's keys in Secrets Manager and its policy as an output. Nothing is created on MinIO:
 * after deploying,
 *   mc mb ALIAS/acme-rudderstack-events
 *   mc admin policy create ALIAS rudderstack-events policy.json   # the RudderStackMinioUserPolicy output
 *   mc admin user add ALIAS rudderstack-events SECRET_KEY         # secretAccessKey from the secret
 *   mc admin policy attach ALIAS rudderstack-events --user rudderstack-events
 * then fill RudderStack's MinIO fields from the outputs (each named after its field).
 */
export class RudderStackMinioStack extends Stack {
  /** The backup construct. */
  public readonly events: RudderStackMinioEventBackup;

  constructor(scope: Construct, id: string, props: RudderStackS3StackProps = {}) {
    super(scope, id, props);
    this.events = new RudderStackMinioEventBackup(this, 'EventBackups', {
      bucketName: 'acme-rudderstack-events',
      endpoint: 'minio.example.com:9000',
      prefix: 'rudder',
      permissions: props.permissions,
      createOutputs: true,
    });
  }
}

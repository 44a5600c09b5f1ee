// RudderStack event backups on GCS. Write-only by default (seeds/004, "Google Cloud Storage":
// storage.objects.create and storage.objects.get), or backup and replay (RudderStack's current page
// "Bucket Configuration Settings for Event Backups": those and storage.objects.list), both on this
// bucket only and without delete. After `terraform apply`, send RudderStack the key file
// (`terraform output -raw <JsonCredentials output>`) and the bucket name.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { RudderStackEventBackup, RudderStackPermissions } from 'saas-backup-constructs/gcp';
import { gcsStateBackend } from './state';

export interface RudderStackGcsStackProps {
  /** The GCP project for the bucket, the service account and its role. */
  readonly projectId: string;
  /** The provider's region; the bucket is created there too. */
  readonly region: string;
  /**
   * What RudderStack may do in the bucket.
   * @default RudderStackPermissions.writeOnly()
   */
  readonly permissions?: RudderStackPermissions;
}

export class RudderStackGcsStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: RudderStackGcsStackProps) {
    super(scope, id);
    // The state holds the JSON key: keep it remote and encrypted (./state.ts), never in the repository.
    gcsStateBackend(this);
    new GoogleProvider(this, 'google', { project: props.projectId, region: props.region });

    // The custom role on this bucket only, and a JSON key.
    // Where the org policy iam.disableServiceAccountKeyCreation applies, set createKey: false.
    new RudderStackEventBackup(this, 'EventBackups', {
      permissions: props.permissions,
      serviceAccountId: 'rudderstack-events',
      bucketProps: { bucketName: 'acme-rudderstack-event-backups', location: props.region },
      createOutputs: true,
    });
  }
}

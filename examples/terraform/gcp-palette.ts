// Spectro Cloud Palette: a GCP backup location (seeds/000, GCP tab) with Velero's least privilege.
// After `terraform apply`, paste the outputs into Palette's "Add New Backup Location" wizard:
// Location Name, Location Provider (GCP), Bucket and JSON Credentials
// (`terraform output -raw <JsonCredentials output>` prints the key file).
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PaletteBackupLocation } from 'saas-backup-constructs/gcp';
import { gcsStateBackend } from './state';

export interface PaletteGcpStackProps {
  /** The GCP project for the bucket, the service account and its roles. */
  readonly projectId: string;
  /** The provider's region; the bucket is created there too. */
  readonly region: string;
}

export class PaletteGcpStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: PaletteGcpStackProps) {
    super(scope, id);
    // The state holds the JSON key: keep it remote and encrypted (./state.ts), never in the repository.
    gcsStateBackend(this);
    new GoogleProvider(this, 'google', { project: props.projectId, region: props.region });

    // Least privilege (the default): Velero's object permissions on this bucket only, a JSON key
    // for Palette. The project comes from the provider.
    new PaletteBackupLocation(this, 'PaletteBackups', {
      serviceAccountId: 'palette-velero',
      bucketProps: { bucketName: 'acme-palette-backups', location: props.region },
      createOutputs: true,
    });
  }
}

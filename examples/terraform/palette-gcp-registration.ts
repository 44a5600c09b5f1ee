// A Palette backup location on GCP, created and registered in Palette in one apply: the bucket, Velero's
// service account, its least-privilege bindings and JSON key, and spectrocloud_backup_storage_location,
// which Palette validates when it is created, so it depends on the IAM bindings (iamBindings).
//
//   export SPECTROCLOUD_APIKEY=...   (the spectrocloud provider's key; never in code)
//   terraform -chdir=cdktf.out/stacks/palette-gcp-registration init && terraform -chdir=cdktf.out/stacks/palette-gcp-registration apply
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PaletteBackupLocation } from 'saas-backup-constructs/gcp';
import { SpectroCloudBackupStorageLocation, SpectroCloudProvider } from './spectrocloud';
import { gcsStateBackend } from './state';

export interface PaletteGcpRegistrationStackProps {
  /** The GCP project for the bucket, the service account and its roles. */
  readonly projectId: string;
  /** The provider's region; the bucket is created there too. */
  readonly region: string;
}

export class PaletteGcpRegistrationStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: PaletteGcpRegistrationStackProps) {
    super(scope, id);
    // The state holds the JSON key: keep it remote and encrypted (./state.ts), never in the repository.
    gcsStateBackend(this);
    new GoogleProvider(this, 'google', { project: props.projectId, region: props.region });
    new SpectroCloudProvider(this, 'spectrocloud');

    const location = new PaletteBackupLocation(this, 'PaletteBackups', {
      serviceAccountId: 'palette-velero-reg',
      bucketProps: { bucketName: 'acme-palette-backups-registered', location: props.region },
      locationName: 'gcp-backups',
    });
    new SpectroCloudBackupStorageLocation(this, 'BackupLocation', {
      args: location.toSpectroCloudTerraform(),
      dependsOn: location.iamBindings,
    });
  }
}

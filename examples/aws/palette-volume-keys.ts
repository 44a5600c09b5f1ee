// Spectro Cloud Palette with encrypted EBS volumes: Velero's "KMS Encryption for Volume Restoration"
// (vmware-tanzu/velero-plugin-for-aws, README.md). Snapshots and restores of volumes encrypted with
// a customer-managed key need that key: list the keys as volumeEncryptionKeys.
import { Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { PaletteAccess, PaletteBackupLocation } from 'saas-backup-constructs';
import { acknowledgeNoAccessLogs } from './access-logs';
import { PaletteExampleProps } from './palette';

/** The clusters' volume keys: one of this app, and one that already exists. */
export interface PaletteEbsVolumeKeysProps extends PaletteExampleProps {
  /** An existing customer-managed key of the clusters' EBS volumes (its key policy is yours to change). */
  readonly existingVolumeKeyArn: string;
}

/** STS, with the customer-managed keys of the clusters' EBS volumes ("EBS volume keys"). */
export class PaletteEbsVolumeKeysStack extends Stack {
  constructor(scope: Construct, id: string, props: PaletteEbsVolumeKeysProps) {
    super(scope, id, props);
    const volumeKey = new kms.Key(this, 'VolumeKey', {
      description: 'Encrypts the clusters\' EBS volumes (and their snapshots)',
      enableKeyRotation: true,
    });
    const existingKey = kms.Key.fromKeyArn(this, 'ExistingVolumeKey', props.existingVolumeKeyArn);
    const location = new PaletteBackupLocation(this, 'BackupLocation', {
      locationName: 'aws-backups-ebs-keys',
      access: PaletteAccess.sts({ paletteAccountId: props.paletteAccountId, externalId: props.externalId }),
      // The key of this stack gets the grants in its key policy; the existing one gets a synth
      // warning (ImportedVolumeKeyPolicy) that says what to add to its key policy (acknowledged below).
      volumeEncryptionKeys: [volumeKey, existingKey],
      createOutputs: true,
    });
    acknowledgeNoAccessLogs(location.backupBucket);
    // The warning says what the existing key's policy needs; once it has it, acknowledge the warning.
    Validations.of(location.backupPolicy).acknowledge({
      id: 'saas-backup-constructs:ImportedVolumeKeyPolicy',
      reason: 'The existing volume key\'s policy delegates to IAM in its account (the "Enable IAM User Permissions" statement), or '
        + 'has the two statements the warning names for this role.',
    });
  }
}

// A Spectro Cloud Palette backup location in every account of two organizational units and two
// regions, rolled out by a service-managed CloudFormation StackSet. Deploy this stack in the
// organization's management account (or a delegated administrator for StackSets, with
// callAs: StackSetCallAs.DELEGATED_ADMIN) after activating trusted access for StackSets. The target
// accounts need no CDK bootstrap: the template is inline and has no assets.
//
// Every account's names are known in advance (bucket <prefix>-<account>-<region>, role
// <prefix>-<region>), so the Palette registrations are generated without reading outputs: see
// examples/terraform/aws-palette-stackset-registration.ts, which uses the same values.
import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PaletteStackSetBackupLocation, StackSetConcurrency, StackSetFailureTolerance, StackSetRegionConcurrency } from 'saas-backup-constructs';
import { acknowledgeNoAccessLogs } from './access-logs';

/** The example's values: replace them with your OUs, regions and names. */
export const PALETTE_STACKSET_EXAMPLE = {
  stackSetName: 'palette-backup-locations',
  /** The OUs whose accounts run Palette clusters (Organizations console). */
  organizationalUnitIds: ['ou-ab12-11111111', 'ou-ab12-22222222'],
  regions: ['us-east-1', 'eu-west-1'],
  bucketNamePrefix: 'acme-palette-backups',
  roleNamePrefix: 'palette-backup',
  /** Some accounts of those OUs, to register in Palette (the registration example). */
  clusterAccounts: ['111122223333', '444455556666', '777788889999'],
} as const;

/** Palette's values, as its wizard shows them. */
export interface PaletteStackSetExampleProps extends StackProps {
  readonly paletteAccountId: string;
  readonly externalId: string;
}

/** The StackSet: one location (bucket, Palette/Velero policy, STS role) per account and region. */
export class PaletteStackSetStack extends Stack {
  public readonly rollout: PaletteStackSetBackupLocation;

  constructor(scope: Construct, id: string, props: PaletteStackSetExampleProps) {
    super(scope, id, props);
    this.rollout = new PaletteStackSetBackupLocation(this, 'BackupLocations', {
      stackSetName: PALETTE_STACKSET_EXAMPLE.stackSetName,
      paletteAccountId: props.paletteAccountId,
      externalId: props.externalId,
      organizationalUnitIds: [...PALETTE_STACKSET_EXAMPLE.organizationalUnitIds],
      regions: [...PALETTE_STACKSET_EXAMPLE.regions],
      bucketNamePrefix: PALETTE_STACKSET_EXAMPLE.bucketNamePrefix,
      roleNamePrefix: PALETTE_STACKSET_EXAMPLE.roleNamePrefix,
      // Three accounts at a time, stop a region after two failures, regions one after the other.
      operationPreferences: {
        maxConcurrency: StackSetConcurrency.accounts(3),
        failureTolerance: StackSetFailureTolerance.accounts(2),
        regionConcurrency: StackSetRegionConcurrency.SEQUENTIAL,
      },
      description: 'Spectro Cloud Palette backup locations, one per cluster account and region',
    });
    acknowledgeNoAccessLogs(this.rollout.location.backupBucket);
  }
}

// The Palette side of the StackSet example (examples/aws/palette-stackset.ts): one
// `spectrocloud_backup_storage_location` per cluster account and region, generated from the
// StackSet's deterministic names (no CloudFormation output is read). Apply it with the
// spectrocloud provider's credentials (SPECTROCLOUD_APIKEY) once the stack instances succeeded:
// Palette validates each location when it is created.
import { TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PaletteStackSetBackupLocation } from 'saas-backup-constructs';
import { PALETTE_STACKSET_EXAMPLE } from '../aws/palette-stackset';

export interface PaletteAwsStackSetRegistrationStackProps {
  /** The external ID Palette generated (the StackSet's template trusts it in every account). */
  readonly externalId: string;
  /** The accounts to register, each in every region of the StackSet. */
  readonly accounts: readonly string[];
}

export class PaletteAwsStackSetRegistrationStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: PaletteAwsStackSetRegistrationStackProps) {
    super(scope, id);
    this.addOverride('terraform.required_providers.spectrocloud', { source: 'spectrocloud/spectrocloud' });

    const locations = PaletteStackSetBackupLocation.spectroCloudTerraformJson({
      bucketNamePrefix: PALETTE_STACKSET_EXAMPLE.bucketNamePrefix,
      roleNamePrefix: PALETTE_STACKSET_EXAMPLE.roleNamePrefix,
      externalId: props.externalId,
      targets: props.accounts.flatMap((account) => PALETTE_STACKSET_EXAMPLE.regions.map((region) => ({ account, region }))),
    });
    locations.forEach((args, i) => {
      const location = new TerraformResource(this, `Location${i}`, { terraformResourceType: 'spectrocloud_backup_storage_location' });
      for (const [key, value] of Object.entries(args)) location.addOverride(key, value);
    });
  }
}

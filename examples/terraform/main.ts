// The Terraform examples app: one stack per GCP/Azure scenario and per Palette registration, synthesized by `npm run synth`
// into cdktf.out/stacks/<name>/cdk.tf.json. Apply one with
// `terraform -chdir=cdktf.out/stacks/<name> init && terraform -chdir=cdktf.out/stacks/<name> apply`.
import { App } from 'cdktf';
import { RudderStackPermissions as RudderStackAzurePermissions } from 'saas-backup-constructs/azure';
import { RudderStackPermissions } from 'saas-backup-constructs/gcp';
import { PaletteAwsStackSetRegistrationStack } from './aws-palette-stackset-registration';
import { addPaletteAzureSubscriptions, AZURE_SUBSCRIPTIONS } from './azure-many-subscriptions';
import { PaletteAzureStack } from './azure-palette';
import { PaletteAzureExistingStack } from './azure-palette-existing';
import { RudderStackAzureStack } from './azure-rudderstack';
import { addPaletteGcpProjects, GCP_PROJECTS } from './gcp-many-projects';
import { PaletteGcpStack } from './gcp-palette';
import { RudderStackGcsStack } from './gcp-rudderstack';
import { PaletteAwsRegistrationMethod, PaletteAwsRegistrationStack } from './palette-aws-registration';
import { PaletteAzureRegistrationStack } from './palette-azure-registration';
import { PaletteGcpRegistrationStack } from './palette-gcp-registration';
import { PALETTE_STACKSET_EXAMPLE } from '../aws/palette-stackset';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
new PaletteGcpStack(app, 'palette-gcp', { projectId: 'acme-backups-prod', region: 'us-central1' });
new RudderStackGcsStack(app, 'rudderstack-gcs', { projectId: 'acme-events-prod', region: 'us-central1' });
new RudderStackGcsStack(app, 'rudderstack-gcs-replay', {
  projectId: 'acme-events-prod',
  region: 'us-central1',
  permissions: RudderStackPermissions.backupAndReplay(),
});
new PaletteAzureStack(app, 'palette-azure');
new RudderStackAzureStack(app, 'rudderstack-azure');
new RudderStackAzureStack(app, 'rudderstack-azure-replay', { permissions: RudderStackAzurePermissions.backupAndReplay() });
new PaletteAzureExistingStack(app, 'palette-azure-existing');
// The Palette registrations of the AWS StackSet example's locations, for three of its accounts.
new PaletteAwsStackSetRegistrationStack(app, 'palette-aws-stackset-registration', {
  externalId: 'example-external-id-from-palette',
  accounts: PALETTE_STACKSET_EXAMPLE.clusterAccounts,
});
// Registering locations in Palette (spectrocloud_backup_storage_location): the AWS ones read the
// deployed CloudFormation stacks of examples/aws (their outputs, and the access key's secret).
new PaletteAwsRegistrationStack(app, 'palette-aws-registration-sts', {
  cloudFormationStackName: 'PaletteSingleAccountSts',
  region: 'us-east-1',
  method: PaletteAwsRegistrationMethod.STS,
});
new PaletteAwsRegistrationStack(app, 'palette-aws-registration-credentials', {
  cloudFormationStackName: 'PaletteStaticCredentials',
  region: 'us-east-1',
  method: PaletteAwsRegistrationMethod.CREDENTIALS,
});
new PaletteGcpRegistrationStack(app, 'palette-gcp-registration', { projectId: 'acme-backups-prod', region: 'us-central1' });
new PaletteAzureRegistrationStack(app, 'palette-azure-registration');
// Many projects and subscriptions: one self-contained stack each (palette-gcp-team-a, palette-azure-team-a, ...).
addPaletteGcpProjects(app, GCP_PROJECTS);
addPaletteAzureSubscriptions(app, AZURE_SUBSCRIPTIONS);
app.synth();

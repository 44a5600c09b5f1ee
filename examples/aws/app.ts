// The AWS examples app: one CloudFormation stack per scenario, synthesized by `npm run synth`
// into cdk.out/. Deploy one with `npx cdk deploy --app cdk.out <StackName>` after replacing the
// example values below (or passing them as context: -c palette:accountId=... and so on).
import { readFileSync } from 'fs';
import { join } from 'path';
import { App } from 'aws-cdk-lib';
import { RudderStackPermissions } from 'saas-backup-constructs';
import { NEON_EXAMPLE, NeonBackupExistingProviderStack, NeonBackupStack } from './neon';
import {
  PaletteCrossAccountRoleStack,
  PaletteCrossAccountRootStack,
  PaletteKmsEncryptedStack,
  PaletteMinioStack,
  PaletteSingleAccountStsStack,
  PaletteStaticCredentialsStack,
} from './palette';
import { PaletteStackSetStack } from './palette-stackset';
import {
  EXAMPLE_CLUSTER_ACCOUNT_IDS,
  PaletteAccountListStack,
  PaletteDeployingUserStack,
  PaletteEksServiceAccountStack,
  PaletteNonAwsClustersStack,
  PaletteOrganizationTrustStack,
} from './palette-trust';
import { PaletteEbsVolumeKeysStack } from './palette-volume-keys';
import { RudderStackMinioStack, RudderStackS3Stack } from './rudderstack';

const app = new App();
const context = (key: string, example: string): string => app.node.tryGetContext(key) ?? example;

// Example values: replace them with what Palette's wizard shows you.
const palette = {
  // On Palette SaaS, Spectro Cloud's account; on a self-hosted Palette or VerteX instance, the instance-level STS account.
  paletteAccountId: context('palette:accountId', '000000000000'),
  externalId: context('palette:externalId', 'example-external-id-from-palette'),
  clusterAccountId: context('palette:clusterAccountId', '111122223333'),
};

new PaletteSingleAccountStsStack(app, 'PaletteSingleAccountSts', palette);
new PaletteCrossAccountRootStack(app, 'PaletteCrossAccountRoot', palette);
new PaletteCrossAccountRoleStack(app, 'PaletteCrossAccountRole', palette);
new PaletteStaticCredentialsStack(app, 'PaletteStaticCredentials');
new PaletteKmsEncryptedStack(app, 'PaletteKmsEncrypted', palette);
new PaletteEbsVolumeKeysStack(app, 'PaletteEbsVolumeKeys', {
  ...palette,
  existingVolumeKeyArn: context('palette:volumeKeyArn', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
});
new PaletteMinioStack(app, 'PaletteMinio', {
  caCertificatePem: readFileSync(context('palette:minioCaFile', join(__dirname, 'minio-ca.example.pem')), 'utf8'),
});

// Palette's other trust cases (EKS service accounts, clusters outside AWS, a static-credentials
// deploying user) and one backup account for many cluster accounts (an organization, a list).
new PaletteEksServiceAccountStack(app, 'PaletteEksServiceAccount', {
  ...palette,
  eksIssuerUrl: context('palette:eksIssuerUrl', 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'),
});
new PaletteNonAwsClustersStack(app, 'PaletteNonAwsClusters', palette);
new PaletteDeployingUserStack(app, 'PaletteDeployingUser', {
  ...palette,
  deployingUserArn: context('palette:deployingUserArn', 'arn:aws:iam::111122223333:user/palette-deployer'),
});
new PaletteOrganizationTrustStack(app, 'PaletteOrganizationTrust', { ...palette, organizationId: context('palette:organizationId', 'o-a1b2c3d4e5') });
new PaletteAccountListStack(app, 'PaletteAccountList', { ...palette, clusterAccountIds: EXAMPLE_CLUSTER_ACCOUNT_IDS });

// A location in every account of two OUs and two regions, by a StackSet (deploy in the
// management account or a StackSets delegated administrator).
new PaletteStackSetStack(app, 'PaletteStackSet', palette);

// RudderStack: write-only (the seed page, the default), or backup and replay (its current page).
new RudderStackS3Stack(app, 'RudderStackS3');
new RudderStackS3Stack(app, 'RudderStackS3Replay', { permissions: RudderStackPermissions.backupAndReplay() });
new RudderStackMinioStack(app, 'RudderStackMinio');

// Neon Postgres backups from GitHub Actions: the workflow is examples/neon/postgres-backup.yml.
// The stacks go to the region of the Neon database; the two differ only in the OIDC provider
// (created, or imported because the account already has it): deploy one of them.
const neon = {
  repository: context('neon:repository', NEON_EXAMPLE.repository),
  branch: context('neon:branch', NEON_EXAMPLE.branch),
  env: { region: context('neon:region', NEON_EXAMPLE.region) },
};
new NeonBackupStack(app, 'NeonBackup', neon);
new NeonBackupExistingProviderStack(app, 'NeonBackupExistingProvider', neon);

app.synth();

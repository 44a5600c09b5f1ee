#!/usr/bin/env node
// @ts-check
/**
 * Synth cost of the library against hand-written equivalents that produce IDENTICAL templates
 * (run `npx projen bench`, which compiles lib/ first; or `node benchmarks/synth.js [aws|gcp|azure] [N...]`).
 *
 * For each back end and each N (default 1, 10, 100, 500 backup locations; AWS puts at most 100
 * locations in a stack, so 500 are 5 stacks):
 *   1. both variants are synthesized once and their templates compared; any difference aborts;
 *   2. then, RUNS times (BENCH_RUNS, default 9), library and hand-written run ALTERNATELY, each in
 *      a fresh Node process, with aws-cdk-lib's template validator off (CDK_VALIDATION=false);
 *   3. reported: the median wall time of each (require + construct + synth), the median of the
 *      pair-by-pair ratios library/hand-written, the same median of CPU-time ratios (user + system:
 *      less disturbed by other work on a shared machine), the load average, and the median peak RSS
 *      (getrusage maxRSS).
 * Figures go in the issue notes; nothing here is a timed test.
 */
'use strict';
const os = require('os');
const { RUNS, compare, cfnTemplates, terraformTemplates, HAND_WRITTEN_AWS, pad } = require('./harness');

const PER_STACK = 100;

// ---------------------------------------------------------------------------------------------
// The programs. Each is a script body run in a fresh process with N and OUT (a folder) defined.
// ---------------------------------------------------------------------------------------------
const AWS_PROLOGUE = `
  const cdk = require('aws-cdk-lib');
  const app = new cdk.App({ outdir: OUT, analyticsReporting: false, context: { 'aws:cdk:enable-path-metadata': false } });
  const stacks = [];
  const stackFor = (i) => stacks[Math.floor(i / ${PER_STACK})] ??= new cdk.Stack(app, 'Locations' + Math.floor(i / ${PER_STACK}),
    { env: { account: '123456789012', region: 'us-east-1' } });
  const palette = '111111111111';`;

const TF_PROLOGUE = `
  const { App, TerraformStack } = require('cdktf');
  const app = new App({ outdir: OUT });`;
const GCP_PROLOGUE = `${TF_PROLOGUE}
  const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
  const stack = new TerraformStack(app, 'locations');
  new GoogleProvider(stack, 'google', { project: 'acme-backups', region: 'us-central1' });`;

const AZURE_PROLOGUE = `${TF_PROLOGUE}
  const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
  const { AzureadProvider } = require('@cdktf/provider-azuread/lib/provider');
  const stack = new TerraformStack(app, 'locations');
  new AzurermProvider(stack, 'azurerm', { features: [{}], storageUseAzuread: true });
  new AzureadProvider(stack, 'azuread', {});`;

const PROGRAMS = {
  aws: {
    library: `${AWS_PROLOGUE}
      const lib = require('saas-backup-constructs');
      for (let i = 0; i < N; i++) {
        new lib.PaletteBackupLocation(stackFor(i), 'Location' + i, {
          locationName: 'backups-' + i,
          access: lib.PaletteAccess.sts({ paletteAccountId: palette, externalId: 'external-id-' + i }),
        });
      }
      app.synth();`,
    // What a user writes with aws-cdk-lib alone for the same resources, in the same construct tree
    // (so the logical IDs are the same): the pages' policy, the bucket defaults, the external-ID trust.
    handWritten: `${AWS_PROLOGUE}
      const { Construct } = require('constructs');
      const s3 = require('aws-cdk-lib/aws-s3');
      const iam = require('aws-cdk-lib/aws-iam');
      ${HAND_WRITTEN_AWS}
      for (let i = 0; i < N; i++) {
        const location = new Construct(stackFor(i), 'Location' + i);
        const bucket = handBucket(location);
        const role = handRole(location, 'external-id-' + i, { description: 'Spectro Cloud Palette backup location "backups-' + i + '" (STS)' });
        handPolicy(location, bucket, role);
      }
      app.synth();`,
    templates: cfnTemplates,
  },

  gcp: {
    library: `${GCP_PROLOGUE}
      const gcp = require('saas-backup-constructs/gcp');
      for (let i = 0; i < N; i++) {
        new gcp.PaletteBackupLocation(stack, 'Location' + i, {
          serviceAccountId: 'velero-' + i,
          bucketProps: { bucketName: 'acme-backups-' + i, location: 'us-central1' },
        });
      }
      app.synth();`,
    // The same resources with the provider classes alone, in the same construct tree.
    handWritten: `${GCP_PROLOGUE}
      const { Construct } = require('constructs');
      const { DataGoogleClientConfig } = require('@cdktf/provider-google/lib/data-google-client-config');
      const { StorageBucket } = require('@cdktf/provider-google/lib/storage-bucket');
      const { ProjectIamCustomRole } = require('@cdktf/provider-google/lib/project-iam-custom-role');
      const { ServiceAccount } = require('@cdktf/provider-google/lib/service-account');
      const { StorageBucketIamMember } = require('@cdktf/provider-google/lib/storage-bucket-iam-member');
      const { ServiceAccountKey } = require('@cdktf/provider-google/lib/service-account-key');
      let config;
      for (let i = 0; i < N; i++) {
        const location = new Construct(stack, 'Location' + i);
        config ??= new DataGoogleClientConfig(stack, 'SaasBackupConstructsGoogleClientConfig', {});
        const bucket = new StorageBucket(new Construct(location, 'Bucket'), 'Resource', {
          name: 'acme-backups-' + i, location: 'us-central1', project: config.project, forceDestroy: false,
          uniformBucketLevelAccess: true, publicAccessPrevention: 'enforced', versioning: { enabled: true },
          lifecycleRule: [{ action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: 30, withState: 'ARCHIVED' } }],
          lifecycle: { preventDestroy: true },
        });
        const role = new ProjectIamCustomRole(location, 'ObjectsRole', {
          roleId: 'velero_' + i + '.objects', title: 'Velero backup objects', project: config.project,
          description: 'Velero object permissions (velero-plugin-for-gcp), bound on the backup bucket only.',
          permissions: ['storage.objects.create', 'storage.objects.delete', 'storage.objects.get', 'storage.objects.list'],
        });
        const account = new ServiceAccount(location, 'ServiceAccount', {
          accountId: 'velero-' + i, displayName: 'Velero (Palette backup location)', project: config.project,
          description: 'Velero (Spectro Cloud Palette backup location): backups in one GCS bucket.',
        });
        new StorageBucketIamMember(location, 'ObjectsBinding', { bucket: bucket.name, role: role.name, member: 'serviceAccount:' + account.email });
        new ServiceAccountKey(location, 'Key', { serviceAccountId: account.name, lifecycle: { createBeforeDestroy: true } });
      }
      app.synth();`,
    templates: terraformTemplates,
  },

  azure: {
    library: `${AZURE_PROLOGUE}
      const azure = require('saas-backup-constructs/azure');
      const resourceGroup = new azure.ResourceGroup(stack, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
      for (let i = 0; i < N; i++) {
        new azure.PaletteBackupLocation(stack, 'Location' + i, { resourceGroup, storageAccountName: 'palettebackups' + String(i).padStart(4, '0') });
      }
      app.synth();`,
    handWritten: `${AZURE_PROLOGUE}
      const { Construct } = require('constructs');
      const { DataAzurermClientConfig } = require('@cdktf/provider-azurerm/lib/data-azurerm-client-config');
      const { ResourceGroup } = require('@cdktf/provider-azurerm/lib/resource-group');
      const { StorageAccount } = require('@cdktf/provider-azurerm/lib/storage-account');
      const { StorageContainer } = require('@cdktf/provider-azurerm/lib/storage-container');
      const { RoleDefinition } = require('@cdktf/provider-azurerm/lib/role-definition');
      const { RoleAssignment } = require('@cdktf/provider-azurerm/lib/role-assignment');
      const { Application } = require('@cdktf/provider-azuread/lib/application');
      const { ApplicationPasswordA } = require('@cdktf/provider-azuread/lib/application-password');
      const { ServicePrincipal } = require('@cdktf/provider-azuread/lib/service-principal');
      const group = new ResourceGroup(new Construct(stack, 'Group'), 'Resource', { name: 'palette-backups', location: 'westeurope' });
      let config;
      for (let i = 0; i < N; i++) {
        const name = 'palettebackups' + String(i).padStart(4, '0');
        const location = new Construct(stack, 'Location' + i);
        const account = new StorageAccount(new Construct(location, 'StorageAccount'), 'Resource', {
          name, resourceGroupName: group.name, location: group.location,
          accountKind: 'StorageV2', accountTier: 'Standard', accountReplicationType: 'GRS',
          httpsTrafficOnlyEnabled: true, minTlsVersion: 'TLS1_2', allowNestedItemsToBePublic: false,
          crossTenantReplicationEnabled: false, defaultToOauthAuthentication: true, localUserEnabled: false,
          publicNetworkAccessEnabled: true, sharedAccessKeyEnabled: true,
          networkRules: { defaultAction: 'Allow', bypass: ['None'] },
          blobProperties: { versioningEnabled: false, deleteRetentionPolicy: { days: 7 }, containerDeleteRetentionPolicy: { days: 7 } },
          lifecycle: { preventDestroy: true },
        });
        const container = new StorageContainer(new Construct(location, 'Container'), 'Resource', {
          name: 'palette-backups', storageAccountId: account.id, containerAccessType: 'private',
        });
        const principalScope = new Construct(location, 'ServicePrincipal');
        const application = new Application(principalScope, 'Application', {
          displayName: 'Palette backup location (locations/Location' + i + '/ServicePrincipal)',
          notes: "Credential for Palette's Velero to reach its backup location; permissions are Azure role assignments.",
          signInAudience: 'AzureADMyOrg',
        });
        const principal = new ServicePrincipal(principalScope, 'Resource', { clientId: application.clientId });
        new ApplicationPasswordA(principalScope, 'ClientSecret', {
          applicationId: application.id, displayName: 'Palette backup location', lifecycle: { createBeforeDestroy: true },
        });
        config ??= new DataAzurermClientConfig(stack, 'SaasBackupConstructsAzurermClientConfig', {});
        const listKeys = new RoleDefinition(location, 'ListKeysRole', {
          name: 'Palette Velero storage account keys (' + name + ')',
          description: 'List the access keys of storage account ' + name + ' (Velero without useAAD, or Restic file-system backups).',
          scope: group.id, assignableScopes: [group.id],
          permissions: [{ actions: ['Microsoft.Storage/storageAccounts/listkeys/action'] }],
        });
        new RoleAssignment(location, 'ListKeys', {
          scope: account.id, roleDefinitionId: listKeys.roleDefinitionResourceId, principalId: principal.objectId, principalType: 'ServicePrincipal',
          description: 'Palette backup location: Velero lists the storage account keys (no useAAD, or Restic file-system backups).',
        });
        new RoleAssignment(location, 'BlobDataContributor', {
          scope: container.id, principalId: principal.objectId, principalType: 'ServicePrincipal',
          roleDefinitionId: '/subscriptions/' + config.subscriptionId + '/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe',
          description: 'Palette backup location: Velero reads, writes and deletes backups in the container.',
        });
      }
      app.synth();`,
    templates: terraformTemplates,
  },
};

const args = process.argv.slice(2);
const clouds = args.filter((a) => a in PROGRAMS);
const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
const rows = [];
for (const cloud of clouds.length ? clouds : Object.keys(PROGRAMS)) {
  for (const n of sizes.length ? sizes : [1, 10, 100, 500]) {
    const p = PROGRAMS[cloud];
    const row = { cloud, n, ...compare(cloud, p.library, p.handWritten, n, p.templates) };
    rows.push(row);
    console.error(`${cloud} N=${n}: ratio ${row.ratio.toFixed(3)} (CPU time ${row.cpuRatio.toFixed(3)})`);
  }
}
console.log(`\nSynth, library vs hand-written (identical templates), ${RUNS} alternating pairs of fresh processes, validator off`);
console.log(`Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the end\n`);
console.log(`${pad('cloud', 7)}${pad('N', 6)}${pad('stacks', 8)}${pad('resources', 11)}${pad('library ms', 12)}${pad('hand ms', 10)}${pad('ratio', 8)}${pad('cpu ratio', 11)}${pad('lib peak MB', 13)}${pad('hand peak MB', 14)}pair ratios`);
for (const r of rows) {
  console.log(`${pad(r.cloud, 7)}${pad(r.n, 6)}${pad(r.stacks, 8)}${pad(r.resources, 11)}${pad(r.libraryMs.toFixed(0), 12)}${pad(r.handMs.toFixed(0), 10)}`
    + `${pad(r.ratio.toFixed(3), 8)}${pad(r.cpuRatio.toFixed(3), 11)}${pad(r.libraryRssMb.toFixed(0), 13)}${pad(r.handRssMb.toFixed(0), 14)}${r.ratios.map((x) => x.toFixed(2)).join(' ')}`);
}

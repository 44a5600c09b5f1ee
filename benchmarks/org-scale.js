#!/usr/bin/env node
// @ts-check
/**
 * Organization scale: synth cost of the library against hand-written aws-cdk-lib that produces
 * IDENTICAL templates (run by hand after `npx projen compile`: `node benchmarks/org-scale.js
 * [trust|locations|stackset] [N]`; `npx projen bench` may run it later). Never a timed test.
 *
 * Scenarios (N defaults to 500):
 *   trust      one backup account trusted by N cluster accounts in the compact form
 *              (`TrustedPrincipal.accounts`, one `aws:PrincipalAccount` statement; needs a trust
 *              policy quota of 8,192 at N = 500) vs an iam.Role with the same statements.
 *   locations  N single-account STS locations (4 resources each) across stacks of 125, the most a
 *              stack may hold (500 resources; the library's resource-limit check runs in each) vs
 *              the same buckets, policies and roles written with aws-cdk-lib.
 *   stackset   one PaletteStackSetBackupLocation (a location in every account of 2 OUs x 2 regions,
 *              whatever N) vs a CfnStackSet whose TemplateBody is a hand-written stack of the same
 *              resources: its cost does not grow with the accounts.
 *
 * For each: both variants are synthesized once and their templates compared (any difference aborts);
 * then RUNS times (BENCH_RUNS, default 9) library and hand-written run ALTERNATELY, each in a fresh
 * Node process, with aws-cdk-lib's template validator off (CDK_VALIDATION=false). Reported: median
 * wall time (require + construct + synth) of each, the median of the pair-by-pair ratios, every
 * pair's ratio, and the median peak RSS (getrusage maxRSS).
 */
'use strict';
const os = require('os');
const { RUNS, compare, cfnTemplates, HAND_WRITTEN_AWS, pad } = require('./harness');

const PER_STACK = 125;

const PROLOGUE = `
  const cdk = require('aws-cdk-lib');
  const { Construct } = require('constructs');
  const s3 = require('aws-cdk-lib/aws-s3');
  const iam = require('aws-cdk-lib/aws-iam');
  const app = new cdk.App({ outdir: OUT, analyticsReporting: false, context: { 'aws:cdk:enable-path-metadata': false } });
  const palette = '111111111111';
  const accounts = Array.from({ length: N }, (_, i) => String(200000000000 + i));`;

/** The bucket, policy and role of a location, as the library makes them. */
const HAND_BUCKET = HAND_WRITTEN_AWS;

const SCENARIOS = {
  trust: {
    library: `${PROLOGUE}
      const lib = require('saas-backup-constructs');
      if (typeof lib.TrustedPrincipal.accounts !== 'function') throw new Error('UNAVAILABLE: TrustedPrincipal.accounts() is not in this build');
      const stack = new cdk.Stack(app, 'BackupAccount', { env: { account: '123456789012', region: 'us-east-1' } });
      new lib.PaletteBackupLocation(stack, 'Location', {
        locationName: 'org-backups',
        access: lib.PaletteAccess.sts({
          paletteAccountId: palette, externalId: 'external-id', maxTrustPolicySize: 8192,
          clusterPrincipals: [lib.TrustedPrincipal.accounts(accounts)],
        }),
      });
      app.synth();`,
    handWritten: `${PROLOGUE}${HAND_BUCKET}
      const stack = new cdk.Stack(app, 'BackupAccount', { env: { account: '123456789012', region: 'us-east-1' } });
      const location = new Construct(stack, 'Location');
      const bucket = handBucket(location, undefined);
      const role = handRole(location, 'external-id', { description: 'Spectro Cloud Palette backup location "org-backups" (STS)' });
      role.assumeRolePolicy.addStatements(new iam.PolicyStatement({
        sid: 'TrustAccounts', actions: ['sts:AssumeRole'], principals: [new iam.AnyPrincipal()],
        conditions: { StringEquals: { 'aws:PrincipalAccount': accounts } },
      }));
      handPolicy(location, bucket, role);
      app.synth();`,
  },

  locations: {
    library: `${PROLOGUE}
      const lib = require('saas-backup-constructs');
      const stacks = [];
      const stackFor = (i) => stacks[Math.floor(i / ${PER_STACK})] ??= new cdk.Stack(app, 'Locations' + Math.floor(i / ${PER_STACK}),
        { env: { account: '123456789012', region: 'us-east-1' } });
      for (let i = 0; i < N; i++) {
        new lib.PaletteBackupLocation(stackFor(i), 'Location' + i, {
          locationName: 'backups-' + i,
          access: lib.PaletteAccess.sts({ paletteAccountId: palette, externalId: 'external-id-' + i }),
        });
      }
      app.synth();`,
    handWritten: `${PROLOGUE}${HAND_BUCKET}
      const stacks = [];
      const stackFor = (i) => stacks[Math.floor(i / ${PER_STACK})] ??= new cdk.Stack(app, 'Locations' + Math.floor(i / ${PER_STACK}),
        { env: { account: '123456789012', region: 'us-east-1' } });
      for (let i = 0; i < N; i++) {
        const location = new Construct(stackFor(i), 'Location' + i);
        const bucket = handBucket(location, undefined);
        const role = handRole(location, 'external-id-' + i, { description: 'Spectro Cloud Palette backup location "backups-' + i + '" (STS)' });
        handPolicy(location, bucket, role);
      }
      app.synth();`,
  },

  stackset: {
    library: `${PROLOGUE}
      const lib = require('saas-backup-constructs');
      const stack = new cdk.Stack(app, 'Administrator', { env: { account: '123456789012', region: 'us-east-1' } });
      new lib.PaletteStackSetBackupLocation(stack, 'Locations', {
        stackSetName: 'palette-backups', paletteAccountId: palette, externalId: 'external-id',
        organizationalUnitIds: ['ou-ab12-11111111', 'ou-ab12-22222222'], regions: ['us-east-1', 'eu-west-1'],
        bucketNamePrefix: 'acme-palette-backups',
      });
      app.synth();`,
    handWritten: `${PROLOGUE}${HAND_BUCKET}
      const cfn = require('aws-cdk-lib/aws-cloudformation');
      const inner = new cdk.App({ outdir: require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'hand-inner-')),
        analyticsReporting: false, context: { 'aws:cdk:enable-path-metadata': false } });
      const template = new cdk.Stack(inner, 'Template', { synthesizer: new cdk.BootstraplessSynthesizer(), analyticsReporting: false,
        description: 'Spectro Cloud Palette backup location, deployed by the StackSet palette-backups' });
      const location = new Construct(template, 'BackupLocation');
      const name = 'acme-palette-backups-' + cdk.Aws.ACCOUNT_ID + '-' + cdk.Aws.REGION;
      const bucket = handBucket(location, name);
      // In the library's order (policy, then role): the TemplateBody is compared as text.
      const policy = handPolicy(location, bucket, undefined);
      const role = handRole(location, 'external-id', {
        roleName: 'palette-backup-' + cdk.Aws.REGION,
        description: 'Spectro Cloud Palette backup location "' + name + '" (STS)',
      });
      policy.attachToRole(role);
      const out = (id, value, description) => new cdk.CfnOutput(template, id, { value, description }).overrideLogicalId(id);
      out('PaletteLocationName', name, 'Palette "Location Name" / spectrocloud_backup_storage_location.name');
      OUTPUTS_PLACEHOLDER
      const body = JSON.stringify(JSON.parse(require('fs').readFileSync(require('path').join(inner.synth().directory, template.templateFile), 'utf8')));
      const stack = new cdk.Stack(app, 'Administrator', { env: { account: '123456789012', region: 'us-east-1' } });
      const stackSet = new cfn.CfnStackSet(new Construct(stack, 'Locations'), 'Resource', {
        stackSetName: 'palette-backups', permissionModel: 'SERVICE_MANAGED', callAs: 'SELF',
        autoDeployment: { enabled: true, retainStacksOnAccountRemoval: true }, capabilities: ['CAPABILITY_NAMED_IAM'],
        operationPreferences: { maxConcurrentCount: 1, failureToleranceCount: 0, concurrencyMode: 'STRICT_FAILURE_TOLERANCE',
          regionConcurrencyType: 'SEQUENTIAL', regionOrder: ['us-east-1', 'eu-west-1'] },
        stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: ['ou-ab12-11111111', 'ou-ab12-22222222'] }, regions: ['us-east-1', 'eu-west-1'] }],
        templateBody: body,
      });
      stackSet.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
      app.synth();`,
  },
};

/** The stackset scenario's outputs: the library's own, rebuilt with the same values (checked by the comparison). */
function stackSetOutputs() {
  return `
      out('PaletteLocationProvider', 'AWS', 'Palette "Location Provider" / spectrocloud_backup_storage_location.storage_provider = "aws"');
      out('PaletteBucketName', bucket.bucketName, 'Palette "S3 Bucket" / spectrocloud_backup_storage_location.bucket_name');
      out('PaletteRegion', cdk.Aws.REGION, 'Palette "Region" / spectrocloud_backup_storage_location.region');
      out('PaletteForcePathStyle', 'false', 'Palette "Force S3 path style" / spectrocloud_backup_storage_location.s3.s3_force_path_style');
      out('PaletteRoleArn', role.roleArn, 'Palette "ARN" / spectrocloud_backup_storage_location.s3.arn');
      out('PaletteExternalId', 'external-id', 'Palette "External ID" / spectrocloud_backup_storage_location.s3.external_id');`;
}

function bench(name, n) {
  const s = SCENARIOS[name];
  const hand = s.handWritten.replace('OUTPUTS_PLACEHOLDER', stackSetOutputs());
  return { name, n, ...compare(name, s.library, hand, n, cfnTemplates) };
}

const args = process.argv.slice(2);
const names = args.filter((a) => a in SCENARIOS);
const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
const rows = [];
for (const name of names.length ? names : Object.keys(SCENARIOS)) {
  for (const n of sizes.length ? sizes : [500]) {
    const row = bench(name, n);
    rows.push(row);
    console.error(row.unavailable ? `${name} N=${n}: not measured (${row.unavailable})` : `${name} N=${n}: ratio ${row.ratio.toFixed(3)}`);
  }
}
console.log(`\nOrganization scale: library vs hand-written aws-cdk-lib (identical templates), ${RUNS} alternating pairs of fresh processes, validator off`);
console.log(`Node ${process.version}, ${os.cpus().length} CPUs\n`);
console.log(`${pad('scenario', 11)}${pad('N', 6)}${pad('stacks', 8)}${pad('resources', 11)}${pad('library ms', 12)}${pad('hand ms', 10)}${pad('ratio', 8)}`
  + `${pad('lib peak MB', 13)}${pad('hand peak MB', 14)}pair ratios`);
for (const r of rows) {
  if (r.unavailable) {
    console.log(`${pad(r.name, 11)}${pad(r.n, 6)}not measured: ${r.unavailable}`);
    continue;
  }
  console.log(`${pad(r.name, 11)}${pad(r.n, 6)}${pad(r.stacks, 8)}${pad(r.resources, 11)}${pad(r.libraryMs.toFixed(0), 12)}${pad(r.handMs.toFixed(0), 10)}`
    + `${pad(r.ratio.toFixed(3), 8)}${pad(r.libraryRssMb.toFixed(0), 13)}${pad(r.handRssMb.toFixed(0), 14)}${r.ratios.map((x) => x.toFixed(2)).join(' ')}`);
}

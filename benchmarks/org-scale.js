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
 * then RUNS times (BENCH_RUNS, default 5) library and hand-written run ALTERNATELY, each in a fresh
 * Node process, with aws-cdk-lib's template validator off (CDK_VALIDATION=false). Reported: median
 * wall time (require + construct + synth) of each, the median of the pair-by-pair ratios, every
 * pair's ratio, and the median peak RSS (getrusage maxRSS).
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { isDeepStrictEqual } = require('util');

const root = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PER_STACK = 125;

const PROLOGUE = `
  const cdk = require('aws-cdk-lib');
  const { Construct } = require('constructs');
  const s3 = require('aws-cdk-lib/aws-s3');
  const iam = require('aws-cdk-lib/aws-iam');
  const app = new cdk.App({ outdir: OUT, analyticsReporting: false, context: { 'aws:cdk:enable-path-metadata': false } });
  const palette = '111111111111';
  const accounts = Array.from({ length: N }, (_, i) => String(200000000000 + i));`;

/** The bucket of a location, as BackupBucket makes it, under scope/Bucket/Resource. */
const HAND_BUCKET = `
  const handBucket = (location, bucketName) => new s3.Bucket(new Construct(location, 'Bucket'), 'Resource', {
    bucketName,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    removalPolicy: cdk.RemovalPolicy.RETAIN,
    lifecycleRules: [
      { id: 'AbortIncompleteMultipartUploads', abortIncompleteMultipartUploadAfter: cdk.Duration.days(7) },
      { id: 'ExpireNoncurrentVersions', noncurrentVersionExpiration: cdk.Duration.days(30), expiredObjectDeleteMarker: true },
    ],
  });
  const handPolicy = (location, bucket, role) => new iam.ManagedPolicy(new Construct(location, 'Policy'), 'Resource', {
    description: 'Spectro Cloud Palette backup location (Velero): EBS snapshots and backup objects',
    roles: role ? [role] : undefined,
    statements: [
      new iam.PolicyStatement({ sid: 'VeleroVolumeSnapshots', resources: ['*'],
        actions: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'ec2:CreateTags', 'ec2:CreateVolume', 'ec2:CreateSnapshot', 'ec2:DeleteSnapshot'] }),
      new iam.PolicyStatement({ sid: 'VeleroBackupObjects', resources: [bucket.arnForObjects('*')],
        actions: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'] }),
      new iam.PolicyStatement({ sid: 'VeleroListBucket', resources: [bucket.bucketArn], actions: ['s3:ListBucket'] }),
    ],
  });
  const handRole = (location, externalId, props) => {
    const role = new iam.Role(new Construct(location, 'Role'), 'Resource', {
      assumedBy: new iam.AccountPrincipal(palette), externalIds: [externalId], ...props,
    });
    role.node.defaultChild.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Sid', 'TrustVendorWithExternalId');
    return role;
  };`;

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

/** Every CloudFormation template of an output folder. */
const templates = (out) => fs.readdirSync(out).filter((f) => f.endsWith('.template.json')).sort()
  .map((f) => [f, JSON.parse(fs.readFileSync(path.join(out, f), 'utf8'))]);

function run(program, n) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-org-'));
  const script = `
    const t0 = process.hrtime.bigint();
    const N = ${n}; const OUT = ${JSON.stringify(out)};
    ${program}
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));`;
  try {
    const stdout = execFileSync(process.execPath, ['-e', script], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CDK_VALIDATION: 'false', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1', JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: '1' },
    });
    const lines = stdout.trim().split('\n');
    return { ...JSON.parse(lines[lines.length - 1]), out };
  } catch (e) {
    const stderr = String(/** @type {{ stderr?: unknown }} */ (e).stderr ?? e);
    const unavailable = /UNAVAILABLE: ([^'\n]*)/.exec(stderr);
    if (unavailable) return { unavailable: unavailable[1], out };
    throw new Error(`a run failed:\n${stderr.slice(0, 4000)}`);
  }
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function firstDifference(a, b, where = '') {
  if (isDeepStrictEqual(a, b)) return undefined;
  // A TemplateBody: compare the templates inside.
  if (typeof a === 'string' && typeof b === 'string' && a.startsWith('{') && b.startsWith('{')) {
    const inside = firstDifference(JSON.parse(a), JSON.parse(b), `${where}(json)`);
    let i = 0;
    while (a[i] === b[i]) i++;
    return inside ?? `${where}: same JSON, other text from character ${i}: ${a.slice(i, i + 120)} != ${b.slice(i, i + 120)}`;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${where}: ${JSON.stringify(a)?.slice(0, 300)} != ${JSON.stringify(b)?.slice(0, 300)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${where}: an array and an object`;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[key], b[key], `${where}/${key}`);
    if (d) return d;
  }
  return where;
}

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
  const lib = run(s.library, n);
  if (lib.unavailable) {
    fs.rmSync(lib.out, { recursive: true, force: true });
    return { name, n, unavailable: lib.unavailable };
  }
  const ref = run(hand, n);
  const a = templates(lib.out);
  const b = templates(ref.out);
  const diff = firstDifference(a, b);
  if (diff !== undefined) {
    console.error(`${name} N=${n}: the templates differ at ${diff}`);
    process.exit(1);
  }
  const resources = a.reduce((sum, [, t]) => sum + Object.keys(t.Resources ?? {}).length, 0);
  const pairs = [];
  for (let i = 0; i < RUNS; i++) {
    const libraryFirst = i % 2 === 0;
    const r1 = run(libraryFirst ? s.library : hand, n);
    const r2 = run(libraryFirst ? hand : s.library, n);
    const [l, h] = libraryFirst ? [r1, r2] : [r2, r1];
    pairs.push({ l, h });
    for (const r of [r1, r2]) fs.rmSync(r.out, { recursive: true, force: true });
  }
  for (const r of [lib, ref]) fs.rmSync(r.out, { recursive: true, force: true });
  return {
    name, n, stacks: a.length, resources,
    libraryMs: median(pairs.map((p) => p.l.ms)),
    handMs: median(pairs.map((p) => p.h.ms)),
    ratio: median(pairs.map((p) => p.l.ms / p.h.ms)),
    ratios: pairs.map((p) => p.l.ms / p.h.ms),
    libraryRssMb: median(pairs.map((p) => p.l.peakRssMb)),
    handRssMb: median(pairs.map((p) => p.h.peakRssMb)),
  };
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
const pad = (s, w) => String(s).padEnd(w);
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

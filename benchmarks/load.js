#!/usr/bin/env node
// @ts-check
/**
 * Load-time and memory benchmark of the package's entry points (run `npx projen bench`, which
 * compiles lib/ first). Each scenario runs in a fresh Node process, N times; the median is shown.
 *
 *   AWS use:    require('saas-backup-constructs') (lib/index.js)   vs  aws-cdk-lib alone, and aws-cdk-lib
 *               with the service modules the AWS constructs import
 *   GCP/Azure:  require('saas-backup-constructs/gcp' | '/azure')   vs  the bare deep provider modules they
 *               use (read from lib/constructs/<cloud>/*.js) plus cdktf
 *   Reference:  the provider package roots, which the lint rule refuses
 *
 * Also reported: how many modules of cdktf / @cdktf were loaded (the AWS entry must load none).
 * Figures go in the issue notes; nothing here is a timed test.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** Deep provider modules a compiled submodule requires. */
function providerModulesOf(cloud) {
  const dir = path.join(root, 'lib', 'constructs', cloud);
  const found = new Set();
  for (const file of fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.js'))) {
    for (const m of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/require\("(@cdktf\/provider-[a-z]+\/lib\/[^"]+)"\)/g)) found.add(m[1]);
  }
  return [...found].sort();
}

/**
 * Runs `requires` (then `work`, a script using them) in a fresh process; returns the ms taken, RSS
 * after, and module counts.
 */
function measure(requires, work = '') {
  const script = `
    const t0 = process.hrtime.bigint();
    for (const m of ${JSON.stringify(requires)}) require(m);
    ${work}
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const keys = Object.keys(require.cache);
    const count = (re) => keys.filter((k) => re.test(k)).length;
    console.log(JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 1048576, modules: keys.length,
      cdktf: count(/node_modules[\\\\/](cdktf|@cdktf)[\\\\/]/), awsCdkLib: count(/node_modules[\\\\/]aws-cdk-lib[\\\\/]/),
      awsCdkLibFiles: keys.filter((k) => /node_modules[\\\\/]aws-cdk-lib[\\\\/]/.test(k)) }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' } }));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function scenario(name, requires, work) {
  const runs = Array.from({ length: RUNS }, () => measure(requires, work));
  return {
    name,
    ms: median(runs.map((r) => r.ms)),
    rssMb: median(runs.map((r) => r.rssMb)),
    modules: runs[0].modules,
    cdktf: runs[0].cdktf,
    awsCdkLib: runs[0].awsCdkLib,
  };
}

// aws-cdk-lib is lazy at every level (its root and each service module's index load almost
// nothing until used), so the fair reference for the AWS entry is aws-cdk-lib with exactly the
// aws-cdk-lib files that entry loads, found by loading the entry once.
const loadedByEntry = measure(['saas-backup-constructs']).awsCdkLibFiles;
const google = providerModulesOf('gcp');
const azure = providerModulesOf('azure');
// A whole AWS use: the Palette STS location synthesized, against the same resources written with aws-cdk-lib alone.
const newStack = `const cdk = require('aws-cdk-lib'); const app = new cdk.App({ outdir: require('os').tmpdir() + '/bench-' + process.pid });
  const stack = new cdk.Stack(app, 'S');`;
const paletteStack = `${newStack}
  const lib = require('saas-backup-constructs');
  new lib.PaletteBackupLocation(stack, 'P', { locationName: 'x', access: lib.PaletteAccess.sts({ paletteAccountId: '111111111111', externalId: 'ext-123' }) });
  app.synth();`;
const plainStack = `${newStack}
  const s3 = require('aws-cdk-lib/aws-s3'); const iam = require('aws-cdk-lib/aws-iam');
  const bucket = new s3.Bucket(stack, 'B', { enforceSSL: true, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountPrincipal('111111111111'), externalIds: ['ext-123'] });
  new iam.ManagedPolicy(stack, 'M', { roles: [role], statements: [
    new iam.PolicyStatement({ actions: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'ec2:CreateTags', 'ec2:CreateVolume', 'ec2:CreateSnapshot', 'ec2:DeleteSnapshot'], resources: ['*'] }),
    new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], resources: [bucket.arnForObjects('*')] }),
    new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] })] });
  app.synth();`;

const results = [
  scenario('node alone (baseline)', []),
  scenario('aws-cdk-lib alone', ['aws-cdk-lib']),
  scenario(`aws-cdk-lib: the ${loadedByEntry.length} files the AWS entry loads`, loadedByEntry),
  scenario('saas-backup-constructs (AWS use)', ['saas-backup-constructs']),
  scenario('synth: same resources with aws-cdk-lib alone', [], plainStack),
  scenario('synth: PaletteBackupLocation (STS)', [], paletteStack),
  scenario(`bare: cdktf + ${google.length} google deep modules`, ['cdktf', ...google]),
  scenario('saas-backup-constructs/gcp', ['saas-backup-constructs/gcp']),
  scenario(`bare: cdktf + ${azure.length} azurerm/azuread deep modules`, ['cdktf', ...azure]),
  scenario('saas-backup-constructs/azure', ['saas-backup-constructs/azure']),
  scenario('reference: @cdktf/provider-google root', ['@cdktf/provider-google']),
  scenario('reference: @cdktf/provider-azurerm root', ['@cdktf/provider-azurerm']),
];

const pad = (s, n) => String(s).padEnd(n);
console.log(`\nLoad time and memory, median of ${RUNS} fresh processes (Node ${process.version}, ${require('os').cpus().length} CPUs)\n`);
console.log(`${pad('scenario', 52)}${pad('ms', 12)}${pad('RSS MB', 9)}${pad('modules', 9)}${pad('aws-cdk-lib', 13)}cdktf/@cdktf modules`);
for (const r of results) {
  console.log(`${pad(r.name, 52)}${pad(r.ms.toFixed(0), 12)}${pad(r.rssMb.toFixed(0), 9)}${pad(r.modules, 9)}${pad(r.awsCdkLib, 13)}${r.cdktf}`);
}
for (const name of ['saas-backup-constructs (AWS use)', 'synth: PaletteBackupLocation (STS)']) {
  const aws = results.find((r) => r.name === name);
  if (aws.cdktf !== 0) {
    console.error(`\nFAIL: ${name} loaded ${aws.cdktf} cdktf modules`);
    process.exit(1);
  }
}
console.log(`\ngoogle deep modules: ${google.join(', ')}\nazure deep modules: ${azure.join(', ')}`);

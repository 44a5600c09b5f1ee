#!/usr/bin/env node
// @ts-check
/**
 * Many GCP projects / Azure subscriptions: synth time and peak memory of one cdktf app with N
 * self-contained stacks (one per project or subscription, as examples/terraform/gcp-many-projects.ts
 * and azure-many-subscriptions.ts build them), to show that both grow linearly with N.
 *
 *   npx projen compile && node benchmarks/terraform-many-stacks.js [gcp|azure] [N...]
 *
 * Defaults: both clouds, N = 10, 50, 100, BENCH_RUNS (default 5) runs per point, each in a fresh Node
 * process (require + construct + synth to a temporary folder). Reported per point: the median wall
 * time (require included), the median construct + synth time (after the modules are loaded, which
 * is what grows with N), the median peak RSS (getrusage maxRSS), and per stack the marginal cost
 * between consecutive N (linear growth keeps it flat, or falling as the JIT warms). A script, not a test.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { median } = require('./harness');

const root = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const args = process.argv.slice(2);
const clouds = args.filter((a) => a === 'gcp' || a === 'azure');
const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
const CLOUDS = clouds.length > 0 ? clouds : ['gcp', 'azure'];
const SIZES = sizes.length > 0 ? sizes : [10, 50, 100];

/** The program for one cloud: N stacks, each its own provider, backend and location. */
const PROGRAMS = {
  gcp: `
    const { App, GcsBackend, TerraformStack } = require('cdktf');
    const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
    const { PaletteBackupLocation } = require('saas-backup-constructs/gcp');
    LOADED();
    const app = new App({ outdir: OUT });
    for (let i = 0; i < N; i++) {
      const stack = new TerraformStack(app, 'palette-gcp-' + i);
      new GcsBackend(stack, { bucket: 'acme-terraform-state', prefix: 'saas-backup-constructs/palette-gcp-' + i });
      new GoogleProvider(stack, 'google', { project: 'acme-team-' + i + '-prod', region: 'us-central1' });
      new PaletteBackupLocation(stack, 'PaletteBackups', {
        serviceAccountId: 'palette-velero',
        projectId: 'acme-team-' + i + '-prod',
        bucketProps: { bucketName: 'acme-team-' + i + '-palette-backups', location: 'us-central1' },
        createOutputs: true,
      });
    }
    app.synth();`,
  azure: `
    const { App, AzurermBackend, TerraformStack } = require('cdktf');
    const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
    const { AzureadProvider } = require('@cdktf/provider-azuread/lib/provider');
    const { PaletteBackupLocation, ResourceGroup } = require('saas-backup-constructs/azure');
    LOADED();
    const app = new App({ outdir: OUT });
    for (let i = 0; i < N; i++) {
      const stack = new TerraformStack(app, 'palette-azure-' + i);
      const subscriptionId = '00000000-0000-4000-8000-' + String(i + 1).padStart(12, '0');
      new AzurermBackend(stack, { resourceGroupName: 'terraform-state', storageAccountName: 'acmeterraformstate', containerName: 'tfstate',
        key: 'saas-backup-constructs/palette-azure-' + i + '.tfstate', useAzureadAuth: true });
      new AzurermProvider(stack, 'azurerm', { subscriptionId, features: [{ storage: [{ dataPlaneAvailable: false }] }], storageUseAzuread: true });
      new AzureadProvider(stack, 'azuread', {});
      const resourceGroup = new ResourceGroup(stack, 'Group', { resourceGroupName: 'palette-backups', location: 'westeurope' });
      new PaletteBackupLocation(stack, 'Backups', { resourceGroup, storageAccountName: 'acmeteam' + i + 'backups', subscriptionId, createOutputs: true });
    }
    app.synth();`,
};

/** One run in a fresh process: wall milliseconds and peak RSS in MiB; checks that N stacks were written. */
function run(cloud, n) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `tf-many-${cloud}-`));
  const script = `
    const started = process.hrtime.bigint();
    let loaded = started;
    let loadedCpu = process.cpuUsage();
    const LOADED = () => { loaded = process.hrtime.bigint(); loadedCpu = process.cpuUsage(); };
    const N = ${n}; const OUT = ${JSON.stringify(out)};
    ${PROGRAMS[cloud]}
    const end = process.hrtime.bigint();
    const cpu = process.cpuUsage(loadedCpu);
    process.stdout.write(JSON.stringify({
      ms: Number(end - started) / 1e6, synthMs: Number(end - loaded) / 1e6, synthCpuMs: (cpu.user + cpu.system) / 1000,
      rssMiB: process.resourceUsage().maxRSS / 1024,
    }));`;
  try {
    const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
    const written = fs.readdirSync(path.join(out, 'stacks')).length;
    if (written !== n) throw new Error(`${cloud} N=${n}: expected ${n} stacks, found ${written}`);
    return result;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}


if (!fs.existsSync(path.join(root, 'lib', 'index.js'))) {
  console.error('lib/ is missing: run `npx projen compile` first');
  process.exit(1);
}
console.log(`Terraform: N self-contained stacks in one app (one location each), median of ${RUNS} fresh-process runs`);
console.log('(construct + synth, after the modules are loaded; CPU time is what a shared machine disturbs least)\n');
console.log('cloud  |     N | wall ms | synth wall ms | synth CPU ms | CPU ms/stack | marginal CPU ms/stack | peak RSS MiB | marginal MiB/stack');
console.log('-------|-------|---------|---------------|--------------|--------------|-----------------------|--------------|-------------------');
for (const cloud of CLOUDS) {
  let previous;
  for (const n of SIZES) {
    const runs = Array.from({ length: RUNS }, () => run(cloud, n));
    const ms = median(runs.map((r) => r.ms));
    const synthMs = median(runs.map((r) => r.synthMs));
    const cpuMs = median(runs.map((r) => r.synthCpuMs));
    const rss = median(runs.map((r) => r.rssMiB));
    const marginal = previous ? ((cpuMs - previous.cpuMs) / (n - previous.n)).toFixed(1) : '-';
    const marginalRss = previous ? ((rss - previous.rss) / (n - previous.n)).toFixed(2) : '-';
    console.log(`${cloud.padEnd(6)} | ${String(n).padStart(5)} | ${ms.toFixed(0).padStart(7)} | ${synthMs.toFixed(0).padStart(13)} | `
      + `${cpuMs.toFixed(0).padStart(12)} | ${(cpuMs / n).toFixed(1).padStart(12)} | ${String(marginal).padStart(21)} | `
      + `${rss.toFixed(0).padStart(12)} | ${String(marginalRss).padStart(18)}`);
    previous = { n, cpuMs, rss };
  }
}

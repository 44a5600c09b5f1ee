#!/usr/bin/env node
// @ts-check
/**
 * The main job: synthesize every example offline (no cloud credentials) into
 *   cdk.out/    CloudFormation, one stack per AWS scenario        (examples/aws/app.ts)
 *   cdktf.out/  Terraform JSON, one stack per GCP/Azure scenario  (examples/terraform/main.ts)
 * and print, per stack, its resources and the values a user pastes into the vendor's wizard.
 *
 * Run through `npm run synth`, which compiles the library first: the examples import the
 * package by its name, which resolves to this package's own lib/ (package self-reference).
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const apps = [
  { kind: 'cdk', entry: 'examples/aws/app.ts', outdir: 'cdk.out' },
  { kind: 'cdktf', entry: 'examples/terraform/main.ts', outdir: 'cdktf.out' },
];

const env = {
  ...process.env,
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CHECKPOINT_DISABLE: '1',
  JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: '1',
  JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1',
};

// Run the CDK app as the CDK CLI would: with cdk.json's context (the feature flags of a new project).
const cdkContext = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')).context ?? {};

const timings = [];
for (const app of apps) {
  const outdir = path.join(root, app.outdir);
  fs.rmSync(outdir, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', app.entry], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...env,
      CDK_OUTDIR: outdir,
      CDKTF_OUTDIR: outdir,
      TS_NODE_PROJECT: 'tsconfig.dev.json',
      ...(app.kind === 'cdk' ? { CDK_CONTEXT_JSON: JSON.stringify(cdkContext) } : {}),
    },
  });
  if (result.status !== 0) {
    console.error(`\nsynth failed: ${app.entry} exited with ${result.status ?? result.signal}`);
    process.exit(1);
  }
  timings.push(`${app.entry}: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
}

const { summarizeCloudAssembly, summarizeTerraform } = require('./summary');
console.log(summarizeCloudAssembly(path.join(root, 'cdk.out')));
console.log(summarizeTerraform(path.join(root, 'cdktf.out')));
// Access reports (who may assume what, and do what on which bucket), derived from the templates by
// the library's own compiled report (lib/report), as a user's `saas-backup-constructs report` would.
const { reportInputs } = require('../lib/report/files');
const cdk = reportInputs([path.join(root, 'cdk.out')], path.join(root, 'cdk.out'), ['md', 'json', 'sarif'], { base: root });
const tf = reportInputs([path.join(root, 'cdktf.out')], path.join(root, 'cdktf.out'), ['md', 'json', 'sarif'], { base: root });
const flagged = [...cdk.reports, ...tf.reports].filter((r) => r.report.findings.length > 0);
console.log(`\nAccess reports: cdk.out/ACCESS.md, cdktf.out/ACCESS.md (${cdk.stacks + tf.stacks} stacks${flagged.length ? `; FLAGGED: ${flagged.map((r) => `${r.name} (${r.report.findings.length})`).join(', ')}` : ', none flagged'}${cdk.unknown + tf.unknown ? `; ${cdk.unknown + tf.unknown} unknown` : ''}).`);
console.log(`Synthesized in ${timings.join(', ')}.`);

#!/usr/bin/env node
// @ts-check
/**
 * Consumer matrix: installs the packed tarball into fresh projects, as a user would, and type-checks
 * and synthesizes them. Needs a compiled lib/ (npm test builds it). Run by .ci/run.
 *
 *   aws-ts   an AWS-only CDK app (cdk init's tsconfig, no cdktf installed), TypeScript 5.9 and 6.0,
 *            moduleResolution node10 / node16 / nodenext / bundler, each with skipLibCheck true and false;
 *            imports the package root (the README Quick start) and /aws
 *   cjs      plain CommonJS require() of the root, synthesized
 *   esm      an ES module with named imports (root and /aws), synthesized
 *   cdktf-ts a cdktf app with cdktf init's tsconfig (node10 resolution), TypeScript 5.9: imports
 *            /gcp, /azure and the root's gcp/azure namespaces, compiled and synthesized; and the same
 *            app as ESM with `import { gcp, azure } from 'saas-backup-constructs'`
 *   floor    an AWS-only app at the peer floor (aws-cdk-lib and constructs at the lower bounds of the
 *            peer ranges): strict tsc with skipLibCheck false, synthesized to the same resources as at the pins
 *   report   the access report (docs/access-report.md): `cdk synth` (this checkout's aws-cdk CLI) of an
 *            app with AccessReportPlugin writes the reports, and an app with an unpinned `*` trust is a
 *            violation; the installed `saas-backup-constructs report` command reads a cdk.out and a
 *            cdktf.out, exits 1 on a flagged finding and 0 on a clean cdk.out; AccessReports.write
 *            after a cdktf app's synth
 *
 * Peers are installed with `npm install --prefer-offline --no-audit --no-fund` at the versions the
 * library is developed against (from this checkout's node_modules). Steps run as soon as the ones they
 * need are done, two at a time (the machine's cores: most are tsc runs); each prints its seconds as
 * it ends. Exits non-zero if any step fails; a step whose prerequisite failed does not run.
 *
 * Usage: node scripts/consumer-matrix.js [--keep]   (--keep: leave the temp folder; a failed run always does)
 */
'use strict';
const { execFile } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const keep = process.argv.includes('--keep');
const version = (/** @type {string} */ p) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', p, 'package.json'), 'utf8')).version;
const TS = { '5.9': '5.9.3', '6.0': version('typescript') };
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/** @type {{ step: string, seconds: number, ok: boolean, detail?: string }[]} */
const results = [];

/** @type {{ name: string, run: () => Promise<void>, after: string[] }[]} */
const steps = [];
/** Declares a step: `fn` runs once every step named in `after` passed. @param {string} name @param {() => Promise<void>} fn @param {string[]} [after] */
function step(name, fn, after = []) {
  steps.push({ name, run: fn, after });
}

/** Runs the declared steps, at most `concurrency` at a time, each once the steps it needs (declared before it) passed. @param {number} concurrency */
async function schedule(concurrency) {
  /** @type {Map<string, Promise<boolean>>} */
  const passed = new Map();
  /** @type {(() => void)[]} */
  const waiting = [];
  let free = concurrency;
  for (const s of steps) {
    passed.set(s.name, Promise.all(s.after.map((n) => passed.get(n))).then(async (oks) => {
      const failedBefore = s.after.find((_, i) => !oks[i]);
      if (failedBefore) {
        results.push({ step: s.name, seconds: 0, ok: false, detail: 'not run: a step it needs failed' });
        console.log(`FAIL    0.0 s  ${s.name} (not run: ${failedBefore}, which it needs, failed)`);
        return false;
      }
      while (free === 0) await new Promise((resolve) => waiting.push(() => resolve(undefined)));
      free--;
      const t0 = process.hrtime.bigint();
      /** @type {{ stdout?: string, stderr?: string, message?: string } | undefined} */
      let err;
      await s.run().catch((e) => { err = e ?? {}; }).finally(() => { free++; waiting.shift()?.(); });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const detail = err ? [err.stdout, err.stderr].filter(Boolean).join('\n').trim() || err.message : undefined;
      results.push({ step: s.name, seconds, ok: !err, detail });
      console.log(`${err ? 'FAIL' : 'ok  '} ${seconds.toFixed(1).padStart(6)} s  ${s.name}`);
      if (detail) console.log(detail.split('\n').slice(0, 40).map((l) => `        ${l}`).join('\n'));
      return !err;
    }));
  }
  await Promise.all(passed.values());
}

/** @param {string} cwd @param {string} cmd @param {string[]} args @param {NodeJS.ProcessEnv} [env] @returns {Promise<string>} */
const run = (cwd, cmd, args, env = {}) => new Promise((resolve, reject) => {
  execFile(cmd, args, {
    cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CHECKPOINT_DISABLE: '1', JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: '1', ...env },
  }, (error, stdout, stderr) => (error ? reject(Object.assign(error, { stdout, stderr })) : resolve(stdout)));
});

/** @param {string} file @param {unknown} obj */
const writeJson = (file, obj) => fs.writeFileSync(file, `${JSON.stringify(obj, null, 2)}\n`);
/** @param {string} dir @param {Record<string, string>} files */
const writeFiles = (dir, files) => Object.entries(files).forEach(([f, text]) => {
  fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
  fs.writeFileSync(path.join(dir, f), text);
});

const started = process.hrtime.bigint();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-matrix-'));
let tarball = '';
step('npm pack', async () => {
  const out = await run(root, 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp, '--loglevel=error']);
  tarball = path.join(tmp, JSON.parse(out)[0].filename);
});

// cdk init's tsconfig (aws-cdk-cli templates, app/typescript), without skipLibCheck (its default: false)
const cdkInitOptions = {
  target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['es2022'], declaration: true, strict: true,
  noImplicitAny: true, strictNullChecks: true, noImplicitThis: true, alwaysStrict: true, noUnusedLocals: false, noUnusedParameters: false,
  noImplicitReturns: true, noFallthroughCasesInSwitch: false, inlineSourceMap: true, inlineSources: true, experimentalDecorators: true,
  strictPropertyInitialization: false, typeRoots: ['./node_modules/@types'],
};
// cdktf init's tsconfig (terraform-cdk, packages/@cdktf/cli-core/templates/typescript/tsconfig.json)
const cdktfInitOptions = {
  alwaysStrict: true, declaration: true, experimentalDecorators: true, inlineSourceMap: true, inlineSources: true, lib: ['es2018'],
  module: 'CommonJS', noEmitOnError: true, noFallthroughCasesInSwitch: true, noImplicitAny: true, noImplicitReturns: true, noImplicitThis: true,
  noUnusedLocals: true, noUnusedParameters: true, resolveJsonModule: true, strict: true, strictNullChecks: true,
  strictPropertyInitialization: true, stripInternal: true, target: 'ES2018', incremental: true, skipLibCheck: true,
};

const QUICK_START = `import { App, Stack } from 'aws-cdk-lib';
import { PaletteAccess, PaletteBackupLocation } from 'saas-backup-constructs';
import { RudderStackEventBackup, RudderStackAccess } from 'saas-backup-constructs/aws';

const app = new App();
const stack = new Stack(app, 'PaletteBackups');
new PaletteBackupLocation(stack, 'BackupLocation', {
  locationName: 'aws-backups',
  access: PaletteAccess.sts({
    paletteAccountId: '000000000000',
    externalId: 'the-external-id-palette-shows',
  }),
  createOutputs: true,
});
void RudderStackEventBackup; void RudderStackAccess;
app.synth();
`;

// ---------------------------------------------------------------------------------------------
// AWS-only project: no cdktf installed
// ---------------------------------------------------------------------------------------------
const aws = path.join(tmp, 'aws');
const peers = { 'aws-cdk-lib': version('aws-cdk-lib'), 'constructs': version('constructs') };
const AWS_INSTALL = 'aws: npm install (tarball, aws-cdk-lib, constructs, typescript 5.9 + 6.0, @types/node 22; no cdktf)';
step(AWS_INSTALL, async () => {
  fs.mkdirSync(aws);
  writeJson(path.join(aws, 'package.json'), { name: 'aws-consumer', version: '0.0.0', private: true });
  await run(aws, 'npm', ['install', ...NPM_FLAGS, tarball, `aws-cdk-lib@${peers['aws-cdk-lib']}`, `constructs@${peers.constructs}`,
    `typescript@${TS['5.9']}`, `typescript6@npm:typescript@${TS['6.0']}`, '@types/node@22']);
  if (fs.existsSync(path.join(aws, 'node_modules', 'cdktf'))) throw new Error('cdktf was installed in the AWS-only project');
  writeFiles(aws, { 'bin/app.ts': QUICK_START });
}, ['npm pack']);

// Each tsc run with skipLibCheck false checks all of aws-cdk-lib's declarations it reaches (15-45 s on
// a shared 2-core machine), so the matrix is: TypeScript 5.9 (cdk init's) x node10, nodenext (node16's
// rules with today's defaults) and bundler x skipLibCheck true and false; TypeScript 6.0 with nodenext
// and skipLibCheck false (the strictest pair; it implies skipLibCheck true, which only skips work).
// The nodenext/skipLibCheck=true run emits the JavaScript that is synthesized below.
const resolutions = [
  { name: 'node10', module: 'commonjs', moduleResolution: 'node10' },
  { name: 'nodenext', module: 'nodenext', moduleResolution: 'nodenext' },
  { name: 'bundler', module: 'esnext', moduleResolution: 'bundler' },
];
const tscRuns = [
  ...resolutions.flatMap((r) => [true, false].map((skipLibCheck) => ({ ts: '5.9', r, skipLibCheck }))),
  { ts: '6.0', r: resolutions[1], skipLibCheck: false },
];
const tscName = (/** @type {{ ts: string, r: { name: string }, skipLibCheck: boolean }} */ { ts, r, skipLibCheck }) => {
  const emit = ts === '5.9' && r.name === 'nodenext' && skipLibCheck;
  return `aws: tsc ${ts} moduleResolution=${r.name} skipLibCheck=${skipLibCheck}${emit ? ' (emits bin/app.js)' : ''}`;
};
const EMIT_STEP = tscName({ ts: '5.9', r: resolutions[1], skipLibCheck: true });
for (const { ts, r, skipLibCheck } of tscRuns) {
  const emit = ts === '5.9' && r.name === 'nodenext' && skipLibCheck;
  step(tscName({ ts, r, skipLibCheck }), async () => {
    const config = `tsconfig.${ts}.${r.name}.${skipLibCheck}.json`;
    writeJson(path.join(aws, config), {
      compilerOptions: {
        ...cdkInitOptions, module: r.module, moduleResolution: r.moduleResolution, skipLibCheck,
        ...(emit ? { outDir: 'dist' } : { noEmit: true }),
        // TypeScript 5.9 deprecates nothing here; 6.0 deprecates node10 (cdktf init and many 5.x projects use it),
        // and no longer includes @types/* by default (aws-cdk-lib's declarations need @types/node)
        ...(ts === '6.0' ? { types: ['node'] } : {}),
      },
      include: ['bin/**/*.ts'],
    });
    await run(aws, process.execPath, [path.join(aws, 'node_modules', ts === '6.0' ? 'typescript6' : 'typescript', 'bin', 'tsc'), '-p', config]);
  }, [AWS_INSTALL]);
}

/** Checks a CloudFormation template was written with the Palette role and bucket. @param {string} dir */
function assertCfn(dir) {
  const template = JSON.parse(fs.readFileSync(path.join(dir, 'PaletteBackups.template.json'), 'utf8'));
  const types = Object.values(template.Resources).map((r) => /** @type {{ Type: string }} */ (r).Type);
  for (const t of ['AWS::S3::Bucket', 'AWS::IAM::Role', 'AWS::IAM::ManagedPolicy']) {
    if (!types.includes(t)) throw new Error(`${dir}: no ${t} in the template (${types.join(', ')})`);
  }
}

step('aws: synthesize the compiled Quick start', async () => {
  await run(aws, process.execPath, ['dist/app.js'], { CDK_OUTDIR: 'cdk.out.ts' });
  assertCfn(path.join(aws, 'cdk.out.ts'));
}, [EMIT_STEP]);

step('cjs: require() the root and synthesize', async () => {
  writeFiles(aws, {
    'cjs/app.js': `const { App, Stack } = require('aws-cdk-lib');
const { PaletteAccess, PaletteBackupLocation } = require('saas-backup-constructs');
const app = new App();
new PaletteBackupLocation(new Stack(app, 'PaletteBackups'), 'BackupLocation', {
  locationName: 'aws-backups', access: PaletteAccess.sts({ paletteAccountId: '000000000000', externalId: 'the-external-id-palette-shows' }),
});
app.synth();
if (Object.keys(require.cache).some((k) => /node_modules.(cdktf|@cdktf)./.test(k))) throw new Error('cdktf loaded');
`,
  });
  await run(aws, process.execPath, ['cjs/app.js'], { CDK_OUTDIR: 'cdk.out.cjs' });
  assertCfn(path.join(aws, 'cdk.out.cjs'));
}, [AWS_INSTALL]);

step('esm: named imports from the root and /aws, synthesize', async () => {
  writeFiles(aws, {
    'esm/app.mjs': `import { App, Stack } from 'aws-cdk-lib';
import { PaletteAccess, PaletteBackupLocation, gcp } from 'saas-backup-constructs';
import { BackupBucket } from 'saas-backup-constructs/aws';
const app = new App();
new PaletteBackupLocation(new Stack(app, 'PaletteBackups'), 'BackupLocation', {
  locationName: 'aws-backups', access: PaletteAccess.sts({ paletteAccountId: '000000000000', externalId: 'the-external-id-palette-shows' }),
});
if (typeof BackupBucket !== 'function' || typeof gcp !== 'object') throw new Error('missing exports');
app.synth();
`,
  });
  await run(aws, process.execPath, ['esm/app.mjs'], { CDK_OUTDIR: 'cdk.out.esm' });
  assertCfn(path.join(aws, 'cdk.out.esm'));
}, [AWS_INSTALL]);

// ---------------------------------------------------------------------------------------------
// The peer floor (the lower bound of package.json's peer ranges): an AWS-only app at the oldest
// aws-cdk-lib and constructs the package accepts type-checks strictly and synthesizes the same
// resources as at the pins (docs/versions.md).
// ---------------------------------------------------------------------------------------------
const floorOf = (/** @type {string} */ name) => {
  const range = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).peerDependencies[name];
  const low = /^(?:\^|~|>=\s*)?(\d+\.\d+\.\d+)/.exec(range);
  if (!low) throw new Error(`cannot read the lower bound of ${name}@${range}`);
  return low[1];
};
const floor = path.join(tmp, 'aws-floor');
step('aws at the peer floor: install, tsc (skipLibCheck false), synthesize the same resources as at the pins', async () => {
  fs.mkdirSync(floor);
  writeJson(path.join(floor, 'package.json'), { name: 'aws-floor-consumer', version: '0.0.0', private: true });
  await run(floor, 'npm', ['install', ...NPM_FLAGS, tarball, `aws-cdk-lib@${floorOf('aws-cdk-lib')}`, `constructs@${floorOf('constructs')}`,
    `typescript@${TS['5.9']}`, '@types/node@22']);
  writeFiles(floor, { 'bin/app.ts': QUICK_START });
  writeJson(path.join(floor, 'tsconfig.json'), { compilerOptions: { ...cdkInitOptions, module: 'commonjs', moduleResolution: 'node10', skipLibCheck: false, outDir: 'dist' }, include: ['bin/**/*.ts'] });
  await run(floor, process.execPath, [path.join(floor, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  await run(floor, process.execPath, ['dist/app.js'], { CDK_OUTDIR: 'cdk.out' });
  assertCfn(path.join(floor, 'cdk.out'));
  const resources = (/** @type {string} */ dir) => JSON.stringify(JSON.parse(fs.readFileSync(path.join(dir, 'PaletteBackups.template.json'), 'utf8')).Resources);
  if (resources(path.join(floor, 'cdk.out')) !== resources(path.join(aws, 'cdk.out.ts'))) {
    throw new Error(`the Quick start's resources differ at aws-cdk-lib ${floorOf('aws-cdk-lib')} from the pins (compare ${floor}/cdk.out and ${aws}/cdk.out.ts)`);
  }
}, ['npm pack', 'aws: synthesize the compiled Quick start']);

step('aws: reaching gcp without cdktf names the packages to install', async () => {
  let message = '';
  try {
    await run(aws, process.execPath, ['-e', "require('saas-backup-constructs').gcp.BackupBucket"]);
  } catch (e) {
    message = String(/** @type {{ stderr: string }} */ (e).stderr);
  }
  const expected = 'saas-backup-constructs/gcp needs cdktf and @cdktf/provider-google (optional peer dependencies of saas-backup-constructs, not installed): npm install cdktf@';
  if (!message.includes(expected)) throw new Error(`expected "${expected}...", got:\n${message}`);
}, [AWS_INSTALL]);

// ---------------------------------------------------------------------------------------------
// cdktf project: GCP and Azure
// ---------------------------------------------------------------------------------------------
const tf = path.join(tmp, 'cdktf');
const CDKTF_APP = `import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { BackupBucket, PaletteBackupLocation } from 'saas-backup-constructs/gcp';
import { ResourceGroup } from 'saas-backup-constructs/azure';
import { gcp, azure } from 'saas-backup-constructs';

class GcpStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'acme-backups' });
    const bucket: gcp.BackupBucket = new BackupBucket(this, 'Bucket', { bucketName: 'acme-palette-backups', location: 'EU' });
    new PaletteBackupLocation(this, 'Palette', { serviceAccountId: 'palette-velero', bucket });
  }
}
class AzureStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    const group: azure.IResourceGroup = azure.ResourceGroup.fromResourceGroupName(this, 'Group', 'rg-backups');
    void ResourceGroup; void group;
  }
}
const app = new App();
new GcpStack(app, 'gcp');
new AzureStack(app, 'azure');
app.synth();
`;
const TF_INSTALL = 'cdktf: npm install (tarball, cdktf, providers, constructs, typescript 5.9)';
step(TF_INSTALL, async () => {
  fs.mkdirSync(tf);
  writeJson(path.join(tf, 'package.json'), { name: 'cdktf-consumer', version: '0.0.0', private: true, main: 'main.js' });
  await run(tf, 'npm', ['install', ...NPM_FLAGS, tarball, `cdktf@${version('cdktf')}`, `constructs@${peers.constructs}`,
    `@cdktf/provider-google@${version('@cdktf/provider-google')}`, `@cdktf/provider-azurerm@${version('@cdktf/provider-azurerm')}`,
    `@cdktf/provider-azuread@${version('@cdktf/provider-azuread')}`, `aws-cdk-lib@${peers['aws-cdk-lib']}`, `typescript@${TS['5.9']}`, '@types/node@22']);
  writeFiles(tf, { 'main.ts': CDKTF_APP });
  writeJson(path.join(tf, 'tsconfig.json'), { compilerOptions: cdktfInitOptions, include: ['**/*.ts'], exclude: ['node_modules', 'cdktf.out'] });
}, ['npm pack']);

/** @param {string} dir */
function assertTf(dir) {
  const gcpStack = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', 'gcp', 'cdk.tf.json'), 'utf8'));
  for (const t of ['google_storage_bucket', 'google_service_account']) {
    if (!gcpStack.resource?.[t]) throw new Error(`${dir}: no ${t} in the gcp stack`);
  }
  if (!fs.existsSync(path.join(dir, 'stacks', 'azure', 'cdk.tf.json'))) throw new Error(`${dir}: no azure stack`);
}

step('cdktf: tsc 5.9 with cdktf init\'s tsconfig (node10), synthesize', async () => {
  await run(tf, process.execPath, [path.join(tf, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  await run(tf, process.execPath, ['main.js'], { CDKTF_OUTDIR: path.join(tf, 'cdktf.out') });
  assertTf(path.join(tf, 'cdktf.out'));
}, [TF_INSTALL]);

step('cdktf: the same project with skipLibCheck false', async () => {
  writeJson(path.join(tf, 'tsconfig.strict.json'), { compilerOptions: { ...cdktfInitOptions, skipLibCheck: false, incremental: false, noEmit: true, lib: ['es2022'] }, include: ['main.ts'] });
  await run(tf, process.execPath, [path.join(tf, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.strict.json']);
}, [TF_INSTALL]);

step('cdktf esm: import { gcp, azure } from the root, synthesize', async () => {
  writeFiles(tf, {
    'esm/main.mjs': `import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider/index.js';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider/index.js';
import { gcp, azure } from 'saas-backup-constructs';
const app = new App({ outdir: process.env.CDKTF_OUTDIR });
const stack = new TerraformStack(app, 'gcp');
new GoogleProvider(stack, 'google', { project: 'acme-backups' });
const bucket = new gcp.BackupBucket(stack, 'Bucket', { bucketName: 'acme-palette-backups', location: 'EU' });
new gcp.PaletteBackupLocation(stack, 'Palette', { serviceAccountId: 'palette-velero', bucket });
const other = new TerraformStack(app, 'azure');
new AzurermProvider(other, 'azurerm', { features: [{}] });
azure.ResourceGroup.fromResourceGroupName(other, 'Group', 'rg-backups');
app.synth();
`,
  });
  await run(tf, process.execPath, ['esm/main.mjs'], { CDKTF_OUTDIR: path.join(tf, 'cdktf.out.esm') });
  assertTf(path.join(tf, 'cdktf.out.esm'));
}, [TF_INSTALL]);

// ---------------------------------------------------------------------------------------------
// The access report: the CDK plugin at `cdk synth`, the command, the cdktf call
// ---------------------------------------------------------------------------------------------
const CDK_CLI = path.join(root, 'node_modules', '.bin', 'cdk');
/**
 * The Quick start, with (open) an aws-cdk-lib Role any AWS principal may assume, with or without the plugin.
 * @param {boolean} open @param {boolean} [plugin]
 */
const pluginApp = (open, plugin = true) => `const { App, Stack } = require('aws-cdk-lib');
const { AnyPrincipal, Role } = require('aws-cdk-lib/aws-iam');
const { AccessReportPlugin, PaletteAccess, PaletteBackupLocation } = require('saas-backup-constructs');
const app = new App(${plugin ? '{ policyValidationBeta1: [new AccessReportPlugin({ outdir: process.env.REPORT_OUT })] }' : ''});
const stack = new Stack(app, 'PaletteBackups');
new PaletteBackupLocation(stack, 'BackupLocation', {
  locationName: 'aws-backups', access: PaletteAccess.sts({ paletteAccountId: '000000000000', externalId: 'the-external-id-palette-shows' }),
});
${open ? "new Role(stack, 'Anyone', { assumedBy: new AnyPrincipal() });" : ''}
app.synth();
`;
const REPORT_PLUGIN = 'report: cdk synth with AccessReportPlugin writes the reports; an unpinned * trust is a violation';
step(REPORT_PLUGIN, async () => {
  writeFiles(aws, { 'report/clean.js': pluginApp(false), 'report/open.js': pluginApp(true) });
  const synth = (/** @type {string} */ app, /** @type {string} */ out) => run(aws, CDK_CLI, ['synth', '--quiet', '--app', `node ${app}`, '--output', out],
    { REPORT_OUT: path.join(aws, `${out}.report`) });
  await synth('report/clean.js', 'cdk.out.report-clean');
  const index = fs.readFileSync(path.join(aws, 'cdk.out.report-clean.report', 'ACCESS.md'), 'utf8');
  if (!index.includes('| [PaletteBackups](PaletteBackups.access.md) | none | none |')) throw new Error(`clean app: unexpected ACCESS.md:\n${index}`);
  for (const f of ['access-report.json', 'access-report.sarif']) {
    if (!fs.existsSync(path.join(aws, 'cdk.out.report-clean.report', f))) throw new Error(`clean app: no ${f}`);
  }
  let failure = '';
  try {
    await synth('report/open.js', 'cdk.out.report-open');
  } catch (e) {
    const err = /** @type {{ stdout?: string, stderr?: string }} */ (e);
    failure = `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
  if (!failure.includes('saas-backup-constructs-access-report::principal-not-pinned')) throw new Error(`open app: cdk synth did not report the violation:\n${failure}`);
}, [AWS_INSTALL]);

step('report: the saas-backup-constructs command reads a cdk.out and a cdktf.out; exit 1 on a flagged finding, 0 when clean', async () => {
  const bin = path.join(aws, 'node_modules', '.bin', 'saas-backup-constructs');
  // The open app's cloud assembly: synthesized without the plugin (the plugin would fail the synth).
  writeFiles(aws, { 'report/open-plain.js': pluginApp(true, false) });
  await run(aws, process.execPath, ['report/open-plain.js'], { CDK_OUTDIR: 'cdk.out.open' });
  let code = 0;
  let stderr = '';
  try {
    await run(aws, bin, ['report', 'cdk.out.open', path.join(tf, 'cdktf.out'), '--out', 'access-report', '--format', 'md,json,sarif']);
  } catch (e) {
    code = Number(/** @type {{ code?: number }} */ (e).code);
    stderr = String(/** @type {{ stderr?: string }} */ (e).stderr);
  }
  if (code !== 1) throw new Error(`expected exit 1 on a flagged finding, got ${code}: ${stderr}`);
  const json = JSON.parse(fs.readFileSync(path.join(aws, 'access-report', 'access-report.json'), 'utf8'));
  const names = json.stacks.map((/** @type {{ title: string }} */ s) => s.title).sort();
  if (!names.includes('PaletteBackups') || !names.includes('gcp') || !names.includes('azure')) throw new Error(`stacks read: ${names.join(', ')}`);
  if (!fs.existsSync(path.join(aws, 'access-report', 'access-report.sarif'))) throw new Error('no SARIF written');
  await run(aws, bin, ['report', 'cdk.out.ts', '--out', 'access-report-clean', '--format', 'json']);
}, ['aws: synthesize the compiled Quick start', 'cdktf: tsc 5.9 with cdktf init\'s tsconfig (node10), synthesize']);

step('report: AccessReports.write after a cdktf app\'s synth', async () => {
  writeFiles(tf, {
    'report.js': `const { AccessReports } = require('saas-backup-constructs');
const summary = AccessReports.write([process.argv[2]], { outdir: process.argv[3] });
if (summary.stacks !== 2 || summary.files.length === 0) throw new Error(JSON.stringify(summary));
`,
  });
  await run(tf, process.execPath, ['report.js', path.join(tf, 'cdktf.out'), path.join(tf, 'access-report')]);
  if (!fs.existsSync(path.join(tf, 'access-report', 'ACCESS.md'))) throw new Error('no ACCESS.md');
}, ['cdktf: tsc 5.9 with cdktf init\'s tsconfig (node10), synthesize']);

// ---------------------------------------------------------------------------------------------
schedule(2).then(() => {
  const failed = results.filter((r) => !r.ok);
  const total = results.reduce((sum, r) => sum + r.seconds, 0);
  console.log(`consumer matrix: ${results.length - failed.length} passed, ${failed.length} failed, `
    + `${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s (steps: ${total.toFixed(1)} s, two at a time; in ${tmp})`);
  // Removing two node_modules trees takes longer than some steps on a busy machine: do it in the background.
  if (!keep && failed.length === 0) require('child_process').spawn('rm', ['-rf', tmp], { detached: true, stdio: 'ignore' }).unref();
  process.exit(failed.length === 0 ? 0 : 1);
});

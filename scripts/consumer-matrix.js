#!/usr/bin/env node
// @ts-check
/**
 * Consumer matrix (CI): installs the packed tarball into copies of the projects in
 * test/fixtures/consumer/ (see its README), as a user would, and type-checks and synthesizes them.
 * Needs a compiled lib/ (npm test builds it). Two lanes run side by side (the machine's two cores;
 * most steps are tsc runs), each step after the one before it:
 *
 *   aws    install with no cdktf; tsc 5.9 (cdk init's tsconfig: nodenext, skipLibCheck false, emits)
 *          with its variants node10 and bundler (skipLibCheck true: they test how the declarations are
 *          found), and tsc 6.0 and 7.0 nodenext; synthesize the compiled quick start, CommonJS and ESM apps;
 *          the message for gcp without cdktf; `cdk synth` with AccessReportPlugin (clean), and the
 *          app alone (flagged)
 *   cdktf  install; tsc 5.9 with cdktf init's tsconfig and with skipLibCheck false, synthesize; tsc 7.0; ESM;
 *          AccessReports.write; then the peer floor: the quick start at the lowest aws-cdk-lib and
 *          constructs of the peer ranges type-checks strictly and synthesizes the same resources as at
 *          the pins
 *   then   the installed `saas-backup-constructs report` command on both lanes' outputs
 *
 * Peers are installed at the versions this checkout develops against. Exits non-zero if a step fails;
 * the rest of its lane does not run. Usage: node scripts/consumer-matrix.js [--keep]
 */
'use strict';
const { execFile } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const fixtures = path.join(root, 'test', 'fixtures', 'consumer');
const readJson = (/** @type {string} */ file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const version = (/** @type {string} */ p) => readJson(path.join(root, 'node_modules', p, 'package.json')).version;
const floorOf = (/** @type {string} */ name) => {
  const range = readJson(path.join(root, 'package.json')).peerDependencies[name];
  const low = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
  if (!low) throw new Error(`cannot read the lower bound of ${name}@${range}`);
  return low;
};
const NPM = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
const TS59 = 'typescript@5.9.3';
// TypeScript 7, the native compiler, npm's latest since 2026: another program than 5.x and 6.x, no JavaScript API.
const TS7 = 'typescript7@npm:typescript@7.0.2';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-matrix-'));
const [aws, tf, floor] = ['aws', 'cdktf', 'aws-floor'].map((d) => path.join(tmp, d));

/** Runs a command; rejects with its output. @param {string} cwd @param {string} cmd @param {string[]} args @param {object} [env] */
const run = (cwd, cmd, args, env = {}) => new Promise((resolve, reject) => {
  execFile(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CHECKPOINT_DISABLE: '1', ...env } },
    (error, stdout, stderr) => (error ? reject(Object.assign(error, { output: `${stdout}${stderr}` })) : resolve(stdout)));
});
/** The output of a command that must fail, and its exit code. @returns {Promise<{ code: number, output: string }>} */
const failing = (/** @type {Parameters<typeof run>} */ ...args) => run(...args).then(
  () => ({ code: 0, output: '' }), (/** @type {{ code: number, output: string }} */ e) => ({ code: e.code, output: e.output }));
const tsc = (/** @type {string} */ dir, /** @type {string} */ config, ts = 'typescript') => run(dir, process.execPath, [path.join(dir, 'node_modules', ts, 'bin', 'tsc'), '-p', config]);
/** tsc --build of several tsconfigs of one project: one process, the libraries' declarations parsed once. */
const tscBuild = (/** @type {string} */ dir, /** @type {string[]} */ configs) => run(dir, process.execPath, [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', ...configs]);
const writeJson = (/** @type {string} */ file, /** @type {unknown} */ obj) => fs.writeFileSync(file, JSON.stringify(obj, null, 2));
/** Writes a tsconfig that extends the project's with these options, type-check only; returns its name. @param {string} dir @param {string} name @param {object} options */
const variant = (dir, name, options) => {
  writeJson(path.join(dir, name), { extends: './tsconfig.json', compilerOptions: { noEmit: true, ...options } });
  return name;
};
/** Copies a fixture project and installs the tarball and these packages into it. @param {string} fixture @param {string} dir @param {string[]} packages */
async function install(fixture, dir, packages) {
  fs.cpSync(path.join(fixtures, fixture), dir, { recursive: true });
  writeJson(path.join(dir, 'package.json'), { name: `${path.basename(dir)}-consumer`, version: '0.0.0', private: true });
  await run(dir, 'npm', [...NPM, tarball, ...packages]);
}
/** The resources of a CloudFormation template, after checking the Palette role and bucket are there. @param {string} outdir */
function cfnResources(outdir) {
  const resources = readJson(path.join(outdir, 'PaletteBackups.template.json')).Resources;
  const types = Object.values(resources).map((r) => r.Type);
  const missing = ['AWS::S3::Bucket', 'AWS::IAM::Role', 'AWS::IAM::ManagedPolicy'].filter((t) => !types.includes(t));
  if (missing.length) throw new Error(`${outdir}: no ${missing.join(', ')} in the template`);
  return JSON.stringify(resources);
}
function assertTf(/** @type {string} */ outdir) {
  const gcp = readJson(path.join(outdir, 'stacks', 'gcp', 'cdk.tf.json'));
  if (!gcp.resource?.google_storage_bucket || !gcp.resource?.google_service_account) throw new Error(`${outdir}: no bucket or service account in the gcp stack`);
  if (!fs.existsSync(path.join(outdir, 'stacks', 'azure', 'cdk.tf.json'))) throw new Error(`${outdir}: no azure stack`);
}

let tarball = '';
// The aws project installed, compiled and synthesized (or its lane stopped): what the cdktf lane's last steps need.
let awsReady = () => {};
const awsSynthesized = new Promise((resolve) => { awsReady = () => resolve(undefined); });
const cdk = { aws: version('aws-cdk-lib'), constructs: version('constructs') };

/** @type {[string, () => Promise<unknown>][]} */
const awsLane = [
  ['aws: npm install (tarball, aws-cdk-lib, constructs, TypeScript 5.9, 6.0 and 7.0; no cdktf)', async () => {
    await install('aws', aws, [`aws-cdk-lib@${cdk.aws}`, `constructs@${cdk.constructs}`, TS59, `typescript6@npm:typescript@${version('typescript')}`, TS7, '@types/node@22']);
    if (fs.existsSync(path.join(aws, 'node_modules', 'cdktf'))) throw new Error('cdktf was installed in the AWS-only project');
  }],
  // The other resolutions find the package's declarations another way (typesVersions, exports' import
  // condition); the declarations themselves are checked by the first, so these skip the libraries' checks.
  ['aws: tsc 5.9, cdk init\'s tsconfig (nodenext, skipLibCheck false, emits dist/app.js), and moduleResolution node10 and bundler', () => tscBuild(aws, [
    'tsconfig.json',
    variant(aws, 'tsconfig.node10.json', { module: 'commonjs', moduleResolution: 'node10', skipLibCheck: true }),
    variant(aws, 'tsconfig.bundler.json', { module: 'esnext', moduleResolution: 'bundler', skipLibCheck: true }),
  ])],
  ['aws: synthesize the compiled quick start', async () => {
    await run(aws, process.execPath, ['dist/app.js'], { CDK_OUTDIR: 'cdk.out' });
    cfnResources(path.join(aws, 'cdk.out'));
    awsReady();
  }],
  // TypeScript 6.0 and 7.0 no longer include @types/* by default; aws-cdk-lib's declarations need @types/node.
  ['aws: tsc 6.0 nodenext', () => tsc(aws, variant(aws, 'tsconfig.ts6.json', { types: ['node'] }), 'typescript6')],
  ['aws: tsc 7.0 nodenext', () => tsc(aws, variant(aws, 'tsconfig.ts7.json', { types: ['node'] }), 'typescript7')],
  ['cjs: require() the root and synthesize', async () => {
    await run(aws, process.execPath, ['cjs/app.js'], { CDK_OUTDIR: 'cdk.out.cjs' });
    cfnResources(path.join(aws, 'cdk.out.cjs'));
  }],
  ['esm: named imports from the root and /aws, synthesize', async () => {
    await run(aws, process.execPath, ['esm/app.mjs'], { CDK_OUTDIR: 'cdk.out.esm' });
    cfnResources(path.join(aws, 'cdk.out.esm'));
  }],
  ['aws: reaching gcp without cdktf names the packages to install', async () => {
    const { output } = await failing(aws, process.execPath, ['-e', "require('saas-backup-constructs').gcp.BackupBucket"]);
    const expected = 'saas-backup-constructs/gcp needs cdktf and @cdktf/provider-google (optional peer dependencies of saas-backup-constructs, not installed): npm install cdktf@';
    if (!output.includes(expected)) throw new Error(`expected "${expected}...", got:\n${output}`);
  }],
  ['report: cdk synth with AccessReportPlugin writes the reports; an unpinned * trust is a violation', async () => {
    const report = path.join(aws, 'cdk.out.report-clean.report');
    await run(aws, path.join(root, 'node_modules', '.bin', 'cdk'), ['synth', '--quiet', '--app', 'node report/app.js', '--output', 'cdk.out.report-clean'],
      { REPORT_OUT: report });
    const index = fs.readFileSync(path.join(report, 'ACCESS.md'), 'utf8');
    if (!index.includes('| [PaletteBackups](PaletteBackups.access.md) | none | none |')) throw new Error(`clean app: unexpected ACCESS.md:\n${index}`);
    for (const f of ['access-report.json', 'access-report.sarif']) if (!fs.existsSync(path.join(report, f))) throw new Error(`clean app: no ${f}`);
    // The plugin runs in the app's synth, so the app alone shows the violation (without the CLI's start-up).
    const { output } = await failing(aws, process.execPath, ['report/app.js'], { CDK_OUTDIR: 'cdk.out.report-open', REPORT_OUT: 'cdk.out.report-open.report', OPEN: '1' });
    if (!output.includes('saas-backup-constructs-access-report::principal-not-pinned')) throw new Error(`open app: synth did not report the violation:\n${output}`);
    // The open app's cloud assembly without the plugin (which fails the synth), for the command below.
    await run(aws, process.execPath, ['report/app.js'], { CDK_OUTDIR: 'cdk.out.open', OPEN: '1', PLUGIN: '0' });
  }],
];

/** @type {[string, () => Promise<unknown>][]} */
const tfLane = [
  ['cdktf: npm install (tarball, cdktf, the providers, constructs, TypeScript 5.9 and 7.0)', () => install('cdktf', tf, [`cdktf@${version('cdktf')}`,
    `constructs@${cdk.constructs}`, `aws-cdk-lib@${cdk.aws}`, ...['google', 'azurerm', 'azuread'].map((p) => `@cdktf/provider-${p}@${version(`@cdktf/provider-${p}`)}`), TS59, TS7, '@types/node@22'])],
  ['cdktf: tsc 5.9 with cdktf init\'s tsconfig (node10), and with skipLibCheck false; synthesize', async () => {
    await tscBuild(tf, ['tsconfig.json', variant(tf, 'tsconfig.strict.json', { skipLibCheck: false, lib: ['es2022'] })]);
    await run(tf, process.execPath, ['main.js'], { CDKTF_OUTDIR: path.join(tf, 'cdktf.out') });
    assertTf(path.join(tf, 'cdktf.out'));
  }],
  ['cdktf: tsc 7.0 with cdktf init\'s tsconfig', () => tsc(tf, variant(tf, 'tsconfig.ts7.json', { types: ['node'], incremental: false }), 'typescript7')],
  ['cdktf esm: import { gcp, azure } from the root, synthesize', async () => {
    await run(tf, process.execPath, ['esm/main.mjs'], { CDKTF_OUTDIR: path.join(tf, 'cdktf.out.esm') });
    assertTf(path.join(tf, 'cdktf.out.esm'));
  }],
  ['report: AccessReports.write after a cdktf app\'s synth', async () => {
    await run(tf, process.execPath, ['report.js', path.join(tf, 'cdktf.out'), path.join(tf, 'access-report')]);
    if (!fs.existsSync(path.join(tf, 'access-report', 'ACCESS.md'))) throw new Error('no ACCESS.md');
  }],
  [`aws at the peer floor (aws-cdk-lib ${floorOf('aws-cdk-lib')}, constructs ${floorOf('constructs')}): tsc (node10, skipLibCheck false), the same resources as at the pins`, async () => {
    await install('aws', floor, [`aws-cdk-lib@${floorOf('aws-cdk-lib')}`, `constructs@${floorOf('constructs')}`, TS59, '@types/node@22']);
    writeJson(path.join(floor, 'tsconfig.floor.json'), { extends: './tsconfig.json', compilerOptions: { module: 'commonjs', moduleResolution: 'node10' } });
    await tsc(floor, 'tsconfig.floor.json');
    await run(floor, process.execPath, ['dist/app.js'], { CDK_OUTDIR: 'cdk.out' });
    await awsSynthesized;
    if (cfnResources(path.join(floor, 'cdk.out')) !== cfnResources(path.join(aws, 'cdk.out'))) {
      throw new Error(`the quick start's resources differ at the floor from the pins (compare ${floor}/cdk.out and ${aws}/cdk.out)`);
    }
  }],
];

/** @type {[string, () => Promise<unknown>][]} */
const afterBoth = [
  ['report: the command reads a cdk.out and a cdktf.out; exit 1 on a flagged finding, 0 when clean', async () => {
    const bin = path.join(aws, 'node_modules', '.bin', 'saas-backup-constructs');
    const { code, output } = await failing(aws, bin, ['report', 'cdk.out.open', path.join(tf, 'cdktf.out'), '--out', 'access-report', '--format', 'md,json,sarif']);
    if (code !== 1) throw new Error(`expected exit 1 on a flagged finding, got ${code}: ${output}`);
    const names = readJson(path.join(aws, 'access-report', 'access-report.json')).stacks.map((/** @type {{ title: string }} */ s) => s.title);
    if (!['PaletteBackups', 'gcp', 'azure'].every((n) => names.includes(n))) throw new Error(`stacks read: ${names.join(', ')}`);
    if (!fs.existsSync(path.join(aws, 'access-report', 'access-report.sarif'))) throw new Error('no SARIF written');
    await run(aws, bin, ['report', 'cdk.out', '--out', 'access-report-clean', '--format', 'json']);
  }],
];

/** Runs a lane's steps in order, printing each; stops the lane at the first failure. @returns {Promise<number[]>} passed, failed */
async function lane(/** @type {[string, () => Promise<unknown>][]} */ steps) {
  for (const [i, [name, fn]] of steps.entries()) {
    const t0 = Date.now();
    try {
      await fn();
      console.log(`ok   ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${name}`);
    } catch (e) {
      const err = /** @type {{ output?: string, message?: string }} */ (e);
      console.log(`FAIL ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${name}\n${(err.output || err.message || String(e)).trim().split('\n').slice(0, 40).map((l) => `        ${l}`).join('\n')}`);
      for (const [rest] of steps.slice(i + 1)) console.log(`FAIL      -    ${rest} (not run: a step before it failed)`);
      awsReady();
      return [i, steps.length - i];
    }
  }
  return [steps.length, 0];
}

const started = Date.now();
run(root, 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp, '--loglevel=error'])
  .then((out) => { tarball = path.join(tmp, JSON.parse(String(out))[0].filename); return Promise.all([lane(awsLane), lane(tfLane)]); },
    (e) => { console.log(`FAIL npm pack\n${e.output}`); return [[0, 1]]; })
  .then(async (counts) => {
    if (counts.some(([, f]) => f > 0)) {
      for (const [name] of afterBoth) console.log(`FAIL      -    ${name} (not run: a step it needs failed)`);
      counts.push([0, afterBoth.length]);
    } else {
      counts.push(await lane(afterBoth));
    }
    const [passed, failed] = counts.reduce(([p, f], [a, b]) => [p + a, f + b], [0, 0]);
    console.log(`consumer matrix: ${passed} passed, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s (in ${tmp})`);
    // Removing node_modules trees takes a while on a busy machine: do it in the background.
    if (!process.argv.includes('--keep') && failed === 0) require('child_process').spawn('rm', ['-rf', tmp], { detached: true, stdio: 'ignore' }).unref();
    process.exit(failed === 0 ? 0 : 1);
  });

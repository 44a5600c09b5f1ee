#!/usr/bin/env node
// @ts-check
/**
 * `npm test`: its steps, each started as soon as what it needs is done (2 cores):
 *   - compile: jsii, building lib/ and .jsii
 *   - the type-check (ts-jest does not type-check) and eslint without --fix, over one incremental
 *     TypeScript program (scripts/typecheck-and-lint.js); it reads src/, not lib/
 *   - jest, with no snapshot writing (--ci), never passing on an empty suite, JSON results in
 *     test-reports/jest-results.json (.ci/run counts them); extra arguments go to jest. Most tests
 *     read src/; the few that run the compiled package run last and wait for the compile, which
 *     this script reports to them in the file named by SAAS_COMPILE_STATUS ("ok" or "failed";
 *     test/support/compiled.ts, test/support/sequencer.js)
 *   - after the compile: the API.md freshness check (it reads .jsii)
 * The tests' temporary folder (TMPDIR) is jest's own setup (test/support/global-setup.js); its
 * transform cache is node_modules/.cache/jest (jest.cacheDirectory in package.json).
 * All but jest go through scripts/cached.js: skipped locally when a content stamp shows that
 * nothing they read changed since they last passed; never skipped in CI.
 * Each step's output is printed whole when it ends; the run fails when any step fails, and a step
 * whose prerequisite failed does not run.
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runSteps } = require('./steps.js');

const root = path.resolve(__dirname, '..');
const bin = (tool) => path.join(root, 'node_modules', '.bin', tool);
const cached = (name) => ({ cmd: process.execPath, args: [path.join(__dirname, 'cached.js'), name] });

/**
 * The environment of projen's test task (.projen/tasks.json): `npm test` runs this script directly,
 * without projen's task runner in between (about 0.5 s), and `npx projen test` runs it through the
 * task; both give the steps this environment.
 */
const TASK_ENV = require('../.projen/tasks.json').tasks.test.env ?? {};

/** jest's arguments in npm test: no snapshot is written (--ci), results for .ci/run, then the caller's. */
const JEST_ARGS = ['--ci', '--maxWorkers=2', '--json', '--outputFile=test-reports/jest-results.json'];

/** The steps of npm test, jest getting `jestArgs` after its own. */
function stepsOf(jestArgs = []) {
  /** @type {{ name: string, cmd: string, args: string[], after?: string[] }[]} */
  return [
    { name: 'compile', ...cached('compile') },
    { name: 'types-and-lint', ...cached('types-and-lint') },
    { name: 'api-md', ...cached('api-md'), after: ['compile'] },
    { name: 'jest', cmd: bin('jest'), args: [...JEST_ARGS, ...jestArgs] },
  ];
}

function main() {
  fs.mkdirSync(path.join(root, 'test-reports'), { recursive: true });
  // The compile status, in a folder of this run, removed when it ends.
  const runFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'saas-backup-constructs-test-'));
  const compileStatus = path.join(runFolder, 'compile-status');
  process.on('exit', () => fs.rmSync(runFolder, { recursive: true, force: true }));

  /** Runs a command, then prints its whole output; rejects when it fails. */
  const command = (step) => () => new Promise((resolve, reject) => {
    const t0 = Date.now();
    const env = { ...process.env, ...TASK_ENV, FORCE_COLOR: '0', SAAS_COMPILE_STATUS: compileStatus };
    const child = spawn(step.cmd, step.args, { cwd: root, env });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      process.stdout.write(`\n----- ${step.name} (${seconds} s, ${code === 0 ? 'passed' : `FAILED: ${code ?? signal}`}) -----\n`);
      process.stdout.write(Buffer.concat(chunks));
      if (step.name === 'compile') fs.writeFileSync(compileStatus, code === 0 ? 'ok' : `exit ${code ?? signal}`);
      if (code === 0) resolve(undefined);
      else reject(new Error(`exit ${code ?? signal}`));
    });
  });

  const started = Date.now();
  const steps = stepsOf(process.argv.slice(2)).map((step) => ({ name: step.name, after: step.after, run: command(step) }));
  runSteps(steps).then((results) => {
    const failed = results.filter((r) => !r.ok).map((r) => r.name);
    const summary = results.map((r) => (r.notRun ? `${r.name} not run (${r.notRun} failed)` : `${r.name} ${r.seconds.toFixed(1)} s`)).join(', ');
    console.log(`\nchecks: ${summary}; wall ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (failed.length > 0) {
      console.error(`failed: ${failed.join(', ')}`);
      process.exit(1);
    }
  });
}

module.exports = { stepsOf, JEST_ARGS, TASK_ENV };

if (require.main === module) main();

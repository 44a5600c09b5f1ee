#!/usr/bin/env node
// @ts-check
/**
 * The checks of `npm test` that only read the compiled library, run side by side (2 cores: jest
 * takes one, the others share the second):
 *   - the API.md freshness check
 *   - jest, with no snapshot writing (--ci), never passing on an empty suite, JSON results in
 *     test-reports/jest-results.json (.ci/run counts them); extra arguments go to jest
 *   - the type-check (ts-jest does not type-check) and eslint without --fix, over one incremental
 *     TypeScript program (scripts/typecheck-and-lint.js)
 * All but jest go through scripts/cached.js: skipped locally when a content stamp shows that
 * nothing they read changed since they last passed; never skipped in CI.
 * Each step's output is printed whole when it ends; the run fails when any step fails.
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bin = (tool) => path.join(root, 'node_modules', '.bin', tool);
fs.mkdirSync(path.join(root, 'test-reports'), { recursive: true });

const jestArgs = process.argv.slice(2);
const steps = [
  { name: 'api-md', cmd: process.execPath, args: [path.join(__dirname, 'cached.js'), 'api-md'] },
  { name: 'jest', cmd: bin('jest'), args: ['--ci', '--maxWorkers=2', '--json', '--outputFile=test-reports/jest-results.json', ...jestArgs] },
  { name: 'types-and-lint', cmd: process.execPath, args: [path.join(__dirname, 'cached.js'), 'types-and-lint'] },
];

const started = Date.now();
const runs = steps.map((step) => new Promise((resolve) => {
  const t0 = Date.now();
  const child = spawn(step.cmd, step.args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
  const chunks = [];
  child.stdout.on('data', (d) => chunks.push(d));
  child.stderr.on('data', (d) => chunks.push(d));
  child.on('close', (code, signal) => {
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    process.stdout.write(`\n----- ${step.name} (${seconds} s, ${code === 0 ? 'passed' : `FAILED: ${code ?? signal}`}) -----\n`);
    process.stdout.write(Buffer.concat(chunks));
    resolve({ name: step.name, ok: code === 0, seconds });
  });
}));

Promise.all(runs).then((results) => {
  const failed = results.filter((r) => !r.ok).map((r) => r.name);
  const summary = results.map((r) => `${r.name} ${r.seconds} s`).join(', ');
  console.log(`\nchecks: ${summary}; wall ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed.length > 0) {
    console.error(`failed: ${failed.join(', ')}`);
    process.exit(1);
  }
});

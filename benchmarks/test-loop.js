#!/usr/bin/env node
// @ts-check
/**
 * The test loop's cost: wall and CPU time of `npm test`, warm and on a fresh clone
 * (`npx projen bench:test`, or `node benchmarks/test-loop.js [--warm N] [--fresh N]`).
 *
 *   warm    `npm test` in this checkout, once to warm the tools' caches (jest, tsc --incremental,
 *           eslint --cache), then N times (default 3); nothing changed in between, as when the suite
 *           is run again
 *   fresh   N times (default 1): a `git clone` of this checkout's HEAD into a temporary folder, then,
 *           with CI=true as `.ci/run` sets it, `npm ci` and `npm test` (no tool cache; npm's own
 *           download cache is used as on any machine)
 *
 * CPU time is user + system of every process the step started and waited for (Linux: the
 * children's times in /proc/self/stat, which include their own children), so jest's workers, the
 * compile and the child processes of tests all count. Reported: each run, and the median.
 * It uses whatever `node` is first on PATH (CI uses Node 22: PATH="$(scripts/node-bin.sh 22):$PATH").
 * Figures go in the issue notes; nothing here is a timed test.
 */
'use strict';
const { spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { median } = require('./harness');

const root = path.resolve(__dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const WARM = arg('--warm', 3);
const FRESH = arg('--fresh', 1);

/** Clock ticks per second, the unit of /proc/self/stat's times. */
const HZ = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The CPU seconds (user + system) of this process's waited-for children so far. */
function childrenCpu() {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
  return (Number(fields[13]) + Number(fields[14])) / HZ;
}

/** Runs a command to its end; returns wall and CPU seconds; throws with its output if it fails. */
function timed(cmd, args, cwd, env = {}) {
  const cpu0 = childrenCpu();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = childrenCpu() - cpu0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${(r.stdout ?? '').slice(-4000)}\n${(r.stderr ?? '').slice(-4000)}`);
  const tests = /Tests:\s+(\d+) passed, (\d+) total/.exec(`${r.stdout}\n${r.stderr}`);
  return { wall, cpu, tests: tests ? Number(tests[2]) : undefined };
}

const f = (x) => x.toFixed(1).padStart(6);

console.log(`test loop on Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

if (WARM > 0) {
  timed('npm', ['test'], root);
  const runs = [];
  for (let i = 0; i < WARM; i++) {
    const r = timed('npm', ['test'], root);
    runs.push(r);
    console.log(`warm npm test #${i + 1}: ${f(r.wall)} s wall ${f(r.cpu)} s CPU (${r.tests} tests)`);
  }
  console.log(`warm npm test, median of ${WARM}: ${f(median(runs.map((r) => r.wall)))} s wall ${f(median(runs.map((r) => r.cpu)))} s CPU`);
}

for (let i = 0; i < FRESH; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-loop-fresh-'));
  try {
    execFileSync('git', ['clone', '--quiet', root, dir]);
    const env = { CI: 'true' };
    const install = timed('npm', ['ci'], dir, env);
    const test = timed('npm', ['test'], dir, env);
    console.log(`fresh clone #${i + 1}: npm ci ${f(install.wall)} s wall ${f(install.cpu)} s CPU; `
      + `npm test ${f(test.wall)} s wall ${f(test.cpu)} s CPU (${test.tests} tests); together ${f(install.wall + test.wall)} s wall`);
  } finally {
    spawnSync('rm', ['-rf', dir]);
  }
}
console.log(`load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

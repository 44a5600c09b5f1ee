#!/usr/bin/env node
// @ts-check
/**
 * Runs a step only when what it reads has changed since it last passed here:
 *
 *   node scripts/cached.js compile     jsii compile (`projen compile`) unless src/, the task
 *                                      definitions, scripts/, package.json and the toolchain are as
 *                                      they were AND lib/ and .jsii are exactly what that run made
 *   node scripts/cached.js api-md      the API.md freshness check, unless .jsii, API.md, the
 *                                      check itself and jsii-docgen's version are as they were
 *   node scripts/cached.js types-and-lint
 *                                      the type-check of src/, tests, examples, benchmarks and
 *                                      scripts and eslint over them (scripts/typecheck-and-lint.js),
 *                                      unless every file they can read from the repository, the
 *                                      tsconfigs, the eslint config, the installed packages (lock
 *                                      files) and the TypeScript and eslint versions are as they were
 *
 * The stamp is a SHA-256 over the content of every input file (and every output file), kept in
 * node_modules/.cache/saas-backup-constructs/. A stamp can never hide a real change: any byte of any
 * input or output that differs makes a new digest, and the step runs. Nothing is skipped when
 * CI is set (CI runs on a fresh clone anyway), nor when SAAS_NO_CACHE=1.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const stampDir = path.join(root, 'node_modules', '.cache', 'saas-backup-constructs');

/** Every file under `entry` (a file or a folder), as sorted repository-relative paths. */
function filesOf(entry, base = root) {
  const full = path.join(base, entry);
  if (!fs.existsSync(full)) return [];
  const stat = fs.statSync(full);
  if (stat.isFile()) return [entry];
  return fs.readdirSync(full).sort().flatMap((name) => filesOf(path.join(entry, name), base));
}

/** The SHA-256 of the paths and contents of `entries`, plus `extra` strings (tool versions). */
function digest(entries, extra = [], base = root) {
  const hash = crypto.createHash('sha256');
  for (const value of extra) hash.update(`extra\0${value}\0`);
  for (const entry of entries) {
    const files = filesOf(entry, base);
    hash.update(`entry\0${entry}\0${files.length}\0`);
    for (const file of files) {
      hash.update(`file\0${file}\0${fs.statSync(path.join(base, file)).size}\0`);
      hash.update(fs.readFileSync(path.join(base, file)));
    }
  }
  return hash.digest('hex');
}

/** What the installed packages are: the lock file and npm's record of the installed tree. */
const INSTALLED = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json'];
/** Every folder and file of the repository that the type-check and lint read (the folders it lints). */
const SOURCES = require('./typecheck-and-lint.js').LINTED;

const versionOf = (pkg) => {
  try {
    return `${pkg}@${require(require.resolve(`${pkg}/package.json`, { paths: [root] })).version}`;
  } catch {
    return `${pkg}@missing`;
  }
};

/** The steps: what each reads, what it writes, and how it runs. */
const STEPS = {
  compile: {
    inputs: ['src', 'scripts', 'tsconfig.json', '.projen/tasks.json', ...INSTALLED],
    outputs: ['lib', '.jsii'],
    tools: () => [process.version, versionOf('jsii'), versionOf('typescript')],
    command: [path.join(root, 'node_modules', '.bin', 'projen'), ['compile']],
  },
  'api-md': {
    inputs: ['.jsii', 'API.md', 'scripts/check-api-md.js'],
    outputs: [],
    tools: () => [process.version, versionOf('jsii-docgen')],
    command: [process.execPath, [path.join(__dirname, 'check-api-md.js')]],
  },
  'types-and-lint': {
    inputs: [...SOURCES, 'tsconfig.json', 'tsconfig.dev.json', 'test/tsconfig.json', '.eslintrc.json', ...INSTALLED],
    outputs: [],
    tools: () => [process.version, versionOf('typescript'), versionOf('eslint')],
    command: [process.execPath, [path.join(__dirname, 'typecheck-and-lint.js')]],
  },
};

/** Whether caching is allowed in this environment. */
function cachingAllowed(env = process.env) {
  return !env.CI && env.SAAS_NO_CACHE !== '1';
}

/** The stamp a step leaves when it passes: the digest of its inputs and of its outputs. */
function stampOf(step, base = root) {
  return { inputs: digest(step.inputs, step.tools(), base), outputs: digest(step.outputs, [], base) };
}

/** True when `stamp` (read from disk, or undefined) still describes the tree. */
function isFresh(step, stamp, base = root) {
  if (!stamp) return false;
  const now = stampOf(step, base);
  return stamp.inputs === now.inputs && stamp.outputs === now.outputs;
}

function main(name) {
  const step = STEPS[name];
  if (!step) {
    console.error(`usage: node scripts/cached.js ${Object.keys(STEPS).join('|')}`);
    process.exit(2);
  }
  const file = path.join(stampDir, `${name}.json`);
  const stamp = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
  if (cachingAllowed() && isFresh(step, stamp)) {
    console.log(`${name}: unchanged since it last passed (stamp ${stamp.inputs.slice(0, 12)}), skipped.`);
    return;
  }
  fs.rmSync(file, { force: true });
  const [cmd, args] = step.command;
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.mkdirSync(stampDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(stampOf(step)));
}

module.exports = { STEPS, digest, filesOf, isFresh, stampOf, cachingAllowed };

if (require.main === module) main(process.argv[2] ?? '');

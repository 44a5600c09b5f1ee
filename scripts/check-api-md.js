#!/usr/bin/env node
// @ts-check
/**
 * Fails when API.md differs from what jsii-docgen generates from the current .jsii assembly.
 * Run after compile. Fix with `npx projen docgen` (or `npx projen build`) and commit API.md.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'api-md-'));
let current;
try {
  const generated = path.join(tmp, 'API.md');
  execFileSync(process.execPath, [require.resolve('jsii-docgen/bin/jsii-docgen'), '-o', generated], { stdio: 'inherit' });
  current = fs.existsSync('API.md') && fs.readFileSync(generated, 'utf8') === fs.readFileSync('API.md', 'utf8');
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (!current) {
  console.error('API.md is out of date with the code. Run `npx projen docgen` and commit API.md.');
  process.exit(1);
}
console.log('API.md is current.');

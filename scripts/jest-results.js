#!/usr/bin/env node
// @ts-check
/**
 * Prints "[label: ]N passed, N failed" from a jest --json results file (a suite that could not run counts as
 * one failure) and the failed tests' names. Exits 1 on a failure, on a run without tests, on a missing file,
 * and (--min <results file>) on fewer tests than that run had, not counting its files that match
 * --except <regular expression> (the files this run leaves out). Used by .ci/run (its last line),
 * scripts/node-matrix.sh and scripts/peer-floor.sh.
 *
 * Usage: node scripts/jest-results.js <results.json> [label] [--min <main results.json> [--except <regexp>]]
 */
'use strict';
const fs = require('fs');

const [file, label, minFlag, minFile, exceptFlag, except] = process.argv.slice(2);
const prefix = label ? `${label}: ` : '';
if (!fs.existsSync(file)) {
  console.error(`${prefix}jest wrote no results (${file}): a step before it failed, or see its log`);
  console.log(`${prefix}0 passed, 0 failed`);
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const failed = r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
const left = exceptFlag === '--except' ? new RegExp(except) : undefined;
const min = minFlag === '--min' && fs.existsSync(minFile)
  ? JSON.parse(fs.readFileSync(minFile, 'utf8')).testResults
    .filter((/** @type {{ name: string }} */ s) => !left?.test(s.name))
    .reduce((/** @type {number} */ n, /** @type {{ assertionResults: unknown[] }} */ s) => n + s.assertionResults.length, 0)
  : 1;
for (const s of r.testResults) {
  for (const a of s.assertionResults.filter((/** @type {{ status: string }} */ x) => x.status === 'failed')) console.error(`  FAIL ${a.fullName}`);
}
if (r.numTotalTests < min) console.error(`${prefix}ran ${r.numTotalTests} tests, fewer than ${min}${minFile ? ` (${minFile})` : ''}`);
console.log(`${prefix}${r.numPassedTests} passed, ${failed} failed`);
process.exit(failed > 0 || r.numTotalTests < min ? 1 : 0);

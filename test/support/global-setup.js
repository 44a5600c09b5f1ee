// @ts-check
'use strict';
/**
 * jest `globalSetup`: a temporary folder for this run's tests (TMPDIR), removed when the run ends
 * (test/support/global-teardown.js, which also gives TMPDIR back, so that the next run of
 * `jest --watch` starts from it again). Every aws-cdk-lib and cdktf App without an outdir
 * synthesizes into a new temporary folder (about 2,000 a run) that neither library removes. jest
 * starts its workers after this, so they, and the processes the tests start, inherit TMPDIR; the
 * same holds for `npm test`, `npx jest` and the CI matrix.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'saas-backup-constructs-jest-'));
  // What TMPDIR was, for the teardown ('' when it was not set).
  process.env.SAAS_TESTS_TMPDIR_BEFORE = process.env.TMPDIR ?? '';
  process.env.SAAS_TESTS_TMPDIR = folder;
  process.env.TMPDIR = folder;
};

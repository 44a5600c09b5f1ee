// @ts-check
'use strict';
/** jest `globalTeardown`: removes the run's temporary folder and gives TMPDIR back (test/support/global-setup.js). */
const { spawn } = require('child_process');

module.exports = async () => {
  const folder = process.env.SAAS_TESTS_TMPDIR;
  if (!folder) return;
  const before = process.env.SAAS_TESTS_TMPDIR_BEFORE;
  if (before) process.env.TMPDIR = before;
  else delete process.env.TMPDIR;
  delete process.env.SAAS_TESTS_TMPDIR;
  delete process.env.SAAS_TESTS_TMPDIR_BEFORE;
  // In the background: removing a few thousand folders should not hold up the result.
  spawn('rm', ['-rf', folder], { detached: true, stdio: 'ignore' }).unref();
};

// @ts-check
'use strict';
/** jest `globalTeardown`: removes the run's temporary folder (test/support/global-setup.js). */
const { spawn } = require('child_process');

module.exports = async () => {
  const folder = process.env.SAAS_TESTS_TMPDIR;
  if (!folder) return;
  // In the background: removing a few thousand folders should not hold up the result.
  spawn('rm', ['-rf', folder], { detached: true, stdio: 'ignore' }).unref();
};

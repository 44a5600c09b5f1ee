import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { basename, dirname, join } from 'path';

// test/support/global-setup.js and global-teardown.js: one temporary folder for the run's tests.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const teardown = require('./global-teardown.js');

describe("the tests' temporary folder", () => {
  test('is the run\'s own folder, for this file and for the processes it starts (TMPDIR)', () => {
    const folder = process.env.SAAS_TESTS_TMPDIR;
    expect(folder).toBeDefined();
    expect(basename(folder!)).toMatch(/^saas-backup-constructs-jest-/);
    expect(tmpdir()).toBe(folder);
    const child = spawnSync(process.execPath, ['-e', 'console.log(require("os").tmpdir())'], { encoding: 'utf8' });
    expect(child.stdout.trim()).toBe(folder);
  });

  test('is where an App without an outdir synthesizes', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { App } = require('aws-cdk-lib');
    expect(dirname(new App().outdir)).toBe(process.env.SAAS_TESTS_TMPDIR);
  });

  test('is removed by the teardown (in the background)', async () => {
    const saved = process.env.SAAS_TESTS_TMPDIR;
    const folder = mkdtempSync(join(saved!, 'teardown-'));
    mkdtempSync(join(folder, 'cdk.out'));
    process.env.SAAS_TESTS_TMPDIR = folder;
    try {
      await teardown();
    } finally {
      process.env.SAAS_TESTS_TMPDIR = saved;
    }
    for (let i = 0; i < 100 && existsSync(folder); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(existsSync(folder)).toBe(false);
    expect(readdirSync(saved!).some((f) => f.startsWith('teardown-'))).toBe(false);
  });
});

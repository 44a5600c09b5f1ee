import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { basename, dirname, join } from 'path';

// test/support/global-setup.js and global-teardown.js: one temporary folder for the run's tests.

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

  // In a Node process of its own: os.tmpdir() reads the real environment, which a test file's
  // process.env (jest's copy) does not change.
  test('is removed by the teardown (in the background), which gives TMPDIR back: a second run (jest --watch) starts from it', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'parent-'));
    const script = `
      const setup = require(${JSON.stringify(require.resolve('./global-setup.js'))});
      const teardown = require(${JSON.stringify(require.resolve('./global-teardown.js'))});
      (async () => {
        const runs = [];
        for (let run = 0; run < 2; run++) {
          await setup();
          const folder = process.env.SAAS_TESTS_TMPDIR;
          const inside = require('os').tmpdir();
          require('fs').mkdirSync(require('path').join(folder, 'cdk.outX'));
          await teardown();
          runs.push({ folder, inside, after: process.env.TMPDIR, left: process.env.SAAS_TESTS_TMPDIR ?? null });
        }
        delete process.env.TMPDIR;
        process.env.SAAS_TESTS_TMPDIR = require('fs').mkdtempSync(require('path').join(${JSON.stringify(parent)}, 'unset-'));
        process.env.SAAS_TESTS_TMPDIR_BEFORE = '';
        await teardown();
        console.log(JSON.stringify({ runs, unset: process.env.TMPDIR ?? null }));
      })();`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, TMPDIR: parent } });
    expect(child.stderr).toBe('');
    const { runs, unset } = JSON.parse(child.stdout);
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      expect(dirname(run.folder)).toBe(parent);
      expect(run.inside).toBe(run.folder);
      expect(run.after).toBe(parent);
      expect(run.left).toBeNull();
    }
    expect(runs[0].folder).not.toBe(runs[1].folder);
    expect(unset).toBeNull();
    for (let i = 0; i < 100 && readdirSync(parent).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readdirSync(parent)).toEqual([]);
  });
});

import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { folderWith } from '../support/files';

// `npm test` (scripts/test-parallel.js) must fail on a changed snapshot and on an empty suite, and
// skip nothing in CI. jest is run here with npm test's own arguments on two small projects.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tasks = require('../../.projen/tasks.json');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require('../../package.json');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cached = require('../../scripts/cached.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stepsOf, JEST_ARGS, TASK_ENV } = require('../../scripts/test-parallel.js');

const root = join(__dirname, '..', '..');
jest.setTimeout(60_000);

/** Runs jest as npm test runs it (its arguments, the repository's jest config otherwise) on `files`. */
function jestOn(files: Record<string, string>): { status: number | null; output: string } {
  const dir = folderWith('npm-test-', files, true);
  try {
    // Plain JavaScript tests: the repository's jest options that matter here, without ts-jest.
    const config = { rootDir: dir, testMatch: ['<rootDir>/**/*.test.js'], passWithNoTests: manifest.jest.passWithNoTests ?? false };
    const args = JEST_ARGS.filter((a: string) => !a.startsWith('--outputFile') && a !== '--json');
    const run = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...args, '--config', JSON.stringify(config)], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' },
    });
    return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('npm test (scripts/test-parallel.js)', () => {
  test('jest gets --ci and never --updateSnapshot or --passWithNoTests, whatever else is passed', () => {
    const jestStep = stepsOf(['test/some.test.ts']).find((s: { name: string }) => s.name === 'jest');
    expect(jestStep.args.slice(0, JEST_ARGS.length)).toEqual(JEST_ARGS);
    expect(JEST_ARGS).toContain('--ci');
    expect(JEST_ARGS.some((a: string) => /^(-u|--updateSnapshot|--passWithNoTests)/.test(a))).toBe(false);
    expect(manifest.jest.passWithNoTests).not.toBe(true);
  });

  test('a changed snapshot fails (with --ci, jest writes none)', () => {
    const { status, output } = jestOn({
      'a.test.js': "test('policy', () => { expect({ Action: 's3:GetObject' }).toMatchSnapshot(); });\n",
      '__snapshots__/a.test.js.snap': '// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing\n\nexports[`policy 1`] = `\n{\n  "Action": "s3:PutObject",\n}\n`;\n',
    });
    expect(status).toBe(1);
    expect(output).toMatch(/1 snapshot failed/);
  });

  test('a new snapshot is not written: the test fails', () => {
    const { status, output } = jestOn({ 'a.test.js': "test('policy', () => { expect({ Action: 's3:GetObject' }).toMatchSnapshot(); });\n" });
    expect(status).toBe(1);
    expect(output).toMatch(/New snapshot was not written\. The update flag must be explicitly passed to write a new snapshot/);
  });

  test('an empty suite fails', () => {
    const { status, output } = jestOn({ 'README.md': 'no tests here\n' });
    expect(status).toBe(1);
    expect(output).toMatch(/No tests found/);
  });

  test('in CI every cached step runs: compile, type-check and lint, API.md', () => {
    const names = stepsOf().map((s: { name: string }) => s.name);
    expect(names).toEqual(['compile', 'types-and-lint', 'api-md', 'jest']);
    for (const name of names.filter((n: string) => n !== 'jest')) expect(Object.keys(cached.STEPS)).toContain(name);
    expect(cached.cachingAllowed({ CI: 'true' })).toBe(false);
  });

  test('npm test and `npx projen test` run the same script, with the test task\'s environment', () => {
    expect(manifest.scripts.test).toBe('node scripts/test-parallel.js');
    expect(tasks.tasks.test.steps).toEqual([{ exec: manifest.scripts.test, receiveArgs: true }]);
    expect(TASK_ENV).toEqual(tasks.tasks.test.env);
    expect(TASK_ENV).toMatchObject({ CDK_DISABLE_CLI_TELEMETRY: 'true', JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: '1' });
  });

  test("jest's transform cache stays with the checkout, not in the temporary folder npm test gives each run", () => {
    const runTmp = mkdtempSync(join(tmpdir(), 'npm-test-run-'));
    try {
      const shown = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--showConfig'], {
        cwd: root, encoding: 'utf8', env: { ...process.env, TMPDIR: runTmp },
      });
      expect(shown.status).toBe(0);
      const { cacheDirectory } = JSON.parse(shown.stdout).configs[0];
      expect(cacheDirectory).toBe(join(root, 'node_modules', '.cache', 'jest'));
    } finally {
      rmSync(runTmp, { recursive: true, force: true });
    }
  });
});

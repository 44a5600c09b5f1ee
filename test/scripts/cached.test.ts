import { writeFileSync } from 'fs';
import { join } from 'path';
import { folderWith } from '../support/files';

// scripts/cached.js is plain JavaScript run by `npm test`; its stamps must never hide a change.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cached = require('../../scripts/cached.js');

const tree = (files: Record<string, string>): string => folderWith('stamp-', files);

const step = (inputs: string[], outputs: string[], tools: string[] = ['node v1']) => ({ inputs, outputs, tools: () => tools });

describe('scripts/cached.js stamps', () => {
  test('the compile step reads src/, the task definitions, the scripts and package.json, and checks lib/ and .jsii', () => {
    expect(cached.STEPS.compile.inputs).toEqual(expect.arrayContaining(['src', '.projen/tasks.json', 'scripts', 'package.json']));
    expect(cached.STEPS.compile.outputs).toEqual(['lib', '.jsii']);
  });

  // Another version of aws-cdk-lib, cdktf or a provider can break type-checking with no file of
  // ours changed: every step that type-checks reads what is installed.
  test.each(['compile', 'types-and-lint'])('%s reads the installed packages (lock files), not only package.json', (name) => {
    expect(cached.STEPS[name].inputs).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'node_modules/.package-lock.json']));
  });

  test('the type-check and lint read every folder they check, the three tsconfigs and the eslint configuration', () => {
    expect(cached.STEPS['types-and-lint'].inputs).toEqual(expect.arrayContaining([
      'src', 'test', 'examples', 'benchmarks', 'scripts', '.projenrc.ts', 'tsconfig.json', 'tsconfig.dev.json', 'test/tsconfig.json', '.eslintrc.json',
    ]));
  });

  test('the API.md check reads .jsii and the committed API.md', () => {
    expect(cached.STEPS['api-md'].inputs).toEqual(expect.arrayContaining(['.jsii', 'API.md']));
  });

  test('an unchanged tree is fresh', () => {
    const base = tree({ 'src/a.ts': 'a', 'lib/a.js': 'x' });
    const s = step(['src'], ['lib']);
    expect(cached.isFresh(s, cached.stampOf(s, base), base)).toBe(true);
  });

  test.each([
    ['a changed source file', 'src/a.ts', 'b'],
    ['a new source file', 'src/new.ts', 'n'],
    ['a changed output (lib/ edited or left by another build)', 'lib/a.js', 'y'],
  ])('%s makes the step run again', (_what, file, text) => {
    const base = tree({ 'src/a.ts': 'a', 'lib/a.js': 'x' });
    const s = step(['src'], ['lib']);
    const stamp = cached.stampOf(s, base);
    writeFileSync(join(base, file), text);
    expect(cached.isFresh(s, stamp, base)).toBe(false);
  });

  test('a stale API.md is checked again (its content is an input)', () => {
    const base = tree({ '.jsii': '{}', 'API.md': '# API' });
    const s = step(['.jsii', 'API.md'], []);
    const stamp = cached.stampOf(s, base);
    writeFileSync(join(base, 'API.md'), '# API, edited by hand');
    expect(cached.isFresh(s, stamp, base)).toBe(false);
  });

  test('another tool version makes the step run again', () => {
    const base = tree({ 'src/a.ts': 'a' });
    const stamp = cached.stampOf(step(['src'], [], ['jsii@6.0.0']), base);
    expect(cached.isFresh(step(['src'], [], ['jsii@6.0.1']), stamp, base)).toBe(false);
  });

  test('moving content between files changes the digest', () => {
    const a = tree({ 'src/a.ts': 'ab', 'src/b.ts': '' });
    const b = tree({ 'src/a.ts': 'a', 'src/b.ts': 'b' });
    expect(cached.digest(['src'], [], a)).not.toEqual(cached.digest(['src'], [], b));
  });

  test('no stamp means the step runs', () => {
    expect(cached.isFresh(step(['src'], []), undefined, tree({}))).toBe(false);
  });

  test.each([
    [{ CI: 'true' }, false],
    [{ SAAS_NO_CACHE: '1' }, false],
    [{}, true],
  ])('caching allowed in %j: %s', (env, allowed) => {
    expect(cached.cachingAllowed(env)).toBe(allowed);
  });
});

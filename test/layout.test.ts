/**
 * test/ mirrors src/ file for file (CONTRIBUTING.md, "Layout"): every `src/a/b.ts` other than an
 * `index.ts` has its tests in `test/a/b.test.ts`, and no test under test/constructs or
 * test/policies outlives the src file it tests (a test orphaned by a move). Helpers shared by
 * tests live in test/support/.
 */
import { existsSync, readdirSync } from 'fs';
import { join, relative, sep } from 'path';

const ROOT = join(__dirname, '..');

/** Every `.ts` file under `dir` (relative to the repository, with "/"), sorted. */
function tsFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(relative(ROOT, path).split(sep).join('/'));
    }
  };
  walk(join(ROOT, dir));
  return found.sort();
}

/** `src/a/b.ts` -> `test/a/b.test.ts`. */
function mirroredTestOf(srcFile: string): string {
  return srcFile.replace(/^src\//, 'test/').replace(/\.ts$/, '.test.ts');
}

/** `test/a/b.test.ts` -> `src/a/b.ts`; undefined for a file that is not a test. */
function mirroredSourceOf(testFile: string): string | undefined {
  return /\.test\.ts$/.test(testFile) ? testFile.replace(/^test\//, 'src/').replace(/\.test\.ts$/, '.ts') : undefined;
}

const exists = (file: string) => existsSync(join(ROOT, file));

describe('the mirror of src/ in test/', () => {
  test.each([
    ['src/peers.ts', 'test/peers.test.ts'],
    ['src/policies/validation.ts', 'test/policies/validation.test.ts'],
    ['src/constructs/aws/github/subject.ts', 'test/constructs/aws/github/subject.test.ts'],
  ])('%s is tested in %s', (src, testFile) => {
    expect(mirroredTestOf(src)).toBe(testFile);
    expect(mirroredSourceOf(testFile)).toBe(src);
  });

  test('a file that is not a test has no mirrored source', () => {
    expect(mirroredSourceOf('test/support/stack.ts')).toBeUndefined();
  });

  const sources = tsFilesUnder('src').filter((f) => !f.endsWith('/index.ts'));

  test('the source list is the library (the walk found its files)', () => {
    expect(sources).toEqual(expect.arrayContaining(['src/peers.ts', 'src/policies/validation.ts', 'src/constructs/aws/backup-bucket.ts']));
    expect(sources).not.toContain('src/index.ts');
    expect(sources.length).toBeGreaterThan(50);
  });

  test('every src/ file other than index.ts has its test file at the mirrored path', () => {
    const missing = sources.filter((src) => !exists(mirroredTestOf(src))).map((src) => `${src} has no ${mirroredTestOf(src)}`);
    expect(missing).toEqual([]);
  });

  test('every file under test/constructs and test/policies is the test of a src/ file (helpers go to test/support/)', () => {
    const tests = [...tsFilesUnder('test/constructs'), ...tsFilesUnder('test/policies')];
    expect(tests.length).toBeGreaterThan(40);
    const orphans = tests.flatMap((file) => {
      const src = mirroredSourceOf(file);
      if (src === undefined) return [`${file} is not a test: move it to test/support/`];
      return exists(src) ? [] : [`${file} tests ${src}, which does not exist`];
    });
    expect(orphans).toEqual([]);
  });
});

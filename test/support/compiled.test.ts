import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { assertCompiled } from './compiled';

const root = join(__dirname, '..', '..');

/** A checkout whose lib/index.js is newer than src/index.ts (compiled), or older (stale). */
function checkout(compiled: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'checkout-'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'src', 'index.ts'), '');
  writeFileSync(join(dir, 'lib', 'index.js'), '');
  const [older, newer] = [new Date(Date.now() - 60_000), new Date()];
  utimesSync(join(dir, 'src', 'index.ts'), compiled ? older : newer, compiled ? older : newer);
  utimesSync(join(dir, 'lib', 'index.js'), compiled ? newer : older, compiled ? newer : older);
  return dir;
}

describe('tests of the compiled package (test/support/compiled.ts)', () => {
  test('pass when lib/ is newer than src/, and fail at once, saying what to run, when it is stale or missing', () => {
    expect(() => assertCompiled(checkout(true))).not.toThrow();
    const missing = mkdtempSync(join(tmpdir(), 'checkout-'));
    mkdirSync(join(missing, 'src'));
    writeFileSync(join(missing, 'src', 'index.ts'), '');
    for (const dir of [checkout(false), missing]) {
      expect(() => assertCompiled(dir)).toThrow('lib/ is missing or older than src/: run `npx projen compile` (npm test does) before this test');
    }
  });

  test('every test file that reads lib/ or packs the package declares it', () => {
    const files = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
    const declares = (f: string) => readFileSync(join(root, f), 'utf8').includes('needsCompiledPackage()');
    const tests = files('test').filter((f) => !f.startsWith('test/support/'));
    const marked = tests.filter(declares).sort();
    expect(marked).toEqual([
      'test/constructs/azure/peers.test.ts',
      'test/constructs/azure/service-principal.test.ts',
      'test/constructs/gcp/peers.test.ts',
      'test/entry-points.test.ts',
      'test/package.test.ts',
    ]);
    for (const f of tests) {
      const text = readFileSync(join(root, f), 'utf8');
      if (/support\/peers'|'npm', \['pack'|saas-backup-constructs\/azure'\);|lib', 'index/.test(text)) expect(marked).toContain(f);
    }
  });
});

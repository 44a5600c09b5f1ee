import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { compiledPackage } from './compiled';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sequencer = require('./sequencer.js');

const root = join(__dirname, '..', '..');
const statusFile = () => join(mkdtempSync(join(tmpdir(), 'compile-status-')), 'compile-status');

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

describe('tests of the compiled package beside npm test\'s compile', () => {
  test('wait until the compile reports "ok"', async () => {
    const status = statusFile();
    setTimeout(() => writeFileSync(status, 'ok'), 300);
    const started = Date.now();
    await compiledPackage({ SAAS_COMPILE_STATUS: status }, checkout(true));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  test('fail, saying so, when the compile failed', async () => {
    const status = statusFile();
    writeFileSync(status, 'exit 1');
    await expect(compiledPackage({ SAAS_COMPILE_STATUS: status }, checkout(true))).rejects.toThrow("npm test's compile step failed (exit 1), so the compiled package cannot be tested");
  });

  test('run alone, check lib/ against src/ at once', async () => {
    await expect(compiledPackage({}, checkout(true))).resolves.toBeUndefined();
    await expect(compiledPackage({}, checkout(false))).rejects.toThrow('lib/ is missing or older than src/: run `npx projen compile` (npm test does) before this test');
  });

  test('jest runs them last (test/support/sequencer.js), found by their call', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('../../package.json').jest.testSequencer).toEqual('<rootDir>/test/support/sequencer.js');
    const files = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
    const marked = files('test').filter((f) => sequencer.needsCompiledPackage(join(root, f))).sort();
    expect(marked).toEqual([
      'test/constructs/azure/peers.test.ts',
      'test/constructs/azure/service-principal.test.ts',
      'test/constructs/gcp/peers.test.ts',
      'test/entry-points.test.ts',
      'test/package.test.ts',
    ]);
    // Every test file that reads lib/ or packs the package is one of them.
    for (const f of files('test').filter((file) => !file.startsWith('test/support/'))) {
      const text = readFileSync(join(root, f), 'utf8');
      if (/support\/peers'|'npm', \['pack'|saas-backup-constructs\/azure'\);|lib', 'index/.test(text)) expect(marked).toContain(f);
    }
  });
});

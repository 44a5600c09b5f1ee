/**
 * Tests that run the compiled package (lib/, .jsii, the tarball) call `needsCompiledPackage()`.
 * `npm test` compiles before jest runs (projen's test task); run alone (`npx jest ...`), these tests
 * fail at once, saying so, when lib/ is missing or older than src/.
 */
import { existsSync, statSync } from 'fs';
import { join } from 'path';

const repository = join(__dirname, '..', '..');

/** Fails fast when lib/ is missing or older than src/ (the tests read the compiled package). */
export function assertCompiled(root = repository): void {
  const entry = join(root, 'lib', 'index.js');
  if (!existsSync(entry) || statSync(entry).mtimeMs < statSync(join(root, 'src', 'index.ts')).mtimeMs) {
    throw new Error('lib/ is missing or older than src/: run `npx projen compile` (npm test does) before this test');
  }
}

/** Declares that the calling test file runs the compiled package (see the top of this file). */
export function needsCompiledPackage(): void {
  beforeAll(() => assertCompiled());
}

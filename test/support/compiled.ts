/**
 * Tests that run the compiled package (lib/, .jsii, the tarball) call `needsCompiledPackage()`.
 *
 * `npm test` compiles beside jest (scripts/test-parallel.js): it sets SAAS_COMPILE_STATUS to a file it
 * writes when the compile ends ("ok" or "failed"), and jest runs these tests last
 * (test/support/sequencer.js, which finds them by the name of this function), so they rarely wait.
 * Run alone (`npx jest ...`), they expect a compiled lib/ that is not older than src/.
 */
import { existsSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

const repository = join(__dirname, '..', '..');
const POLL_MS = 100;
const LONGEST_COMPILE_MS = 15 * 60_000;

/** Fails fast when lib/ is missing or older than src/ (the tests read the compiled package). */
export function assertCompiled(root = repository): void {
  const entry = join(root, 'lib', 'index.js');
  if (!existsSync(entry) || statSync(entry).mtimeMs < statSync(join(root, 'src', 'index.ts')).mtimeMs) {
    throw new Error('lib/ is missing or older than src/: run `npx projen compile` (npm test does) before this test');
  }
}

/** Waits for npm test's compile step when one runs beside jest, then checks lib/. */
export async function compiledPackage(env: NodeJS.ProcessEnv = process.env, root = repository): Promise<void> {
  const status = env.SAAS_COMPILE_STATUS;
  if (status) {
    const deadline = Date.now() + LONGEST_COMPILE_MS;
    while (!existsSync(status)) {
      if (Date.now() > deadline) throw new Error(`npm test's compile step did not end within ${LONGEST_COMPILE_MS / 60_000} minutes`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const result = readFileSync(status, 'utf8').trim();
    if (result !== 'ok') throw new Error(`npm test's compile step failed (${result}), so the compiled package cannot be tested: see the compile output above`);
  }
  assertCompiled(root);
}

/** Declares that the calling test file runs the compiled package (see the top of this file). */
export function needsCompiledPackage(): void {
  beforeAll(() => compiledPackage(), LONGEST_COMPILE_MS + 60_000);
}

/**
 * Runs a script against the compiled package (lib/, built by `npm test`'s compile step) in a child
 * Node process where the named packages cannot be resolved, as if they were not installed
 * (test/fixtures/peers/hide-modules.js). Returns the error message the script printed, or 'ok'.
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

export const root = join(__dirname, '..', '..');
const preload = join(root, 'test', 'fixtures', 'peers', 'hide-modules.js');

/** The message of the first error `script` throws (CommonJS, or ESM with `esm`), or 'ok'. */
export function runWithout(hidden: readonly string[], script: string, esm = false): string {
  // ESM scripts may use top-level await (e.g. `await import('saas-backup-constructs')`).
  const wrapped = `try { ${script} ; console.log('ok'); } catch (e) { console.log(e.message); }`;
  const args = ['-r', preload, ...(esm ? ['--input-type=module'] : []), '-e', wrapped];
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, HIDE_MODULES: hidden.join(',') } }).trim();
}

/** The first statement of a source file, without comments. */
export function firstStatement(file: string): string {
  const code = readFileSync(join(root, file), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('//'));
  return code[0] ?? '';
}

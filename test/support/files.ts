import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const repository = join(__dirname, '..', '..');

/** Writes `files` (relative path -> content) under `dir`, making folders as needed; returns `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/**
 * A new folder holding `files`: in the system's temporary folder, or, with `inRepository`, under the
 * repository's git-ignored .tmp/ (where this repository's node_modules, so eslint's plugins and jest, resolve).
 */
export function folderWith(prefix: string, files: Record<string, string>, inRepository = false): string {
  const base = inRepository ? join(repository, '.tmp') : tmpdir();
  mkdirSync(base, { recursive: true });
  return writeFiles(mkdtempSync(join(base, prefix)), files);
}

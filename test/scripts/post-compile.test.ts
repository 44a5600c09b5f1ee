import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const script = join(__dirname, '..', '..', 'scripts', 'post-compile.js');
/** Runs part 2 of the post-compile step (lazyExports) on `file`, in a Node process of its own. */
const lazyExportsArgs = (file: string) => ['-e', `require(${JSON.stringify(script)}).lazyExports(${JSON.stringify(file)})`];

// tsc's CommonJS helpers, as it emits them for `export * from`.
const HELPERS = `"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) { if (k2 === undefined) k2 = k; o[k2] = m[k]; }));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
`;

/** A package: inner/index.js re-exports a.js and b.js (both export Shared); index.js re-exports inner and c.js. */
function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lazy-exports-'));
  mkdirSync(join(dir, 'inner'));
  const module = (name: string, exported: string[]) => `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
(globalThis.loaded ??= []).push(${JSON.stringify(name)});
${exported.map((e) => `class ${e} {}\nexports.${e} = ${e};`).join('\n')}
exports.Shared = ${JSON.stringify(name)};
`;
  writeFileSync(join(dir, 'inner', 'a.js'), module('a', ['Alpha']));
  writeFileSync(join(dir, 'inner', 'b.js'), module('b', ['Beta']));
  writeFileSync(join(dir, 'c.js'), module('c', ['Gamma']));
  writeFileSync(join(dir, 'inner', 'index.js'), `${HELPERS}__exportStar(require("./a"), exports);\n__exportStar(require("./b"), exports);\n`);
  writeFileSync(join(dir, 'index.js'), `${HELPERS}__exportStar(require("./inner"), exports);\n__exportStar(require("./c"), exports);\n`);
  return dir;
}

describe('scripts/post-compile.js, lazyExports: `export *` of the compiled root, loaded on first use', () => {
  const dir = fixture();
  const eager = execFileSync(process.execPath, ['-e', `const m = require(${JSON.stringify(dir)});
    console.log(JSON.stringify({ keys: Object.keys(m), shared: m.Shared }))`], { encoding: 'utf8' });
  execFileSync(process.execPath, lazyExportsArgs(join(dir, 'index.js')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (code: string) => JSON.parse(execFileSync(process.execPath, ['-e', `const m = require(${JSON.stringify(dir)}); ${code}`], { encoding: 'utf8' }));

  test('the same names, in the same order, and the first module that exports a name keeps it, as __exportStar', () => {
    expect(run('console.log(JSON.stringify({ keys: Object.keys(m), shared: m.Shared }))')).toEqual(JSON.parse(eager));
    expect(run('console.log(JSON.stringify(Object.keys(m)))')).toEqual(['Alpha', 'Shared', 'Beta', 'Gamma']);
  });

  test('nothing is loaded by require; an export loads only the module that defines it (through the re-exporting inner entry)', () => {
    expect(run('console.log(JSON.stringify(globalThis.loaded ?? []))')).toEqual([]);
    expect(run('m.Beta; console.log(JSON.stringify(globalThis.loaded))')).toEqual(['b']);
    expect(run('m.Gamma; m.Gamma; console.log(JSON.stringify(globalThis.loaded))')).toEqual(['c']);
  });

  test('the same objects as the modules, behind enumerable, non-configurable getters', () => {
    expect(run(`const d = Object.getOwnPropertyDescriptor(m, 'Alpha');
      console.log(JSON.stringify({ same: m.Alpha === require(${JSON.stringify(join(dir, 'inner', 'a.js'))}).Alpha,
        getter: typeof d.get === 'function', enumerable: d.enumerable, configurable: d.configurable }))`))
      .toEqual({ same: true, getter: true, enumerable: true, configurable: false });
  });

  test('the inner entry is left as tsc made it (eager), and running the script again changes nothing', () => {
    expect(readFileSync(join(dir, 'inner', 'index.js'), 'utf8')).toContain('__exportStar(require("./a"), exports);');
    const once = readFileSync(join(dir, 'index.js'), 'utf8');
    execFileSync(process.execPath, lazyExportsArgs(join(dir, 'index.js')));
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).toBe(once);
  });

  test('an entry without `export *` is refused (the entry point was changed)', () => {
    const other = mkdtempSync(join(tmpdir(), 'lazy-exports-'));
    writeFileSync(join(other, 'index.js'), '"use strict";\nexports.x = 1;\n');
    const result = spawnSync(process.execPath, lazyExportsArgs(join(other, 'index.js')), { encoding: 'utf8' });
    rmSync(other, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no "export * from" found');
  });
});

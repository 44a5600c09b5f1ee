#!/usr/bin/env node
// @ts-check
/**
 * Rewrites `export * from './x'` in a compiled entry point so each module is loaded on the first
 * access to one of its exports instead of at `require` time, the way aws-cdk-lib's root exposes its
 * modules: a program that uses PaletteBackupLocation from the package root never loads the StackSet,
 * Neon, RudderStack or GitHub modules. An `export *` of a module that itself only re-exports
 * (src/constructs/aws/index.ts) is followed to the modules that define the names, so the getters
 * load only those; that inner entry (the `saas-backup-constructs/aws` subpath) is left as tsc made
 * it, eager, so Node's ESM import of it still finds every name (cjs-module-lexer reads
 * `__exportStar`, not getters).
 *
 * Every name stays an enumerable, non-configurable getter on `exports`, as tsc's `__exportStar`
 * makes it, returning the same object (so `Object.keys`, jsii's kernel, `instanceof` and
 * lib/index.mjs see the same exports), and the first module that exports a name keeps it, as there.
 * Each module's names are read here, at build time, by loading it.
 *
 * Usage: node scripts/lazy-exports.js lib/index.js
 */
'use strict';
const fs = require('fs');
const path = require('path');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: lazy-exports.js <compiled entry .js>...');
  process.exit(2);
}

// tsc emits: __exportStar(require("./constructs/aws"), exports);
const EXPORT_STAR = /^__exportStar\(require\("(\.[^"]+)"\), exports\);$/gm;
const MARKER = '// lazy-exports:';

/** The modules (resolved files) behind `specifier` (relative to `dir`) and the names each provides, in __exportStar's order. */
function sources(dir, specifier) {
  const target = require.resolve(path.resolve(dir, specifier));
  const names = Object.keys(require(target)).filter((k) => k !== 'default' && k !== '__esModule');
  const js = fs.readFileSync(target, 'utf8');
  const stars = [...js.matchAll(EXPORT_STAR)];
  // A module that defines names of its own (or has no stars) is loaded as it is.
  const own = /^exports\.[A-Za-z_$][\w$]* = |^Object\.defineProperty\(exports, "(?!__esModule)/m.test(js);
  if (stars.length === 0 || own) return [{ target, names }];
  const inner = stars.flatMap((m) => sources(path.dirname(target), m[1]));
  const covered = new Set(inner.flatMap((s) => s.names));
  const missing = names.filter((k) => !covered.has(k));
  if (missing.length > 0) throw new Error(`lazy-exports: ${target} exports ${missing.join(', ')} that none of its "export *" modules does`);
  return inner;
}

for (const file of files) {
  let js = fs.readFileSync(file, 'utf8');
  if (js.includes(MARKER)) continue; // already lazy (idempotent)
  if (!EXPORT_STAR.test(js)) {
    console.error(`lazy-exports: no "export * from" found in ${file}; was the entry point changed?`);
    process.exit(1);
  }
  const taken = new Set();
  let n = 0;
  js = js.replace(EXPORT_STAR, (line, specifier) => {
    const out = [`${MARKER} ${line}`];
    for (const source of sources(path.dirname(file), specifier)) {
      const v = `__lazy${n++}`;
      const relative = path.relative(path.dirname(file), source.target).split(path.sep).join('/').replace(/(\/index)?\.js$/, '');
      const req = `require(${JSON.stringify(relative.startsWith('.') ? relative : `./${relative}`)})`;
      out.push(`var ${v};`);
      for (const k of source.names.filter((name) => !taken.has(name))) {
        taken.add(k);
        out.push(`Object.defineProperty(exports, ${JSON.stringify(k)}, { enumerable: true, get: function () { return (${v} ??= ${req})[${JSON.stringify(k)}]; } });`);
      }
    }
    return out.join('\n');
  });
  // __exportStar skips a name the entry already defined; tsc hoists such definitions before the
  // stars only as `exports.X = void 0`, so a clash cannot be resolved here the same way: refuse it.
  const own = [...js.matchAll(/^exports\.([A-Za-z_$][\w$]*) = /gm), ...js.matchAll(/^Object\.defineProperty\(exports, "([^"]+)", \{ enumerable: true, (?:configurable: true, )?get: function \(\) \{ return (?!\(__lazy)/gm)]
    .flatMap((m) => m[0].startsWith('exports.') ? m[0].split(' = ').slice(0, -1).map((s) => s.replace(/^exports\./, '')) : [m[1]]);
  const clash = own.filter((k) => taken.has(k));
  if (clash.length > 0) {
    console.error(`lazy-exports: ${file} defines ${clash.join(', ')} itself and re-exports it from a module; rename one`);
    process.exit(1);
  }
  fs.writeFileSync(file, js);
}

#!/usr/bin/env node
// @ts-check
/**
 * The post-compile step: what the package needs after jsii has compiled src/ into lib/, in one place
 * (the last step of `npx projen compile`, so every compile, `npm test` and `npm run synth` get it).
 * Each part is idempotent and fails when tsc's output is not the shape it expects, so a TypeScript
 * or jsii upgrade cannot silently undo it.
 *
 *  1. lazySubmodules: `export * as gcp/azure` in lib/index.js load their submodule on first access,
 *     as aws-cdk-lib's root exposes its service modules (jsii needs the `export * as` form to see
 *     submodules); users of the AWS constructs never load cdktf or a Terraform provider.
 *  2. lazyExports: each `export * from './x'` of lib/index.js loads its module on the first access
 *     to one of its names (a Palette-only app never loads the StackSet, Neon, RudderStack or GitHub
 *     modules). An `export *` of a module that only re-exports (src/constructs/aws/index.ts) is
 *     followed to the modules that define the names; that inner entry (the `/aws` subpath) stays
 *     eager, so Node's ESM import of it still finds every name (cjs-module-lexer reads
 *     `__exportStar`, not getters). Every name stays an enumerable, non-configurable getter returning
 *     the same object, and the first module that exports a name keeps it, as with `__exportStar`.
 *  3. esmEntry: lib/index.mjs, the `import` condition of the root: it `require`s lib/index.js (one
 *     module instance, no dual-package hazard), re-exports its names one by one (Node cannot detect
 *     the getters of 1 and 2) and exposes gcp/azure as namespace proxies that load on first use. It
 *     never `import`s lib/index.js: Node 24 reads every detected export of an imported CommonJS
 *     module, and reading `gcp` loads cdktf.
 *  4. optionalPeerTypes: in the declarations under lib/, each `import ... from '<optional peer>'`
 *     line gets `// @ts-ignore`. The root re-exports the submodules, so every program that imports
 *     the root includes their declarations, and an AWS-only project with `skipLibCheck: false` would
 *     get TS2307 "Cannot find module 'cdktf'"; with the directive, an uninstalled peer types as `any`
 *     (never touched there) and projects with cdktf get the real types. An optional peer named in
 *     any other form (an inline `import("cdktf")` type, a `/// <reference types>`) fails the step.
 *
 * Usage: node scripts/post-compile.js [lib]
 * Tested through the compiled package (test/entry-points.test.ts, test/constructs/{gcp,azure}/peers.test.ts,
 * the consumer matrix) and, for 2, on a fixture (test/scripts/post-compile.test.ts).
 */
'use strict';
const fs = require('fs');
const path = require('path');

/** The submodules the root loads lazily (1, 3). */
const LAZY_SUBMODULES = ['gcp', 'azure'];

/** 1. @param {string} file @param {string[]} names */
function lazySubmodules(file, names) {
  let js = fs.readFileSync(file, 'utf8');
  for (const name of names) {
    // tsc emits: exports.gcp = __importStar(require("./constructs/gcp"));
    const eager = new RegExp(`^exports\\.${name} = (__importStar\\(require\\("([^"]+)"\\)\\));$`, 'm');
    const lazyMarker = `Object.defineProperty(exports, "${name}", {`;
    if (js.includes(lazyMarker)) continue;
    const match = eager.exec(js);
    if (!match) throw new Error(`lazySubmodules: no eager export of "${name}" found in ${file}; was the entry point changed?`);
    js = js.replace(eager, `${lazyMarker} enumerable: true, configurable: true, get: function () { return ${match[1]}; } });`);
  }
  fs.writeFileSync(file, js);
}

// tsc emits: __exportStar(require("./constructs/aws"), exports);
const EXPORT_STAR = /^__exportStar\(require\("(\.[^"]+)"\), exports\);$/gm;
const LAZY_MARKER = '// lazy-exports:';

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
  if (missing.length > 0) throw new Error(`lazyExports: ${target} exports ${missing.join(', ')} that none of its "export *" modules does`);
  return inner;
}

/** 2. @param {string} file */
function lazyExports(file) {
  let js = fs.readFileSync(file, 'utf8');
  if (js.includes(LAZY_MARKER)) return;
  if (!EXPORT_STAR.test(js)) throw new Error(`lazyExports: no "export * from" found in ${file}; was the entry point changed?`);
  const taken = new Set();
  let n = 0;
  js = js.replace(EXPORT_STAR, (line, specifier) => {
    const out = [`${LAZY_MARKER} ${line}`];
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
  if (clash.length > 0) throw new Error(`lazyExports: ${file} defines ${clash.join(', ')} itself and re-exports it from a module; rename one`);
  fs.writeFileSync(file, js);
}

/** 3. @param {string} entry @param {string[]} names */
function esmEntry(entry, names) {
  const base = `./${path.basename(entry)}`;
  // Object.keys reads no getter: the lazy submodules are listed, not loaded.
  const eager = Object.keys(require(path.resolve(entry))).filter((k) => !names.includes(k) && k !== 'default');
  const invalid = eager.filter((k) => !/^[A-Za-z_$][\w$]*$/.test(k));
  if (invalid.length > 0) throw new Error(`esmEntry: exports that are not identifiers: ${invalid.join(', ')}`);
  const mjs = `// Generated by scripts/post-compile.js: the ES module face of ${base} (the same module instance).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cjs = require('${base}');

/** A namespace object that loads the CommonJS submodule on first use, like ${base}'s getters. */
function lazyNamespace(name) {
  const load = () => cjs[name];
  return new Proxy(Object.create(null), {
    get: (_, key) => (key === Symbol.toStringTag ? 'Module' : load()[key]),
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d && { value: load()[key], writable: false, enumerable: d.enumerable, configurable: true };
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}

export const {
${eager.map((k) => `  ${k},`).join('\n')}
} = cjs;
${names.map((n) => `export const ${n} = lazyNamespace('${n}');`).join('\n')}
export default cjs;
`;
  fs.writeFileSync(path.join(path.dirname(entry), 'index.mjs'), mjs);
}

const PEER_DIRECTIVE = '// @ts-ignore optional peer dependency: any when not installed (scripts/post-compile.js)';

/** 4. @param {string} dir @returns {number} the imports marked */
function optionalPeerTypes(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  const meta = manifest.peerDependenciesMeta ?? {};
  const optional = Object.keys(meta).filter((p) => meta[p].optional);
  const isOptionalPeer = (/** @type {string} */ spec) => optional.some((p) => spec === p || spec.startsWith(`${p}/`));
  /** @param {string} d @returns {string[]} */
  const declarations = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? declarations(path.join(d, e.name)) : e.name.endsWith('.d.ts') ? [path.join(d, e.name)] : []);
  let marked = 0;
  const problems = [];
  for (const file of declarations(dir)) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const out = [];
    lines.forEach((line, i) => {
      const from = /^(?:import|export)\b.*\bfrom ['"]([^'"]+)['"];?$/.exec(line);
      if (from && isOptionalPeer(from[1])) {
        if (lines[i - 1] !== PEER_DIRECTIVE) {
          out.push(PEER_DIRECTIVE);
          marked++;
        }
      } else if (optional.some((p) => line.includes(`'${p}`) || line.includes(`"${p}`))) {
        problems.push(`${file}:${i + 1}: ${line.trim()}`);
      }
      out.push(line);
    });
    fs.writeFileSync(file, out.join('\n'));
  }
  if (problems.length > 0) throw new Error(`optionalPeerTypes: optional peers referenced in a form this step cannot mark:\n  ${problems.join('\n  ')}`);
  return marked;
}

/** All four, on a compiled `lib` folder. @param {string} lib */
function postCompile(lib) {
  const entry = path.join(lib, 'index.js');
  lazySubmodules(entry, LAZY_SUBMODULES);
  lazyExports(entry);
  esmEntry(entry, LAZY_SUBMODULES);
  const marked = optionalPeerTypes(lib);
  console.log(`post-compile: ${entry} lazy (${LAZY_SUBMODULES.join(', ')} and every export *), ${path.join(lib, 'index.mjs')} written, ${marked} optional-peer import(s) marked`);
}

module.exports = { lazySubmodules, lazyExports, esmEntry, optionalPeerTypes, postCompile };

if (require.main === module) {
  try {
    postCompile(process.argv[2] ?? 'lib');
  } catch (e) {
    console.error(`post-compile: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}

#!/usr/bin/env node
// @ts-check
/**
 * Makes the compiled declarations of the gcp and azure submodules safe for projects that do not
 * install their optional peers (cdktf, @cdktf/provider-*): each `import ... from '<optional peer>'`
 * line in lib/constructs/{gcp,azure}/**\/*.d.ts gets a `// @ts-ignore` directive.
 *
 * Why: the package root re-exports the submodules (`export * as gcp from './constructs/gcp'`, which
 * jsii needs to see them, for Python and API.md), so TypeScript includes their declarations in every
 * program that imports the root, and with `skipLibCheck: false` an AWS-only project gets TS2307
 * "Cannot find module 'cdktf'". Import types (`typeof import('./constructs/gcp')`) do not help: tsc
 * resolves them when it builds the program, used or not (measured with tsc 5.9 and 6.0). With the
 * directive, an unresolved peer types as `any` for AWS-only projects (which never touch those
 * members), and projects that install cdktf get the real types: the directive only silences an error
 * that does not occur for them.
 *
 * The script fails when an optional peer is named anywhere else (an inline `import("cdktf")` type,
 * a multi-line import, a `/// <reference types>`), so a change in tsc's output cannot silently
 * bring the errors back. Idempotent.
 *
 * Usage: node scripts/optional-peer-types.js lib/constructs/gcp lib/constructs/azure
 */
'use strict';
const fs = require('fs');
const path = require('path');

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: optional-peer-types.js <declaration folder>...');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
const optional = Object.keys(manifest.peerDependenciesMeta ?? {}).filter((p) => manifest.peerDependenciesMeta[p].optional);
const isOptionalPeer = (/** @type {string} */ spec) => optional.some((p) => spec === p || spec.startsWith(`${p}/`));
const DIRECTIVE = '// @ts-ignore optional peer dependency: any when not installed (scripts/optional-peer-types.js)';

/** @param {string} dir @returns {string[]} */
const declarations = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? declarations(path.join(dir, e.name)) : e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []);

let marked = 0;
const problems = [];
for (const file of dirs.flatMap(declarations)) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out = [];
  lines.forEach((line, i) => {
    const from = /^(?:import|export)\b.*\bfrom ['"]([^'"]+)['"];?$/.exec(line);
    if (from && isOptionalPeer(from[1])) {
      if (lines[i - 1] !== DIRECTIVE) {
        out.push(DIRECTIVE);
        marked++;
      }
    } else if (optional.some((p) => line.includes(`'${p}`) || line.includes(`"${p}`))) {
      problems.push(`${file}:${i + 1}: ${line.trim()}`);
    }
    out.push(line);
  });
  fs.writeFileSync(file, out.join('\n'));
}
if (problems.length > 0) {
  console.error(`optional-peer-types: optional peers referenced in a form this script cannot mark:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`optional-peer-types: marked ${marked} import(s) of ${optional.join(', ')}`);

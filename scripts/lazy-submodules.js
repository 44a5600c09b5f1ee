#!/usr/bin/env node
// @ts-check
/**
 * Rewrites `export * as NAME from './constructs/NAME'` in a compiled entry point so the
 * submodule is loaded on first access instead of at `require` time, the way aws-cdk-lib's
 * entry exposes its service modules. jsii needs the `export * as` form to see submodules;
 * users of the AWS constructs then never load cdktf or a Terraform provider.
 *
 * Usage: node scripts/lazy-submodules.js lib/index.js gcp azure
 */
'use strict';
const fs = require('fs');

const [file, ...names] = process.argv.slice(2);
if (!file || names.length === 0) {
  console.error('usage: lazy-submodules.js <compiled entry .js> <submodule name>...');
  process.exit(2);
}

let js = fs.readFileSync(file, 'utf8');
for (const name of names) {
  // tsc emits: exports.gcp = __importStar(require("./constructs/gcp"));
  const eager = new RegExp(`^exports\\.${name} = (__importStar\\(require\\("([^"]+)"\\)\\));$`, 'm');
  const lazyMarker = `Object.defineProperty(exports, "${name}", {`;
  if (js.includes(lazyMarker)) continue; // already lazy (idempotent)
  const match = eager.exec(js);
  if (!match) {
    console.error(`lazy-submodules: no eager export of "${name}" found in ${file}; was the entry point changed?`);
    process.exit(1);
  }
  const lazy = `${lazyMarker} enumerable: true, configurable: true, get: function () { return ${match[1]}; } });`;
  js = js.replace(eager, lazy);
}
fs.writeFileSync(file, js);

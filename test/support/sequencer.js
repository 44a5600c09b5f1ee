// @ts-check
'use strict';
/**
 * jest's test order (config `testSequencer`), with the test files that run the compiled package
 * (they call `needsCompiledPackage()`, test/support/compiled.ts) moved after all the others, in
 * jest's own order otherwise (failed first, then longest first). `npm test` compiles beside jest;
 * these files run once it is done.
 */
const { readFileSync } = require('fs');
const Sequencer = require('@jest/test-sequencer').default;

const MARK = 'needsCompiledPackage()';

/** @param {string} file */
const needsCompiledPackage = (file) => readFileSync(file, 'utf8').includes(MARK);

class CompiledPackageLastSequencer extends Sequencer {
  /** @param {import('@jest/test-result').Test[]} tests */
  async sort(tests) {
    const ordered = await super.sort(tests);
    return [...ordered.filter((t) => !needsCompiledPackage(t.path)), ...ordered.filter((t) => needsCompiledPackage(t.path))];
  }
}

module.exports = CompiledPackageLastSequencer;
module.exports.default = CompiledPackageLastSequencer;
module.exports.needsCompiledPackage = needsCompiledPackage;

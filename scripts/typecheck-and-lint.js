#!/usr/bin/env node
// @ts-check
/**
 * Type-checks and lints the repository's TypeScript over ONE TypeScript program.
 *
 * `tsc --noEmit -p tsconfig.dev.json` and eslint's type-aware rules (no-floating-promises,
 * return-await) each need the type information of tsconfig.dev.json: src/, test/, examples/,
 * benchmarks/, scripts/, .projenrc.ts and every declaration they import (aws-cdk-lib, cdktf, the
 * providers). Built twice, that program is most of the cost of both (about 10 s of CPU each on a
 * fresh clone). Here it is built once, incrementally (the build info is in
 * node_modules/.cache/saas-backup-constructs/), and handed to typescript-eslint
 * (`parserOptions.programs`), which then creates none of its own.
 *
 *   1. TypeScript: the program's syntactic, options, global and semantic diagnostics, as tsc
 *      prints them; any error fails the run.
 *   2. eslint (.eslintrc.json, eslint's legacy configuration as projen writes it), without --fix,
 *      with a content-keyed cache, on `--ext .ts` of the same folders as before; any error fails
 *      the run, warnings are printed.
 *
 * `npm test` runs it through scripts/cached.js (skipped when nothing it reads changed; never in CI).
 */
'use strict';
const path = require('path');
const fs = require('fs');

const REPOSITORY = path.resolve(__dirname, '..');
/** What eslint lints (as `eslint --ext .ts <these>` did). */
const LINTED = ['src', 'test', 'examples', 'benchmarks', 'scripts', '.projenrc.ts'];

/** The incremental program of `root`/tsconfig.dev.json, and its diagnostics. */
function typeCheck(ts, root, cacheDir) {
  const configFile = path.join(root, 'tsconfig.dev.json');
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } };
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, { noEmit: true, incremental: true, tsBuildInfoFile: path.join(cacheDir, 'tsconfig.dev.tsbuildinfo') }, host);
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  const builder = ts.createIncrementalProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  const diagnostics = [
    ...parsed.errors,
    ...builder.getConfigFileParsingDiagnostics(),
    ...builder.getOptionsDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getSemanticDiagnostics(),
  ];
  // With noEmit, emit writes only the build info (what the next run may skip).
  builder.emit();
  return { program: builder.getProgram(), diagnostics };
}

/**
 * Type-checks and lints `root` (tsconfig.dev.json, .eslintrc.json); resolves to the exit code,
 * 0 when there is no error. The build info and eslint cache go to `cacheDir`.
 */
async function typecheckAndLint({ root = REPOSITORY, linted = LINTED, cacheDir = path.join(REPOSITORY, 'node_modules', '.cache', 'saas-backup-constructs') } = {}) {
  fs.mkdirSync(cacheDir, { recursive: true });
  const ts = require('typescript');
  const started = Date.now();
  const { program, diagnostics } = typeCheck(ts, root, cacheDir);
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
    process.stdout.write(process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host) : ts.formatDiagnostics(diagnostics, host));
  }
  console.log(`tsc: ${program.getRootFileNames().length} files, ${errors.length} errors (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  const { LegacyESLint } = require('eslint/use-at-your-own-risk');
  const eslint = new LegacyESLint({
    cwd: root,
    extensions: ['.ts'],
    errorOnUnmatchedPattern: false,
    cache: true,
    cacheStrategy: 'content',
    cacheLocation: path.join(cacheDir, 'eslintcache'),
    // The program above instead of the one typescript-eslint would build from `project`.
    overrideConfig: { parserOptions: { project: null, programs: [program] } },
  });
  const lintStarted = Date.now();
  const results = await eslint.lintFiles(linted);
  const formatter = await eslint.loadFormatter('stylish');
  const text = await formatter.format(results);
  if (text) process.stdout.write(text);
  const lintErrors = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
  console.log(`eslint: ${results.length} files, ${lintErrors} errors (${((Date.now() - lintStarted) / 1000).toFixed(1)} s)`);

  return errors.length > 0 || lintErrors > 0 ? 1 : 0;
}

module.exports = { typecheckAndLint, LINTED };

if (require.main === module) {
  typecheckAndLint().then((code) => { process.exitCode = code; }, (e) => {
    console.error(e);
    process.exitCode = 1;
  });
}

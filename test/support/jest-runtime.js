// @ts-check
'use strict';
/**
 * jest's module runtime (jest config `runtime`), with V8's code cache for the modules it compiles.
 *
 * jest runs every test file in a fresh module registry, so every file compiles aws-cdk-lib,
 * cdktf, the providers and jest's own expect/circus again. Each worker keeps, per file name, the
 * exact source it compiled and the data V8 produced for it, and hands that data to V8 when the
 * same file is compiled again with the SAME source (string equality); any other source is compiled
 * afresh and replaces the entry. V8 checks the data itself too (it rejects data made for another
 * source or V8 version). Nothing is written to disk; nothing outlives the worker.
 *
 * Everything else is jest's: its compile step is wrapped, with the same `compileFunction` call,
 * parameters, parsing context and dynamic import, plus `cachedData`/`produceCachedData`. If a
 * jest version changes that step, this falls back to jest's own (see test/support/jest-runtime.test.ts).
 */
const { compileFunction } = require('vm');
const Runtime = require('jest-runtime').default;

/** @type {Map<string, { source: string, data: Buffer }>} */
const codeCache = new Map();

/**
 * Wraps `executor.compile(source, filename)` (jest-runtime's ModuleExecutor) with the code cache.
 * Returns false, changing nothing, when the executor does not have the shape this relies on.
 */
function withCodeCache(executor, cache = codeCache) {
  if (!executor || typeof executor.compile !== 'function' || !Array.isArray(executor.injectedModuleParameters)
    || !executor.environment || typeof executor.environment.getVmContext !== 'function') {
    return false;
  }
  const jestCompile = executor.compile.bind(executor);
  executor.compile = (source, filename) => {
    const vmContext = executor.environment.getVmContext();
    if (vmContext == null || typeof source !== 'string' || executor.resolution?.isCoreModule?.(filename) !== false) {
      return jestCompile(source, filename);
    }
    const cached = cache.get(filename);
    const reuse = cached !== undefined && cached.source === source;
    let fn;
    try {
      fn = compileFunction(source, executor.injectedModuleParameters, {
        filename,
        importModuleDynamically: async (specifier, _fn, importAttributes, ...rest) =>
          executor.dynamicImport(specifier, filename, vmContext, importAttributes, rest[0]),
        parsingContext: vmContext,
        cachedData: reuse ? cached.data : undefined,
        produceCachedData: !reuse,
      });
    } catch {
      // A syntax error and the like: jest's own step reports it its way.
      return jestCompile(source, filename);
    }
    if (!reuse && fn.cachedData) cache.set(filename, { source, data: fn.cachedData });
    return fn;
  };
  return true;
}

class CodeCachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    withCodeCache(this.executor);
  }
}

module.exports = CodeCachingRuntime;
module.exports.default = CodeCachingRuntime;
module.exports.withCodeCache = withCodeCache;

import { createContext } from 'vm';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { withCodeCache } = require('./jest-runtime.js');

interface Compiled { (...args: unknown[]): unknown; cachedDataRejected?: boolean }

function fakeExecutor() {
  const context = createContext({});
  const calls: string[] = [];
  const executor = {
    injectedModuleParameters: ['module', 'exports'],
    environment: { getVmContext: () => context },
    resolution: { isCoreModule: (name: string) => name === 'fs' },
    dynamicImport: async () => ({}),
    compile: (source: string, filename: string): Compiled => {
      calls.push(filename);
      return () => `jest compiled ${source}`;
    },
  };
  return { executor, calls };
}

const run = (fn: Compiled) => {
  const module = { exports: {} as { value?: unknown } };
  fn(module, module.exports);
  return module.exports.value;
};

describe('test/support/jest-runtime.js: the code cache of jest\'s module compile step', () => {
  test('is the runtime of this suite', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('../../package.json').jest.runtime).toEqual('<rootDir>/test/support/jest-runtime.js');
  });

  test('the same source again: compiled from V8\'s cached data, same behaviour', () => {
    const { executor } = fakeExecutor();
    const cache = new Map<string, { source: string; data: Buffer }>();
    expect(withCodeCache(executor, cache)).toBe(true);
    const first: Compiled = executor.compile('module.exports.value = 1 + 1;', '/x/a.js');
    expect(cache.get('/x/a.js')?.data.length).toBeGreaterThan(0);
    const second: Compiled = executor.compile('module.exports.value = 1 + 1;', '/x/a.js');
    expect(second.cachedDataRejected).toBe(false);
    expect([run(first), run(second)]).toEqual([2, 2]);
  });

  test('a changed source is compiled afresh, never served from the entry of the old one', () => {
    const { executor } = fakeExecutor();
    const cache = new Map<string, { source: string; data: Buffer }>();
    withCodeCache(executor, cache);
    executor.compile('module.exports.value = "old";', '/x/a.js');
    const changed: Compiled = executor.compile('module.exports.value = "new";', '/x/a.js');
    expect(run(changed)).toEqual('new');
    expect(cache.get('/x/a.js')?.source).toEqual('module.exports.value = "new";');
  });

  test('core modules and syntax errors go to jest\'s own step', () => {
    const { executor, calls } = fakeExecutor();
    withCodeCache(executor, new Map());
    executor.compile('module.exports.value = 1;', 'fs');
    executor.compile('this is not javascript', '/x/broken.js');
    expect(calls).toEqual(['fs', '/x/broken.js']);
  });

  test('an executor of another shape (another jest version) is left as it is', () => {
    const compile = () => undefined;
    const executor = { compile };
    expect(withCodeCache(executor, new Map())).toBe(false);
    expect(executor.compile).toBe(compile);
    expect(withCodeCache(undefined, new Map())).toBe(false);
  });
});

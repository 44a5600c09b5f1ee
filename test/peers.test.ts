import { checkOptionalPeers, peerInstallSpec } from '../src/peers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require('../package.json') as { peerDependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional: boolean }> };

const installed = (id: string) => id;
const without = (...missing: string[]) => (id: string) => {
  if (missing.includes(id)) throw new Error(`Cannot find module '${id}'`);
  return id;
};

describe('peerInstallSpec', () => {
  test.each(Object.keys(manifest.peerDependenciesMeta))('%s: the range package.json declares', (peer) => {
    expect(peerInstallSpec(peer)).toEqual(`${peer}@${manifest.peerDependencies[peer]}`);
  });

  test('a range with spaces is quoted for the shell', () => {
    // every optional peer range is one token today; the quoting is what keeps a future ">=1 <2" pasteable
    expect(Object.values(manifest.peerDependencies).filter((r) => r.includes(' '))).toEqual([]);
  });

  test('not a peer: an error, not a guess', () => {
    expect(() => peerInstallSpec('left-pad')).toThrow('left-pad is not a peer dependency of saas-backup-constructs');
  });
});

describe('checkOptionalPeers', () => {
  test('all installed: nothing happens', () => {
    expect(() => checkOptionalPeers('gcp', ['cdktf', '@cdktf/provider-google'], installed)).not.toThrow();
  });

  test.each([
    [['@cdktf/provider-google'], 'saas-backup-constructs/gcp needs @cdktf/provider-google (optional peer dependency of saas-backup-constructs, not installed): '
      + `npm install @cdktf/provider-google@${manifest.peerDependencies['@cdktf/provider-google']}. The AWS constructs (the package root and /aws) do not need them.`],
    [['cdktf', '@cdktf/provider-google'], 'saas-backup-constructs/gcp needs cdktf and @cdktf/provider-google (optional peer dependencies of saas-backup-constructs, not installed): '
      + `npm install cdktf@${manifest.peerDependencies.cdktf} @cdktf/provider-google@${manifest.peerDependencies['@cdktf/provider-google']}. `
      + 'The AWS constructs (the package root and /aws) do not need them.'],
  ])('missing %j: one error naming each package and its version', (missing, message) => {
    expect(() => checkOptionalPeers('gcp', ['cdktf', '@cdktf/provider-google'], without(...missing))).toThrow(message);
  });

  test('resolves with require.resolve by default (the real packages are dev dependencies here)', () => {
    expect(() => checkOptionalPeers('azure', ['cdktf', '@cdktf/provider-azurerm', '@cdktf/provider-azuread'])).not.toThrow();
  });
});

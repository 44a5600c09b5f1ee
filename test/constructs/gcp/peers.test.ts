/**
 * The gcp entry point checks its optional peers first: a project without them gets the package
 * and version to install, from every way of reaching the submodule (subpath, the root's lazy
 * namespace, ESM), instead of a raw "Cannot find module" from a deep provider path.
 */
import { needsCompiledPackage } from '../../support/compiled';
import { firstStatement, runWithout } from '../../support/peers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const peers = (require('../../../package.json') as { peerDependencies: Record<string, string> }).peerDependencies;

const tail = 'The AWS constructs (the package root and /aws) do not need them.';
const one = (p: string) => `saas-backup-constructs/gcp needs ${p} (optional peer dependency of saas-backup-constructs, not installed): `
  + `npm install ${p}@${peers[p]}. ${tail}`;

needsCompiledPackage();

test('the entry point checks the peers before it imports anything else', () => {
  expect(firstStatement('src/constructs/gcp/index.ts')).toEqual("import './peers';");
});

describe.each([
  ['subpath', "require('saas-backup-constructs/gcp')", false],
  ['root namespace', "require('saas-backup-constructs').gcp.BackupBucket", false],
  ['ESM named import', "const { gcp } = await import('saas-backup-constructs'); gcp.BackupBucket", true],
  ['ESM subpath', "await import('saas-backup-constructs/gcp')", true],
] as const)('%s', (_, script, esm) => {
  test.each(['@cdktf/provider-google', 'cdktf'])('without %s: names it and its version', (missing) => {
    expect(runWithout([missing], script, esm)).toEqual(one(missing));
  });

  test('without both: one message naming both', () => {
    expect(runWithout(['cdktf', '@cdktf/provider-google'], script, esm)).toEqual(
      'saas-backup-constructs/gcp needs cdktf and @cdktf/provider-google (optional peer dependencies of saas-backup-constructs, not installed): '
      + `npm install cdktf@${peers.cdktf} @cdktf/provider-google@${peers['@cdktf/provider-google']}. ${tail}`);
  });

  test('with both installed: loads', () => {
    expect(runWithout([], script, esm)).toEqual('ok');
  });
});

test('the AWS root does not need them', () => {
  expect(runWithout(['cdktf', '@cdktf/provider-google'], "const lib = require('saas-backup-constructs'); if (typeof lib.PaletteBackupLocation !== 'function') throw new Error('no AWS');")).toEqual('ok');
  expect(runWithout(['cdktf', '@cdktf/provider-google'], "const { PaletteBackupLocation } = await import('saas-backup-constructs'); if (typeof PaletteBackupLocation !== 'function') throw new Error('no AWS');", true)).toEqual('ok');
});

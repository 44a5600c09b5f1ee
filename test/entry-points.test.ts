/**
 * The compiled entry points (lib/, built by `npm test`'s compile step): the AWS entry must not load
 * cdktf or any Terraform provider; the gcp and azure submodules are reachable, lazily, from the
 * root and by subpath. Load time and memory are measured by benchmarks/load.js, not here.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';
import { needsCompiledPackage } from './support/compiled';

const root = join(__dirname, '..');

function loaded(script: string): { cdktf: string[]; keys: string[] } {
  const out = execFileSync(process.execPath, ['-e', `${script}
    const keys = Object.keys(require.cache).map((k) => k.replace(/\\\\/g, '/'));
    console.log(JSON.stringify({ keys, cdktf: keys.filter((k) => /node_modules\\/(cdktf|@cdktf)\\//.test(k)) }));`], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out);
}

needsCompiledPackage();

describe('entry points', () => {
  test('the package root loads no cdktf or provider module, and works for AWS constructs', () => {
    const { cdktf, keys } = loaded(`
      const lib = require('saas-backup-constructs');
      const cdk = require('aws-cdk-lib');
      new lib.PaletteBackupLocation(new cdk.Stack(new cdk.App(), 'S'), 'P', { locationName: 'x', access: lib.PaletteAccess.credentials() });`);
    expect(keys.some((k) => k.endsWith('/lib/constructs/aws/palette/backup-location.js'))).toBe(true);
    expect(cdktf).toEqual([]);
  });

  test('the root loads each AWS module on first use of one of its exports (scripts/post-compile.js), the same objects as the aws subpath', () => {
    const ours = (keys: string[]) => keys.filter((k) => k.includes('/lib/constructs/aws/')).map((k) => k.replace(/.*\/lib\/constructs\/aws\//, ''));
    const rootOnly = ours(loaded("require('saas-backup-constructs');").keys);
    expect(rootOnly).toEqual([]);
    const palette = ours(loaded("const lib = require('saas-backup-constructs'); if (typeof lib.PaletteBackupLocation !== 'function') throw new Error('no class');").keys);
    expect(palette).toEqual(expect.arrayContaining(['palette/backup-location.js', 'external-id-role.js', 'backup-bucket.js']));
    for (const unused of ['index.js', 'palette/stack-set.js', 'palette/minio-backup-location.js', 'neon/postgres-backup.js', 'rudderstack/event-backup.js', 'github/actions-role.js']) {
      expect(palette).not.toContain(unused);
    }
    const same = execFileSync(process.execPath, ['-e', `const root = require('saas-backup-constructs'); const aws = require('saas-backup-constructs/aws');
      const names = Object.keys(aws);
      const descriptors = names.map((k) => Object.getOwnPropertyDescriptor(root, k));
      console.log(JSON.stringify({ names: names.length, same: names.every((k) => root[k] === aws[k]),
        getters: descriptors.every((d) => d !== undefined && typeof d.get === 'function' && d.enumerable && !d.configurable),
        instance: new root.PaletteBackupLocation(new (require('aws-cdk-lib').Stack)(), 'P', { locationName: 'x', access: aws.PaletteAccess.credentials() }) instanceof aws.PaletteBackupLocation }));`],
    { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(same)).toEqual({ names: expect.any(Number), same: true, getters: true, instance: true });
    expect(JSON.parse(same).names).toBeGreaterThan(20);
  });

  test('the gcp and azure submodules are lazy: loaded on first access from the root', () => {
    const { cdktf } = loaded("const lib = require('saas-backup-constructs'); if (typeof lib.gcp.BackupBucket !== 'function') throw new Error('no gcp');");
    expect(cdktf.some((k) => k.includes('/@cdktf/provider-google/lib/storage-bucket/'))).toBe(true);
    expect(cdktf.some((k) => k.includes('/@cdktf/provider-azurerm/'))).toBe(false);
    const exported = execFileSync(process.execPath, ['-e', "console.log(Object.keys(require('saas-backup-constructs')).join(','))"], { cwd: root, encoding: 'utf8' });
    expect(exported.trim().split(',')).toEqual(expect.arrayContaining(['gcp', 'azure', 'PaletteBackupLocation']));
  });

  test('subpath entry points load only their own cloud\'s provider, through deep modules', () => {
    const gcp = loaded("require('saas-backup-constructs/gcp');").cdktf;
    const azure = loaded("require('saas-backup-constructs/azure');").cdktf;
    expect(gcp.some((k) => k.includes('/@cdktf/provider-azurerm/'))).toBe(false);
    expect(azure.some((k) => k.includes('/@cdktf/provider-google/'))).toBe(false);
    for (const [mods, provider] of [[gcp, 'provider-google'], [azure, 'provider-azurerm']] as const) {
      expect(mods.some((k) => k.endsWith(`/@cdktf/${provider}/lib/index.js`))).toBe(false);
      expect(mods.filter((k) => k.includes(`/@cdktf/${provider}/lib/`)).length).toBeLessThan(20);
    }
    expect(loaded("require('saas-backup-constructs/aws');").cdktf).toEqual([]);
  });

  describe('ES modules (lib/index.mjs, the `import` condition)', () => {
    const esm = (script: string) => execFileSync(process.execPath, ['--input-type=module', '-e', `import { createRequire } from 'node:module';
      const require = createRequire(process.cwd() + '/');
      ${script}`], { cwd: root, encoding: 'utf8' }).trim();

    test('named imports of gcp and azure work, and load no cdktf until first use', () => {
      expect(esm(`import { gcp, azure, PaletteBackupLocation } from 'saas-backup-constructs';
        const cdktf = () => Object.keys(require.cache).filter((k) => /node_modules.(cdktf|@cdktf)./.test(k)).length;
        const before = cdktf();
        const used = typeof gcp.BackupBucket + ',' + typeof azure.ResourceGroup;
        console.log([typeof PaletteBackupLocation, before, used, cdktf() > 0].join(' '));`)).toEqual('function 0 function,function true');
    });

    test('the same module instances as require (no dual-package hazard)', () => {
      expect(esm(`import def, { gcp, PaletteBackupLocation } from 'saas-backup-constructs';
        const cjs = require('saas-backup-constructs');
        console.log([def === cjs, PaletteBackupLocation === cjs.PaletteBackupLocation, gcp.BackupBucket === cjs.gcp.BackupBucket].join(' '));`))
        .toEqual('true true true');
    });

    test('every CommonJS export of the root is a named ES export, and the namespaces list their members', () => {
      const out = JSON.parse(esm(`import * as ns from 'saas-backup-constructs';
        const cjs = require('saas-backup-constructs');
        console.log(JSON.stringify({ missing: Object.keys(cjs).filter((k) => !(k in ns)), gcp: Object.keys(ns.gcp).sort(), cjsGcp: Object.keys(cjs.gcp).sort() }));`));
      expect(out.missing).toEqual([]);
      expect(out.gcp).toEqual(out.cjsGcp);
      expect(out.gcp).toEqual(expect.arrayContaining(['BackupBucket', 'PaletteBackupLocation', 'RudderStackEventBackup']));
    });

    test('subpaths import as ES modules with named exports', () => {
      expect(esm(`import { BackupBucket } from 'saas-backup-constructs/gcp';
        import { ResourceGroup } from 'saas-backup-constructs/azure';
        import { PaletteBackupLocation } from 'saas-backup-constructs/aws';
        console.log([BackupBucket, ResourceGroup, PaletteBackupLocation].map((c) => typeof c).join(' '));`)).toEqual('function function function');
    });
  });
});

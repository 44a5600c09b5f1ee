/**
 * What the tarball ships (`npm pack --dry-run --json` in the repository, over the compiled lib/):
 * every file must match the allow-list, every entry point package.json names must be in it, and no
 * shipped file may carry this machine's absolute paths.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { needsCompiledPackage } from './support/compiled';
import { root } from './support/peers';

interface PackedFile { readonly path: string; readonly size: number }
interface PackResult { readonly files: readonly PackedFile[]; readonly size: number; readonly unpackedSize: number }
interface Manifest {
  readonly main: string;
  readonly types: string;
  readonly exports: Record<string, string | Record<string, string>>;
  readonly typesVersions: Record<string, Record<string, string[]>>;
  readonly engines: { readonly node: string };
  readonly keywords: readonly string[];
  readonly stability: string;
}

/** Everything that may ship. A new kind of file fails this test until it is added here on purpose. */
const ALLOWED: readonly RegExp[] = [
  /^package\.json$/, /^README\.md$/, /^LICENSE$/, /^API\.md$/, /^CONTRIBUTING\.md$/, /^CHANGELOG\.md$/, /^\.jsii$/, /^docs\/[a-z-]+\.(png|md)$/,
  /^lib\/.+\.(js|d\.ts)$/, /^lib\/index\.mjs$/,
  // examples/: README links to them and tells users to copy the Neon workflow
  /^examples\/(aws|terraform)\/[a-z-]+\.ts$/, /^examples\/aws\/[a-z-]+\.example\.pem$/, /^examples\/neon\/[a-z-]+\.yml$/,
];

let packed: PackResult;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

// Files that must never ship are made to exist, so the test can fail (jest writes its results at the end of the run).
const MUST_NOT_SHIP = ['test-reports/jest-results.json', 'cdk.json', 'tsconfig.dev.json', '.projenrc.ts', 'src/index.ts', 'test/package.test.ts', 'scripts/summary.js'];
const created: string[] = [];

needsCompiledPackage();
beforeAll(() => {
  for (const file of MUST_NOT_SHIP.filter((f) => !existsSync(join(root, f)))) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '{}\n');
    created.push(file);
  }
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  packed = (JSON.parse(out) as PackResult[])[0];
}, 60_000);

afterAll(() => created.forEach((f) => rmSync(join(root, f))));

const paths = () => packed.files.map((f) => f.path);

test('every shipped file is on the allow-list', () => {
  expect(paths().filter((p) => !ALLOWED.some((re) => re.test(p)))).toEqual([]);
});

test.each(MUST_NOT_SHIP)('does not ship %s', (file) => {
  expect(paths()).not.toContain(file);
});

test('ships every entry point package.json names (main, types, exports, typesVersions)', () => {
  const targets = [manifest.main, manifest.types,
    ...Object.values(manifest.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t))),
    ...Object.values(manifest.typesVersions['*']).flat()];
  const missing = targets.map((t) => t.replace(/^\.\//, '')).filter((t) => !paths().includes(t));
  expect(missing).toEqual([]);
  expect(paths()).toEqual(expect.arrayContaining(['lib/index.mjs', 'lib/constructs/gcp/index.d.ts', 'examples/neon/postgres-backup.yml']));
});

test('no shipped file contains this checkout\'s absolute path', () => {
  const leaking = paths().filter((p) => readFileSync(join(root, p), 'utf8').includes(root));
  expect(leaking).toEqual([]);
});

// 3.3 MB today: .jsii ~1 MB, API.md ~0.5 MB, lib/ ~1.6 MB (jsii's inline source maps); a jump means something
// that should not ship does.
test('stays small: under 5 MB unpacked', () => {
  expect(packed.unpackedSize).toBeLessThan(5_000_000);
});

test('metadata: Node 22 and later, the construct-hub keywords, experimental while 0.x', () => {
  expect(manifest.engines.node).toEqual('>= 22.0.0');
  expect(manifest.keywords).toEqual(expect.arrayContaining(['awscdk', 'aws-cdk', 'cdktf']));
  expect(manifest.stability).toEqual('experimental');
});

test('declarations: every import of an optional peer is marked, so projects without cdktf type-check the root', () => {
  const dts = paths().filter((p) => p.endsWith('.d.ts'));
  const unmarked: string[] = [];
  let marked = 0;
  for (const file of dts) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/['"](cdktf|@cdktf\/[^'"]+)['"]/.test(line)) {
        if (/^import .* from '(cdktf|@cdktf\/[^']+)';$/.test(line) && lines[i - 1]?.startsWith('// @ts-ignore optional peer dependency')) marked++;
        else unmarked.push(`${file}:${i + 1}`);
      }
    });
  }
  expect(unmarked).toEqual([]);
  expect(marked).toBeGreaterThan(0);
});

test('every relative link of README.md points to a file that ships', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
  expect(links.length).toBeGreaterThan(5);
  expect([...new Set(links)].filter((l) => !paths().includes(l))).toEqual([]);
});

import { awscdk, DependencyType, javascript, JsonFile } from 'projen';

// Versions tested together (see docs/versions.md). Dev pins are exact: what the suite, the examples
// and the snapshots run on.
const CDK_VERSION = '2.276.0';
const CONSTRUCTS_VERSION = '10.8.1';
const CDKTF_VERSION = '0.21.0';
const GOOGLE_VERSION = '16.12.1';
const AZURERM_VERSION = '14.23.1';
const AZUREAD_VERSION = '14.3.1';
// Peer floors: the oldest versions the library works with, each range `^FLOOR` (docs/versions.md).
// aws-cdk-lib 2.200.0: every AWS construct, its IAM semantics and its templates are the same there as at the
// pins (scripts/peer-floor.sh runs the smoke set at the floors; the consumer matrix type-checks and synthesizes
// an app there); 2.160 lacks iam.OidcProviderNative (GitHubOidcProvider; releases in between not bisected). cdk-nag v3's acknowledgements
// need aws-cdk-lib 2.252+ (Validations), which is cdk-nag's concern, not the library's. constructs 10.4.2 is
// what cdktf 0.21 requires (the AWS constructs alone also pass on 10.0.0); cdktf 0.21 is the last cdktf line and
// the first of providers google 16, azurerm 14 and azuread 14, whose x.0.0 releases pass the smoke set.
const PEER_FLOORS = {
  'aws-cdk-lib': '2.200.0',
  'constructs': '10.4.2',
  'cdktf': '0.21.0',
  '@cdktf/provider-google': '16.0.0',
  '@cdktf/provider-azurerm': '14.0.0',
  '@cdktf/provider-azuread': '14.0.0',
};
const PACKAGE_NAME = 'saas-backup-constructs';

const project = new awscdk.AwsCdkConstructLibrary({
  name: PACKAGE_NAME,
  description:
    'Constructs that turn SaaS backup vendors\' click-through setup pages (Spectro Cloud Palette, Neon, RudderStack) into least-privilege AWS, GCP and Azure resources.',
  keywords: ['awscdk', 'aws-cdk', 'cdk', 'cdktf', 'backup', 'velero', 'spectro-cloud', 'palette', 'neon', 'rudderstack', 'iam', 'least-privilege'],
  author: 'Seed maintainers',
  authorAddress: 'maintainers@users.noreply.b-seed-680d0bbc.example',
  repositoryUrl: 'https://github.com/example/saas-backup-constructs.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  github: false,
  release: false,
  depsUpgrade: false,
  readme: { filename: 'README.md' },

  // peer ranges from the floors; the dev pins are set below (projen would pin dev to the floor)
  cdkVersion: PEER_FLOORS['aws-cdk-lib'],
  constructsVersion: PEER_FLOORS.constructs,
  peerDependencyOptions: { pinnedDevDependency: false },
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.3',
  // Node 20 is end of life: the current LTS lines are 22 and 24 (.ci/run runs the suite on both).
  minNodeVersion: '22.0.0',
  stability: 'experimental',
  // jsii targets: Python (the code is generated and compiled in CI: scripts/python-check.sh; a wheel
  // needs setuptools from PyPI). cdktf and the providers stay optional there too (extras).
  publishToPypi: { distName: PACKAGE_NAME, module: 'saas_backup_constructs' },

  // cdktf and the providers are optional peers: only the gcp/azure submodules load them.
  peerDeps: ['cdktf', '@cdktf/provider-google', '@cdktf/provider-azurerm', '@cdktf/provider-azuread'].map((p) => `${p}@^${PEER_FLOORS[p as keyof typeof PEER_FLOORS]}`),
  devDeps: [
    `cdktf@${CDKTF_VERSION}`,
    `@cdktf/provider-google@${GOOGLE_VERSION}`,
    `@cdktf/provider-azurerm@${AZURERM_VERSION}`,
    `@cdktf/provider-azuread@${AZUREAD_VERSION}`,
    'cdk-nag@3.0.2',
    '@cloud-copilot/iam-simulate@0.1.173',
    // Parses the example GitHub Actions workflow in its consistency test.
    'js-yaml@4.3.2',
    '@types/js-yaml@4.0.9',
    // The CLI tagged latest (3.x) cannot read current cloud assemblies; 2.1148.1 can.
    'aws-cdk@2.1148.1',
    // The report's tests render its Markdown with the CommonMark reference parser (test/report/markdown.test.ts).
    'commonmark@0.31.2',
  ],

  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'benchmarks', 'scripts'],
    fileExtensions: ['.ts'],
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
  },

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    junitReporting: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      collectCoverage: false,
      coverageProvider: 'v8',
      collectCoverageFrom: ['src/**/*.ts'],
      // CDK_VALIDATION=false and no stack traces (aws-cdk-lib's own switches): see
      // test/support/jest-setup.ts (the validator runs in one test file).
      setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
      // jest's transform cache, kept with the checkout rather than in the temporary folder (jest's
      // default): the tests get a temporary folder of their own for each run (TMPDIR, below), which
      // would otherwise make every run transform every file again (about 5 s CPU).
      cacheDirectory: '<rootDir>/node_modules/.cache/jest',
      // The tests' temporary folder (TMPDIR): one per run, removed when it ends.
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
      // Examples import the package by name, as a user would; tests run them against src/.
      moduleNameMapper: {
        [`^${PACKAGE_NAME}$`]: '<rootDir>/src/index.ts',
        [`^${PACKAGE_NAME}/(aws|gcp|azure)$`]: '<rootDir>/src/constructs/$1/index.ts',
      },
    },
  },
});

// Dev pins above the peer floors (projen's AwsCdkConstructLibrary pins dev to cdkVersion/constructsVersion).
for (const [name, version] of [['aws-cdk-lib', CDK_VERSION], ['constructs', CONSTRUCTS_VERSION]] as const) {
  project.deps.removeDependency(name, DependencyType.BUILD);
  project.deps.addDependency(`${name}@${version}`, DependencyType.BUILD);
}

// ---------------------------------------------------------------------------
// package.json: optional peers, entry points, lockfile fix
// ---------------------------------------------------------------------------
project.package.addField('peerDependenciesMeta', {
  'cdktf': { optional: true },
  '@cdktf/provider-google': { optional: true },
  '@cdktf/provider-azurerm': { optional: true },
  '@cdktf/provider-azuread': { optional: true },
});
const entry = (dir: string) => ({ types: `./lib/${dir}index.d.ts`, default: `./lib/${dir}index.js` });
project.package.addField('exports', {
  // `import` gets lib/index.mjs (scripts/post-compile.js): named ESM imports of the lazy gcp/azure namespaces.
  '.': { types: './lib/index.d.ts', import: './lib/index.mjs', default: './lib/index.js' },
  './aws': entry('constructs/aws/'),
  './gcp': entry('constructs/gcp/'),
  './azure': entry('constructs/azure/'),
  './.jsii': './.jsii',
  './package.json': './package.json',
});
// `moduleResolution: node` (node10, cdktf init's template) ignores `exports`: map the subpaths for it.
project.package.addField('typesVersions', {
  '*': {
    aws: ['lib/constructs/aws/index.d.ts'],
    gcp: ['lib/constructs/gcp/index.d.ts'],
    azure: ['lib/constructs/azure/index.d.ts'],
  },
});
// The registry lacks some non-Linux optional binaries of newer unrs-resolver (jest 30),
// which breaks `npm ci` on a fresh machine with a lockfile made here.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// ---------------------------------------------------------------------------
// Type-checking of tests, examples, benchmarks and scripts (ts-jest uses isolatedModules)
// ---------------------------------------------------------------------------
new JsonFile(project, 'tsconfig.dev.json', {
  obj: {
    extends: './tsconfig.json',
    compilerOptions: {
      rootDir: '.',
      noEmit: true,
      paths: {
        [PACKAGE_NAME]: ['./src/index.ts'],
        [`${PACKAGE_NAME}/*`]: ['./src/constructs/*/index.ts'],
      },
    },
    include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'benchmarks/**/*.ts', 'scripts/**/*.ts', '.projenrc.ts'],
    exclude: ['node_modules'],
  },
});

// ---------------------------------------------------------------------------
// Import boundaries (see CONTRIBUTING.md "Layout"): enforced by lint, proven by a test.
// ---------------------------------------------------------------------------
const providerRoots = ['@cdktf/provider-google', '@cdktf/provider-azurerm', '@cdktf/provider-azuread'].flatMap((p) => [
  { name: p, message: 'Import provider classes from deep paths only (e.g. `@cdktf/provider-google/lib/storage-bucket`): the package root loads ~1,500 modules.' },
  { name: `${p}/lib`, message: 'Import provider classes from deep paths only: `lib/index` loads every resource class.' },
  { name: `${p}/lib/index`, message: 'Import provider classes from deep paths only: `lib/index` loads every resource class.' },
]);
const group = (pattern: string[], message: string) => ({ group: pattern, message });
const under = (name: string) => [`../${name}`, `../${name}/**`, `**/${name}`, `**/${name}/**`];
const noCdktf = group(['cdktf', 'cdktf/*', '@cdktf/*'], 'cdktf and its providers are only imported under src/constructs/gcp and src/constructs/azure.');
const noAwsCdk = group(['aws-cdk-lib', 'aws-cdk-lib/*'], 'aws-cdk-lib is only imported under src/constructs/aws.');
const pure = group(['constructs', ...under('constructs')], 'src/policies is pure: no construct or back-end imports.');
const CLOUDS = ['aws', 'gcp', 'azure'] as const;
type Cloud = typeof CLOUDS[number];
const otherClouds = (cloud: Cloud) =>
  group(CLOUDS.filter((c) => c !== cloud).flatMap(under), 'One cloud\'s code never imports another cloud\'s (src/constructs/<cloud>, src/policies/<cloud>).');
// Vendors of each cloud: one vendor's files never import another vendor's (GitHub OIDC is a shared AWS primitive).
const VENDORS: Record<Cloud, string[]> = { aws: ['palette', 'neon', 'rudderstack'], gcp: ['palette', 'rudderstack'], azure: ['palette', 'rudderstack'] };
const otherVendors = (cloud: Cloud, vendor: string) => {
  const others = VENDORS[cloud].filter((v) => v !== vendor);
  return others.length === 0 ? [] : [group(others.flatMap(under), 'One vendor\'s code never imports another vendor\'s: move what both need to the cloud\'s shared files.')];
};
const backEnd: Record<Cloud, object[]> = {
  aws: [noCdktf],
  gcp: [noAwsCdk, group(['@cdktf/provider-azurerm*', '@cdktf/provider-azuread*'], 'GCP constructs use the google provider only.')],
  azure: [noAwsCdk, group(['@cdktf/provider-google*'], 'Azure constructs use the azurerm/azuread providers only.')],
};
const restrict = (files: string[], patterns: object[]) =>
  project.eslint?.addOverride({
    files,
    rules: { 'no-restricted-imports': ['error', { paths: providerRoots, patterns }] },
  });
// Examples import the package by name, as a user's app does: it sorts with the other packages,
// before relative imports (the resolver finds it in this repository, which would make it "internal").
project.eslint?.addRules({
  'import/order': ['warn', {
    groups: ['builtin', 'external'],
    pathGroups: [{ pattern: `${PACKAGE_NAME}{,/**}`, group: 'external', position: 'after' }],
    pathGroupsExcludedImportTypes: ['builtin'],
    alphabetize: { order: 'asc', caseInsensitive: true },
  }],
});
// No `any` and no non-null assertions in the library's own code (typed JSON interfaces instead).
project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  rules: { '@typescript-eslint/no-explicit-any': 'error', '@typescript-eslint/no-non-null-assertion': 'error' },
});
// ESLint applies the last override that matches a file, so each layer lists all of its patterns, general ones first.
restrict(['*.ts'], []);
restrict(['src/policies/**/*.ts'], [noCdktf, noAwsCdk, pure]);
for (const cloud of CLOUDS) {
  restrict([`src/policies/${cloud}/**/*.ts`], [noCdktf, noAwsCdk, pure, otherClouds(cloud)]);
  for (const vendor of VENDORS[cloud]) {
    restrict([`src/policies/${cloud}/${vendor}.ts`], [noCdktf, noAwsCdk, pure, otherClouds(cloud), ...otherVendors(cloud, vendor)]);
  }
}
for (const cloud of CLOUDS) {
  restrict([`src/constructs/${cloud}/**/*.ts`], [...backEnd[cloud], otherClouds(cloud)]);
  for (const vendor of VENDORS[cloud]) {
    restrict([`src/constructs/${cloud}/${vendor}/**/*.ts`], [...backEnd[cloud], otherClouds(cloud), ...otherVendors(cloud, vendor)]);
  }
}
restrict(['src/index.ts'], [noCdktf]);

// ---------------------------------------------------------------------------
// [access report] The `saas-backup-constructs report` command (docs/access-report.md): the compiled
// src/report/cli.ts. (Task A, issue 20; keep this block together.)
// ---------------------------------------------------------------------------
project.addBins({ 'saas-backup-constructs': 'lib/report/cli.js' });
// src/report reads synthesized JSON: pure like src/policies (no construct, aws-cdk-lib or cdktf import);
// the CDK plugin that wraps it lives in src/constructs/aws. Proven by test/lint-boundaries.test.ts.
restrict(['src/report/**/*.ts'], [noCdktf, noAwsCdk, group(['constructs', ...under('constructs')], 'src/report is pure: it reads synthesized JSON and imports no construct or back end.')]);
// [/access report]

// ---------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------
// jsii advises dev dependencies at the peer floors (metadata/missing-dev-dependency); here the dev pins are
// newer on purpose and the floors are tested by .ci/run (scripts/peer-floor.sh).
project.compileTask.updateStep(0, { exec: 'jsii --silence-warnings=reserved-word --silence-warnings=metadata/missing-dev-dependency' });
// The post-compile step (scripts/post-compile.js): lazy gcp/azure submodules and lazy AWS exports in
// lib/index.js (AWS users never load cdktf), lib/index.mjs for ES modules, optional-peer imports in
// the declarations marked for projects without cdktf. Part of every compile.
project.compileTask.exec('node scripts/post-compile.js lib');

// `npm test` (projen's test task): the compile first (the tests of the compiled package need it:
// test/support/compiled.ts), then two stock runs side by side: `test:checks` (the API.md check, the
// type-check of everything with tsc --incremental, eslint --cache without --fix, one after the other)
// and jest (its own cache: jest.cacheDirectory; --ci writes no snapshot; JSON results for .ci/run;
// jest does not create the folder of --outputFile). Extra arguments go to jest. It fails when either fails.
const LINTED = ['src', 'test', 'examples', 'benchmarks', 'scripts', '.projenrc.ts'];
const checks = project.addTask('test:checks', {
  description: 'API.md is current, type-check and lint (npm test runs it beside jest)',
  env: { ESLINT_USE_FLAT_CONFIG: 'false' },
});
checks.exec('node scripts/check-api-md.js');
checks.exec('tsc --noEmit --incremental --tsBuildInfoFile .tmp/tsconfig.dev.tsbuildinfo -p tsconfig.dev.json');
checks.exec(`eslint --ext .ts --no-error-on-unmatched-pattern --cache --cache-location .tmp/eslintcache ${LINTED.join(' ')}`);
const JEST = 'jest --ci --maxWorkers=2 --json --outputFile=test-reports/jest-results.json';
project.testTask.reset();
project.testTask.spawn(project.compileTask);
project.testTask.exec(`bash -c 'projen test:checks & checks=$!; mkdir -p test-reports && ${JEST} "$@"; jest=$?; wait $checks; exit $(( jest || $? ))' jest`, { receiveArgs: true });
project.tasks.tryFind('test:update')?.reset('jest --ci --updateSnapshot', { receiveArgs: true });

// Python: the generated package is post-processed (cdktf and the providers become extras) before the
// wheel is built; CI proves the generation, the post-processing and the compilation (scripts/python-check.sh).
project.tasks.tryFind('package:python')?.reset('rm -rf .tmp/pacmak-python dist/python');
project.tasks.tryFind('package:python')?.exec('jsii-pacmak -v --code-only --targets python --outdir .tmp/pacmak-python');
project.tasks.tryFind('package:python')?.exec('node scripts/python-package.js .tmp/pacmak-python/python');
project.tasks.tryFind('package:python')?.exec('python3 -m build --outdir dist/python .tmp/pacmak-python/python');

// `npm run synth`: every example, offline, with the stock tools: the CDK CLI (cdk.json: the app and a new
// project's feature flags) into cdk.out/, the cdktf app into cdktf.out/ (cdktf's CLI is not a dependency:
// `cdktf synth` only runs the app), then the package's own report command beside each (it fails on a
// flagged finding) and a summary per stack of the values to paste into the vendors' wizards.
const synth = project.addTask('synth', {
  description: 'Synthesize every example app offline into cdk.out/ (CloudFormation) and cdktf.out/ (Terraform JSON), with their access reports',
  env: { CDK_DISABLE_CLI_TELEMETRY: 'true', CHECKPOINT_DISABLE: '1', JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: '1', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
});
synth.spawn(project.compileTask);
synth.exec('rm -rf cdk.out cdktf.out');
synth.exec('cdk synth --quiet --no-notices');
synth.exec('ts-node --transpile-only --project tsconfig.dev.json examples/terraform/main.ts', { env: { CDKTF_OUTDIR: 'cdktf.out' } });
synth.exec('node lib/report/cli.js report cdk.out --out cdk.out --base .');
synth.exec('node lib/report/cli.js report cdktf.out --out cdktf.out --base .');
synth.exec('node scripts/summary.js cdk.out cdktf.out');
project.package.setScript('synth', 'npx projen synth');

project.addTask('bench', {
  description: 'Benchmarks: entry-point load time and memory; synth time and peak memory against hand-written aws-cdk-lib/cdktf making identical templates; the access report at 1, 100 and 500 locations',
  steps: [
    { spawn: 'compile' },
    { exec: 'node benchmarks/load.js' },
    { exec: 'node benchmarks/synth.js' },
    { exec: 'node benchmarks/org-scale.js' },
    { exec: 'node benchmarks/terraform-many-stacks.js' },
    { exec: 'node benchmarks/access-report.js' },
  ],
});
project.addTask('bench:test', {
  description: 'Benchmark of the test loop: wall and CPU time of a warm npm test (median of 3) and of npm ci + npm test on a fresh clone',
  exec: 'node benchmarks/test-loop.js',
  receiveArgs: true,
});

for (const task of [project.compileTask, project.testTask, checks, synth, project.tasks.tryFind('docgen')!]) {
  task.env('JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION', '1');
  task.env('JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION', '1');
  task.env('CDK_DISABLE_CLI_TELEMETRY', 'true');
}

// '/node_modules' (no trailing slash) also matches a symlink to a node_modules folder, as in a git worktree.
project.gitignore.exclude('/node_modules', '/cdk.out/', '/cdktf.out/', '/test-reports/', '/.tmp/', '*.tfstate', '*.tfstate.*', '.terraform/');
// What ships is pinned by test/package.test.ts (an allow-list over `npm pack --dry-run`). examples/,
// docs/ and CONTRIBUTING.md ship: README links to them (relative links, which work in the installed
// package) and tells users to copy examples/neon/postgres-backup.yml.
project.npmignore?.exclude('/benchmarks/', '/scripts/', '/cdk.out/', '/cdktf.out/', '/.ci/', '/tsconfig.dev.json',
  '/test-reports/', '/cdk.json', '/cdktf.json', '/.tmp/', '/coverage/', '/.eslintcache', '*.tsbuildinfo',
  '*.tfstate', '*.tfstate.*', '.terraform/');

project.synth();

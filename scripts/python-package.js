#!/usr/bin/env node
// @ts-check
/**
 * Post-processes the Python package jsii-pacmak generates (`jsii-pacmak --code-only --targets python`)
 * so that cdktf and the Terraform providers are optional there, as they are on npm:
 *
 *  - setup.py: the optional peers (package.json peerDependenciesMeta) move from `install_requires`
 *    to extras, `pip install saas-backup-constructs[gcp]` / `[azure]` / `[all]` (the version specs
 *    jsii-pacmak wrote are kept as they are);
 *  - _jsii/__init__.py: jsii-pacmak imports every dependency's `_jsii` module there, so a project without
 *    cdktf could not even import the AWS constructs; the optional ones are imported only when installed;
 *  - gcp/__init__.py and azure/__init__.py: a missing extra is named with the command that installs it,
 *    as the npm entry points do.
 *
 * Then checks that no other module imports an optional peer eagerly (jsii-pacmak makes the submodules
 * lazy, `_LazyImport`), and fails if the generated code is not the shape this script expects.
 *
 * Usage: node scripts/python-package.js <pacmak python output folder, e.g. dist/python>
 */
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: python-package.js <folder with setup.py>');
  process.exit(2);
}
const root = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const pyModule = manifest.jsii.targets.python.module;
const distName = manifest.jsii.targets.python.distName;
/** @param {string} msg @returns {never} */
const fail = (msg) => {
  console.error(`python-package: ${msg}`);
  process.exit(1);
};

// Python names of the optional peers, from their own jsii targets.
const optional = Object.keys(manifest.peerDependenciesMeta).filter((p) => manifest.peerDependenciesMeta[p].optional);
/** @type {Record<string, { dist: string, module: string }>} */
const py = Object.fromEntries(optional.map((p) => {
  const target = JSON.parse(fs.readFileSync(require.resolve(`${p}/package.json`, { paths: [root] }), 'utf8')).jsii?.targets?.python;
  if (!target) fail(`${p} has no Python target`);
  return [p, { dist: target.distName, module: target.module }];
}));
/** Which optional peers each extra installs (the npm submodule's needs). */
const EXTRAS = {
  gcp: ['cdktf', '@cdktf/provider-google'],
  azure: ['cdktf', '@cdktf/provider-azurerm', '@cdktf/provider-azuread'],
  all: optional,
};

// --- setup.py --------------------------------------------------------------------------------
const setupFile = path.join(dir, 'setup.py');
const setup = fs.readFileSync(setupFile, 'utf8');
const blob = /(kwargs = json\.loads\(\n\s*""")([\s\S]*?)(""")/.exec(setup);
if (!blob) fail(`${setupFile}: no kwargs = json.loads("""...""") block`);
const kwargs = JSON.parse(blob[2]);
/** @type {string[]} */
const requires = kwargs.install_requires;
const specOf = (/** @type {string} */ dist) => requires.find((r) => r.split(/[<>=!~ ,]/)[0] === dist);
/** @type {Record<string, string[]>} */
const extras = kwargs.extras_require ?? {};
if (kwargs.extras_require === undefined) { // idempotent: a second run leaves setup.py as it is
  for (const [extra, peers] of Object.entries(EXTRAS)) {
    extras[extra] = [...new Set(peers)].map((p) => specOf(py[p].dist) ?? fail(`setup.py install_requires has no ${py[p].dist} (for ${p})`));
  }
  kwargs.install_requires = requires.filter((r) => !Object.values(py).some((d) => r.split(/[<>=!~ ,]/)[0] === d.dist));
  kwargs.extras_require = extras;
}
fs.writeFileSync(setupFile, setup.replace(blob[0], `${blob[1]}\n${JSON.stringify(kwargs, null, 4)}\n${blob[3]}`));

// --- _jsii/__init__.py: import the optional assemblies only when installed -------------------
const pkg = path.join(dir, "src", pyModule);
const jsiiInit = path.join(pkg, '_jsii', '__init__.py');
let text = fs.readFileSync(jsiiInit, 'utf8');
for (const { module: m } of Object.values(py)) {
  const line = `import ${m}._jsii\n`;
  const guarded = `try:\n    import ${m}._jsii\nexcept ImportError:  # optional: pip install ${distName}[all]\n    pass\n`;
  if (text.includes(guarded)) continue;
  if (!text.includes(line)) fail(`${jsiiInit}: no "${line.trim()}" line; was the generated code changed?`);
  text = text.replace(line, guarded);
}
fs.writeFileSync(jsiiInit, text);

// --- the submodules: name the missing extra ---------------------------------------------------
for (const [sub, peers] of Object.entries({ gcp: EXTRAS.gcp, azure: ['cdktf', '@cdktf/provider-azurerm'] })) {
  const file = path.join(pkg, sub, '__init__.py');
  let code = fs.readFileSync(file, 'utf8');
  const marker = '# saas-backup-constructs: optional peers check';
  if (!code.includes(marker)) {
    const anchor = 'from jsii._type_checking import cached_type_hints, check_type\n';
    if (!code.includes(anchor)) fail(`${file}: no "${anchor.trim()}" line to put the check after`);
    const checks = peers.map((p) => `    import ${py[p].module}._jsii  # noqa: F401`).join('\n');
    code = code.replace(anchor, `${anchor}\n${marker}\ntry:\n${checks}\nexcept ImportError as _e:\n`
      + `    raise ImportError("${pyModule}.${sub} needs ${peers.map((p) => py[p].dist).join(' and ')} (optional): "\n`
      + `                      "pip install '${distName}[${sub}]'") from _e\n`);
    fs.writeFileSync(file, code);
  }
}

// --- no other eager import of an optional peer --------------------------------------------------
/** @param {string} d @returns {string[]} */
const pyFiles = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? pyFiles(path.join(d, e.name)) : e.name.endsWith('.py') ? [path.join(d, e.name)] : []);
const eager = [];
for (const file of pyFiles(pkg)) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let typeChecking = false;
  let guarded = false;
  for (const [i, line] of lines.entries()) {
    if (/^\S/.test(line)) {
      typeChecking = /^if typing\.TYPE_CHECKING:/.test(line);
      guarded = /^try:/.test(line);
    }
    const m = /^\s*(?:import|from)\s+([\w.]+)/.exec(line);
    if (m && Object.values(py).some((d) => m[1] === d.module || m[1].startsWith(`${d.module}.`)) && !typeChecking && !guarded) {
      eager.push(`${path.relative(dir, file)}:${i + 1}: ${line.trim()}`);
    }
  }
}
if (eager.length > 0) fail(`optional peers imported eagerly:\n  ${eager.join('\n  ')}`);
console.log(`python-package: install_requires ${JSON.stringify(kwargs.install_requires)}; extras ${Object.keys(extras).join(', ')}`);

#!/usr/bin/env node
// @ts-check
/**
 * Checks that Mermaid accepts and draws every diagram of the access reports that `npm run synth`
 * wrote (cdk.out/*.access.md, cdktf.out/*.access.md), in a real browser.
 *
 * mermaid.parse does not run under plain Node (it needs DOMPurify, hence a DOM), so this script
 * writes one HTML page with every diagram, has headless Chromium load it with Mermaid's own bundle,
 * parse and render each diagram, and reads the verdicts back from the dumped DOM.
 *
 * Not part of `npm test`, and Mermaid is not a project dependency. Set up once:
 *   apt-get install -y chromium
 *   npm install --prefix /tmp/mermaid mermaid
 * then: node scripts/check-mermaid.js [report.md ...]   (MERMAID_DIR, CHROMIUM override the paths)
 * Exit code 1 when a diagram does not parse or render.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { mermaidBlocks } = require('../lib/report/markdown');

const root = path.resolve(__dirname, '..');
const mermaidDir = process.env.MERMAID_DIR ?? '/tmp/mermaid/node_modules/mermaid';
const chromium = process.env.CHROMIUM ?? 'chromium';

/** Every access report under cdk.out/ and cdktf.out/. */
function defaultReports() {
  const found = [];
  const cdkOut = path.join(root, 'cdk.out');
  if (fs.existsSync(cdkOut)) found.push(...fs.readdirSync(cdkOut).filter((f) => f.endsWith('.access.md')).map((f) => path.join(cdkOut, f)));
  const cdktfOut = path.join(root, 'cdktf.out');
  if (fs.existsSync(cdktfOut)) found.push(...fs.readdirSync(cdktfOut).filter((f) => f.endsWith('.access.md')).map((f) => path.join(cdktfOut, f)));
  return found.sort();
}

/** The page: parse + render each diagram, results as JSON in #results. @param {{ name: string, source: string }[]} diagrams */
function page(diagrams) {
  const script = path.join(mermaidDir, 'dist', 'mermaid.min.js');
  return `<!doctype html><html><head><meta charset="utf-8"><script src="file://${script}"></script></head><body>
<pre id="results">pending</pre>
<script>
const diagrams = ${JSON.stringify(diagrams).replace(/</g, '\\u003c')};
(async () => {
  const results = [];
  try {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    for (const [i, d] of diagrams.entries()) {
      try {
        await mermaid.parse(d.source);
        const { svg } = await mermaid.render('d' + i, d.source);
        const nodes = (svg.match(/class="node /g) || []).length;
        const edges = (svg.match(/<path[^>]*class="[^"]*flowchart-link/g) || []).length;
        results.push({ name: d.name, ok: true, nodes, edges });
      } catch (e) {
        results.push({ name: d.name, ok: false, error: String(e && e.message || e) });
      }
    }
  } catch (e) {
    results.push({ name: '(mermaid)', ok: false, error: String(e && e.message || e) });
  }
  document.getElementById('results').textContent = JSON.stringify(results);
})();
</script></body></html>`;
}

function main() {
  const files = process.argv.length > 2 ? process.argv.slice(2) : defaultReports();
  if (files.length === 0) {
    console.error('No access reports found: run `npm run synth` first.');
    process.exit(1);
  }
  if (!fs.existsSync(path.join(mermaidDir, 'dist', 'mermaid.min.js'))) {
    console.error(`Mermaid not found in ${mermaidDir}: npm install --prefix /tmp/mermaid mermaid (or set MERMAID_DIR).`);
    process.exit(1);
  }
  const diagrams = files.flatMap((f) => mermaidBlocks(fs.readFileSync(f, 'utf8')).map((source, i) => ({ name: `${path.relative(root, f)}#${i + 1}`, source })));
  // What each diagram's source declares, to compare with what Mermaid drew.
  const declared = new Map(diagrams.map((d) => [d.name, {
    nodes: d.source.split('\n').filter((l) => /^ {2}N_\w+(\[|\()/.test(l)).length,
    edges: d.source.split('\n').filter((l) => /^ {2}N_\w+ (-->|==>|-\.->)\|/.test(l)).length,
  }]));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-mermaid-'));
  const html = path.join(dir, 'check.html');
  fs.writeFileSync(html, page(diagrams));
  const result = spawnSync(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(dir, 'profile')}`,
    '--allow-file-access-from-files', '--virtual-time-budget=60000', '--dump-dom', `file://${html}`,
  ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const m = /<pre id="results">([\s\S]*?)<\/pre>/.exec(result.stdout ?? '');
  if (!m || m[1] === 'pending') {
    console.error(`Chromium gave no verdict (exit ${result.status}):\n${(result.stderr ?? '').slice(-2000)}`);
    process.exit(1);
  }
  const text = m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  /** @type {{ name: string, ok: boolean, nodes?: number, edges?: number, error?: string }[]} */
  const results = JSON.parse(text);
  for (const r of results) {
    const want = declared.get(r.name);
    if (r.ok && want && (want.nodes !== r.nodes || want.edges !== r.edges)) {
      r.ok = false;
      r.error = `drew ${r.nodes} nodes and ${r.edges} edges, the source declares ${want.nodes} and ${want.edges}`;
    }
    console.log(r.ok ? `ok    ${r.name}: ${r.nodes} nodes, ${r.edges} edges drawn` : `FAIL  ${r.name}: ${r.error}`);
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length - failed.length}/${results.length} diagrams parsed and rendered by Mermaid ${JSON.parse(fs.readFileSync(path.join(mermaidDir, 'package.json'), 'utf8')).version}.`);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(failed.length > 0 || results.length !== diagrams.length ? 1 : 0);
}

main();

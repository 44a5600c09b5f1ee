#!/usr/bin/env bash
# Renders the diagram of one access report in headless Chromium with Mermaid, to a PNG, so a person
# can look at what GitHub-flavoured Mermaid draws. Not part of `npm test`; Mermaid is not a project
# dependency. Set up once:
#   apt-get update && apt-get install -y chromium
#   npm install --prefix /tmp/mermaid mermaid
# Usage (after `npm run synth`, which compiles lib/):
#   scripts/render-access-report.sh [report.md] [out.png] [width,height]
#   default: cdk.out/PaletteCrossAccountRole.access.md -> /tmp/report.png at 1400,1000
# MERMAID_DIR and CHROMIUM override where Mermaid and Chromium are.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
report="${1:-$root/cdk.out/PaletteCrossAccountRole.access.md}"
out="${2:-/tmp/report.png}"
size="${3:-1400,1000}"
mermaid_dir="${MERMAID_DIR:-/tmp/mermaid/node_modules/mermaid}"
chromium="${CHROMIUM:-chromium}"

[ -f "$report" ] || { echo "no report $report: run npm run synth first" >&2; exit 1; }
[ -f "$mermaid_dir/dist/mermaid.min.js" ] || { echo "no Mermaid in $mermaid_dir: npm install --prefix /tmp/mermaid mermaid" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The first diagram of the report, and its title, into a page that draws it as GitHub does
# (Mermaid's default theme, strict security level).
node -e '
const fs = require("fs");
const { mermaidBlocks } = require(process.argv[1]);
const md = fs.readFileSync(process.argv[2], "utf8");
const [diagram] = mermaidBlocks(md);
if (!diagram) { console.error("no mermaid diagram in " + process.argv[2]); process.exit(1); }
const title = (md.match(/^# (.*)$/m) || [, "access report"])[1];
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
fs.writeFileSync(process.argv[3], `<!doctype html><html><head><meta charset="utf-8">
<script src="file://${process.argv[4]}/dist/mermaid.min.js"></script>
<style>body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;margin:16px;background:#fff}</style>
</head><body><h3>${esc(title)}</h3><pre class="mermaid">${esc(diagram)}</pre>
<script>mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
mermaid.run().then(() => { document.title = "rendered"; }, (e) => { document.body.insertAdjacentText("beforeend", "MERMAID ERROR: " + e.message); });</script>
</body></html>`);
' "$root/lib/report/markdown.js" "$report" "$work/page.html" "$mermaid_dir"

"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --allow-file-access-from-files --virtual-time-budget=20000 \
  --hide-scrollbars --screenshot="$out" --window-size="$size" "file://$work/page.html" 2>"$work/chromium.log" \
  || { cat "$work/chromium.log" >&2; exit 1; }
echo "rendered $report -> $out"

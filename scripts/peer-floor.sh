#!/usr/bin/env bash
# Runs the examples' tests (every example stack synthesized, checked by cdk-nag, its policies and
# snapshots asserted) and the entry-point tests against the oldest versions package.json's
# peerDependencies accept (the lower bound of each range: aws-cdk-lib, constructs, cdktf and the
# providers), in a copy of the checkout; `--all` runs the whole suite (it passed there when the floors
# were chosen). The copy:
# node_modules is hard-linked from this one, then the peers are replaced with `npm install --no-save`.
# Needs the lib/ and node_modules that `npm ci && npm test` made. Fails on any failed test or an empty suite.
# The floors are chosen in .projenrc.ts (PEER_FLOORS), where the reasons are.
#
# Usage: scripts/peer-floor.sh [--all]   (writes test-reports/jest-floor.json)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
floor=$(node -e '
const peers = require("./package.json").peerDependencies;
console.log(Object.entries(peers).map(([name, range]) => {
  const low = /^(?:\^|~|>=\s*)?(\d+\.\d+\.\d+)/.exec(range);
  if (!low) { console.error(`peer-floor: cannot read the lower bound of ${name}@${range}`); process.exit(1); }
  return `${name}@${low[1]}`;
}).join(" "));')
echo "peer-floor: $floor"
work=$(mktemp -d "${TMPDIR:-/tmp}/saas-backup-constructs-floor.XXXXXX")
trap 'rm -rf "$work" &' EXIT
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$work"
cp -R lib .jsii "$work/"
cp -al node_modules "$work/node_modules"
cd "$work"
# --legacy-peer-deps: cdk-nag (a devDependency) declares aws-cdk-lib ^2.257; the floor is checked here, not by npm.
# shellcheck disable=SC2086
npm install --no-save --prefer-offline --no-audit --no-fund --legacy-peer-deps --ignore-scripts --loglevel=error $floor >/dev/null
node -e '
for (const spec of process.argv.slice(1)) {
  const at = spec.lastIndexOf("@"); const name = spec.slice(0, at); const want = spec.slice(at + 1);
  const got = require(`./node_modules/${name}/package.json`).version;
  if (got !== want) { console.error(`peer-floor: ${name} is ${got}, not the floor ${want}`); process.exit(1); }
}' $floor
mkdir -p "$repo/test-reports"
out="$repo/test-reports/jest-floor.json"
rm -f "$out"
tests=(test/examples test/entry-points.test.ts)
[ "${1:-}" = --all ] && tests=()
# Skipped at the floor: test/examples/cloudformation-validation.test.ts asserts aws-cdk-lib's own
# CloudFormation validator report; before 2.27x that report also lists synth warnings (the constructs'
# accepted-risk annotations, e.g. ImportedVolumeKeyPolicy) as violations. The templates are the same.
node node_modules/jest/bin/jest.js --ci --silent --json --outputFile="$out" \
  --testPathIgnorePatterns /node_modules/ cloudformation-validation "${tests[@]}" >/dev/null 2>"$repo/test-reports/jest-floor.log" || true
node -e '
const fs = require("fs"); const file = process.argv[1];
if (!fs.existsSync(file)) { console.error("peer floor: jest wrote no results; see test-reports/jest-floor.log"); process.exit(1); }
const r = JSON.parse(fs.readFileSync(file, "utf8"));
const failed = r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
console.log(`peer floor: ${r.numPassedTests} passed, ${failed} failed`);
for (const s of r.testResults) for (const a of s.assertionResults.filter((x) => x.status === "failed")) console.log(`  FAIL ${a.fullName}`);
process.exit(failed > 0 || r.numTotalTests === 0 ? 1 : 0);
' "$out"

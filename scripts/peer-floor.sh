#!/usr/bin/env bash
# Runs the smoke set against the oldest versions package.json's peerDependencies accept (the lower
# bound of each range: aws-cdk-lib, constructs, cdktf and the providers), in a copy of the checkout:
# node_modules is hard-linked from this one, then the peers are replaced with `npm install`.
# Needs the lib/ and node_modules that `npm ci && npm test` made. Fails on any failed test or an empty suite.
# The floors are chosen in .projenrc.ts (PEER_FLOORS), where the reasons are.
#
# Usage: scripts/peer-floor.sh   (writes test-reports/jest-floor.json)
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
# The tests' temporary folder (test/support/global-setup.js) is under TMPDIR, outside the copy (which a test packs).
trap 'rm -rf "$work" &' EXIT
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$work"
cp -R lib .jsii "$work/"
cp -al node_modules "$work/node_modules"
mkdir -p "$repo/test-reports"
cd "$work"
# The copy's devDependencies become the floors, and their hard-linked folders are removed first (npm
# may otherwise record the new version in its lockfile and keep the old files).
node -e '
const fs = require("fs"); const p = JSON.parse(fs.readFileSync("package.json", "utf8"));
for (const spec of process.argv.slice(1)) { const at = spec.lastIndexOf("@"); p.devDependencies[spec.slice(0, at)] = spec.slice(at + 1); }
fs.writeFileSync("package.json", JSON.stringify(p, null, 2));' $floor
for spec in $floor; do rm -rf "node_modules/${spec%@*}"; done
# --legacy-peer-deps: cdk-nag (a devDependency) declares aws-cdk-lib ^2.257; the floor is checked here, not by npm.
npm install --prefer-offline --no-audit --no-fund --legacy-peer-deps --ignore-scripts --loglevel=error >"$repo/test-reports/npm-floor.log" 2>&1 \
  || { cat "$repo/test-reports/npm-floor.log"; exit 1; }
node -e '
for (const spec of process.argv.slice(1)) {
  const at = spec.lastIndexOf("@"); const name = spec.slice(0, at); const want = spec.slice(at + 1);
  const got = require(`./node_modules/${name}/package.json`).version;
  if (got !== want) { console.error(`peer-floor: ${name} is ${got}, not the floor ${want}`); process.exit(1); }
}' $floor
mkdir -p "$repo/test-reports"
out="$repo/test-reports/jest-floor.json"
rm -f "$out"
# The smoke set: every construct of every cloud (templates and snapshots, IAM semantics through the
# evaluator, validation) and the access report's CDK plugin. Left out, because they test the pins' own texts
# and data rather than the library: the example apps and nag.test.ts (cdk-nag v3 needs aws-cdk-lib 2.252+);
# and the pure layers (src/policies, src/report), which import no aws-cdk-lib, cdktf or constructs.
node node_modules/jest/bin/jest.js --ci --maxWorkers=2 --silent --json --outputFile="$out" \
  --testPathIgnorePatterns '/node_modules/' 'test/constructs/aws/private/nag\.test\.ts' -- test/constructs \
  >/dev/null 2>"$repo/test-reports/jest-floor.log" || true
node scripts/jest-results.js "$out" "peer floor"

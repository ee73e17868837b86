#!/usr/bin/env bash
# Runs the sync tests (tests/syncthing.rs) through real Syncthing: each test starts its own
# `syncthing serve` processes on loopback, in temp folders, with nothing reaching the network.
# ATTUNE_SYNCTHING names another syncthing binary. Extra arguments go to the test binary (a
# test name to run only that one).
set -euo pipefail
cd "$(dirname "$0")/.."

syncthing=${ATTUNE_SYNCTHING:-$(command -v syncthing || true)}
[ -n "$syncthing" ] && [ -x "$syncthing" ] ||
  { echo "test-sync: syncthing is missing (apt-get install --no-install-recommends syncthing)" >&2; exit 1; }
export ATTUNE_SYNCTHING="$syncthing"
echo "test-sync: $("$syncthing" --version)" >&2

# Build first (the test binary and the attune binary it runs), then run the test binary alone.
test_bin=$(cargo test --test syncthing --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "syncthing" and m.get("executable"):
        print(m["executable"])')
[ -x "$test_bin" ] || { echo "test-sync: could not build tests/syncthing.rs" >&2; exit 1; }
"$test_bin" --ignored --test-threads=1 "$@"

#!/usr/bin/env bash
# The sync benchmark (npm run bench:sync): Attune's sync between two computers through two real
# Syncthing instances on loopback (benches/sync.rs), driving the release `attune` binary.
#   ATTUNE_BENCH_SYNC_TRIALS (default 10)  ATTUNE_BENCH_SYNC_ENTRIES (default 10000)
#   ATTUNE_SYNCTHING: another syncthing binary  ATTUNE_BIN: an attune binary to measure instead
# Writes target/bench/sync.json and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."

syncthing=${ATTUNE_SYNCTHING:-$(command -v syncthing || true)}
[ -n "$syncthing" ] && [ -x "$syncthing" ] ||
  { echo "bench:sync: syncthing is missing (apt-get install --no-install-recommends syncthing)" >&2; exit 1; }
export ATTUNE_SYNCTHING="$syncthing"
cargo bench --locked --bench sync

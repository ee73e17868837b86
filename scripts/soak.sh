#!/usr/bin/env bash
# The soak: 1,000 kill -9 trials over saves, edits, imports, backups, passphrase changes and key
# replacements, a disk that fills up (a tmpfs; needs root) and damaged backups. Figures go to
# target/bench/soak.json. `npm test` runs the same checks with 50 trials.
set -euo pipefail
cd "$(dirname "$0")/.."
export ATTUNE_SOAK_TRIALS="${ATTUNE_SOAK_TRIALS:-1000}"
cargo build --locked -p attune --example crash_worker
cargo test --locked -p attune --test soak -- --nocapture --test-threads=1

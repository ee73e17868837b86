#!/usr/bin/env bash
# Benchmarks: figures to target/bench/*.json and a table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo bench --locked --bench core
cargo bench --locked --bench insights
bash scripts/bench-app.sh

#!/usr/bin/env bash
# `npm run app`: install what is missing, build, and open Attune.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(cd ui && npm run --silent build)
cargo build --locked --release -p attune-app
exec "${CARGO_TARGET_DIR:-target}/release/attune-app"

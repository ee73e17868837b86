#!/usr/bin/env bash
# `npm run app`: install what is missing, build, and open Attune.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --locked --release --bin attune
echo
./target/release/attune --help

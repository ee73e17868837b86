#!/usr/bin/env bash
# Everything CI runs: `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "setup"
bash scripts/setup.sh --test

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --locked --all-targets -- -D warnings

step "docs"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps --quiet

step "unit and integration tests"
cargo test --locked

step "keyring (real Secret Service)"
bash scripts/test-keyring.sh

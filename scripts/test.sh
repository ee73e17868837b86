#!/usr/bin/env bash
# Everything CI runs: `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "setup"
bash scripts/setup.sh --test

step "UI: types, unit tests, build"
(cd ui && npm run --silent check && npm run --silent test && npm run --silent build)

step "packaging files (menu entry, AppStream, Flatpak manifest, forge workflows)"
bash scripts/lint-packaging.sh

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "docs"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps -p attune --quiet

step "unit and integration tests (core, CLI, app contract)"
cargo test --locked --workspace

step "keyring (real Secret Service)"
bash scripts/test-keyring.sh

step "sync through two real Syncthing instances"
bash scripts/test-sync.sh

step "end to end (the real app in WebKitGTK)"
bash scripts/test-e2e.sh "${CARGO_TARGET_DIR:-target}/debug/attune-app"

step "end to end with a real Secret Service (the keyring opens at start only)"
E2E_SECRET_SERVICE=1 E2E_ONLY=tests/e2e/secret-service/keyring.test.mjs \
  bash scripts/test-e2e.sh "${CARGO_TARGET_DIR:-target}/debug/attune-app"

step "Linux packages (the debug build bundled, installed with apt, started, removed)"
bash scripts/test-package.sh

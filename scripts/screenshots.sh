#!/usr/bin/env bash
# Refreshes the README's screenshots: `npm run screenshots`. Builds the UI and the app, then runs
# the end-to-end suite with its screenshots going to docs/screenshots/ (same file names) instead
# of target/e2e/screenshots/, where an ordinary test run leaves them. Commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --test
(cd ui && npm run --silent build)
# The command-line tool too: the sync test plays a second computer with it.
cargo build --locked -p attune-app -p attune
E2E_SCREENSHOTS=docs/screenshots bash scripts/test-e2e.sh "${CARGO_TARGET_DIR:-target}/debug/attune-app"

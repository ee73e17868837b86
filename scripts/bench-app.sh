#!/usr/bin/env bash
# The app benchmark: release builds of Attune and of an empty Tauri window, the 100,000-entry
# vault of the core benchmark, a private Xvfb display. Writes target/bench/app.json.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
case "$target" in /*) ;; *) target="$(pwd)/$target" ;; esac
vault="$target/bench/vault-core"
[ -f "$vault/vault.keys" ] || { echo "bench-app: run the core benchmark first (it builds $vault)" >&2; exit 1; }

(cd ui && npm run --silent build)
cargo build --locked --release -p attune-app -p attune-bench-empty-window

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x860x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$display
ATTUNE_APP="$target/release/attune-app" ATTUNE_EMPTY_APP="$target/release/attune-bench-empty-window" \
  BENCH_VAULT="$vault" BENCH_OUT="$target/bench/app.json" node bench/app.mjs

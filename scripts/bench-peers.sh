#!/usr/bin/env bash
# The peer benchmark (npm run bench:peers): Attune against jrnl 4.6, whole processes, on one
# synthetic journal. Installs jrnl into a venv under target/ (nothing global), generates the
# journal, and runs scripts/bench-peers/peers.py inside a private D-Bus session with
# gnome-keyring's Secret Service, in a throwaway HOME, so the keyring variant is real.
#   BENCH_PEERS_ENTRIES (default 10000)  BENCH_PEERS_RUNS (default 5)
#   BENCH_PEERS_VARIANTS (comma-separated, default all four)
#   ATTUNE_BIN: an attune binary to measure instead of building the release one
# Writes target/bench/peers.json and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
entries=${BENCH_PEERS_ENTRIES:-10000}
runs=${BENCH_PEERS_RUNS:-5}

for tool in python3 dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "bench:peers: $tool is missing (apt-get install python3-venv gnome-keyring dbus-x11)" >&2; exit 1; }
done

if [ -n "${ATTUNE_BIN:-}" ]; then
  attune=$(realpath "$ATTUNE_BIN")
else
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
  cargo build --release --bin attune
  attune="$CARGO_TARGET_DIR/release/attune"
fi

venv="$root/target/bench/jrnl-venv"
if ! "$venv/bin/jrnl" --version 2>/dev/null | grep -q 'v4\.6'; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'jrnl==4.6'
fi

data="$root/target/bench/peers-data"
if ! python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["entries"] != int(sys.argv[2]))' \
    "$data/truth.json" "$entries" 2>/dev/null; then
  python3 scripts/bench-peers/gen.py "$entries" "$data"
fi

sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
mkdir -p "$sandbox/home" "$sandbox/data" "$sandbox/runtime" "$sandbox/work"
chmod 700 "$sandbox/runtime"
export HOME="$sandbox/home" XDG_DATA_HOME="$sandbox/data" XDG_RUNTIME_DIR="$sandbox/runtime"
export XDG_CONFIG_HOME="$sandbox/home/.config" XDG_CACHE_HOME="$sandbox/home/.cache"
unset DBUS_SESSION_BUS_ADDRESS ATTUNE_PASSPHRASE ATTUNE_VAULT
# Python would otherwise leave __pycache__ in scripts/bench-peers/ (jrnl loads the backend from there).
export PYTHONDONTWRITEBYTECODE=1
args=(--entries "$entries" --runs "$runs" --attune "$attune" --jrnl "$venv/bin/jrnl" --data "$data"
  --work "$sandbox/work" --out "$root/target/bench/peers.json")
if [ -n "${BENCH_PEERS_VARIANTS:-}" ]; then args+=(--variants "$BENCH_PEERS_VARIANTS"); fi
dbus-run-session -- bash -c '
  set -euo pipefail
  # A first unlock creates the login keyring with this password and leaves it open.
  printf "attune-bench" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  python3 scripts/bench-peers/peers.py "$@"
' bench-peers "${args[@]}"

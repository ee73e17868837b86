#!/usr/bin/env bash
# Runs the keyring tests against a real Secret Service: gnome-keyring-daemon on a private D-Bus
# session, in a throwaway HOME so nothing touches the real keyring.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "test-keyring: $tool is missing (apt-get install gnome-keyring dbus-x11)" >&2; exit 1; }
done

# Build first, with the real HOME (rustup and cargo live there), then run the test binary alone.
test_bin=$(cargo test --test keyring --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "keyring" and m.get("executable"):
        print(m["executable"])')
[ -x "$test_bin" ] || { echo "test-keyring: could not build tests/keyring.rs" >&2; exit 1; }
export TEST_BIN="$test_bin"
sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
mkdir -p "$sandbox/home" "$sandbox/data" "$sandbox/runtime"
chmod 700 "$sandbox/runtime"
export HOME="$sandbox/home" XDG_DATA_HOME="$sandbox/data" XDG_RUNTIME_DIR="$sandbox/runtime"
unset DBUS_SESSION_BUS_ADDRESS
dbus-run-session -- bash -c '
  set -euo pipefail
  # A first unlock creates the login keyring with this password and leaves it open.
  printf "attune-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  "$TEST_BIN" --ignored --test-threads=1
'

#!/usr/bin/env bash
# End-to-end tests of the real app: tests/e2e/*.test.mjs drive the built Attune binary through
# tauri-driver and WebKitWebDriver on a private Xvfb display.
#
#   scripts/test-e2e.sh [APP_BINARY]     default: $CARGO_TARGET_DIR/debug/attune-app (target/)
#   E2E_ONLY=tests/e2e/exercises.test.mjs scripts/test-e2e.sh     one test file
#
# Needs the app already built (with the UI embedded), the `attune` command-line tool beside it
# (tests/e2e/sync.test.mjs plays a second computer with it), and ui/node_modules installed. Installs
# tauri-driver with cargo if it is not on PATH. Every run gets a fresh temp folder for HOME, the
# XDG folders and the vault, and a D-Bus address that leads nowhere (so the keyring is reported
# unavailable): the tests never touch a real vault or keyring. The folder is removed after a
# passing run and kept (with logs, axe reports and failure screenshots) after a failing one, or
# always with E2E_KEEP=1. Screenshots of each screen go to target/e2e/screenshots/ (or
# E2E_SCREENSHOTS), so a test run leaves the checkout as it was; `npm run screenshots`
# (scripts/screenshots.sh) writes the README's, in docs/screenshots/.
set -euo pipefail

say() { printf 'test-e2e: %s\n' "$*" >&2; }

# A binary given as an argument is relative to where the script was called from; the default,
# like cargo's CARGO_TARGET_DIR, to the repository root.
app=${1:-}
[ -n "$app" ] && app=$(realpath -m -- "$app")
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
app=${app:-$(realpath -m -- "$target_dir/debug/attune-app")}
[ -x "$app" ] || { say "no app binary at $app: build it first (cargo build -p attune-app)"; exit 1; }

for pkg in selenium-webdriver axe-core; do
  [ -d "ui/node_modules/$pkg" ] || { say "ui/node_modules/$pkg is missing: run (cd ui && npm ci)"; exit 1; }
done

# tauri-driver: the WebDriver proxy that launches the app. cargo puts it in ~/.cargo/bin.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! command -v tauri-driver >/dev/null; then
  say "installing tauri-driver (about 3 minutes)"
  cargo install tauri-driver --locked --version 2.1.0
fi

[ -x /usr/bin/WebKitWebDriver ] || { say "/usr/bin/WebKitWebDriver is missing. Run: apt-get install webkit2gtk-driver"; exit 1; }
command -v Xvfb >/dev/null || { say "Xvfb is missing. Run: apt-get install xvfb"; exit 1; }

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/attune-e2e.XXXXXX")
xvfb_pid=
status=1

# Every process of the run (node, tauri-driver, WebKitWebDriver, the app and its WebKit helpers)
# inherits E2E_RUN_DIR from node's environment; this shell does not have it. Cleanup ends exactly
# those processes, whatever state the tests left them in.
run_pids() {
  local p pid
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    { tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -qxF "E2E_RUN_DIR=$run_dir" && echo "$pid"
  done
  return 0
}

cleanup() {
  local pids i
  pids=$(run_pids)
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    for i in 1 2 3 4 5 6 7 8 9 10; do
      pids=$(run_pids)
      [ -z "$pids" ] && break
      sleep 0.3
    done
    # shellcheck disable=SC2086
    [ -n "$pids" ] && kill -KILL $pids 2>/dev/null || true
  fi
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  if [ "$status" = 0 ] && [ "${E2E_KEEP:-0}" != 1 ]; then
    rm -rf "$run_dir"
  else
    say "kept $run_dir (logs, axe reports, failure screenshots, the test vaults)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Xvfb picks a free display itself and writes its number to fd 3 once it accepts connections.
Xvfb -displayfd 3 -screen 0 1280x860x24 -nolisten tcp 3>"$run_dir/display" >"$run_dir/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do
  [ -s "$run_dir/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { say "Xvfb did not start:"; cat "$run_dir/xvfb.log" >&2; exit 1; }
  sleep 0.1
done
[ -s "$run_dir/display" ] || { say "Xvfb did not report a display within 10 s"; exit 1; }
display=":$(tr -d '[:space:]' <"$run_dir/display")"
say "display $display, run folder $run_dir"

mkdir -p "$run_dir"/{home,config,data,cache,state} "$run_dir/runtime"
chmod 700 "$run_dir/runtime"

# The run's own HOME, XDG folders, vault and a bus that does not exist. tests/e2e/driver.mjs goes
# one step further and gives each test file its own profile inside this folder, so test files
# never share a vault (each expects a first run).
#
# node runs in the background so a signal to this script is handled at once (bash defers traps
# while a foreground command runs); cleanup then ends node and everything under it.
# With E2E_SECRET_SERVICE=1 the run gets a real Secret Service instead: gnome-keyring on a
# private D-Bus session, unlocked, with its keyrings inside the run folder.
bus=(env DBUS_SESSION_BUS_ADDRESS="unix:path=$run_dir/no-session-bus")
if [ "${E2E_SECRET_SERVICE:-0}" = 1 ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { say "$tool is missing. Run: apt-get install gnome-keyring dbus-x11"; exit 1; }
  done
  bus=(env -u DBUS_SESSION_BUS_ADDRESS dbus-run-session -- bash -c \
    'printf attune-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' keyring)
fi
env \
  DISPLAY="$display" \
  HOME="$run_dir/home" \
  XDG_CONFIG_HOME="$run_dir/config" \
  XDG_DATA_HOME="$run_dir/data" \
  XDG_CACHE_HOME="$run_dir/cache" \
  XDG_STATE_HOME="$run_dir/state" \
  XDG_RUNTIME_DIR="$run_dir/runtime" \
  ATTUNE_VAULT="$run_dir/vault" \
  ATTUNE_APP="$app" \
  E2E_RUN_DIR="$run_dir" \
  "${bus[@]}" \
  node --test --test-concurrency=1 --test-reporter=spec ${E2E_ONLY:-tests/e2e/*.test.mjs} &
# (status stays 1 if a signal ends the wait, so the run folder is kept.)
if wait $!; then status=0; else status=$?; fi
exit "$status"

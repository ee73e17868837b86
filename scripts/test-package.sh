#!/usr/bin/env bash
# The Linux packages, installed for real: bundles the debug build a test run already made
# (scripts/package.sh --debug), validates the .desktop file and AppStream metainfo as shipped,
# checks the declared dependencies cover every library the binaries load, installs the .deb with
# apt, starts the installed app under Xvfb from its menu entry's Exec line and waits for its
# first screen, runs the installed `attune`, turns "Open Attune when I log in" on and off, then
# purges the package and checks that nothing of it is left but the person's own data.
#
#   scripts/test-package.sh        needs root (or sudo without a password) for apt
#
# Writes only to a temp folder and target/package/ (the bundles, and first-screen.png). Refuses
# to run where a package named attune is already installed, so it never replaces a real one.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'test-package: %s\n' "$*" >&2; }
fail() {
  say "FAILED: $*"
  exit 1
}

sudo=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    say "SKIPPED: installing a package needs root or passwordless sudo"
    exit 0
  fi
fi
if dpkg-query -W -f='${Status}' attune 2>/dev/null | grep -q "install ok installed"; then
  fail "a package named attune is already installed here; this test would replace it"
fi

target=${CARGO_TARGET_DIR:-target}
case "$target" in /*) ;; *) target="$(pwd)/$target" ;; esac

started=$(date +%s)
bash scripts/package.sh --debug
say "bundled the debug build in $(($(date +%s) - started)) s"
deb=$(ls "$target"/debug/bundle/attune_*_amd64.deb)
rpm=$(ls "$target"/debug/bundle/attune-*.x86_64.rpm)
version=$(dpkg-deb -f "$deb" Version)

run=$(mktemp -d "${TMPDIR:-/tmp}/attune-package.XXXXXX")
installed=0
xvfb_pid=
app_pid=
stop_app() {
  if [ -n "$app_pid" ]; then
    # The app and its WebKit processes share the process group `setsid` gave them.
    kill -TERM -- "-$app_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$app_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$app_pid" 2>/dev/null || true
    app_pid=
  fi
}
cleanup() {
  stop_app
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  [ "$installed" = 1 ] && "${sudo[@]}" apt-get purge -y -qq attune >/dev/null 2>&1 || true
  rm -rf "$run"
}
trap cleanup EXIT

# --- what ships -------------------------------------------------------------------------------
dpkg-deb -x "$deb" "$run/deb"
desktop="$run/deb/usr/share/applications/Attune.desktop"
metainfo="$run/deb/usr/share/metainfo/org.attune.journal.metainfo.xml"
desktop-file-validate "$desktop" || fail "the .desktop file does not validate"
appstreamcli validate --no-net "$metainfo" >"$run/appstream.log" 2>&1 || {
  cat "$run/appstream.log" >&2
  fail "the AppStream metainfo does not validate"
}
for size in 16x16 22x22 24x24 32x32 48x48 64x64 128x128 256x256 256x256@2 512x512; do
  [ -f "$run/deb/usr/share/icons/hicolor/$size/apps/attune-app.png" ] || fail "no $size icon in the .deb"
done
for f in usr/bin/attune usr/bin/attune-app usr/share/man/man1/attune.1.gz \
  usr/share/bash-completion/completions/attune usr/share/zsh/vendor-completions/_attune \
  usr/share/fish/vendor_completions.d/attune.fish; do
  [ -f "$run/deb/$f" ] || fail "/$f is missing from the .deb"
done
rpm -qpl "$rpm" >"$run/rpm-files" 2>/dev/null
for f in /usr/bin/attune /usr/bin/attune-app /usr/share/applications/Attune.desktop \
  /usr/share/metainfo/org.attune.journal.metainfo.xml /usr/share/man/man1/attune.1.gz \
  /usr/share/zsh/site-functions/_attune; do
  grep -qxF "$f" "$run/rpm-files" || fail "$f is missing from the .rpm"
done
rpm -qpR "$rpm" 2>/dev/null | grep -q '^libwebkit2gtk-4.1' || fail "the .rpm does not require WebKitGTK 4.1"

# --- install ----------------------------------------------------------------------------------
started=$(date +%s)
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$deb" >"$run/apt.log" 2>&1 || {
  cat "$run/apt.log" >&2
  fail "apt could not install $deb"
}
installed=1
say "installed attune $version with apt in $(($(date +%s) - started)) s"
dpkg-query -L attune | sort >"$run/owned"

# Every library the installed binaries link, and the tray library WebKit's tray support opens at
# run time, must come from a package the .deb depends on, directly or through its dependencies.
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances attune 2>/dev/null | grep -v '^ ' | sed 's/:amd64$//' | sort -u >"$run/closure"
for bin in /usr/bin/attune /usr/bin/attune-app; do
  ldd "$bin" | grep -q "not found" && fail "$bin needs a library that is not installed: $(ldd "$bin" | grep 'not found')"
  for lib in $(objdump -p "$bin" | awk '/NEEDED/ { print $2 }'); do
    path=$(ldd "$bin" | awk -v l="$lib" '$1 == l { print $3 }')
    [ -n "$path" ] || continue
    # dpkg knows a library by the path its package installed (/lib or /usr/lib on merged-/usr).
    owner=$({ dpkg -S "$path" || dpkg -S "$(realpath "$path")"; } 2>/dev/null | head -1 | cut -d: -f1)
    [ -n "$owner" ] || fail "no package owns $path ($lib, needed by $bin)"
    grep -qxF "$owner" "$run/closure" || fail "$bin needs $lib from $owner, which the .deb does not depend on"
  done
done
grep -qxF libayatana-appindicator3-1 "$run/closure" || fail "the tray library is not a dependency"

# --- the command-line tool --------------------------------------------------------------------
[ "$(command -v attune)" = /usr/bin/attune ] || fail "attune is not on PATH from /usr/bin"
[ "$(attune --version)" = "attune $version" ] || fail "attune --version says '$(attune --version)', not 'attune $version'"
ATTUNE_PASSPHRASE="correct horse battery staple" DBUS_SESSION_BUS_ADDRESS="unix:path=$run/no-bus" \
  HOME="$run/home" attune --vault "$run/vault" init >"$run/init.log" 2>&1 </dev/null ||
  fail "attune init failed: $(cat "$run/init.log")"
[ -f "$run/vault/vault.keys" ] && [ -f "$run/vault/vault.db" ] || fail "attune init made no vault in $run/vault"
zcat /usr/share/man/man1/attune.1.gz | grep -q '^\.TH attune 1' || fail "the installed manual page has no title"

# --- the desktop app, from its menu entry -----------------------------------------------------
exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/Attune.desktop)
[ "$(command -v "${exec_line%% *}")" = /usr/bin/attune-app ] || fail "Exec=$exec_line does not start /usr/bin/attune-app"

Xvfb -displayfd 3 -screen 0 1280x860x24 -nolisten tcp 3>"$run/display" >"$run/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do
  [ -s "$run/display" ] && break
  sleep 0.1
done
[ -s "$run/display" ] || fail "Xvfb did not start"
export DISPLAY=":$(tr -d '[:space:]' <"$run/display")"
mkdir -p "$run"/{home,config,data,cache} "$run/runtime"
chmod 700 "$run/runtime"
autostart="$run/home/.config/autostart/Attune.desktop"
prefs="$run/config/org.attune.journal/preferences.json"

# Starts the installed app in its own process group, with the run's own HOME, XDG folders and a
# session bus that leads nowhere, so it never touches a real vault or keyring.
start_app() {
  rm -f "$run/ready"
  # shellcheck disable=SC2086 # the Exec line is split into words, as a desktop would
  env HOME="$run/home" XDG_CONFIG_HOME="$run/config" XDG_DATA_HOME="$run/data" \
    XDG_CACHE_HOME="$run/cache" XDG_RUNTIME_DIR="$run/runtime" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=$run/no-bus" ATTUNE_BENCH_READY_FILE="$run/ready" \
    setsid "$@" >>"$run/app.log" 2>&1 &
  app_pid=$!
}
# Waits for the first screen's first call to the app (it writes ATTUNE_BENCH_READY_FILE).
wait_first_screen() {
  for _ in $(seq 1 300); do
    [ -s "$run/ready" ] && return 0
    kill -0 "$app_pid" 2>/dev/null || fail "the app exited: $(tail -5 "$run/app.log")"
    sleep 0.1
  done
  fail "no first screen within 30 s: $(tail -5 "$run/app.log")"
}

started=$(date +%s%N)
# shellcheck disable=SC2086
start_app $exec_line
wait_first_screen
say "first screen after $((($(date +%s%N) - started) / 1000000)) ms"
sleep 1 # let the frame paint before the screenshot
mkdir -p target/package
import -window root target/package/first-screen.png 2>/dev/null
colours=$(identify -format %k target/package/first-screen.png)
[ "$colours" -gt 50 ] || fail "the first screen looks empty ($colours colours; see target/package/first-screen.png)"
xwininfo -root -tree | grep -q '"Attune"' || fail "no window titled Attune"
[ -e "$autostart" ] && fail "a login entry exists although nobody asked for one"
stop_app

# "Open Attune when I log in": the preference puts the entry in the autostart folder...
mkdir -p "$(dirname "$prefs")"
echo '{ "open_at_login": true }' >"$prefs"
# shellcheck disable=SC2086
start_app $exec_line
wait_first_screen
[ -f "$autostart" ] || fail "no login entry at $autostart with open_at_login on"
grep -qx 'Exec=/usr/bin/attune-app --autostart' "$autostart" || fail "the login entry does not start the installed app at login: $(cat "$autostart")"
desktop-file-validate "$autostart" >/dev/null 2>&1 || say "note: the plugin's login entry has desktop-file-validate warnings"
stop_app

# ... a login start draws nothing: no window, no UI calls, and the process stays up ...
start_app /usr/bin/attune-app --autostart
sleep 4
kill -0 "$app_pid" 2>/dev/null || fail "a login start exited: $(tail -5 "$run/app.log")"
[ -e "$run/ready" ] && fail "a login start showed the UI"
xwininfo -root -tree | grep -q '"Attune"' && fail "a login start opened a window"
stop_app

# ... and turning it off takes the entry away.
echo '{ "open_at_login": false }' >"$prefs"
# shellcheck disable=SC2086
start_app $exec_line
wait_first_screen
stop_app
[ -e "$autostart" ] && fail "the login entry is still there with open_at_login off"

# --- remove -----------------------------------------------------------------------------------
"${sudo[@]}" apt-get purge -y -qq attune >"$run/apt.log" 2>&1 || fail "apt could not remove attune: $(cat "$run/apt.log")"
installed=0
dpkg-query -W attune >/dev/null 2>&1 && dpkg-query -W -f='${Status}' attune | grep -q installed &&
  fail "dpkg still lists attune"
left=0
while IFS= read -r path; do
  [ -f "$path" ] || [ -L "$path" ] || continue
  say "left behind: $path"
  left=1
done <"$run/owned"
[ "$left" = 0 ] || fail "files of the package are left after purge"
[ -f "$run/vault/vault.keys" ] || fail "removing the package touched the person's vault"
[ -f "$prefs" ] || fail "removing the package touched the person's preferences"
say "ok: .deb $(du -h "$deb" | cut -f1), .rpm $(du -h "$rpm" | cut -f1) (debug build, debug info stripped)"

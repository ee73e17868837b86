#!/usr/bin/env bash
# Installs what Attune needs beyond the Rust and Node toolchains: Debian/Ubuntu packages (with
# apt-get, as root or through sudo; otherwise it prints the exact command), npm packages, and
# cargo tools. Safe to run again: it only installs what is missing.
#
#   scripts/setup.sh            everything for building and running the app
#   scripts/setup.sh --test     also what the test suite needs (keyring, sync, e2e, packages)
#   scripts/setup.sh --package  also what making and checking the Linux packages needs
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
want_package=0
[ "${1:-}" = "--test" ] && want_test=1 && want_package=1
[ "${1:-}" = "--package" ] && want_package=1

say() { printf 'setup: %s\n' "$*" >&2; }

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { say "$tool is not installed: install the Rust toolchain (rustup) and Node.js 20+ first"; exit 1; }
done

# Build: SQLCipher links OpenSSL; the keyring talks to the Secret Service over D-Bus; the
# desktop app is Tauri 2 on WebKitGTK 4.1.
packages=(build-essential pkg-config file libssl-dev libdbus-1-dev
  libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev)
if [ "$want_test" = 1 ]; then
  # Keyring tests: a real gnome-keyring on a private D-Bus session. End-to-end tests: the real
  # app under Xvfb, driven through WebKitWebDriver.
  packages+=(gnome-keyring dbus-x11 libsecret-tools xvfb xauth webkit2gtk-driver imagemagick)
  packages+=(poppler-utils qpdf) # PDF summary tests: pdftotext, pdffonts, pdftoppm, qpdf --check
  packages+=(hunspell-en-us hunspell-pt-br hunspell-es) # the editor's spell check (reading.test.mjs)
  packages+=(syncthing) # sync between computers through two real Syncthing instances (test-sync.sh)
fi
if [ "$want_package" = 1 ]; then
  # The .rpm bundler's rpm tools, the validators of the .desktop file and AppStream metainfo,
  # and flatpak-builder to read the Flatpak manifest.
  packages+=(rpm desktop-file-utils appstream flatpak-builder)
  if [ "$want_test" = 1 ]; then packages+=(x11-utils); fi # xwininfo: is a window there?
fi

missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    say "please install the equivalents of: ${missing[*]}"
    exit 1
  fi
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      say "these system packages are missing. Run:"
      say "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
      exit 1
    fi
  fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif ! command -v dpkg-query >/dev/null; then
  say "not a Debian-like system: make sure these (or their equivalents) are installed: ${packages[*]}"
fi

# The web UI's packages, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

# tauri-driver bridges WebDriver to the app for the end-to-end tests.
if [ "$want_test" = 1 ]; then
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  if ! command -v tauri-driver >/dev/null; then
    say "installing tauri-driver (cargo install, a few minutes the first time)"
    cargo install tauri-driver --locked --version 2.1.0 --quiet
  fi
fi

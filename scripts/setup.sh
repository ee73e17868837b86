#!/usr/bin/env bash
# Installs what Attune needs beyond the Rust and Node toolchains: Debian/Ubuntu packages (with
# apt-get, as root or through sudo; otherwise it prints the exact command), npm packages, and
# cargo tools. Safe to run again: it only installs what is missing.
#
#   scripts/setup.sh            everything for building and running the app
#   scripts/setup.sh --test     also what the test suite needs (keyring, e2e)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf 'setup: %s\n' "$*" >&2; }

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { say "$tool is not installed: install the Rust toolchain (rustup) and Node.js 20+ first"; exit 1; }
done

# Build: SQLCipher links OpenSSL; the keyring talks to the Secret Service over D-Bus.
packages=(build-essential pkg-config libssl-dev libdbus-1-dev)
if [ "$want_test" = 1 ]; then
  # The keyring tests run a real gnome-keyring on a private D-Bus session.
  packages+=(gnome-keyring dbus-x11 libsecret-tools)
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

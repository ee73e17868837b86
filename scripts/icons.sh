#!/usr/bin/env bash
# Regenerates every icon the bundlers use from the one source, src-tauri/icons/icon.svg, with
# Tauri's own tool: PNGs at the freedesktop theme's sizes (16 to 512, and 128@2x), icon.icns for
# macOS and icon.ico for Windows (without which the app does not compile on Windows). Run after
# changing the source, and commit the results.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x ui/node_modules/.bin/tauri ] || (cd ui && npm ci --no-audit --no-fund --loglevel=error)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tauri=ui/node_modules/.bin/tauri
# The default set: 32, 64, 128, 128@2x, 512 (icon.png), .icns and .ico (and mobile and Store
# logos, which Attune does not ship).
"$tauri" icon src-tauri/icons/icon.svg -o "$work/default" >/dev/null 2>&1
# The other sizes of the hicolor theme.
"$tauri" icon src-tauri/icons/icon.svg -o "$work/hicolor" -p 16 -p 22 -p 24 -p 48 -p 256 >/dev/null 2>&1
for f in 32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png icon.icns icon.ico; do
  cp "$work/default/$f" src-tauri/icons/
done
cp "$work"/hicolor/*.png src-tauri/icons/
echo "icons: regenerated src-tauri/icons from icon.svg"

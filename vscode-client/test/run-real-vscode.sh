#!/usr/bin/env bash
# The real-VS-Code test (issue 18): installs the packaged kls-<version>.vsix
# into code-server, starts code-server on 127.0.0.1 with a fresh user-data-dir
# and a fresh copy of test-workspace/xen-p2m-2008, and runs test/real-vscode.js
# (playwright-core driving Debian's chromium). Fails, never skips, when
# something is missing. Screenshots and results.json go to test-results/
# (KLS_UPDATE_IMAGES=1 also copies the README's screenshots to images/).
# Run after `npm ci && npm run package`.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo=$(cd "$here/.." && pwd)
fail() { echo "run-real-vscode: $*" >&2; exit 1; }

version=$(node -p "require('$here/package.json').version")
vsix=$here/kls-$version.vsix
[ -f "$vsix" ] || fail "$vsix is missing: run 'npm ci && npm run package' in vscode-client first"
[ -d "$here/node_modules/playwright-core" ] || fail "playwright-core is missing: run 'npm ci' in vscode-client"
chromium=${CHROMIUM:-}
if [ -z "$chromium" ]; then
  for c in /usr/lib/chromium/chromium /usr/bin/chromium; do [ -x "$c" ] && chromium=$c && break; done
fi
[ -n "$chromium" ] || fail "chromium is missing: apt-get install chromium"
command -v java >/dev/null || fail "java is missing (the extension runs the bundled kls.jar with it)"

vsdir=$("$here/scripts/setup-code-server.sh")
export PATH=$vsdir/node24/package/bin:$PATH
cs=$vsdir/cs/bin/code-server

work=$(mktemp -d "${TMPDIR:-/tmp}/kls-real-vscode.XXXXXX")
cspid=
cleanup() {
  # code-server's wrapper takes the extension host and the server down with it.
  if [ -n "$cspid" ] && kill -0 "$cspid" 2>/dev/null; then
    kill "$cspid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$cspid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$cspid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# code-server and chromium write their state under XDG_* (never $HOME).
export XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data XDG_CACHE_HOME=$work/xdg/cache
ud=$work/ud ext=$work/extensions folder=$work/xen-p2m-2008
mkdir -p "$ud/User" "$ext"
cp -r "$repo/test-workspace/xen-p2m-2008" "$folder"
# Auto-save off and no restored buffers: an applied fix must stay in the editor (vscode-real.md, pitfalls 5, 6).
cat > "$ud/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  "files.autoSave": "off",
  "files.hotExit": "off",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON

"$cs" --user-data-dir "$ud" --extensions-dir "$ext" --install-extension "$vsix" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; fail "code-server --install-extension $vsix failed"; }

port=${KLS_CODE_SERVER_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
"$cs" --user-data-dir "$ud" --extensions-dir "$ext" --bind-addr "127.0.0.1:$port" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --reconnection-grace-time 5 \
  >"$work/code-server.log" 2>&1 &
cspid=$!
for _ in $(seq 300); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
  kill -0 "$cspid" 2>/dev/null || { cat "$work/code-server.log" >&2; fail "code-server exited"; }
  sleep 0.1
done
curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" || { cat "$work/code-server.log" >&2; fail "code-server did not answer on 127.0.0.1:$port"; }

results=$here/test-results
rm -rf "$results" && mkdir -p "$results"
status=0
KLS_URL=http://127.0.0.1:$port KLS_FOLDER=$folder KLS_UD=$ud KLS_RESULTS=$results KLS_EXTENSIONS=$ext \
  CHROMIUM=$chromium node "$here/test/real-vscode.js" || status=$?
cp "$work/code-server.log" "$results/" 2>/dev/null || true
find "$ud/logs" -name kls.log -exec cp {} "$results/kls.log" \; 2>/dev/null || true
if [ "$status" -eq 0 ] && [ "${KLS_UPDATE_IMAGES:-0}" = 1 ]; then
  mkdir -p "$here/images"
  for n in problems hover fixed kconfig-hover; do cp "$results/$n.jpg" "$here/images/$n.jpg"; done
fi
[ "$status" -eq 0 ] || fail "FAILED (screenshots and logs in $results)"
echo "run-real-vscode: passed; screenshots in $results"

#!/usr/bin/env bash
# Tests the launcher as a new user meets it: `./kls install --prefix DIR`
# links DIR/bin/kls to it, and that link (and a link to the link) runs kls
# from any folder. Needs server/target/kls.jar (so the launcher builds nothing).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "test-launcher: FAILED: $*" >&2; exit 1; }
[ -f "$repo/server/target/kls.jar" ] || fail "server/target/kls.jar is missing: build it first (mvn -B package)"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

out=$("$repo/kls" install --prefix "$t/prefix") || fail "kls install exited $?"
[ -L "$t/prefix/bin/kls" ] || fail "no link $t/prefix/bin/kls ($out)"
[ "$(readlink "$t/prefix/bin/kls")" = "$repo/kls" ] || fail "the link points to $(readlink "$t/prefix/bin/kls")"
# Again: replaces the link, still one file.
"$repo/kls" install --prefix "$t/prefix" >/dev/null || fail "a second kls install failed"
[ "$(ls -A "$t/prefix/bin")" = kls ] || fail "bin holds $(ls -A "$t/prefix/bin")"

ln -s "$t/prefix/bin/kls" "$t/link-to-link"
mkdir "$t/elsewhere"
for k in "$t/prefix/bin/kls" "$t/link-to-link"; do
  v=$(cd "$t/elsewhere" && "$k" --version 2>&1) || fail "$k --version: $v"
  want=$(java -jar "$repo/server/target/kls.jar" --version)
  [ "$v" = "$want" ] || fail "$k --version printed '$v', want '$want'"
  # A real command through the link: the bundled example's error, exit status 1.
  set +e
  lint=$(cd "$t/elsewhere" && "$k" lint "$repo/test-workspace/xen-p2m-2008" --arch x86 2>/dev/null)
  rc=$?
  set -e
  [ "$rc" = 1 ] || fail "$k lint exited $rc, want 1"
  grep -q 'p2m_top_mfn_list is 8 bytes' <<<"$lint" || fail "$k lint printed: $lint"
done
if "$repo/kls" install --bogus >/dev/null 2>&1; then fail "kls install --bogus succeeded"; fi
echo "test-launcher: passed"

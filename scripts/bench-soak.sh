#!/usr/bin/env bash
# The full soak of issue 17: N edits (default 10,000) with hovers and cancellations on a Kconfig and a C
# file of the Linux 6.1 tree, heap after GC sampled every N/10 edits, threads counted (SoakTest).
#   scripts/bench-soak.sh [EDITS]
# Uses $KLS_LINUX_DIR (default ~/.cache/kls/linux-6.1, fetched by scripts/fetch-linux-source.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
edits=${1:-10000}
tree=${KLS_LINUX_DIR:-$(scripts/fetch-linux-source.sh)}
mvn -B -q -pl server -am test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dkls.soak.tree="$tree" -Dkls.soak.edits="$edits" 2>&1 | grep --line-buffered -E '^soak:|FAIL|expected' || true
grep -h '^soak:' server/target/surefire-reports/dev.kls.lsp.SoakTest-output.txt 2>/dev/null || true

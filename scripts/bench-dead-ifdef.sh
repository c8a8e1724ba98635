#!/usr/bin/env bash
# dead-ifdef over every #if test mentioning CONFIG_ under arch/x86, mm and kernel/ of Linux 6.1, and
# those folders' Makefile obj- lines, on x86_64: KernelDeadIfdefTest with those roots (its six sampled
# findings also checked with the kernel's own conf), its count line and findings printed.
#   scripts/bench-dead-ifdef.sh [BUDGET]     seconds of solving (default 60)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
budget=${1:-60}
export KLS_LINUX_DIR=${KLS_LINUX_DIR:-$("$here/scripts/fetch-linux-source.sh")}
start=$(date +%s)
(cd "$here" && mvn -B -o -q -Dstyle.color=never -Pkernel -pl diagnostics -am test \
    -Dtest=KernelDeadIfdefTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dkls.deadifdef.roots=arch/x86,mm,kernel -Dkls.dead.budget="$budget") >&2
reports="$here/diagnostics/target/surefire-reports"
grep -h -E '(^|CDATA\[)dead-ifdef |^  (dead|undead|checked) ' \
    "$reports/TEST-dev.kls.diagnostics.rules.KernelDeadIfdefTest.xml" | sed 's/^.*CDATA\[//'
echo "bench-dead-ifdef x86_64: $(( $(date +%s) - start )) s wall, build, tree load and conf checks included"

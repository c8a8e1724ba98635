#!/usr/bin/env bash
# Every select line of Linux 6.1 checked over all configurations (static select-unmet-deps) and the
# dead-symbol pass, for one arch: KernelStaticSelectsTest (each finding's witness also given to the
# kernel's own conf) and KernelDeadSymbolsTest with -Dkls.selects.stride=1, their timing lines printed.
#   scripts/bench-selects.sh [ARCH]          (x86_64 or arm64; default x86_64)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
arch=${1:-x86_64}
export KLS_LINUX_DIR=${KLS_LINUX_DIR:-$("$here/scripts/fetch-linux-source.sh")}
start=$(date +%s)
(cd "$here" && mvn -B -o -q -Dstyle.color=never -Pkernel -pl kconfig-parser -am test \
    -Dtest='KernelStaticSelectsTest,KernelDeadSymbolsTest,KernelDeadDefaultsTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dkls.sat.arch="$arch" -Dkls.selects.stride=1 -Dkls.selects.budget=0) >&2
reports="$here/kconfig-parser/target/surefire-reports"
grep -h -E '(^|CDATA\[)(static selects|dead symbols|dead defaults)|^  (search|kernel conf|finding|sampled|shadowed|[0-9]+ of)' \
    "$reports/TEST-dev.kls.kconfig.eval.KernelStaticSelectsTest.xml" \
    "$reports/TEST-dev.kls.kconfig.eval.KernelDeadSymbolsTest.xml" \
    "$reports/TEST-dev.kls.kconfig.eval.KernelDeadDefaultsTest.xml" | sed 's/^.*CDATA\[//'
echo "bench-selects $arch: $(( $(date +%s) - start )) s wall, build and tree load included"

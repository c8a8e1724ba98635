#!/usr/bin/env bash
# Sat4j against LogicNG (MiniSat, Glucose) on the same CNF of one arch's Kconfig model of Linux 6.1:
# load time, first solve, per-question p50/p95/max for QUESTIONS random questions under assumptions
# (half of one symbol, half of ten), heap; the answers must agree (exit 1 otherwise).
#   scripts/bench-sat.sh [ARCH] [QUESTIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tree=${KLS_LINUX_DIR:-$("$here/scripts/fetch-linux-source.sh")}
(cd "$here" && mvn -B -q -Dstyle.color=never -pl bench -am package -DskipTests) >&2
java -Xmx8g -cp "$here/bench/target/benchmarks.jar" dev.kls.bench.SatBench "$tree" "${1:-x86_64}" "${2:-200}"

#!/usr/bin/env bash
# Time reading the Linux Kconfig tree: cold (a whole `kls kconfig check`
# process, N runs) and warm (JMH, in-process). Usage: bench-kconfig.sh [ARCH] [N]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
arch=${1:-x86}
runs=${2:-10}
tree=${KLS_LINUX_DIR:-$("$here/scripts/fetch-linux-source.sh")}
export KLS_LINUX_DIR=$tree

(cd "$here" && mvn -B -q -Dstyle.color=never package -DskipTests) >&2

echo "cold: $runs runs of 'java -jar server/target/kls.jar kconfig check --srctree $tree --arch $arch'"
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  java -jar "$here/server/target/kls.jar" kconfig check --srctree "$tree" --arch "$arch" >/dev/null || true
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "cold ms: min %d median %d max %d\n", a[1], a[int((NR+1)/2)], a[NR]}'

echo "warm: JMH KconfigLoadBenchmark (arch=$arch)"
java -jar "$here/bench/target/benchmarks.jar" KconfigLoadBenchmark -p arch="$arch" -rf text -rff /dev/null 2>&1 \
  | grep -E '^(Benchmark|KconfigLoadBenchmark)'

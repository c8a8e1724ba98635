#!/usr/bin/env bash
# Time the C analyzer on Linux 6.1 for the page-aligned-size rule: list the
# objects of every .c under arch/x86, mm, drivers/xen and size the
# page-aligned ones for x86_64_defconfig; cold (new project) and warm (same
# project again), in one JVM. Usage: bench-c-attr.sh [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
tree=${KLS_LINUX_DIR:-$("$here/scripts/fetch-linux-source.sh")}
(cd "$here" && mvn -B -q -Dstyle.color=never package -DskipTests) >&2
cfg=$(mktemp)
cachedir=$(mktemp -d)
trap 'rm -rf "$cfg" "$cachedir"' EXIT
java -jar "$here/server/target/kls.jar" config defconfig --srctree "$tree" --arch x86_64 \
  --config "$tree/arch/x86/configs/x86_64_defconfig" --out "$cfg" --allow-shell \
  --macro-cache "$cachedir/macro-cache.json" >/dev/null  # the user's tree gets no cache file from a benchmark
java -Xmx4g -cp "$here/bench/target/benchmarks.jar" dev.kls.bench.PageAlignedScan "$tree" "$cfg" "$runs"

#!/usr/bin/env bash
# Times olddefconfig on x86_64_defconfig, the kernel's way and kls's, in the
# same run on the same machine: N runs each of
#   make ARCH=x86_64 olddefconfig                       (the kernel's conf, via make)
#   java -jar server/target/kls.jar config olddefconfig --allow-shell
# in a scratch copy of the Linux tree (the cached tree is never written to),
# each on a fresh copy of the defconfig. Prints min/median/max wall time and
# whether the two .config files agree apart from the header comment.
# Usage: bench-olddefconfig.sh [N]   (KLS_LINUX_DIR: the tree; default ~/.cache/kls/linux-6.1)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
src=${KLS_LINUX_DIR:-$("$here/scripts/fetch-linux-source.sh")}
arch=x86_64
defconfig=arch/x86/configs/x86_64_defconfig

for tool in make gcc java; do
  command -v "$tool" >/dev/null || { echo "bench-olddefconfig: '$tool' is not on PATH" >&2; exit 2; }
done

(cd "$here" && mvn -B -q -Dstyle.color=never package -DskipTests) >&2
jar=$here/server/target/kls.jar

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kls-bench-olddefconfig.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
tree=$scratch/linux
# What make's config targets read (the same selection as the kernel tests' copy).
mkdir -p "$tree"
(cd "$src" && find . -type f \( -name 'Kconfig*' -o -name 'Makefile*' -o -name 'Kbuild*' -o -name '*.include' \
    -o -path './scripts/*' -o -path './arch/*/configs/*' -o -path './arch/*/tools/*' \) -print0 \
  | tar --null -T - -cf -) | tar -C "$tree" -xf -

# conf is built by the first make; that run is not timed.
unset KCONFIG_CONFIG KCONFIG_ALLCONFIG KCONFIG_SEED KCONFIG_PROBABILITY CONFIG_ || true
cp "$tree/$defconfig" "$scratch/warmup.config"
make -s -C "$tree" ARCH=$arch KCONFIG_CONFIG="$scratch/warmup.config" olddefconfig >/dev/null

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
stats() { sort -n | awk '{a[NR]=$1} END {printf "min %d median %d max %d ms\n", a[1], a[int((NR+1)/2)], a[NR]}'; }

make_times=()
kls_times=()
# Alternate the two so that a change in the machine's load hits both alike.
for i in $(seq "$runs"); do
  cp "$tree/$defconfig" "$scratch/make.config"
  start=$(now_ms)
  make -s -C "$tree" ARCH=$arch KCONFIG_CONFIG="$scratch/make.config" olddefconfig >/dev/null
  make_times+=($(( $(now_ms) - start )))

  cp "$tree/$defconfig" "$scratch/kls.config"
  start=$(now_ms)
  java -jar "$jar" config olddefconfig --srctree "$tree" --arch $arch --allow-shell \
    --config "$scratch/kls.config" >/dev/null 2>"$scratch/kls.err"
  kls_times+=($(( $(now_ms) - start )))
done

echo "olddefconfig of $defconfig, ARCH=$arch, $runs runs each ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%s\n' "${make_times[@]}" | stats | sed 's/^/  make ARCH=x86_64 olddefconfig:               /'
printf '%s\n' "${kls_times[@]}" | stats | sed 's/^/  kls config olddefconfig --allow-shell (jar): /'
# Both start with conf's four-line header comment.
if cmp -s <(tail -n +5 "$scratch/make.config") <(tail -n +5 "$scratch/kls.config"); then
  echo "  outputs: identical apart from the header"
else
  echo "  outputs: DIFFER" >&2
  diff "$scratch/make.config" "$scratch/kls.config" | head -20 >&2
  exit 1
fi

#!/usr/bin/env bash
# The side-by-side benchmarks of issue 15 in one command, on Linux 6.1 x86_64:
#   1. `make olddefconfig` vs `kls config olddefconfig` (cold process, $(shell) results from the
#      .kls/macro-cache.json of an earlier --allow-shell run) vs the same with --allow-shell,
#      on x86_64_defconfig, through hyperfine in one run (its ratios: the load hits all alike);
#   2. `kls lint arch/x86 mm drivers/xen` with a configuration (hyperfine);
#   3. editor latency of a real `kls serve` process over stdio (dev.kls.bench.LspLatency --process):
#      didChange -> publishDiagnostics on mmu_pv.c and arch/x86/Kconfig, with and without a
#      configuration, and the first diagnostics of the newly opened file; in full mode also the
#      in-process figure (client and server in one JVM) next to it.
# Prints a table of medians and ratios and writes bench/results/<date>.json.
# sparse (`make C=2`) is compared only where it is installed; the script says when it is not.
#
# Usage: scripts/bench.sh [--quick] [--no-build] [--runs N] [--edits N]
#   --quick     smoke mode (under a minute): one run each, lint of drivers/xen only, editor: 2 edits
#               of arch/x86/Kconfig without warm-up or configuration (the C file's first diagnostics
#               alone take half a minute)
#   --no-build  use server/target/kls.jar and bench/target/benchmarks.jar as they are
# KLS_LINUX_DIR: the tree (default: scripts/fetch-linux-source.sh, ~/.cache/kls/linux-6.1).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
quick=0 build=1 runs=5 edits=60 lint_runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --no-build) build=0; shift ;;
    --runs) runs=$2; lint_runs=$2; shift 2 ;;
    --edits) edits=$2; shift 2 ;;
    *) echo "bench.sh: unknown argument '$1' (usage: bench.sh [--quick] [--no-build] [--runs N] [--edits N])" >&2; exit 2 ;;
  esac
done
warmup=20 cfile=true
if [ $quick = 1 ]; then runs=1 lint_runs=1 edits=2 warmup=0 cfile=false; fi

for tool in hyperfine make gcc java python3; do
  command -v "$tool" >/dev/null || { echo "bench.sh: '$tool' is not on PATH (Debian: apt-get install $tool)" >&2; exit 2; }
done
src=${KLS_LINUX_DIR:-$("$here/scripts/fetch-linux-source.sh")}
[ -f "$src/Kconfig" ] || { echo "bench.sh: $src is not a Linux tree (no Kconfig)" >&2; exit 2; }

if [ $build = 1 ]; then
  (cd "$here" && mvn -B -q -Dstyle.color=never -pl server,bench -am package -DskipTests) >&2
fi
jar=$here/server/target/kls.jar
benchjar=$here/bench/target/benchmarks.jar
for f in "$jar" "$benchjar"; do
  [ -f "$f" ] || { echo "bench.sh: $f is missing (run without --no-build)" >&2; exit 2; }
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kls-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
arch=x86_64
defconfig=arch/x86/configs/x86_64_defconfig
unset KCONFIG_CONFIG KCONFIG_ALLCONFIG KCONFIG_SEED KCONFIG_PROBABILITY CONFIG_ || true

# A scratch copy of what make's config targets read (as bench-olddefconfig.sh and the kernel tests
# do): make builds conf into it and kls writes its macro cache there; the cached tree is never written.
tree=$scratch/linux
mkdir -p "$tree"
(cd "$src" && find . -type f \( -name 'Kconfig*' -o -name 'Makefile*' -o -name 'Kbuild*' -o -name '*.include' \
    -o -path './scripts/*' -o -path './arch/*/configs/*' -o -path './arch/*/tools/*' \) -print0 \
  | tar --null -T - -cf -) | tar -C "$tree" -xf -

# The kls rows run the ./kls launcher, as users do: it gives short config targets the JVM flags that
# suit them (C1 only, serial GC). Untimed: the first make builds conf; the first kls run with --allow-shell fills
# $tree/.kls/macro-cache.json, from which the cached runs take every $(shell) result.
cp "$tree/$defconfig" "$scratch/warmup.config"
make -s -C "$tree" ARCH=$arch KCONFIG_CONFIG="$scratch/warmup.config" olddefconfig >/dev/null
cp "$tree/$defconfig" "$scratch/kls-warmup.config"
java -jar "$jar" config olddefconfig --srctree "$tree" --arch $arch --allow-shell \
  --config "$scratch/kls-warmup.config" >/dev/null 2>"$scratch/kls-warmup.err"
[ -s "$tree/.kls/macro-cache.json" ] || { echo "bench.sh: the --allow-shell run wrote no macro cache" >&2; exit 1; }

load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start=$(load)
echo "== olddefconfig of $defconfig, ARCH=$arch, $runs run(s) each, $(nproc) cores, load $load_start" >&2
hyperfine --style basic --runs "$runs" --export-json "$scratch/olddefconfig.json" \
  --prepare "cp $tree/$defconfig $scratch/make.config" \
  --prepare "cp $tree/$defconfig $scratch/kls.config" \
  --prepare "cp $tree/$defconfig $scratch/kls-shell.config" \
  -n make "make -s -C $tree ARCH=$arch KCONFIG_CONFIG=$scratch/make.config olddefconfig" \
  -n kls-cached "$here/kls config olddefconfig --srctree $tree --arch $arch --config $scratch/kls.config" \
  -n kls-allow-shell "$here/kls config olddefconfig --srctree $tree --arch $arch --allow-shell --config $scratch/kls-shell.config" \
  >&2
# The timed runs must compute what conf computes (all start with conf's four-line header comment).
for f in kls kls-shell; do
  if ! cmp -s <(tail -n +5 "$scratch/make.config") <(tail -n +5 "$scratch/$f.config"); then
    echo "bench.sh: $f.config differs from make's" >&2
    diff "$scratch/make.config" "$scratch/$f.config" | head -20 >&2
    exit 1
  fi
done

# kls lint on the real tree (it writes nothing there without --allow-shell), with make's .config.
lint_paths=(arch/x86 mm drivers/xen)
[ $quick = 1 ] && lint_paths=(drivers/xen)
cp "$scratch/make.config" "$scratch/lint.config"
echo "== kls lint ${lint_paths[*]} --config (x86_64_defconfig after olddefconfig), $lint_runs run(s)" >&2
# --fail-on never: findings are the lint's output, not a failed benchmark.
# Cold: --no-cache (every C body read afresh). Warm: the C body cache of a scratch folder, filled by
# hyperfine's one warm-up run (README, "The body cache"), as a second lint of an unchanged tree finds it.
lint_cmd="cd $src && java -jar $jar lint ${lint_paths[*]} --srctree $src --arch $arch --config $scratch/lint.config --fail-on never"
hyperfine --style basic --runs "$lint_runs" --export-json "$scratch/lint.json" \
  -n kls-lint "$lint_cmd --no-cache >/dev/null" \
  >&2
hyperfine --style basic --runs "$lint_runs" --warmup 1 --export-json "$scratch/lint-warm.json" \
  -n kls-lint-warm "KLS_CACHE_DIR=$scratch/kls-cache $lint_cmd >/dev/null" \
  >&2

if command -v sparse >/dev/null; then
  echo "bench.sh: sparse is installed, but the make C=2 comparison (237 files after a build) is not part of this harness yet" >&2
  sparse_note="sparse installed; make C=2 comparison not implemented yet"
else
  echo "bench.sh: sparse is not installed: no kls lint vs make C=2 comparison" >&2
  sparse_note="sparse not installed: no kls lint vs make C=2 comparison"
fi

# Editor latency: the real process first (the reported figure), without and with a configuration.
lsp() { java -Xmx4g -Dkls.bench.warmup=$warmup -Dkls.bench.c=$cfile -cp "$benchjar" dev.kls.bench.LspLatency "$@" | tee -a "$scratch/lsp.out" >&2; }
echo "== editor: kls serve as its own process over stdio, $edits edits per file (after $warmup warm-up)" >&2
lsp --process "$jar" "$src" "$edits" x86
if [ $quick = 0 ]; then
  lsp --process "$jar" "$src" "$edits" x86 "$defconfig"
  echo "== editor: the same in one JVM (client and server over pipes), for comparison" >&2
  lsp "$src" "$edits" x86
fi
load_end=$(load)

mkdir -p "$here/bench/results"
suffix=; [ $quick = 1 ] && suffix=-quick
out=$here/bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)$suffix.json
python3 - "$scratch" "$out" "$quick" "$load_start" "$load_end" "$sparse_note" "$(nproc)" "$(java -version 2>&1 | head -1)" <<'EOF'
import json, os, sys
scratch, out, quick, load_start, load_end, sparse_note, cores, java = sys.argv[1:]
def hf(name):
    with open(os.path.join(scratch, name)) as f:
        return {r["command"]: r for r in json.load(f)["results"]}
old = hf("olddefconfig.json")
lint = hf("lint.json")
lint.update(hf("lint-warm.json"))
lsp = [json.loads(l[len("bench-result "):]) for l in open(os.path.join(scratch, "lsp.out")) if l.startswith("bench-result ")]
med = lambda r: r["median"] * 1000
make = med(old["make"])
rows = [
    ("make olddefconfig (x86_64_defconfig)", make, 1.0, None),
    ("kls config olddefconfig, $(shell) from macro cache", med(old["kls-cached"]), med(old["kls-cached"]) / make, 0.5),
    ("kls config olddefconfig --allow-shell", med(old["kls-allow-shell"]), med(old["kls-allow-shell"]) / make, 1.0),
    ("kls lint " + ("drivers/xen" if quick == "1" else "arch/x86 mm drivers/xen") + " --config --no-cache", med(lint["kls-lint"]), None, None),
    ("kls lint, the same with a warm C body cache", med(lint["kls-lint-warm"]), None, "5 s"),
]
result = {
    "quick": quick == "1", "cores": int(cores), "java": java,
    "load": {"start": load_start, "end": load_end},
    "olddefconfig": {k: {"medianMs": med(v), "meanMs": v["mean"] * 1000, "minMs": v["min"] * 1000,
                          "maxMs": v["max"] * 1000, "runs": len(v["times"])} for k, v in old.items()},
    "lint": {k: {"medianMs": med(v), "runs": len(v["times"])} for k, v in lint.items()},
    "editor": lsp, "sparse": sparse_note,
}
tmp = out + ".tmp"
with open(tmp, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
os.replace(tmp, out)

print(f"kls benchmarks, Linux 6.1 x86_64, {cores} cores, load {load_start} -> {load_end}" + (" (--quick: smoke run)" if quick == "1" else ""))
print("| benchmark | median | ratio to make | goal |")
print("|---|---|---|---|")
for name, m, ratio, goal in rows:
    print(f"| {name} | {m:.0f} ms | {'' if ratio is None else f'{ratio:.2f}'} | {'' if goal is None else f'<= {goal}'} |")
print()
print("| editor (didChange -> publishDiagnostics) | config | edits | first diagnostics after open | p50 | p95 |")
print("|---|---|---|---|---|---|")
for r in lsp:
    print(f"| {r['mode']}: {r['file']} | {r['config'] or 'none (every configuration)'} | {r['edits']} | "
          f"{r['openMs']:.0f} ms | {r['p50Ms']:.0f} ms | {r['p95Ms']:.0f} ms |")
print()
print(sparse_note)
print(f"written: {os.path.relpath(out)}")
EOF

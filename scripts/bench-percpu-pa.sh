#!/usr/bin/env bash
# What the rule percpu-pa adds to `kls lint` on Linux 6.1's arch/x86 and mm
# (ARCH=x86_64, no configuration: every configuration is looked at).
# Runs N times (default 1): all rules but percpu-pa, all rules, percpu-pa alone,
# printing wall and CPU time of each. The kernel tree is only read.
#   scripts/bench-percpu-pa.sh [N]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-1}
linux=${KLS_LINUX_DIR:-$HOME/.cache/kls/linux-6.1}
[ -f "$linux/Kconfig" ] || "$here/scripts/fetch-linux-source.sh"
"$here/kls" --help > /dev/null   # builds the jar when it is stale
jar=$here/server/target/kls.jar
others=()
for page in "$here"/docs/rules/*.md; do
  id=$(basename "$page" .md)
  case $id in README|percpu-pa|internal-error|invalid-settings) ;; *) others+=(--rule "$id") ;; esac
done
run() {
  local label=$1; shift
  # exit status 1 means findings (another rule's too), not a failure of the bench
  /usr/bin/time -f "$label: wall %e s, CPU user %U s, sys %S s" \
    java -jar "$jar" lint "$linux/arch/x86" "$linux/mm" --srctree "$linux" --arch x86_64 --rule-timeout 1200 "$@" \
    > /dev/null 2> >(grep -v '^kls: note' >&2) || true
}
for _ in $(seq "$n"); do
  run "without percpu-pa" "${others[@]}"
  run "with percpu-pa   "
  run "percpu-pa alone  " --rule percpu-pa
done

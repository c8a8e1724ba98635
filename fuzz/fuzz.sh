#!/usr/bin/env bash
# Fuzzes every target for SECONDS with Jazzer's own driver (the -Pfuzz profile runs this):
#   fuzz.sh SECONDS TIMEOUT CLASSPATH
# Each target's corpus grows in target/fuzz-corpus/NAME, seeded from its regression inputs; a crash,
# a hang (an input slower than TIMEOUT seconds) or an out-of-memory stops that target and fails the run,
# leaving its input as target/fuzz-findings/NAME/crash-* (copy it into the Inputs folder once fixed).
set -uo pipefail
seconds=$1 timeout=$2 cp=$3
here=$(cd "$(dirname "$0")" && pwd)
targets=${KLS_FUZZ_TARGETS:-"KconfigFuzz MacroFuzz DotConfigFuzz SettingsFuzz CFileFuzz CBodyFuzz UserRuleFuzz LspFuzz SweepReportFuzz ProvenanceFuzz"}
failed=0
cd "$here"
for t in $targets; do
  corpus=target/fuzz-corpus/$t findings=target/fuzz-findings/$t
  mkdir -p "$corpus" "$findings"
  seeds=src/test/resources/dev/kls/fuzz/${t}Inputs/fuzz
  dict=src/test/resources/dev/kls/fuzz/$t.dict
  args=(-max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=3000 -artifact_prefix="$findings/"
        -print_final_stats=1)
  [ -f "$dict" ] && args+=(-dict="$dict")
  echo "fuzz: $t for ${seconds}s"
  if ! java -Xmx1500m -Xss64m -cp "$cp" com.code_intelligence.jazzer.Jazzer --target_class="dev.kls.fuzz.$t" \
      --instrumentation_includes='dev.kls.**' "${args[@]}" "$corpus" "$seeds" 2>&1 \
      | tee "target/fuzz-$t.log" | grep -E '^(#[0-9]+.*(DONE|pulse)|==|stat::|INFO: Running|.*Exception)' ; then
    :
  fi
  if [ -n "$(find "$findings" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) -print -quit)" ]; then
    echo "fuzz: $t FOUND a failure: $(ls "$findings")"; failed=1
  fi
done
exit $failed

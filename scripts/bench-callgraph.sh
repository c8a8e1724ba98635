#!/usr/bin/env bash
# Time function bodies + project index + call graph on Linux 6.1 (default
# arch/x86, mm, kernel): cold, warm, from cached bodies, and one-file updates
# as the language server does them per edit. Usage:
#   bench-callgraph.sh [DIR,DIR,...] [UPDATE_FILE...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tree=${KLS_LINUX_DIR:-$("$here/scripts/fetch-linux-source.sh")}
(cd "$here" && mvn -B -q -Dstyle.color=never package -DskipTests) >&2
java -Xmx6g -cp "$here/bench/target/benchmarks.jar" dev.kls.bench.CallGraphBench "$tree" "$@"

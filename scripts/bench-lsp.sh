#!/usr/bin/env bash
# Edit-to-diagnostics latency of kls serve inside the Linux 6.1 tree, and the
# heap after indexing. Usage: bench-lsp.sh [EDITS] [ARCH] [CONFIG]
# CONFIG: the server's config setting (tree-relative); without it the rules
# look at every configuration, as kls lint does without --config.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
edits=${1:-200}
arch=${2:-x86}
config=${3:-}
tree=${KLS_LINUX_DIR:-$("$here/scripts/fetch-linux-source.sh")}
(cd "$here" && mvn -B -q -Dstyle.color=never -pl bench -am package -DskipTests) >&2
java -Xmx4g -cp "$here/bench/target/benchmarks.jar" dev.kls.bench.LspLatency "$tree" "$edits" "$arch" $config

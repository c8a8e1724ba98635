#!/usr/bin/env bash
# olddefconfig of every defconfig under arch/*/configs, by the kernel's conf and by kls, for
# Linux 6.1 and 6.12 (Debian's linux-source packages, fetched by fetch-linux-source.sh). CI runs a
# fixed sample of them (KernelDefconfigsTest); this runs them all and prints, per release,
# "compared N, differed M" and each difference. Takes about 20 minutes per release on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
KLS_LINUX_DIR=$(scripts/fetch-linux-source.sh 6.1)
KLS_LINUX_612_DIR=$(scripts/fetch-linux-source.sh 6.12)
export KLS_LINUX_DIR KLS_LINUX_612_DIR
mvn -B -q -Pkernel -pl kconfig-parser -am test -Dtest=KernelDefconfigsTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkls.kernel.defconfigs=all
cat kconfig-parser/target/surefire-reports/dev.kls.kconfig.eval.KernelDefconfigsTest-output.txt 2>/dev/null \
  | grep -E "defconfigs through olddefconfig|: from line" || true

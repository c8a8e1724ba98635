package dev.kls.cli;

import dev.kls.kconfig.eval.Conf;
import dev.kls.kconfig.semantics.KconfigRelease;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kls conf}: a drop-in for the kernel's scripts/kconfig/conf (same
 * options, environment, messages and exit status), for make's config
 * targets and the kernel's scripts/kconfig/tests.
 */
@Command(name = "conf", description = {"Run as the kernel's scripts/kconfig/conf: kls conf [--allow-shell] "
        + "[--kernel-version X.Y] [-s] [--MODE] Kconfig", "MODE: oldaskconfig, oldconfig, syncconfig, olddefconfig, "
        + "defconfig=FILE, savedefconfig=FILE, allnoconfig, allyesconfig, allmodconfig, alldefconfig, randconfig, "
        + "listnewconfig, yes2modconfig, mod2yesconfig, mod2noconfig (default oldaskconfig).",
        "Honours srctree, KCONFIG_CONFIG, KCONFIG_ALLCONFIG, KCONFIG_DEFCONFIG_LIST, KCONFIG_SEED and "
        + "KCONFIG_PROBABILITY as conf does."})
final class ConfCommand implements Callable<Integer>, Main.UsesEnvironment {

    @Option(names = "--allow-shell", description = "Run $(shell,...) as conf does (otherwise nothing is run).")
    boolean allowShell;

    @Option(names = "--kernel-version", paramLabel = "X.Y",
            description = "Apply this release's Kconfig rules instead of the tree's (its top Makefile's).")
    String kernelVersion;

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "conf's own options and the Kconfig file.")
    List<String> args = new ArrayList<>();

    private Map<String, String> env = System.getenv();

    @Override
    public void environment(Map<String, String> e) {
        env = e;
    }

    @Override
    public Integer call() {
        KconfigRelease release = null;
        if (kernelVersion != null) {
            try {
                release = KconfigRelease.of(kernelVersion, "--kernel-version " + kernelVersion);
            } catch (IllegalArgumentException e) {
                System.err.println("kls: --kernel-version: " + e.getMessage());
                return 2;
            }
            if (release.note() != null) {
                System.err.println("kls: note: " + release.note());
            }
        }
        PrintStream out = System.out;
        return Conf.run(args, env, Path.of("").toAbsolutePath(), System.in, out, System.err, System.console() != null,
                allowShell, release);
    }
}

package dev.kls.cli;

import dev.kls.kconfig.Kconfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads a kernel tree takes, and reading it with them. */
final class TreeOptions {

    @Option(names = "--srctree", required = true, description = "The kernel source tree (holds the top Kconfig).")
    Path srctree;

    @Option(names = "--arch", defaultValue = "${env:ARCH:-x86}",
            description = "ARCH as kbuild takes it: x86, x86_64, i386, arm64, ... (default: $ARCH, else x86).")
    String arch;

    @Option(names = "--allow-shell",
            description = "Run the commands of $(shell,...) macros, as the kernel does. Without it nothing is run: "
                    + "such macros are left unevaluated and reported.")
    boolean allowShell;

    /** The tree's Kconfig for --arch, read with the kbuild environment. */
    Kconfig load() throws Kconfig.InputException {
        return load(System.getenv());
    }

    /** The same, with {@code env} as the process environment (kbuild's variables are made from it). */
    Kconfig load(java.util.Map<String, String> env) throws Kconfig.InputException {
        return Kconfig.load(srctree.toAbsolutePath().normalize(), arch, allowShell, env);
    }
}

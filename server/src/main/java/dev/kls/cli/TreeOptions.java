package dev.kls.cli;

import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.MacroCache;
import dev.kls.kconfig.semantics.KconfigRelease;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads a kernel tree takes, and reading it with them. */
final class TreeOptions {

    // Not required by picocli: kls lint may take the tree as its PATH; load() says so when it is missing.
    @Option(names = "--srctree", description = "The kernel source tree (holds the top Kconfig); required.")
    Path srctree;

    @Option(names = "--arch", defaultValue = "${env:ARCH:-x86}",
            description = "ARCH as kbuild takes it: x86, x86_64, i386, arm64, ... (default: $ARCH, else x86).")
    String arch;

    @Option(names = "--allow-shell",
            description = "Run the commands of $(shell,...) macros, as the kernel does, and record their results in "
                    + "the macro cache. Without it nothing is run: results recorded by an earlier run are reused, "
                    + "other such macros are left unevaluated and reported.")
    boolean allowShell;

    @Option(names = "--macro-cache", paramLabel = "FILE",
            description = "Where $(shell,...) results are recorded and looked up (default: SRCTREE/"
                    + MacroCache.DEFAULT_LOCATION + ").")
    Path macroCache;

    @Option(names = "--kernel-version", paramLabel = "X.Y",
            description = "Apply the Kconfig rules of this kernel release (e.g. 6.1, 6.12) instead of the one the "
                    + "tree's top Makefile names. Releases newer than kls knows get the newest rules.")
    String kernelVersion;

    @Option(names = "--kconfig", paramLabel = "FILE",
            description = "Read this top Kconfig file as a tree that is not Linux (Zephyr, Buildroot, U-Boot, ...): "
                    + "no arch/ needed, the environment given to Kconfig as it is. Relative to --srctree, which "
                    + "defaults to the file's folder.")
    Path kconfig;

    /** The tree's Kconfig for --arch, read with the kbuild environment. */
    Kconfig load() throws Kconfig.InputException {
        return load(System.getenv());
    }

    /** The same, with {@code env} as the process environment (kbuild's variables are made from it). */
    Kconfig load(java.util.Map<String, String> env) throws Kconfig.InputException {
        if (srctree == null && kconfig == null) {
            throw new Kconfig.InputException("missing --srctree DIR: the kernel source tree to read");
        }
        Path root = (srctree != null ? srctree : kconfig.toAbsolutePath().getParent()).toAbsolutePath().normalize();
        Path cache = macroCache != null ? macroCache.toAbsolutePath().normalize() : MacroCache.defaultFile(root);
        KconfigRelease override = null;
        if (kernelVersion != null) {
            try {
                override = KconfigRelease.of(kernelVersion, "--kernel-version " + kernelVersion);
            } catch (IllegalArgumentException e) {
                throw new Kconfig.InputException("--kernel-version: " + e.getMessage());
            }
        }
        Kconfig k;
        if (kconfig != null) {
            Path file = (srctree != null ? root.resolve(kconfig.toString()) : kconfig.toAbsolutePath()).normalize();
            if (!file.startsWith(root)) {
                throw new Kconfig.InputException("--kconfig " + kconfig + " is outside the tree " + root);
            }
            k = Kconfig.loadFile(root, root.relativize(file).toString(), allowShell, env, cache);
        } else {
            k = Kconfig.load(root, arch, allowShell, env, cache);
        }
        return override != null ? k.withRelease(override) : k;
    }

    /** Says once, on stderr, when the rules applied are not exactly the tree's release (newer, older, unknown). */
    static void sayRelease(Kconfig k, java.io.PrintWriter err) {
        if (k == null) {
            return; // a plain C tree has no Kconfig, so no release to follow
        }
        String note = k.release().note();
        if (note != null) {
            err.println("kls: note: " + note);
        }
    }
}

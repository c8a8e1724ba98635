package dev.kls.cli;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.Severity;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kls config TARGET}: computes a .config as the kernel's make TARGET does. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Compute a .config as 'make TARGET' does with the kernel's own conf.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "1:the Kconfig tree has errors, nothing written", "2:bad usage or input"})
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET",
            description = "olddefconfig, defconfig, alldefconfig, allnoconfig, allyesconfig or allmodconfig.")
    String target;

    @Mixin
    TreeOptions tree;

    @Option(names = "--config", paramLabel = "IN",
            description = "The .config to start from (olddefconfig; default: the .config of the current folder "
                    + "if there is one, as make reads it), the defconfig to expand (defconfig; required), or a seed "
                    + "as KCONFIG_ALLCONFIG gives (all*config; default: none).")
    Path config;

    @Option(names = "--out", paramLabel = "OUT",
            description = "Where to write the result (default: the --config file for olddefconfig, else .config). "
                    + "As conf does, an unchanged file is left alone and the previous one is kept as OUT.old.")
    Path out;


    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ConfigTarget t;
        try {
            t = ConfigTarget.ofCommand(target);
        } catch (IllegalArgumentException e) {
            err.println("kls: " + e.getMessage());
            return 2;
        }
        DotConfig input = null;
        if (config == null && t == ConfigTarget.OLDDEFCONFIG && Files.isRegularFile(Path.of(".config"))) {
            config = Path.of(".config");
        }
        if (config != null) {
            try {
                String text = new String(Files.readAllBytes(config), StandardCharsets.UTF_8);
                input = DotConfig.parse(config.toString(), text);
            } catch (NoSuchFileException e) {
                err.println("kls: no such file: " + config);
                return 2;
            } catch (IOException e) {
                err.println("kls: cannot read " + config + ": " + e.getMessage());
                return 2;
            }
        } else if (t == ConfigTarget.DEFCONFIG) {
            err.println("kls: defconfig needs --config with the defconfig file to expand");
            return 2;
        }
        Kconfig k;
        try {
            k = tree.load();
        } catch (Kconfig.InputException e) {
            err.println("kls: " + e.getMessage());
            return 2;
        }
        if (!tree.allowShell && !k.tree().unevaluated().isEmpty()) {
            err.println("kls: warning: " + k.tree().unevaluated().size()
                    + " $(shell,...) macros were not run (see --allow-shell); values that depend on them are guesses");
        }
        if (k.count(Severity.ERROR) > 0) {
            for (Diagnostic d : k.diagnostics()) {
                if (d.severity() == Severity.ERROR) {
                    err.println(d.format());
                }
            }
            err.println("kls: the Kconfig tree has errors; conf would stop here too");
            return 1;
        }
        ConfigResult result = ConfigEvaluator.run(k.tree(), t, input);
        for (Diagnostic d : result.diagnostics()) {
            err.println(d.format());
        }
        Path dest = out != null ? out : t == ConfigTarget.OLDDEFCONFIG && config != null ? config : Path.of(".config");
        try {
            writeAtomically(dest, result.text());
        } catch (IOException e) {
            err.println("kls: cannot write " + dest + ": " + e.getMessage());
            return 2;
        }
        return 0;
    }

    /**
     * Writes next to the destination, then renames: readers never see half a
     * file. Like conf_write, leaves an identical file untouched and keeps the
     * one it replaces as {@code NAME.old}.
     */
    static void writeAtomically(Path dest, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path abs = dest.toAbsolutePath();
        boolean exists = Files.isRegularFile(abs);
        if (exists && java.util.Arrays.equals(Files.readAllBytes(abs), bytes)) {
            return;
        }
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            // createTempFile makes the file private; give it the old file's mode, else rw-r--r-- as conf's would be.
            try {
                Files.setPosixFilePermissions(tmp, exists ? Files.getPosixFilePermissions(abs)
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default
            }
            if (exists) {
                Files.copy(abs, abs.resolveSibling(abs.getFileName() + ".old"), StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

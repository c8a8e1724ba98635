package dev.kls.kconfig.testing;

import dev.kls.kconfig.KbuildEnvironment;
import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository's test-workspace scenarios, copied before use (a test never
 * writes into the repository), and their configurations as the project's own
 * Kconfig evaluator computes them.
 */
public final class Scenarios {

    private Scenarios() {
    }

    /** test-workspace/NAME in the repository: a kernel-style tree, or a plain C tree without Kconfig. */
    public static Path source(String name) {
        Path p = LinuxTree.repoRoot().resolve("test-workspace").resolve(name);
        if (!Files.isRegularFile(p.resolve("Kconfig")) && !Files.isRegularFile(p.resolve("EXPECTED"))) {
            throw new IllegalArgumentException("no scenario " + p);
        }
        return p;
    }

    /** A copy of test-workspace/NAME under {@code dir}; returns the copy's top folder. */
    public static Path copy(String name, Path dir) {
        Path from = source(name);
        Path to = dir.resolve(name);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** Every .c file of a tree, relative to it, sorted. */
    public static List<String> cFiles(Path tree) {
        try (Stream<Path> s = Files.walk(tree)) {
            return s.filter(p -> p.toString().endsWith(".c")).map(p -> tree.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The configuration the evaluator computes for ARCH: {@code defconfig} of
     * the given file when {@code defconfig} is true, else {@code olddefconfig}
     * from the given .config text. Fails when the Kconfig has errors.
     */
    public static ConfigResult configure(Path tree, String arch, String configText, boolean defconfig) {
        MacroExpander macros = new MacroExpander(KbuildEnvironment.of(tree, arch, Map.of()).variables(), null);
        KconfigTree kconfig = KconfigLoader.load(tree, "Kconfig", macros);
        if (!kconfig.diagnostics().isEmpty()) {
            throw new IllegalStateException(tree + ": the Kconfig does not load cleanly: " + kconfig.diagnostics());
        }
        return ConfigEvaluator.run(kconfig, defconfig ? ConfigTarget.DEFCONFIG : ConfigTarget.OLDDEFCONFIG,
                DotConfig.parse("in.config", configText));
    }

    /** {@code defconfig} of the tree's arch/x86/configs/FILE, as config values for {@link Autoconf#header}. */
    public static Map<String, String> defconfig(Path tree, String arch, String file) {
        try {
            String text = Files.readString(tree.resolve("arch/x86/configs").resolve(file));
            return Autoconf.values(configure(tree, arch, text, true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

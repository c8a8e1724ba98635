package dev.kls.kconfig.eval;

import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.dotconfig.DotConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Small Kconfig trees written to a temporary folder, and runs of the evaluator on them. */
final class TestTrees {

    private TestTrees() {
    }

    /** A tree whose top file is {@code Kconfig}; {@code files} maps paths to contents. */
    static KconfigTree tree(Path dir, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KconfigTree tree = KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of("FOO", "foo"), null));
        if (!tree.diagnostics().isEmpty()) {
            throw new AssertionError("test tree does not parse cleanly: " + tree.diagnostics());
        }
        return tree;
    }

    static KconfigTree tree(Path dir, String kconfig) {
        return tree(dir, Map.of("Kconfig", kconfig));
    }

    static ConfigResult run(KconfigTree tree, ConfigTarget target, String dotConfig) {
        DotConfig in = dotConfig == null ? null : DotConfig.parse("in.config", dotConfig);
        return ConfigEvaluator.run(tree, target, in);
    }
}

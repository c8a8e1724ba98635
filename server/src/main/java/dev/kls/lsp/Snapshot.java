package dev.kls.lsp;

import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.explain.Explainer;
import dev.kls.kconfig.model.KconfigModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the server knows about the tree at one moment; never changes, so any
 * request may read it while the next one is being built. While the tree is
 * being indexed {@code kconfig} and {@code config} may be null and
 * {@code index} incomplete: handlers then answer with what there is.
 *
 * @param configSource what the values come from, in words ("arch/x86/configs/i386_defconfig (defconfig)")
 * @param input        the configuration file the values were computed from (null for alldefconfig)
 * @param checked      the configuration the rules check, as {@code kls lint} would take it: the
 *                     {@code config} setting or the tree's .config; null when there is neither (the
 *                     values then come from a defconfig, and the rules look at every configuration)
 */
public record Snapshot(Path root, ServerSettings settings, Kconfig kconfig, ConfigResult config, String configSource,
        DotConfig input, EvaluatedConfig checked, TreeIndex index, Map<String, KconfigFile> kconfigFiles,
        Derived derived) {

    public static Snapshot of(Path root, ServerSettings settings, Kconfig kconfig, ConfigResult config, String configSource,
            DotConfig input, EvaluatedConfig checked, TreeIndex index) {
        Map<String, KconfigFile> files = new HashMap<>();
        if (kconfig != null) {
            for (KconfigFile f : kconfig.tree().files()) {
                files.putIfAbsent(f.path(), f);
            }
        }
        return new Snapshot(root, settings, kconfig, config, configSource, input, checked, index, Map.copyOf(files),
                new Derived(kconfig, config, input));
    }

    public Snapshot withIndex(TreeIndex i) {
        return new Snapshot(root, settings, kconfig, config, configSource, input, checked, i, kconfigFiles, derived);
    }

    /** The same tree and values under other settings (the rules' severities changed). */
    public Snapshot withSettings(ServerSettings s) {
        return new Snapshot(root, s, kconfig, config, configSource, input, checked, index, kconfigFiles, derived);
    }

    public KconfigModel model() {
        return kconfig == null ? null : kconfig.model();
    }

    /** The value the current configuration gives a symbol; null when unknown (indexing) or undefined. */
    public SymbolValue value(String name) {
        return config == null ? null : config.symbol(name);
    }

    public boolean defines(String name) {
        return kconfig != null && kconfig.model().symbol(name) != null;
    }

    /** Macros for parsing a Kconfig text on its own, with the tree's kbuild variables; nothing runs. */
    public MacroExpander macros() {
        Map<String, String> vars = kconfig != null ? kconfig.environment().variables() : Map.of();
        return new MacroExpander(vars, null);
    }

    /**
     * The parsed Kconfig of a document: the tree's own when the document belongs
     * to it (kept in step with edits), else the document's text parsed alone.
     */
    public KconfigFile kconfigFile(Document doc) {
        KconfigFile f = doc.path() == null ? null : kconfigFiles.get(doc.path());
        if (f != null) {
            return f;
        }
        return dev.kls.kconfig.KconfigLoader.parse(doc.path() != null ? doc.path() : doc.uri(), doc.text(), macros());
    }

    /** The path of a file of the tree as a file: URI. */
    public String uri(String path) {
        return root.resolve(path).toUri().toString();
    }

    /**
     * What is computed from one tree and one set of values, on first use, and
     * shared by every snapshot that has them (settings changes, index updates).
     */
    public static final class Derived {
        private final Lazy<Explainer> explainer;
        private final Lazy<Map<String, String>> written;

        Derived(Kconfig kconfig, ConfigResult config, DotConfig input) {
            explainer = new Lazy<>(() -> kconfig == null || config == null ? null
                    : Explainer.of(kconfig.tree(), config, input));
            written = new Lazy<>(() -> config == null ? Map.of() : EvaluatedConfig.writtenValues(config));
        }

        /** Explains symbols under the current values; null until there are values. */
        public Explainer explainer() {
            return explainer.get();
        }

        /** The values as the .config conf writes (what C sees), without CONFIG_. */
        public Map<String, String> writtenValues() {
            return written.get();
        }
    }

    /** Computed once, on the first call, by whichever thread asks first. */
    private static final class Lazy<T> {
        private Supplier<T> compute;
        private T value;

        Lazy(Supplier<T> compute) {
            this.compute = compute;
        }

        synchronized T get() {
            if (compute != null) {
                value = compute.get();
                compute = null;
            }
            return value;
        }
    }
}

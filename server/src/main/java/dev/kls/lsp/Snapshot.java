package dev.kls.lsp;

import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.model.KconfigModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the server knows about the tree at one moment; never changes, so any
 * request may read it while the next one is being built. While the tree is
 * being indexed {@code kconfig} and {@code config} may be null and
 * {@code index} incomplete: handlers then answer with what there is.
 *
 * @param configSource what the values come from, in words ("arch/x86/configs/i386_defconfig (defconfig)")
 */
public record Snapshot(Path root, Settings settings, Kconfig kconfig, ConfigResult config, String configSource,
        Set<String> assigned, TreeIndex index, Map<String, KconfigFile> kconfigFiles) {

    /** @param assigned the symbols the configuration file sets itself (the rest take defaults) */
    public static Snapshot of(Path root, Settings settings, Kconfig kconfig, ConfigResult config, String configSource,
            Set<String> assigned, TreeIndex index) {
        Map<String, KconfigFile> files = new HashMap<>();
        if (kconfig != null) {
            for (KconfigFile f : kconfig.tree().files()) {
                files.putIfAbsent(f.path(), f);
            }
        }
        return new Snapshot(root, settings, kconfig, config, configSource, Set.copyOf(assigned), index,
                Map.copyOf(files));
    }

    public Snapshot withIndex(TreeIndex i) {
        return new Snapshot(root, settings, kconfig, config, configSource, assigned, i, kconfigFiles);
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
}

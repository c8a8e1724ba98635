package dev.kls.lsp;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.model.ModelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the editor's text of one Kconfig file into a loaded tree: that file is
 * parsed again and the model rebuilt; the other files are kept as they were
 * read. A source statement that was already there keeps the files it brought
 * in; a new one reads its file (and what that sources) from disk.
 */
public final class KconfigSplicer {

    private KconfigSplicer() {
    }

    /** Null when {@code path} is not part of the tree. */
    public static Kconfig splice(Kconfig k, String path, String text) {
        KconfigTree tree = k.tree();
        KconfigFile old = null;
        for (KconfigFile f : tree.files()) {
            if (f.path().equals(path)) {
                old = f;
                break;
            }
        }
        if (old == null) {
            return null;
        }
        MacroExpander macros = new MacroExpander(k.environment().variables(), null);
        // Macros of the other files, as the lexer would have seen them (definitions are not conditional).
        for (KconfigFile f : tree.files()) {
            if (!f.path().equals(path)) {
                defineAll(f.entries(), macros);
            }
        }
        KconfigFile parsed = KconfigLoader.parse(path, text, macros.copy());
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());

        Map<Entry.Source, List<KconfigFile>> sourced = new IdentityHashMap<>(tree.sourced());
        List<Entry.Source> oldSources = sources(old.entries(), new ArrayList<>());
        oldSources.forEach(sourced::remove);
        List<Entry.Source> unused = new ArrayList<>(oldSources);
        List<KconfigFile> added = new ArrayList<>();
        for (Entry.Source s : sources(parsed.entries(), new ArrayList<>())) {
            Entry.Source same = null;
            for (Entry.Source o : unused) {
                if (o.kind() == s.kind() && o.path().value().equals(s.path().value())) {
                    same = o;
                    break;
                }
            }
            if (same != null) {
                unused.remove(same);
                sourced.put(s, tree.filesOf(same));
                continue;
            }
            sourced.put(s, readNew(tree.srctree(), path, s, macros, sourced, added, diagnostics));
        }

        // The tree's files are those still reachable from the root.
        KconfigFile root = tree.root() != null && tree.root().path().equals(path) ? parsed : tree.root();
        Map<KconfigFile, KconfigFile> replace = new IdentityHashMap<>();
        replace.put(old, parsed);
        Set<KconfigFile> reachable = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        reach(root, sourced, reachable, replace);
        List<KconfigFile> files = new ArrayList<>();
        Set<KconfigFile> listed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (KconfigFile f : tree.files()) {
            KconfigFile g = replace.getOrDefault(f, f);
            if (reachable.contains(g) && listed.add(g)) {
                files.add(g);
            }
        }
        for (KconfigFile f : added) {
            if (reachable.contains(f)) {
                files.add(f);
            }
        }
        Set<String> paths = new LinkedHashSet<>();
        files.forEach(f -> paths.add(f.path()));
        List<Diagnostic> all = new ArrayList<>();
        for (Diagnostic d : tree.diagnostics()) {
            // The edited file's own problems are found again; those of dropped files go with them.
            if (!d.range().file().equals(path) && (paths.contains(d.range().file()) || d.range().file().isEmpty())) {
                all.add(d);
            }
        }
        all.addAll(diagnostics);
        for (KconfigFile f : added) {
            all.addAll(f.diagnostics());
        }
        KconfigTree newTree = new KconfigTree(tree.srctree(), root, List.copyOf(files),
                java.util.Collections.unmodifiableMap(sourced), List.copyOf(all), tree.unevaluated(), tree.release());
        KconfigModel model = ModelBuilder.build(newTree);
        List<Diagnostic> kd = new ArrayList<>(newTree.diagnostics());
        kd.addAll(model.diagnostics());
        return new Kconfig(k.environment(), newTree, model, List.copyOf(kd), k.cachedMacros());
    }

    /** The files a new source statement brings in, read from disk as a subtree. */
    private static List<KconfigFile> readNew(Path srctree, String path, Entry.Source s, MacroExpander macros,
            Map<Entry.Source, List<KconfigFile>> sourced, List<KconfigFile> added, List<Diagnostic> diagnostics) {
        String name = s.path().value();
        if (s.path().unevaluated() || name.isEmpty()) {
            return List.of();
        }
        if (name.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
            diagnostics.add(Diagnostic.note(s.range(), "the files of a new glob are read when the tree is read again "
                    + "(save the file and reopen the workspace)"));
            return List.of();
        }
        Path base = s.kind().relative() ? srctree.resolve(path).getParent() : srctree;
        Path target = base.resolve(name).normalize();
        if (!target.startsWith(srctree) || !Files.isRegularFile(target)) {
            if (!s.kind().optional()) {
                diagnostics.add(Diagnostic.error(s.range(), "can't open file \"" + name + "\""));
            }
            return List.of();
        }
        if (!KconfigLoader.insideTree(srctree, target)) {
            // The loader's rule, applied to what is typed: nothing is read outside the tree.
            diagnostics.add(KconfigLoader.leadsOutside(s.range(), name));
            return List.of();
        }
        String rel = srctree.relativize(target).toString().replace('\\', '/');
        KconfigTree sub = KconfigLoader.load(srctree, rel, macros.copy());
        if (sub.root() == null) {
            return List.of();
        }
        sourced.putAll(sub.sourced());
        added.addAll(sub.files());
        diagnostics.addAll(sub.diagnostics());
        return List.of(sub.root());
    }

    private static void reach(KconfigFile f, Map<Entry.Source, List<KconfigFile>> sourced, Set<KconfigFile> seen,
            Map<KconfigFile, KconfigFile> replace) {
        if (f == null || !seen.add(f)) {
            return;
        }
        for (Entry.Source s : sources(f.entries(), new ArrayList<>())) {
            List<KconfigFile> in = sourced.getOrDefault(s, List.of());
            List<KconfigFile> fixed = new ArrayList<>(in.size());
            boolean changed = false;
            for (KconfigFile g : in) {
                KconfigFile r = replace.getOrDefault(g, g);
                changed |= r != g;
                fixed.add(r);
            }
            if (changed) {
                sourced.put(s, List.copyOf(fixed));
            }
            for (KconfigFile g : fixed) {
                reach(g, sourced, seen, replace);
            }
        }
    }

    /** The source statements of {@code entries}, nested blocks included, in order (appended to {@code out}). */
    public static List<Entry.Source> sources(List<Entry> entries, List<Entry.Source> out) {
        for (Entry e : entries) {
            if (e instanceof Entry.Source s) {
                out.add(s);
            } else if (e instanceof Entry.Menu m) {
                sources(m.body(), out);
            } else if (e instanceof Entry.If i) {
                sources(i.body(), out);
            } else if (e instanceof Entry.Choice c) {
                sources(c.body(), out);
            }
        }
        return out;
    }

    private static void defineAll(List<Entry> entries, MacroExpander macros) {
        for (Entry e : entries) {
            if (e instanceof Entry.Assignment a) {
                macros.define(a.name().value(), a.value(), a.flavor());
            } else if (e instanceof Entry.Menu m) {
                defineAll(m.body(), macros);
            } else if (e instanceof Entry.If i) {
                defineAll(i.body(), macros);
            } else if (e instanceof Entry.Choice c) {
                defineAll(c.body(), macros);
            }
        }
    }
}

package dev.kls.diagnostics.cmacro;

import dev.kls.c.CProject;
import dev.kls.c.cond.Cond;
import dev.kls.c.cond.Truth;
import dev.kls.c.lex.Token;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.MacroDef;
import dev.kls.diagnostics.RuleContext;
import dev.kls.kconfig.SourceRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every macro definition of the headers C can include for the tree's
 * SRCARCH (the -I folders of the C project), each with the presence
 * condition of the #if branches around it, by name. Rules that look at
 * definitions rather than at one translation unit (compat-pgprot-constant,
 * macro patterns of user rules) share one per run through
 * {@link RuleContext#shared}. Editor buffers are read instead of the disk.
 */
public final class HeaderMacros {

    /** One definition: the macro, where it is, and when it exists. */
    public record Def(MacroDef macro, FileModel file, Cond presence) {

        /** The file, tree-relative. */
        public String path() {
            return file.path();
        }

        /** Where the macro's name stands in its #define. */
        public SourceRange nameRange() {
            int from = file.lines().offset(macro.range().startLine(), macro.range().startColumn());
            List<Token> toks = file.tokens();
            boolean define = false;
            for (Token t : toks) {
                if (t.start() < from) {
                    continue;
                }
                if (define && t.text().equals(macro.name())) {
                    return file.range(t.start(), t.end());
                }
                define |= t.text().equals("define");
            }
            return macro.range();
        }

        /** Whether some build with these .config values (without CONFIG_) can see it. */
        public boolean activeUnder(Map<String, String> values) {
            return presence.evaluate(values) != Truth.FALSE;
        }
    }

    private final Map<String, List<Def>> byName;
    private final List<String> headers;

    private HeaderMacros(Map<String, List<Def>> byName, List<String> headers) {
        this.byName = byName;
        this.headers = headers;
    }

    /** The shared index of a rule run (read on first use). */
    public static HeaderMacros of(RuleContext context) {
        return context.shared(HeaderMacros.class, HeaderMacros::read);
    }

    private static HeaderMacros read(RuleContext context) {
        CProject project = context.cProject();
        Set<String> files = new TreeSet<>();
        try {
            for (String dir : project.tree().includeDirs()) {
                if (!dir.startsWith("$(")) {
                    walk(context.srctree(), dir, files);
                }
            }
            for (String overlay : context.workspace().overlays().keySet()) {
                if (overlay.endsWith(".h")) {
                    files.add(overlay);
                }
            }
            Map<String, List<Def>> byName = new HashMap<>();
            for (String f : files) {
                context.checkCancelled();
                FileModel m = context.workspace().overlays().containsKey(f)
                        ? project.tree().parse(f, context.text(f)) : project.tree().file(f);
                if (m == null) {
                    continue;
                }
                for (List<MacroDef> defs : m.liveMacros().values()) {
                    for (MacroDef d : defs) {
                        Cond presence = d.branch() < 0 ? Cond.TRUE : m.presence(d.branch());
                        byName.computeIfAbsent(d.name(), k -> new ArrayList<>(1)).add(new Def(d, m, presence));
                    }
                }
            }
            byName.replaceAll((k, v) -> List.copyOf(v));
            return new HeaderMacros(Collections.unmodifiableMap(byName), List.copyOf(files));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular .h files under {@code dir}; hidden folders and symbolic links are not followed. */
    private static void walk(Path root, String dir, Set<String> out) throws IOException {
        Path start = root.resolve(dir).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start)) {
            return;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                String name = d.getFileName() == null ? "" : d.getFileName().toString();
                return !d.equals(start) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".h")) {
                    out.add(root.relativize(file).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The headers read, tree-relative and sorted. */
    public List<String> headers() {
        return headers;
    }

    /** Every name defined somewhere. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Every definition of a name, in header order. */
    public List<Def> definitions(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The definitions of a name some build with these values can see. */
    public List<Def> active(String name, Map<String, String> values) {
        List<Def> out = new ArrayList<>(1);
        for (Def d : definitions(name)) {
            if (d.activeUnder(values)) {
                out.add(d);
            }
        }
        return out;
    }
}

package dev.kls.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.model.ModelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Short helpers so that each test reads as its Kconfig input and its expectation. */
final class Fixtures {

    /** The environment of every parse unless a test gives its own. */
    static final Map<String, String> ENV = Map.of("HOME", "/home/kls", "KERNELVERSION", "6.1.0", "SRCARCH", "x86");

    private Fixtures() {
    }

    // ---- parsing one text ----

    static MacroExpander noShell() {
        return new MacroExpander(ENV, null);
    }

    /** Parses {@code text} as the file "Kconfig", running no commands. */
    static KconfigFile parse(String text) {
        return parse(text, noShell());
    }

    static KconfigFile parse(String text, MacroExpander macros) {
        return KconfigLoader.parse("Kconfig", text, macros);
    }

    /** Parses {@code text} and checks that it gave no diagnostic at all. */
    static KconfigFile parseClean(String text) {
        KconfigFile f = parse(text);
        assertNoDiagnostics(f.diagnostics());
        return f;
    }

    /** The only entry of a text that must parse cleanly. */
    static Entry single(String text) {
        List<Entry> entries = parseClean(text).entries();
        assertEquals(1, entries.size(), () -> "expected one entry, got " + entries);
        return entries.get(0);
    }

    /** The condition of {@code depends on <expr>}, parsed cleanly. */
    static Expr expr(String exprText) {
        Entry.Config c = (Entry.Config) single("config X\n\tbool\n\tdepends on " + exprText + "\n");
        return prop(c, Property.DependsOn.class).expr();
    }

    // ---- finding things ----

    /** The first config or menuconfig entry named {@code name}, searched depth first. */
    static Entry.Config config(List<Entry> entries, String name) {
        Entry.Config c = findConfig(entries, name);
        assertNotNull(c, () -> "no config " + name + " in " + entries);
        return c;
    }

    static Entry.Config config(KconfigFile f, String name) {
        return config(f.entries(), name);
    }

    private static Entry.Config findConfig(List<Entry> entries, String name) {
        for (Entry e : entries) {
            Entry.Config found = null;
            if (e instanceof Entry.Config c && c.name().value().equals(name)) {
                return c;
            } else if (e instanceof Entry.Menu m) {
                found = findConfig(m.body(), name);
            } else if (e instanceof Entry.If i) {
                found = findConfig(i.body(), name);
            } else if (e instanceof Entry.Choice ch) {
                found = findConfig(ch.body(), name);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The first property of that class. */
    static <P extends Property> P prop(List<Property> props, Class<P> type) {
        return props.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseGet(() -> fail("no " + type.getSimpleName() + " in " + props));
    }

    static <P extends Property> P prop(Entry.Config c, Class<P> type) {
        return prop(c.properties(), type);
    }

    static <P extends Property> List<P> props(List<Property> props, Class<P> type) {
        return props.stream().filter(type::isInstance).map(type::cast).toList();
    }

    // ---- expressions, shown as S-expressions ----

    /**
     * {@code A}, {@code "quoted"}, {@code (! x)}, {@code (&& l r)}, {@code (|| l r)},
     * {@code (= A B)}: the shape of an expression in one line.
     */
    static String sx(Expr e) {
        if (e == null) {
            return "null";
        }
        if (e instanceof Expr.Sym s) {
            return s.quoted() ? "\"" + s.name() + "\"" : s.name();
        }
        if (e instanceof Expr.Not n) {
            return "(! " + sx(n.operand()) + ")";
        }
        if (e instanceof Expr.And a) {
            return "(&& " + sx(a.left()) + " " + sx(a.right()) + ")";
        }
        if (e instanceof Expr.Or o) {
            return "(|| " + sx(o.left()) + " " + sx(o.right()) + ")";
        }
        Expr.Compare c = (Expr.Compare) e;
        return "(" + c.op().token() + " " + sx(c.left()) + " " + sx(c.right()) + ")";
    }

    /** The operands of a chain of &&, left to right, as S-expressions. */
    static List<String> conjuncts(Expr e) {
        List<String> out = new ArrayList<>();
        collectConjuncts(e, out);
        return out;
    }

    private static void collectConjuncts(Expr e, List<String> out) {
        if (e instanceof Expr.And a) {
            collectConjuncts(a.left(), out);
            collectConjuncts(a.right(), out);
        } else if (e != null) {
            out.add(sx(e));
        }
    }

    /** A range as "file:line:col-line:col", the end column exclusive. */
    static String span(SourceRange r) {
        return r.file() + ":" + r.startLine() + ":" + r.startColumn() + "-" + r.endLine() + ":" + r.endColumn();
    }

    // ---- diagnostics ----

    static List<String> formatted(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::format).toList();
    }

    static void assertNoDiagnostics(List<Diagnostic> diagnostics) {
        assertEquals(List.of(), formatted(diagnostics), "diagnostics");
    }

    /**
     * Some diagnostic reads {@code expected} from its start: "file:line:col: severity: message",
     * so a test names the place, the severity and the first words of the message.
     */
    static Diagnostic assertDiagnostic(List<Diagnostic> diagnostics, String expected) {
        for (Diagnostic d : diagnostics) {
            if (d.format().startsWith(expected)) {
                return d;
            }
        }
        return fail("no diagnostic starting with\n  " + expected + "\namong\n  "
                + diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n  ")));
    }

    static long count(List<Diagnostic> diagnostics, KconfigSeverity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }

    static void assertNoErrors(List<Diagnostic> diagnostics) {
        assertTrue(diagnostics.stream().noneMatch(d -> d.severity() == KconfigSeverity.ERROR),
                () -> "unexpected errors: " + formatted(diagnostics));
    }

    // ---- trees on disk ----

    /**
     * Writes files under {@code dir}: {@code write(dir, "Kconfig", "...", "sub/Kconfig", "...")}.
     */
    static Path write(Path dir, String... pathsAndTexts) {
        if (pathsAndTexts.length % 2 != 0) {
            throw new IllegalArgumentException("path, text, path, text...");
        }
        try {
            for (int i = 0; i < pathsAndTexts.length; i += 2) {
                Path p = dir.resolve(pathsAndTexts[i]);
                Files.createDirectories(p.getParent());
                Files.writeString(p, pathsAndTexts[i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Writes the files, then reads the tree from its "Kconfig", running no commands. */
    static KconfigTree load(Path dir, String... pathsAndTexts) {
        write(dir, pathsAndTexts);
        return KconfigLoader.load(dir, "Kconfig", noShell());
    }

    /** The model of a one-file tree. */
    static KconfigModel model(Path dir, String kconfig) {
        return ModelBuilder.build(load(dir, "Kconfig", kconfig));
    }

    /** The paths of the files of a tree, in read order. */
    static List<String> paths(KconfigTree tree) {
        return tree.files().stream().map(KconfigFile::path).toList();
    }
}

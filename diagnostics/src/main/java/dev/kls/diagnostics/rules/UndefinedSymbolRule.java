package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.ConfigReference;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.Names;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.TextEdit;
import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.SymbolWalk;
import dev.kls.kconfig.ast.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * undefined-symbol: a symbol named in a Kconfig expression or {@code select},
 * or as {@code CONFIG_X} in C code or a Makefile, that no Kconfig file of the
 * tree defines for any ARCH (scripts/checkkconfigsymbols.py's "undefined
 * symbol"). The quick fix is the nearest defined name. .config and defconfig
 * lines are conf's to judge: {@link DotconfigLineRule} reports those.
 */
@AutoService(Rule.class)
public final class UndefinedSymbolRule implements Rule {

    private static final String PREFIX = "CONFIG_";
    private static final Pattern CONFIG_NAME = Pattern.compile("(?<![A-Za-z0-9_])CONFIG_([A-Za-z0-9_]+)");
    /** Names a C file gives itself: they are not Kconfig's to define. */
    private static final Pattern OWN_DEFINE = Pattern.compile("^[ \\t]*#[ \\t]*(?:define|undef)[ \\t]+CONFIG_([A-Za-z0-9_]+)",
            Pattern.MULTILINE);
    /**
     * C names a file declares itself that happen to start with CONFIG_: enumerators
     * ({@code { CONFIG_1_PIPE = 0x0,}) and typedef names ({@code } CONFIG_PAGE_HEADER;}).
     */
    private static final Pattern DECLARED = Pattern.compile(
            "(?:[{,][ \\t\\r\\n]*CONFIG_([A-Za-z0-9_]+)[ \\t\\r\\n]*[=,}])|(?:}[ \\t\\r\\n]*CONFIG_([A-Za-z0-9_]+)[ \\t\\r\\n]*[,;])");
    /** A header next to the file, as {@code #include "he.h"} names it. */
    private static final Pattern LOCAL_INCLUDE = Pattern.compile("^[ \\t]*#[ \\t]*include[ \\t]+\"([^\"]+)\"",
            Pattern.MULTILINE);
    /** Make variables named CONFIG_ that kbuild sets itself (CONFIG_SHELL in the top Makefile). */
    private static final Pattern MAKE_ASSIGNMENT = Pattern.compile(
            "^[ \\t]*(?:export[ \\t]+)?CONFIG_([A-Za-z0-9_]+)[ \\t]*(?::=|\\?=|\\+=|=)", Pattern.MULTILINE);

    @Override
    public String id() {
        return "undefined-symbol";
    }

    @Override
    public String summary() {
        return "a Kconfig, C or Makefile reference to a symbol that no Kconfig file of the tree defines for any ARCH";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.KCONFIG, Input.C_FILES);
    }

    /** A name as written: the symbol, where the symbol's own letters are, and the prefix it was written with. */
    private record Use(String name, SourceRange range, String prefix) {
    }

    @Override
    public List<Finding> check(RuleContext context) throws IOException {
        DefinedSymbols defined = context.shared(DefinedSymbols.class, DefinedSymbols::scan);
        Checker checker = new Checker(context, defined);
        for (KconfigFile f : kconfigFiles(context)) {
            context.checkCancelled();
            checker.kconfig(f);
        }
        CProject project = null;
        Set<String> kbuildVariables = null;
        for (String file : context.sourceFiles(Set.of(".c", ".h", ".s", "makefile", "kbuild"))) {
            context.checkCancelled();
            if (file.startsWith("tools/")) {
                continue; // user-space programs with CONFIG_ names of their own, as checkkconfigsymbols.py skips them
            }
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (name.equals("Makefile") || name.equals("Kbuild")) {
                if (kbuildVariables == null) {
                    kbuildVariables = assigned(context.workspace().overlays().containsKey("Makefile")
                            || Files.isRegularFile(context.resolve("Makefile")) ? read(context, "Makefile") : "");
                }
                String text = read(context, file);
                Set<String> own = new HashSet<>(kbuildVariables);
                own.addAll(assigned(text));
                checker.makefile(file, text, own);
            } else if (!name.toLowerCase(Locale.ROOT).endsWith("makefile") && !name.endsWith("kbuild")) {
                String text = name.endsWith(".c") ? context.text(file) : read(context, file);
                if (!text.contains(PREFIX)) {
                    continue;
                }
                if (project == null) {
                    project = context.cProject();
                }
                checker.c(project.file(file, text), text);
            }
        }
        return checker.out;
    }

    /** The tree's Kconfig files in scope, and Kconfig files the scope names that this ARCH does not read. */
    private static List<KconfigFile> kconfigFiles(RuleContext context) throws IOException {
        List<KconfigFile> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (KconfigFile f : context.kconfig().tree().files()) {
            if (context.inScope(f.path()) && seen.add(f.path())) {
                out.add(f);
            }
        }
        for (String s : context.workspace().scope()) {
            String name = s.substring(s.lastIndexOf('/') + 1);
            if (name.startsWith("Kconfig") && !seen.contains(s)
                    && (context.workspace().overlays().containsKey(s) || Files.isRegularFile(context.resolve(s)))) {
                MacroExpander macros = new MacroExpander(context.kconfig().environment().variables(), null);
                out.add(KconfigLoader.parse(s, context.text(s), macros));
                seen.add(s);
            }
        }
        return out;
    }

    /** The CONFIG_ variables a Makefile assigns itself. */
    private static Set<String> assigned(String makefile) {
        Set<String> out = new HashSet<>();
        Matcher m = MAKE_ASSIGNMENT.matcher(makefile);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The CONFIG_ macros a C text #defines or #undefs, and the C names it declares with that prefix. */
    private static void defines(String text, Set<String> out) {
        Matcher m = OWN_DEFINE.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        Matcher d = DECLARED.matcher(text);
        int from = 0;
        while (d.find(from)) {
            out.add(d.group(1) != null ? d.group(1) : d.group(2));
            from = d.end() - 1; // the closing ',' may open the next enumerator
        }
    }

    /** Kconfig symbols are upper case; CONFIG_k in C is a macro parameter, CONFIG_foo a struct field. */
    private static boolean symbolLike(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return false;
            }
        }
        return true;
    }

    /** Headers and Makefiles are read once, not kept: a whole-tree run reads tens of thousands. */
    private static String read(RuleContext context, String file) throws IOException {
        String overlay = context.workspace().overlays().get(file);
        return overlay != null ? overlay : new String(Files.readAllBytes(context.resolve(file)), StandardCharsets.UTF_8);
    }

    private final class Checker {
        final RuleContext context;
        final DefinedSymbols defined;
        final List<Finding> out = new ArrayList<>();
        /** Every defined name, sorted, for the nearest-name fix; built on the first undefined name. */
        List<String> candidates;
        final Map<String, String> nearest = new HashMap<>();

        Checker(RuleContext context, DefinedSymbols defined) {
            this.context = context;
            this.defined = defined;
        }

        boolean known(String name, Set<String> own) {
            if (own.contains(name) || defined.contains(name) || context.kconfig().model().symbol(name) != null) {
                return true;
            }
            if (name.endsWith("_MODULE")) {
                String base = name.substring(0, name.length() - "_MODULE".length());
                return own.contains(base) || defined.contains(base) || context.kconfig().model().symbol(base) != null;
            }
            return false;
        }

        void report(Use u) {
            if (candidates == null) {
                Set<String> all = new TreeSet<>(defined.names());
                all.addAll(context.kconfig().model().symbols().keySet());
                candidates = new ArrayList<>(all);
            }
            String near = nearest.computeIfAbsent(u.name(), n -> {
                String m = Names.nearest(n, candidates);
                return m == null ? "" : m;
            });
            String p = u.prefix();
            Finding f = Finding.of(id(), defaultSeverity(), u.range(), "'" + p + u.name()
                    + "' is not defined in any Kconfig file of the tree"
                    + (near.isEmpty() ? "" : "; did you mean '" + p + near + "'?"));
            if (!near.isEmpty()) {
                f = f.withFixes(List.of(new Fix("Change to '" + p + near + "'",
                        List.of(new TextEdit(u.range(), near)))));
            }
            out.add(f);
        }

        void kconfig(KconfigFile file) {
            List<Use> uses = new ArrayList<>();
            Set<String> own = new HashSet<>();
            SymbolWalk.walk(file.entries(), new SymbolWalk.Visitor() {
                @Override
                public void definition(Text name) {
                    own.add(name.value());
                }

                @Override
                public void use(Text name) {
                    if (SymbolWalk.isPlaceableName(name)) {
                        uses.add(new Use(name.value(), name.range(), ""));
                    }
                }
            });
            for (Use u : uses) {
                if (!known(u.name(), own)) {
                    report(u);
                }
            }
        }

        void c(CFile file, String text) throws IOException {
            Set<String> own = new HashSet<>();
            defines(text, own);
            boolean localHeaders = false;
            for (ConfigReference r : file.configReferences()) {
                String name = r.identifier().substring(PREFIX.length());
                SourceRange at = r.range();
                if (!symbolLike(name) || known(name, own) || at.startLine() != at.endLine()) {
                    continue;
                }
                if (!localHeaders) {
                    // Driver-private names (CONFIG_TSRA in drivers/atm/he.h): #defined by a header next to the file.
                    localHeaders = true;
                    localDefines(file.path(), text, own);
                    if (known(name, own)) {
                        continue;
                    }
                }
                report(new Use(name, new SourceRange(at.file(), at.startLine(), at.startColumn() + PREFIX.length(),
                        at.endLine(), at.endColumn()), PREFIX));
            }
        }

        /** Adds what the headers a file includes with quotes, next to it, #define. */
        void localDefines(String file, String text, Set<String> own) throws IOException {
            String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/') + 1) : "";
            Matcher m = LOCAL_INCLUDE.matcher(text);
            while (m.find()) {
                String header = java.nio.file.Path.of(dir + m.group(1)).normalize().toString().replace('\\', '/');
                if (header.startsWith("..") || !context.workspace().overlays().containsKey(header)
                        && !Files.isRegularFile(context.resolve(header))) {
                    continue;
                }
                defines(read(context, header), own);
            }
        }

        void makefile(String file, String text, Set<String> own) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                int hash = line.indexOf('#');
                Matcher m = CONFIG_NAME.matcher(hash < 0 ? line : line.substring(0, hash));
                while (m.find()) {
                    if (symbolLike(m.group(1)) && !known(m.group(1), own)) {
                        report(new Use(m.group(1), new SourceRange(file, i + 1, m.start(1) + 1, i + 1, m.end(1) + 1),
                                PREFIX));
                    }
                }
            }
        }
    }
}

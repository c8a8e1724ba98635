package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.c.CFile;
import dev.kls.c.cond.Cond;
import dev.kls.c.cond.Truth;
import dev.kls.c.cond.Value;
import dev.kls.c.kbuild.Kbuild;
import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import dev.kls.c.pp.Branch;
import dev.kls.c.pp.Directive;
import dev.kls.c.pp.FileModel;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.CMatchers;
import dev.kls.diagnostics.Condition;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.TextEdit;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.witness.WitnessSearch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ifdef-tristate: {@code #ifdef CONFIG_X}, {@code #ifndef CONFIG_X} or
 * {@code defined(CONFIG_X)} in an {@code #if}/{@code #elif} where X is
 * tristate: for X=m autoconf.h defines {@code CONFIG_X_MODULE}, not
 * {@code CONFIG_X}, so the test misses the module case. The fix is
 * {@code IS_ENABLED(CONFIG_X)}. In a file kbuild only links into vmlinux the
 * test usually guards calls into X, which vmlinux cannot reach when X is a
 * module: reported as info, with {@code IS_REACHABLE(CONFIG_X)} (today's
 * meaning, said out loud) as the first fix. Silent where the author handled the module case (a
 * {@code CONFIG_X_MODULE} test in the same block, around it or directly
 * inside it) and in the files kbuild builds only when X is on (X's own
 * files, where {@code CONFIG_X} deliberately means "X is built in"), and
 * in the private headers next to them.
 */
@AutoService(Rule.class)
public final class IfdefTristateRule implements CMatchers.Matching {

    /** Trees with more symbols than this get no witness search without a configuration (kernel: ~18,000). */
    static final int AUTO_LIMIT = 2000;

    @Override
    public String id() {
        return "ifdef-tristate";
    }

    @Override
    public String summary() {
        return "#ifdef CONFIG_X or defined(CONFIG_X) on a tristate X is false when X=m (autoconf.h then defines "
                + "CONFIG_X_MODULE): use IS_ENABLED(CONFIG_X)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.KCONFIG, Input.C_FILES);
    }

    @Override
    public Map<String, List<String>> options() {
        return Map.of("all-configurations", List.of("auto"));
    }

    @Override
    public CMatchers.Interest interest(RuleContext context) {
        return new Tests(context.kconfig().model());
    }

    /** How the test is written: {@code #ifdef}, {@code #ifndef}, or {@code defined} inside {@code #if}/{@code #elif}. */
    enum Form {
        IFDEF, IFNDEF, DEFINED
    }

    /**
     * One test of a tristate symbol that misses m: where it is ({@code range}, the text the fix replaces),
     * the fix's text when the edit is exact (else null), and when the line is reached ({@code reach}).
     */
    record Test(String file, String symbol, Form form, SourceRange range, String fixText, String directive,
            Cond reach) {
    }

    /** A name after {@code ifdef}, {@code ifndef} or {@code defined}, for the text pre-filter. */
    private static final Pattern TESTED = Pattern.compile(
            "(?:ifdef|ifndef|defined)(?:[\\s\\\\(]|/\\*.*?\\*/)*CONFIG_([A-Za-z0-9_]+)", Pattern.DOTALL);

    /** The interest: every directive of the .c and .h files that test a tristate name the old way. */
    private static final class Tests extends CMatchers.Interest {
        private final KconfigModel model;
        final List<Test> found = new ArrayList<>();

        Tests(KconfigModel model) {
            super(Set.of(".c", ".h"));
            this.model = model;
        }

        @Override
        protected boolean filtersText() {
            return true;
        }

        @Override
        protected boolean mayMatch(String text) {
            // Most files say IS_ENABLED: keeping only those that test a tristate name the old way keeps the
            // walk from holding every kernel file's tokens until it feeds them (11,600 files name CONFIG_,
            // 170 test a tristate with #ifdef/defined). Superset of scan(): the name follows the keyword
            // after blanks, parentheses, line continuations or comments.
            if (!text.contains("CONFIG_")) {
                return false;
            }
            Matcher m = TESTED.matcher(text);
            while (m.find()) {
                ConfigSymbol s = model.symbol(m.group(1));
                if (s != null && s.type() == SymbolType.TRISTATE) {
                    return true;
                }
            }
            return false;
        }

        @Override
        protected void file(CFile cf) {
            if (cf.path().startsWith("tools/") || cf.path().startsWith("scripts/")) {
                return; // user-space programs with CONFIG_ names of their own
            }
            found.addAll(scan(cf.model(), model));
        }
    }

    /** The tests of tristate symbols in one file's directives that miss m and are not handled otherwise. */
    static List<Test> scan(FileModel fm, KconfigModel model) {
        List<Test> out = new ArrayList<>();
        List<Token> toks = fm.tokens();
        Set<String> ownDefines = new java.util.HashSet<>();
        for (var m : fm.macros()) {
            if (m.name().startsWith("CONFIG_")) {
                ownDefines.add(m.name().substring(7)); // a file's own CONFIG_ macro is not Kconfig's
            }
        }
        for (Directive d : fm.directives()) {
            String name = d.name();
            boolean ifdef = name.equals("ifdef") || name.equals("elifdef");
            boolean ifndef = name.equals("ifndef") || name.equals("elifndef");
            if (ifdef || ifndef) {
                if (d.first() >= d.end()) {
                    continue;
                }
                Token t = toks.get(d.first());
                String sym = tristate(t, model, ownDefines);
                if (sym == null || handled(fm, d, sym)) {
                    continue;
                }
                Token kw = toks.get(d.hash() + 1);
                boolean exact = d.first() + 1 == d.end() && sameLine(fm, kw, t);
                String fix = !exact ? null : (name.startsWith("el") ? "elif " : "if ")
                        + (ifndef ? "!" : "") + "IS_ENABLED(" + t.text() + ")";
                out.add(new Test(fm.path(), sym, ifndef ? Form.IFNDEF : Form.IFDEF,
                        fm.range(kw.start(), t.end()), fix, name, reach(fm, d)));
            } else if (name.equals("if") || name.equals("elif")) {
                for (int i = d.first(); i < d.end(); i++) {
                    Token t = toks.get(i);
                    if (!(t.kind() == TokenKind.IDENTIFIER && t.text().equals("defined"))) {
                        continue;
                    }
                    int j = i + 1;
                    boolean paren = j < d.end() && toks.get(j).is("(");
                    if (paren) {
                        j++;
                    }
                    if (j >= d.end() || paren && (j + 1 >= d.end() || !toks.get(j + 1).is(")"))) {
                        continue;
                    }
                    Token nameTok = toks.get(j);
                    int last = paren ? j + 1 : j;
                    String sym = tristate(nameTok, model, ownDefines);
                    if (sym == null || handled(fm, d, sym)) {
                        continue;
                    }
                    Token close = toks.get(last);
                    String fix = sameLine(fm, t, close) ? "IS_ENABLED(" + nameTok.text() + ")" : null;
                    out.add(new Test(fm.path(), sym, Form.DEFINED, fm.range(t.start(), close.end()), fix, name,
                            reach(fm, d)));
                    i = last;
                }
            }
        }
        return out;
    }

    /** The tristate symbol {@code CONFIG_X} names (not {@code CONFIG_X_MODULE}), else null. */
    private static String tristate(Token t, KconfigModel model, Set<String> ownDefines) {
        if (t.kind() != TokenKind.IDENTIFIER || !t.text().startsWith("CONFIG_") || t.text().length() <= 7) {
            return null;
        }
        String sym = t.text().substring(7);
        if (sym.endsWith("_MODULE") || ownDefines.contains(sym)) {
            return null;
        }
        ConfigSymbol s = model.symbol(sym);
        return s != null && s.type() == SymbolType.TRISTATE ? sym : null;
    }

    private static boolean sameLine(FileModel fm, Token a, Token b) {
        return fm.range(a.start(), a.start()).startLine() == fm.range(b.end(), b.end()).startLine();
    }

    /**
     * Whether the author saw X's module case: a CONFIG_X_MODULE / IS_MODULE / IS_ENABLED /
     * IS_REACHABLE test of X in the directive itself, in another branch of its block, in a block
     * around it, or in a block directly inside the branch it opens.
     */
    private static boolean handled(FileModel fm, Directive d, String sym) {
        List<Branch> brs = fm.branches();
        List<Cond> looked = new ArrayList<>();
        if (d.enclosing() >= 0) {
            looked.add(fm.presence(d.enclosing()));
        }
        if (d.opens() >= 0) {
            Branch opened = brs.get(d.opens());
            Set<Integer> mine = new java.util.HashSet<>();
            for (int id : fm.block(opened.block())) {
                mine.add(id);
                looked.add(brs.get(id).condition());
            }
            if (!mine.contains(opened.id())) {
                looked.add(opened.condition()); // the block is not closed (an unterminated #if)
            }
            for (Branch b : brs) {
                if (mine.contains(b.parent())) {
                    looked.add(b.condition());
                }
            }
        }
        for (Cond c : looked) {
            if (mentionsModule(c, sym)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsModule(Cond c, String sym) {
        if (c instanceof Cond.Module m) {
            return m.symbol().equals(sym);
        }
        if (c instanceof Cond.Not n) {
            return mentionsModule(n.operand(), sym);
        }
        if (c instanceof Cond.And a) {
            return a.operands().stream().anyMatch(x -> mentionsModule(x, sym));
        }
        if (c instanceof Cond.Or o) {
            return o.operands().stream().anyMatch(x -> mentionsModule(x, sym));
        }
        if (c instanceof Cond.Compare cmp) {
            return mentionsModule(cmp.left(), sym) || mentionsModule(cmp.right(), sym);
        }
        return false;
    }

    private static boolean mentionsModule(Value v, String sym) {
        if (v instanceof Value.Ternary t) {
            return mentionsModule(t.test(), sym) || mentionsModule(t.then(), sym) || mentionsModule(t.otherwise(), sym);
        }
        if (v instanceof Value.Binary b) {
            return mentionsModule(b.left(), sym) || mentionsModule(b.right(), sym);
        }
        if (v instanceof Value.Unary u) {
            return mentionsModule(u.operand(), sym);
        }
        return false;
    }

    /** When the directive's line is reached: the branches around it and, for #elif, the earlier branches false. */
    private static Cond reach(FileModel fm, Directive d) {
        List<Branch> brs = fm.branches();
        boolean elif = d.name().startsWith("el");
        if (!elif || d.opens() < 0) {
            return d.enclosing() >= 0 ? fm.presence(d.enclosing()) : Cond.TRUE;
        }
        Branch opened = brs.get(d.opens());
        List<Cond> parts = new ArrayList<>();
        if (opened.parent() >= 0) {
            parts.add(fm.presence(opened.parent()));
        }
        for (int id : fm.block(opened.block())) {
            if (id == opened.id()) {
                break;
            }
            parts.add(Cond.not(brs.get(id).condition()));
        }
        return Cond.and(parts);
    }

    @Override
    public List<Finding> check(RuleContext context) throws Exception {
        Tests fed = CMatchers.fed(context, this);
        KconfigModel model = context.kconfig().model();
        if (model.modulesSymbol() == null) {
            return List.of(); // no loadable modules: every tristate is y or n, and CONFIG_X is right
        }
        Kbuild kbuild = new Kbuild(context.srctree(), context.kconfig().environment().srcarch(),
                context.kconfig().environment().arch());
        Map<String, Cond> built = new HashMap<>();
        Witnesses witnesses = new Witnesses(context, model);
        List<Finding> out = new ArrayList<>();
        for (Test t : fed.found) {
            context.checkCancelled();
            if (!context.inScope(t.file())) {
                continue;
            }
            Cond compiled = t.file().endsWith(".c")
                    ? built.computeIfAbsent(t.file(), f -> kbuild.compiled(f).condition()) : null;
            if (compiled != null && requires(compiled, t.symbol())
                    || compiled == null && privateHeaderOf(context, t.file(), t.symbol(), kbuild, built)) {
                continue; // X's own file: CONFIG_X there is "X is built in", on purpose
            }
            Cond when = Cond.and(new Cond.Module(t.symbol()), t.reach());
            Optional<List<Assignment>> witness = witnesses.of(when, t.symbol());
            if (witness.isEmpty()) {
                continue;
            }
            boolean builtIn = compiled != null && builtInOnly(compiled, model);
            out.add(finding(t, builtIn, Condition.presence(when, model), witness.get()));
        }
        return out;
    }

    private Finding finding(Test t, boolean builtIn, Condition condition, List<Assignment> witness) {
        String x = "CONFIG_" + t.symbol();
        String written = t.form() == Form.DEFINED ? "defined(" + x + ")" : "#" + t.directive() + " " + x;
        String message = "'" + written + "' is " + (t.form() == Form.IFNDEF ? "true" : "false") + " when "
                + t.symbol() + "=m (" + t.symbol() + " is tristate; autoconf.h then defines " + x + "_MODULE): ";
        // Code that kbuild only ever links into vmlinux cannot reach a module's symbols: there the
        // test usually guards calls into X and means IS_BUILTIN on purpose (say so), rarely a bug.
        message += builtIn ? "this file is always built in and cannot reach a module, so if the block uses "
                + t.symbol() + "'s code say IS_REACHABLE(" + x + "), which keeps this meaning; if it provides"
                + " something " + t.symbol() + " uses, IS_ENABLED(" + x + ")"
                : "use IS_ENABLED(" + x + ") for built-in or module, IS_BUILTIN(" + x + ") if only built-in is meant,"
                + " IS_REACHABLE(" + x + ") if code that may be built in calls into " + t.symbol();
        List<Fix> fixes = new ArrayList<>();
        if (t.fixText() != null) {
            Fix enabled = new Fix("Use IS_ENABLED(" + x + ") (built-in or module)",
                    List.of(new TextEdit(t.range(), t.fixText())));
            String other = builtIn ? "IS_REACHABLE" : "IS_BUILTIN";
            Fix same = new Fix("Use " + other + "(" + x + ") (" + (builtIn ? "built in, as today: reachable from vmlinux"
                    : "built-in only, as today") + ")",
                    List.of(new TextEdit(t.range(), t.fixText().replace("IS_ENABLED(", other + "("))));
            fixes.add(builtIn ? same : enabled);
            fixes.add(builtIn ? enabled : same);
        }
        return new Finding(id(), builtIn ? Severity.INFO : defaultSeverity(), t.range(), message, condition, witness,
                List.of(), fixes);
    }

    /**
     * Whether a header is X's private one: not under an include/ folder, and next to .c files that
     * kbuild builds only when X is on (drivers/base/firmware_loader/firmware.h's "#else module case").
     */
    private static boolean privateHeaderOf(RuleContext context, String header, String sym, Kbuild kbuild,
            Map<String, Cond> built) throws java.io.IOException {
        if (header.startsWith("include/") || header.contains("/include/") || !header.contains("/")) {
            return false;
        }
        java.nio.file.Path dir = context.resolve(header.substring(0, header.lastIndexOf('/')));
        List<String> sources = new ArrayList<>();
        try (var s = java.nio.file.Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".c") && java.nio.file.Files.isRegularFile(p))
                    .map(p -> context.srctree().relativize(p).toString().replace('\\', '/')).sorted()
                    .forEach(sources::add);
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // an editor's buffer with no folder on disk
        }
        if (sources.isEmpty()) {
            return false;
        }
        for (String c : sources) {
            if (!requires(built.computeIfAbsent(c, f -> kbuild.compiled(f).condition()), sym)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a kbuild condition holds only when {@code sym} is y or m (the file is part of X). */
    static boolean requires(Cond c, String sym) {
        if (c instanceof Cond.Defined d) {
            return d.symbol().equals(sym);
        }
        if (c instanceof Cond.Module m) {
            return m.symbol().equals(sym);
        }
        if (c instanceof Cond.And a) {
            return a.operands().stream().anyMatch(x -> requires(x, sym));
        }
        if (c instanceof Cond.Or o) {
            return !o.operands().isEmpty() && o.operands().stream().allMatch(x -> requires(x, sym));
        }
        return false;
    }

    /** Whether kbuild builds the file only into vmlinux: its condition is over bool symbols alone (no obj-m). */
    private static boolean builtInOnly(Cond c, KconfigModel model) {
        if (!c.opaques().isEmpty() || c == Cond.FALSE) {
            return false;
        }
        for (String s : c.symbols()) {
            ConfigSymbol sym = model.symbol(s);
            if (sym == null || sym.type() != SymbolType.BOOL || s.equals(model.modulesSymbol())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether X=m (and the line) can happen, and the settings that make it: in the checked
     * configuration; else by the evaluator-confirmed witness search on trees of at most
     * {@link #AUTO_LIMIT} symbols (or with all-configurations "always"); else (a kernel tree,
     * where a search per symbol costs seconds) by X's type alone, with no witness shown.
     */
    private final class Witnesses {
        private final RuleContext context;
        private final KconfigModel model;
        private final Optional<EvaluatedConfig> given;
        private final boolean search;
        private WitnessSearch witnessSearch;
        private final Map<Cond, Optional<List<Assignment>>> memo = new HashMap<>();

        Witnesses(RuleContext context, KconfigModel model) {
            this.context = context;
            this.model = model;
            this.given = context.configuration();
            this.search = given.isEmpty()
                    && AllConfigurations.wanted(context, IfdefTristateRule.this, model.symbols().size(), AUTO_LIMIT);
        }

        Optional<List<Assignment>> of(Cond when, String sym) {
            if (given.isPresent()) {
                Truth t = when.evaluate(EvaluatedConfig.writtenValues(given.get().result()));
                return t == Truth.FALSE ? Optional.empty() : Optional.of(List.of(new Assignment(sym, "m")));
            }
            if (!search) {
                return Optional.of(List.of());
            }
            return memo.computeIfAbsent(when, this::find);
        }

        private Optional<List<Assignment>> find(Cond when) {
            if (witnessSearch == null) {
                witnessSearch = context.shared(WitnessSearch.class,
                        c -> new WitnessSearch(c.kconfig().tree(), c.kconfig().model(), null));
            }
            Set<String> matter = new LinkedHashSet<>();
            matter.add(model.modulesSymbol());
            matter.addAll(when.symbols());
            matter.removeIf(s -> model.symbol(s) == null);
            Optional<WitnessSearch.Witness> w = witnessSearch.find(matter,
                    r -> when.evaluate(EvaluatedConfig.writtenValues(r)) == Truth.TRUE);
            if (w.isEmpty()) {
                return Optional.empty();
            }
            List<Assignment> out = new ArrayList<>();
            w.get().settings().forEach((k, v) -> out.add(new Assignment(k, v)));
            return Optional.of(out);
        }
    }
}

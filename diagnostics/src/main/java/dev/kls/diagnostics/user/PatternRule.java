package dev.kls.diagnostics.user;

import dev.kls.c.CFile;
import dev.kls.c.ObjectDecl;
import dev.kls.c.body.CallSite;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.body.Stmt;
import dev.kls.c.cond.Cond;
import dev.kls.c.cond.Truth;
import dev.kls.c.lex.CTokenizer;
import dev.kls.c.lex.Token;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.CMatchers;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.TextEdit;
import dev.kls.diagnostics.cmacro.HeaderMacros;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.witness.WitnessSearch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule written in a rule file ({@link RuleSpec}), run by the engine like
 * any other: its findings go through settings, suppressions and baselines,
 * and SARIF lists it with its own doc text. It matches macro definitions of
 * the headers C can include, file-scope objects and calls in function bodies
 * (the C project's body model), each with the presence condition of where it
 * stands; with the rule's {@code when} added, a finding needs a configuration
 * in which both hold: the given one, or a witness {@link WitnessSearch}
 * finds (checked by the evaluator).
 */
public final class PatternRule implements CMatchers.Matching {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern LITERAL = Pattern.compile("\\\\Q(.*?)\\\\E");

    private final RuleSpec spec;

    public PatternRule(RuleSpec spec) {
        this.spec = spec;
    }

    public RuleSpec spec() {
        return spec;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String summary() {
        return spec.summary();
    }

    @Override
    public Severity defaultSeverity() {
        return spec.severity();
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.C_FILES); // a plain C tree (no Kconfig) runs it too, without "when" rules
    }

    @Override
    public String documentation() {
        String page = dev.kls.diagnostics.RuleDocs.markdown(id());
        return page != null && spec.file().startsWith("kls:") ? page : "# " + id() + "\n\n" + spec.doc();
    }

    @Override
    public String documentationPath() {
        return spec.file().startsWith("kls:") ? dev.kls.diagnostics.RuleDocs.path(id()) : spec.file();
    }

    @Override
    public List<Finding> check(RuleContext context) throws Exception {
        Run run = new Run(context);
        List<Finding> out = new ArrayList<>();
        boolean macros = false;
        boolean objects = false;
        List<RuleSpec.CallMatch> calls = new ArrayList<>();
        for (RuleSpec.Match m : spec.matches()) {
            macros |= m instanceof RuleSpec.MacroMatch;
            objects |= m instanceof RuleSpec.ObjectMatch;
            if (m instanceof RuleSpec.CallMatch c) {
                calls.add(c);
            }
        }
        if (macros) {
            HeaderMacros index = HeaderMacros.of(context);
            for (String name : new java.util.TreeSet<>(index.names())) {
                for (RuleSpec.Match m : spec.matches()) {
                    if (m instanceof RuleSpec.MacroMatch mm && mm.name().matcher(name).matches()) {
                        for (HeaderMacros.Def d : index.definitions(name)) {
                            if (context.inScope(d.path())) {
                                macro(run, mm, d).ifPresent(out::add);
                            }
                        }
                    }
                }
            }
        }
        if (objects || !calls.isEmpty()) {
            Matches fed = CMatchers.fed(context, this);
            for (Matches.InFile f : fed.files) {
                for (RuleSpec.Match m : spec.matches()) {
                    if (m instanceof RuleSpec.ObjectMatch om) {
                        for (ObjectDecl d : f.objects) {
                            object(run, om, d).ifPresent(out::add);
                        }
                    } else if (m instanceof RuleSpec.CallMatch cm) {
                        for (Matches.Call c : f.calls) {
                            if (cm.inside() == null || cm.inside().matcher(c.fn().name()).matches()) {
                                call(run, cm, c.fn(), c.call()).ifPresent(out::add);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public CMatchers.Interest interest(RuleContext context) {
        return new Matches(spec);
    }

    /**
     * What the walk feeds the rule: per .c file that may hold a match, its
     * objects (when the rule matches objects) and the calls whose callee one
     * of its call patterns names (when it matches calls), in source order.
     */
    private static final class Matches extends CMatchers.Interest {
        record Call(FunctionDef fn, CallSite call) {
        }

        static final class InFile {
            final List<ObjectDecl> objects = new ArrayList<>();
            final List<Call> calls = new ArrayList<>();
        }

        private final List<Pattern> words = new ArrayList<>();
        final List<InFile> files = new ArrayList<>();

        Matches(RuleSpec spec) {
            super(spec.matches().stream().anyMatch(m -> !(m instanceof RuleSpec.MacroMatch)) ? Set.of(".c")
                    : Set.of());
            List<Pattern> callees = new ArrayList<>();
            for (RuleSpec.Match m : spec.matches()) {
                words.add(m instanceof RuleSpec.CallMatch c ? c.function()
                        : m instanceof RuleSpec.ObjectMatch o ? o.name() : null);
                if (m instanceof RuleSpec.ObjectMatch) {
                    wantObjects();
                } else if (m instanceof RuleSpec.CallMatch c) {
                    callees.add(c.function());
                }
            }
            if (!callees.isEmpty()) {
                wantCalls(name -> callees.stream().anyMatch(p -> p.matcher(name).matches()));
            }
        }

        @Override
        protected boolean filtersText() {
            return true;
        }

        @Override
        protected boolean mayMatch(String text) {
            return PatternRule.mayMatch(text, words);
        }

        @Override
        protected void file(CFile file) {
            files.add(new InFile());
        }

        @Override
        protected void object(CFile file, ObjectDecl object) {
            files.get(files.size() - 1).objects.add(object);
        }

        @Override
        protected void call(CFile file, FunctionDef function, CallSite call) {
            files.get(files.size() - 1).calls.add(new Call(function, call));
        }
    }

    /**
     * Whether the text can hold a match: some identifier of it matches a name
     * pattern, or is the last part of a dotted callee one names
     * ({@code pagetable_reserve} for {@code x86_init.mapping.pagetable_reserve}).
     * A cheap pre-filter, so only such files have their bodies read; it first
     * looks for the patterns' literal pieces, which most files do not hold.
     */
    private static boolean mayMatch(String text, List<Pattern> names) {
        List<String> lastParts = new ArrayList<>();
        for (Pattern p : names) {
            java.util.regex.Matcher q = p == null ? null : LITERAL.matcher(p.pattern());
            while (q != null && q.find()) {
                String piece = q.group(1);
                lastParts.add(piece.substring(piece.lastIndexOf('.') + 1));
            }
        }
        if (lastParts.stream().noneMatch(text::contains)) {
            return false;
        }
        java.util.regex.Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            String id = m.group();
            if (lastParts.contains(id)) {
                return true;
            }
            for (Pattern p : names) {
                if (p != null && p.matcher(id).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ matching

    private Optional<Finding> macro(Run run, RuleSpec.MacroMatch m, HeaderMacros.Def d) {
        Map<Integer, String> caps = new HashMap<>();
        if (m.body() != null && !m.body().matches(d.macro().body(), caps)) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", d.macro().name());
        values.put("body", d.macro().bodyText());
        List<TextEdit> edits = List.of();
        RuleSpec.Fix fix = m.fix() != null ? m.fix() : spec.fix();
        if (fix != null && !d.macro().body().isEmpty()) {
            List<Token> body = d.macro().body();
            SourceRange r = d.file().range(body.get(0).start(), body.get(body.size() - 1).end());
            edits = List.of(new TextEdit(r, Templates.fill(fix.replace(), caps, values)));
        } else if (fix != null) {
            SourceRange end = d.nameRange();
            SourceRange at = new SourceRange(end.file(), end.endLine(), end.endColumn(), end.endLine(), end.endColumn());
            edits = List.of(new TextEdit(at, " " + Templates.fill(fix.replace(), caps, values)));
        }
        return run.finding(d.nameRange(), d.presence(), caps, values, fix, edits);
    }

    private Optional<Finding> object(Run run, RuleSpec.ObjectMatch m, ObjectDecl d) {
        if (!m.name().matcher(d.name()).matches()) {
            return Optional.empty();
        }
        Map<Integer, String> caps = new HashMap<>();
        String type = typeWithoutAttributes(run.context, d.typeText() == null ? "" : d.typeText());
        if (m.type() != null && !m.type().matches(type, caps)) {
            return Optional.empty();
        }
        if (m.section() != null && d.possibleSections().stream().noneMatch(s -> m.section().matcher(s).matches())
                && (d.section() == null || !m.section().matcher(d.section()).matches())) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", d.name());
        values.put("type", type);
        values.put("section", d.section() == null ? "" : d.section());
        RuleSpec.Fix fix = m.fix() != null ? m.fix() : spec.fix();
        List<TextEdit> edits = fix == null ? List.of()
                : List.of(new TextEdit(d.range(), Templates.fill(fix.replace(), caps, values)));
        return run.finding(d.nameRange(), d.presence(), caps, values, fix, edits);
    }

    /**
     * The type as written without the attribute macros in it ({@code unsigned long __initdata} is an
     * {@code unsigned long}): identifiers whose every header definition is empty or an attribute.
     */
    private static String typeWithoutAttributes(RuleContext context, String typeText) {
        List<Token> kept = new ArrayList<>();
        HeaderMacros index = null;
        for (Token t : CTokenizer.tokenize(typeText)) {
            if (t.isIdentifier() && t.text().startsWith("__")) {
                if (index == null) {
                    index = HeaderMacros.of(context);
                }
                List<HeaderMacros.Def> defs = index.definitions(t.text());
                if (!defs.isEmpty() && defs.stream().allMatch(x -> !x.macro().functionLike()
                        && (x.macro().body().isEmpty() || x.macro().body().get(0).text().startsWith("__attribute")
                                || x.macro().body().get(0).text().startsWith("__section")))) {
                    continue;
                }
            }
            kept.add(t);
        }
        return TokenPattern.join(kept);
    }

    private Optional<Finding> call(Run run, RuleSpec.CallMatch m, FunctionDef fn, CallSite call) {
        String callee = CMatchers.callee(call);
        if (callee == null || !m.function().matcher(callee).matches()) {
            return Optional.empty();
        }
        Map<Integer, String> caps = new HashMap<>();
        if (!args(m.args(), call, caps)) {
            return Optional.empty();
        }
        for (RuleSpec.Unless u : m.unless()) {
            for (CallSite other : fn.calls()) {
                String name = CMatchers.callee(other);
                if (other == call || name == null || !u.function().matcher(name).matches()) {
                    continue;
                }
                // "block": the other call stands in the match's block or one around it, not in a nested one.
                SourceRange within = u.block() ? innermostBlock(fn.body(), other.range()) : fn.range();
                if (within != null && contains(within, call.range()) && args(u.args(), other, new HashMap<>(caps))) {
                    return Optional.empty(); // done the safe way in the same function (block)
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", callee);
        values.put("function", fn.name());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < call.args().size(); i++) {
            String t = call.args().get(i).text().strip();
            texts.add(t);
            values.put("arg" + (i + 1), t);
        }
        values.put("args", String.join(", ", texts));
        RuleSpec.Fix fix = m.fix() != null ? m.fix() : spec.fix();
        List<TextEdit> edits = fix == null ? List.of()
                : List.of(new TextEdit(call.range(), Templates.fill(fix.replace(), caps, values)));
        return run.finding(call.range(), call.presence(), caps, values, fix, edits);
    }

    private static boolean args(List<List<TokenPattern>> patterns, CallSite call, Map<Integer, String> caps) {
        if (patterns == null) {
            return true;
        }
        if (patterns.size() != call.args().size()) {
            return false;
        }
        for (int i = 0; i < patterns.size(); i++) {
            List<Token> toks = CTokenizer.tokenize(call.args().get(i).text());
            boolean any = false;
            for (TokenPattern p : patterns.get(i)) {
                if (p.matches(toks, caps)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static SourceRange innermostBlock(Stmt s, SourceRange target) {
        if (s == null || !contains(s.range(), target)) {
            return null;
        }
        SourceRange best = s instanceof Stmt.Block ? s.range() : null;
        List<Stmt> kids = new ArrayList<>();
        if (s instanceof Stmt.Block b) {
            kids.addAll(b.statements());
        } else if (s instanceof Stmt.If i) {
            kids.add(i.then());
            kids.add(i.otherwise());
        } else if (s instanceof Stmt.Loop l) {
            kids.add(l.body());
        } else if (s instanceof Stmt.Switch w) {
            kids.add(w.body());
        }
        for (Stmt k : kids) {
            SourceRange r = innermostBlock(k, target);
            if (r != null) {
                return r;
            }
        }
        return best;
    }

    private static boolean contains(SourceRange outer, SourceRange inner) {
        return outer.file().equals(inner.file()) && before(outer.startLine(), outer.startColumn(), inner.startLine(),
                inner.startColumn()) && before(inner.endLine(), inner.endColumn(), outer.endLine(), outer.endColumn());
    }

    private static boolean before(int l1, int c1, int l2, int c2) {
        return l1 < l2 || l1 == l2 && c1 <= c2;
    }

    // ------------------------------------------------------------------ presence, witness, finding

    /** One check of the rule: the configuration given or the witness search, and cached values. */
    private final class Run {
        final RuleContext context;
        final Optional<EvaluatedConfig> given;
        final Map<ConfigResult, Map<String, String>> values = new IdentityHashMap<>();

        Run(RuleContext context) {
            this.context = context;
            this.given = context.configuration();
        }

        Map<String, String> valuesOf(ConfigResult r) {
            return values.computeIfAbsent(r, EvaluatedConfig::writtenValues);
        }

        boolean holds(Cond presence, ConfigResult r) {
            return (spec.when() == null || spec.when().holds(r)) && presence.evaluate(valuesOf(r)) != Truth.FALSE;
        }

        Optional<Finding> finding(SourceRange at, Cond presence, Map<Integer, String> caps,
                Map<String, String> vals, RuleSpec.Fix fix, List<TextEdit> edits) {
            if (context.kconfig() == null) {
                // A plain C tree: no option can be on, and #if conditions stay as they are written.
                if (spec.when() != null) {
                    return Optional.empty();
                }
                return Optional.of(new Finding(id(), spec.severity(), at, Templates.fill(spec.message(), caps, vals),
                        condition(presence), List.of(), List.of(), fix == null || edits.isEmpty() ? List.of()
                                : List.of(new Fix(Templates.fill(fix.title(), caps, vals), edits))));
            }
            Set<String> matter = new LinkedHashSet<>(presence.symbols());
            if (spec.when() != null) {
                matter.addAll(spec.when().symbols());
            }
            matter.removeIf(n -> context.kconfig().model().symbol(n) == null);
            List<Assignment> witness = new ArrayList<>();
            if (given.isPresent()) {
                ConfigResult r = given.get().result();
                if (!holds(presence, r)) {
                    return Optional.empty();
                }
                for (String name : matter) {
                    SymbolValue sv = r.symbol(name);
                    if (sv != null) {
                        witness.add(new Assignment(name, WitnessSearch.shown(sv)));
                    }
                }
            } else if (!matter.isEmpty() || spec.when() != null) {
                WitnessSearch search = context.shared(WitnessSearch.class,
                        c -> new WitnessSearch(c.kconfig().tree(), c.kconfig().model(), null));
                Optional<WitnessSearch.Witness> w = search.find(matter, r -> {
                    context.checkCancelled();
                    return holds(presence, r);
                });
                if (w.isEmpty()) {
                    return Optional.empty(); // no configuration conf accepts makes it risky
                }
                w.get().assignments().forEach((k, v) -> witness.add(new Assignment(k, v)));
            }
            dev.kls.diagnostics.Condition condition = condition(presence);
            String message = Templates.fill(spec.message(), caps, vals);
            List<Fix> fixes = fix == null || edits.isEmpty() ? List.of()
                    : List.of(new Fix(Templates.fill(fix.title(), caps, vals), edits));
            return Optional.of(new Finding(id(), spec.severity(), at, message, condition, witness, List.of(), fixes));
        }

        private dev.kls.diagnostics.Condition condition(Cond presence) {
            dev.kls.kconfig.semantics.Formula p = dev.kls.diagnostics.Condition.formula(presence,
                    context.kconfig() == null ? null : context.kconfig().model());
            dev.kls.kconfig.semantics.Formula w = spec.when() == null ? dev.kls.kconfig.semantics.Formula.TRUE
                    : dev.kls.kconfig.semantics.Formula.of(spec.when().expr());
            return dev.kls.diagnostics.Condition.of(dev.kls.kconfig.semantics.Formula.and(p, w));
        }
    }
}

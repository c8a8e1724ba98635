package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.c.lex.Token;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.TextEdit;
import dev.kls.diagnostics.cmacro.Globs;
import dev.kls.diagnostics.cmacro.HeaderMacros;
import dev.kls.diagnostics.cmacro.Reach;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.witness.WitnessSearch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * compat-pgprot-constant (seed 002): a kernel page-protection macro defined
 * as a compile-time constant without {@code _PAGE_USER}, active in a
 * configuration where a hypervisor-compatibility option is on. In 2006,
 * CONFIG_XEN_COMPAT_030002 meant Xen 3.0.2 needed {@code _PAGE_USER} on
 * kernel page tables, so those values had to be decided at boot.
 *
 * <p>Works on macro definitions alone (every header C can include, with the
 * presence condition of each definition), so it needs no translation unit.
 * A definition that names another page-protection macro derives from it and
 * is left to that one's finding (fixing the base fixes it too).
 */
@AutoService(Rule.class)
public final class CompatPgprotConstantRule implements Rule {

    static final String ID = "compat-pgprot-constant";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "a kernel page-protection macro is a compile-time constant, but a hypervisor-compatibility "
                + "option needs a value decided at boot";
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
        Map<String, List<String>> o = new LinkedHashMap<>();
        o.put("macros", List.of("_KERNPG_TABLE", "_PAGE_TABLE", "__PAGE_KERNEL*", "PAGE_KERNEL*", "KERNPG_*"));
        o.put("compatOptions", List.of("XEN_COMPAT_*"));
        // XEN_COMPAT_XENFS (Linux 2.6.29 on) is the /proc/xen mount point, no hypervisor version.
        o.put("excludeOptions", List.of("*_LATEST_ONLY", "XEN_COMPAT_XENFS"));
        o.put("userFlag", List.of("_PAGE_USER"));
        o.put("runtimeTerm", List.of("__kernel_page_user"));
        return o;
    }

    @Override
    public List<Finding> check(RuleContext context) throws Exception {
        Pattern compat = Globs.anyOf(context.option(this, "compatOptions"));
        Pattern excluded = Globs.anyOf(context.option(this, "excludeOptions"));
        List<String> options = new ArrayList<>();
        for (ConfigSymbol s : context.kconfig().model().symbols().values()) {
            if (compat.matcher(s.name()).matches() && !excluded.matcher(s.name()).matches() && s.type() != null
                    && s.type().isLogic()) {
                options.add(s.name());
            }
        }
        if (options.isEmpty()) {
            return List.of(); // no compatibility option in this tree: nothing needs a runtime value
        }
        Pattern macros = Globs.anyOf(context.option(this, "macros"));
        Set<String> userFlags = Set.copyOf(context.option(this, "userFlag"));
        String term = context.option(this, "runtimeTerm").isEmpty() ? "__kernel_page_user"
                : context.option(this, "runtimeTerm").get(0);
        HeaderMacros index = HeaderMacros.of(context);
        Run run = new Run(context, index, options, macros, userFlags);

        // Flagged definitions by header, in order: the declaration block goes before the first one.
        Map<String, List<Flagged>> byFile = new TreeMap<>();
        for (String name : new java.util.TreeSet<>(index.names())) {
            if (!macros.matcher(name).matches()) {
                continue;
            }
            for (HeaderMacros.Def def : index.definitions(name)) {
                context.checkCancelled();
                if (!context.inScope(def.path())) {
                    continue;
                }
                run.witness(def).ifPresent(w -> byFile.computeIfAbsent(def.path(), k -> new ArrayList<>())
                        .add(new Flagged(def, w)));
            }
        }
        List<Finding> out = new ArrayList<>();
        for (List<Flagged> flagged : byFile.values()) {
            flagged.sort(Comparator.comparingInt(f -> f.def().macro().range().startLine()));
            HeaderMacros.Def first = flagged.get(0).def();
            boolean declared = first.file().identifierTokens(term).length > 0;
            for (Flagged f : flagged) {
                out.add(finding(f, term, declared ? null : first, context.kconfig().model()));
            }
        }
        return out;
    }

    /** A definition that fires, with the configuration that shows it. */
    private record Flagged(HeaderMacros.Def def, Shown witness) {
    }

    /** A witness as shown: assignments in order, and the compat option it turns on. */
    private record Shown(List<Assignment> assignments, String option) {
    }

    private final class Run {
        final RuleContext context;
        final HeaderMacros index;
        final List<String> options;
        final Pattern macros;
        final Set<String> userFlags;
        final Optional<EvaluatedConfig> given;
        final Map<ConfigResult, Map<String, String>> values = new IdentityHashMap<>();

        Run(RuleContext context, HeaderMacros index, List<String> options, Pattern macros, Set<String> userFlags) {
            this.context = context;
            this.index = index;
            this.options = options;
            this.macros = macros;
            this.userFlags = userFlags;
            this.given = context.configuration();
        }

        Map<String, String> valuesOf(ConfigResult r) {
            return values.computeIfAbsent(r, EvaluatedConfig::writtenValues);
        }

        /** The compat option on in these values, shortest name first (the one a reader knows), or null. */
        String enabledOption(Map<String, String> v) {
            String best = null;
            for (String o : options) {
                String val = v.get(o);
                if (val != null && !val.equals("n") && (best == null || o.length() < best.length())) {
                    best = o;
                }
            }
            return best;
        }

        /** Whether {@code def} is a constant page protection without the user flag under these values. */
        boolean fires(HeaderMacros.Def def, Map<String, String> v) {
            if (enabledOption(v) == null || !def.activeUnder(v)) {
                return false;
            }
            Reach r = Reach.of(index, def, v);
            if (!r.constant()) {
                return false;
            }
            for (String m : r.macros()) {
                if (userFlags.contains(m) || macros.matcher(m).matches()) {
                    return false; // honours the compat option already, or derives from one that is flagged
                }
            }
            return true;
        }

        Optional<Shown> witness(HeaderMacros.Def def) {
            if (given.isPresent()) {
                ConfigResult r = given.get().result();
                Map<String, String> v = valuesOf(r);
                if (!fires(def, v)) {
                    return Optional.empty();
                }
                Set<String> shown = new LinkedHashSet<>(def.presence().symbols());
                shown.add(enabledOption(v));
                List<Assignment> a = new ArrayList<>();
                for (String name : context.kconfig().model().symbols().keySet()) {
                    SymbolValue sv = r.symbol(name);
                    if (shown.contains(name) && sv != null) {
                        a.add(new Assignment(name, WitnessSearch.shown(sv)));
                    }
                }
                return Optional.of(new Shown(a, enabledOption(v)));
            }
            WitnessSearch search = context.shared(WitnessSearch.class,
                    c -> new WitnessSearch(c.kconfig().tree(), c.kconfig().model(), null));
            Set<String> matter = new LinkedHashSet<>(options);
            matter.addAll(def.presence().symbols());
            matter.removeIf(n -> context.kconfig().model().symbol(n) == null);
            Predicate<ConfigResult> holds = r -> {
                context.checkCancelled();
                return fires(def, valuesOf(r));
            };
            Optional<WitnessSearch.Witness> w = search.find(matter, holds);
            if (w.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> v = valuesOf(w.get().result());
            String option = enabledOption(v);
            List<Assignment> a = new ArrayList<>();
            w.get().settings().forEach((k, val) -> a.add(new Assignment(k, val)));
            // Of the derived values, the ones that explain it: the compat options that are on, the presence.
            w.get().derived().forEach((k, val) -> {
                if (!val.equals("n") || def.presence().symbols().contains(k)) {
                    a.add(new Assignment(k, val));
                }
            });
            return Optional.of(new Shown(a, option));
        }
    }

    private static Finding finding(Flagged f, String term, HeaderMacros.Def declareBefore,
            dev.kls.kconfig.model.KconfigModel model) {
        HeaderMacros.Def def = f.def();
        String name = def.macro().name();
        String option = f.witness().option();
        String message = name + " is a compile-time constant without _PAGE_USER, but with CONFIG_" + option
                + " the kernel may run on a hypervisor that needs _PAGE_USER on kernel mappings: OR in a value "
                + "decided at boot (" + term + ")";
        dev.kls.diagnostics.Condition condition = dev.kls.diagnostics.Condition.of(
                dev.kls.kconfig.semantics.Formula.and(dev.kls.diagnostics.Condition.formula(def.presence(), model),
                        dev.kls.kconfig.semantics.Formula.sym(option)));
        List<TextEdit> edits = new ArrayList<>(orIn(def, term));
        if (declareBefore != null) {
            SourceRange at = declareBefore.macro().range();
            SourceRange lineStart = new SourceRange(at.file(), at.startLine(), 1, at.startLine(), 1);
            edits.add(new TextEdit(lineStart, "#ifdef CONFIG_" + option + "\nextern unsigned int " + term
                    + ";\n#else\n#define " + term + " 0\n#endif\n\n"));
        }
        Fix fix = new Fix("OR " + term + " into " + name + (declareBefore != null ? " and declare it" : ""), edits);
        return new Finding(ID, Severity.WARNING, def.nameRange(), message, condition, f.witness().assignments(),
                List.of(), List.of(fix));
    }

    /** {@code (A | B)} becomes {@code (A | B | term)}; any other body is wrapped: {@code (BODY | term)}. */
    private static List<TextEdit> orIn(HeaderMacros.Def def, String term) {
        List<Token> body = def.macro().body();
        Token first = body.get(0);
        Token last = body.get(body.size() - 1);
        if (first.is("(") && last.is(")") && closes(body)) {
            return List.of(new TextEdit(point(def, last.start()), " | " + term));
        }
        return List.of(new TextEdit(point(def, first.start()), "("),
                new TextEdit(point(def, last.end()), " | " + term + ")"));
    }

    /** Whether the body's first '(' is closed by its last token. */
    private static boolean closes(List<Token> body) {
        int depth = 0;
        for (int i = 0; i < body.size(); i++) {
            Token t = body.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
                if (depth == 0 && i < body.size() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    private static SourceRange point(HeaderMacros.Def def, int offset) {
        return def.file().range(offset, offset);
    }
}

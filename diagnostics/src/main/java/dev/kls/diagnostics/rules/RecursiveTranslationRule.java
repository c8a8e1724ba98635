package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.c.body.CallSite;
import dev.kls.c.body.Exprs;
import dev.kls.c.body.FileBodies;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.cond.Cond;
import dev.kls.c.cond.Truth;
import dev.kls.c.graph.CallGraph;
import dev.kls.c.graph.Cycles;
import dev.kls.c.graph.Edge;
import dev.kls.c.graph.Presence;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.cmacro.Globs;
import dev.kls.kconfig.witness.WitnessSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * recursive-translation (seed 003): a cycle of two or more functions in the
 * call graph that passes through address translation or memory reading and
 * has no depth guard. The crash utility in 2015 recursed readmem -> kvtop ->
 * machdep->kvtop -> x86_64_kvtop_xen_wpt -> xen_m2p -> __xen_m2p ->
 * __xen_pvops_m2p_vma -> readmem until the stack was gone. The graph crosses
 * files and follows function pointers stored in struct members; a hop that
 * a constant argument rules out ({@code readmem(..., PHYSADDR, ...)} never
 * reaches the {@code case KVADDR:} call) does not close a cycle.
 */
@AutoService(Rule.class)
public final class RecursiveTranslationRule implements Rule {

    public static final String ID = "recursive-translation";

    /** Function names of address translation and memory reading; "*" matches any run of characters. */
    public static final List<String> DEFAULT_PATTERNS = List.of("readmem", "kvtop", "*_kvtop*", "*m2p*", "*p2m*",
            "*virt_to_phys*");

    static final int MAX_LENGTH = 12;
    static final int MAX_CYCLES = 200;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "a call cycle through address translation or memory reading with no depth guard recurses until the "
                + "stack is gone";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.C_FILES);
    }

    @Override
    public Map<String, List<String>> options() {
        return Map.of("patterns", DEFAULT_PATTERNS);
    }

    @Override
    public List<Finding> check(RuleContext context) throws Exception {
        List<Pattern> names = compile(context.option(this, "patterns"));
        CallGraph graph = context.callGraph();
        Satisfiable sat = new Satisfiable(context);
        Cycles cycles = new Cycles(graph, sat::test, MAX_LENGTH, MAX_CYCLES);
        List<Finding> out = new ArrayList<>();
        for (Cycles.Cycle c : cycles.find(f -> matches(names, f.name()) >= 0)) {
            context.checkCancelled();
            if (cycles.depthGuarded(c)) {
                continue;
            }
            out.add(finding(rotate(c, names), sat, context.kconfig() == null ? null : context.kconfig().model()));
        }
        return out;
    }

    static List<Pattern> compile(List<String> globs) {
        return globs.stream().map(g -> Pattern.compile(Globs.regex(g))).toList();
    }

    /** The index of the first pattern a name matches, -1 when none. */
    static int matches(List<Pattern> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).matcher(name).matches()) {
                return i;
            }
        }
        return -1;
    }

    /** The cycle starting at the function of the first pattern (readmem before kvtop), earliest on ties. */
    static Cycles.Cycle rotate(Cycles.Cycle c, List<Pattern> names) {
        int best = 0;
        int rank = Integer.MAX_VALUE;
        for (int i = 0; i < c.edges().size(); i++) {
            int m = matches(names, c.edges().get(i).caller().name());
            if (m >= 0 && m < rank) {
                rank = m;
                best = i;
            }
        }
        List<Edge> es = new ArrayList<>(c.edges().subList(best, c.edges().size()));
        es.addAll(c.edges().subList(0, best));
        return new Cycles.Cycle(es, c.presence());
    }

    private static Finding finding(Cycles.Cycle c, Satisfiable sat, dev.kls.kconfig.model.KconfigModel model) {
        List<Edge> es = c.edges();
        Edge closing = es.get(es.size() - 1);
        String message = "call cycle through address translation with no depth guard: " + c.describe()
                + "; each pass can start it again until the stack is gone";
        List<RelatedLocation> related = new ArrayList<>();
        for (Edge e : es) {
            String how;
            CallSite.Callee ce = e.site().callee();
            if (ce.kind() == CallSite.Kind.DIRECT) {
                how = e.caller().name() + " calls " + e.callee().name();
            } else {
                how = e.caller().name() + " calls " + Exprs.text(ce.expr()) + ", which can be " + e.callee().name()
                        + (e.store() != null ? " (stored at " + e.store().range().file() + ":"
                                + e.store().range().startLine() + ")" : "");
            }
            related.add(new RelatedLocation(e.site().range(), how));
        }
        Cond pc = c.presence();
        dev.kls.diagnostics.Condition condition = dev.kls.diagnostics.Condition.presence(pc, model);
        return new Finding(ID, Severity.WARNING, closing.site().range(), message, condition, sat.witness(pc),
                related, List.of());
    }

    /**
     * Whether a cycle's presence condition can hold: over Kconfig symbols,
     * through the Kconfig model ({@link WitnessSearch}) when the tree has one;
     * macros that are no Kconfig symbols are free ({@link Presence}).
     */
    static final class Satisfiable {
        private final RuleContext context;

        Satisfiable(RuleContext context) {
            this.context = context;
        }

        boolean test(Cond c) {
            if (!Presence.freeSatisfiable(c)) {
                return false;
            }
            if (context.kconfig() == null || c.symbols().isEmpty()) {
                return true;
            }
            return kconfigWitness(c).isPresent();
        }

        private Optional<WitnessSearch.Witness> kconfigWitness(Cond c) {
            WitnessSearch search = context.shared(WitnessSearch.class, x -> new WitnessSearch(x.kconfig().tree(),
                    x.kconfig().model(), null));
            Set<String> matter = new java.util.LinkedHashSet<>(c.symbols());
            matter.removeIf(n -> context.kconfig().model().symbol(n) == null);
            if (matter.isEmpty()) {
                return Optional.empty();
            }
            return search.find(matter, r -> c.evaluate(EvaluatedConfig.writtenValues(r)) != Truth.FALSE);
        }

        List<Assignment> witness(Cond c) {
            List<Assignment> out = new ArrayList<>();
            if (context.kconfig() != null && !c.symbols().isEmpty()) {
                kconfigWitness(c).ifPresent(w -> w.settings().forEach((k, v) -> out.add(new Assignment(k, v))));
                return out;
            }
            Map<String, Boolean> free = Presence.freeWitness(c);
            if (free != null) {
                free.forEach((atom, value) -> {
                    if (atom.startsWith("defined(") && atom.endsWith(")")) {
                        out.add(new Assignment(atom.substring(8, atom.length() - 1), value ? "defined" : "undefined"));
                    } else {
                        out.add(new Assignment(atom, value ? "true" : "false"));
                    }
                });
            }
            return out;
        }
    }
}

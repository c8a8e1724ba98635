package dev.kls.kconfig.sat;

import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.PropositionalEncoder;
import dev.kls.kconfig.eval.PropositionalEncoder.SelectSite;
import dev.kls.kconfig.eval.PropositionalEncoder.SymbolVars;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.IVecInt;
import org.sat4j.specs.TimeoutException;

/**
 * One tree's propositional model in one incremental Sat4j solver: questions
 * are asked with assumptions, so the clauses are loaded once per tree.
 * Witnesses are full configurations; {@link #confirm} runs conf's olddefconfig
 * on one and says which drawn values conf changed. Questions are serialized
 * (Sat4j's solver is not thread-safe, and rules of one run share the model).
 */
public final class KconfigSat {

    private final KconfigTree tree;
    private final ISolver solver;
    private final Map<String, SymbolVars> vars;
    private final List<SelectSite> selects;
    private final List<PropositionalEncoder.DefaultSite> defaults;
    private int disagreements;

    private KconfigSat(KconfigTree tree, ISolver solver, PropositionalEncoder.Encoding encoding) {
        this.tree = tree;
        this.solver = solver;
        this.vars = encoding.symbols();
        this.selects = encoding.selects();
        this.defaults = encoding.defaults();
    }

    /** Seconds any one question of this class may take; searches that change the solver's limit restore it. */
    static final int TIMEOUT_SECONDS = 60;

    /** Encodes the tree's finalized model (one arch). */
    public static KconfigSat of(KconfigTree tree) {
        ISolver s = SolverFactory.newDefault();
        s.setTimeout(TIMEOUT_SECONDS);
        List<String> broken = new ArrayList<>();
        RootPropagation root = new RootPropagation();
        PropositionalEncoder.Encoding vars = PropositionalEncoder.encodeModel(tree, new PropositionalEncoder.Sink() {
            private int next;

            @Override
            public int newVar() {
                return s.newVar(++next);
            }

            @Override
            public void clause(int... literals) {
                root.add(literals);
                try {
                    s.addClause(new VecInt(literals));
                } catch (ContradictionException e) {
                    // The model itself is unsatisfiable: every question answers "no".
                    broken.add(e.getMessage());
                }
            }
        });
        KconfigSat k = new KconfigSat(tree, s, vars);
        k.fixed = root.propagate();
        k.unsat = !broken.isEmpty() || k.fixed == null;
        if (k.fixed == null) {
            k.fixed = new java.util.BitSet();
        }
        return k;
    }

    private boolean unsat;
    /** Literals unit propagation fixes before any decision ({@link RootPropagation#propagate}). */
    private java.util.BitSet fixed;

    /** Whether {@code literal} is false in every model by propagation alone (no search). */
    public boolean falseWithoutSearch(int literal) {
        return unsat || fixed.get(RootPropagation.index(-literal));
    }

    /** Whether {@code literal} is true in every model by propagation alone (no search). */
    public boolean trueWithoutSearch(int literal) {
        return unsat || fixed.get(RootPropagation.index(literal));
    }

    /** Whether the model itself is unsatisfiable (every question answers "no"). */
    boolean broken() {
        return unsat;
    }

    /** The solver, for searches of this package that add their own clauses (each guarded or definitional). */
    ISolver solver() {
        return solver;
    }

    /** Gives the solver back its own time limit, after a search of this package set another. */
    void restoreTimeout() {
        solver.setTimeout(TIMEOUT_SECONDS);
    }

    /** The named bool/tristate symbols of the model. */
    public Map<String, SymbolVars> symbols() {
        return vars;
    }

    /** The tree this model was encoded from. */
    public KconfigTree tree() {
        return tree;
    }

    /** The select lines whose target can be forced past its dependencies in some assignment of the literals. */
    public List<SelectSite> selects() {
        return selects;
    }

    /** The bool/tristate symbols' default lines, each with "conf takes this default" as a literal. */
    public List<PropositionalEncoder.DefaultSite> defaults() {
        return defaults;
    }

    /**
     * A full configuration where {@code literal} holds, close to {@code prefer}:
     * the solver decides each symbol's variables to their preferred value
     * first, so only what propagation and conflicts force differs (near, not
     * minimal). Empty when {@code literal} cannot hold.
     */
    public synchronized Optional<Map<String, Tristate>> canBeTrueNear(int literal, Map<String, Tristate> prefer) {
        VecInt only = new VecInt();
        only.push(literal);
        if (!(solver instanceof org.sat4j.minisat.core.Solver<?> minisat)) {
            return solve(only);
        }
        org.sat4j.minisat.core.IOrder order = minisat.getOrder();
        org.sat4j.minisat.core.IPhaseSelectionStrategy own = order.getPhaseSelectionStrategy();
        PreferredPhases phases = phasesFor(prefer);
        order.setPhaseSelectionStrategy(phases);
        try {
            return solve(only);
        } finally {
            order.setPhaseSelectionStrategy(own);
        }
    }

    /**
     * Runs {@code body} with the solver's phases set towards {@code prefer}
     * (as {@link #canBeTrueNear} does), for searches of this package that ask
     * many questions: models come out near the preferred configuration, and
     * most questions are decided by propagation instead of search.
     */
    synchronized <T> T near(Map<String, Tristate> prefer, java.util.function.Supplier<T> body) {
        if (!(solver instanceof org.sat4j.minisat.core.Solver<?> minisat)) {
            return body.get();
        }
        org.sat4j.minisat.core.IOrder order = minisat.getOrder();
        org.sat4j.minisat.core.IPhaseSelectionStrategy own = order.getPhaseSelectionStrategy();
        order.setPhaseSelectionStrategy(phasesFor(prefer));
        try {
            return body.get();
        } finally {
            order.setPhaseSelectionStrategy(own);
        }
    }

    private Map<String, Tristate> phasesOf;
    private PreferredPhases phases;

    /**
     * Phases for every variable, helper variables included: a model of the
     * preferred assignment itself when it is one (the defaults are), since
     * preferring only the symbols' variables lets the solver decide the gates
     * first, and a false and-gate of negations is a true "or".
     */
    private PreferredPhases phasesFor(Map<String, Tristate> prefer) {
        if (prefer.equals(phasesOf)) {
            return phases;
        }
        PreferredPhases p = new PreferredPhases();
        VecInt all = new VecInt();
        for (Map.Entry<String, Tristate> e : prefer.entrySet()) {
            literals(e.getKey(), e.getValue()).ifPresent(l -> {
                for (int x : l) {
                    all.push(x);
                }
            });
        }
        boolean model = false;
        try {
            model = !unsat && solver.isSatisfiable(all);
        } catch (TimeoutException e) {
            model = false;
        }
        if (model) {
            for (int lit : solver.model()) {
                p.prefer(lit);
            }
        } else {
            for (int i = 0; i < all.size(); i++) {
                p.prefer(all.get(i));
            }
        }
        phasesOf = Map.copyOf(prefer);
        phases = p;
        return p;
    }

    /**
     * Which of {@code literals} can be true, each in some configuration: group
     * testing with one solve per batch, since most answers are "never". A batch
     * is asked as one clause "some literal of it holds" behind a fresh
     * activation variable; a model names the literals it makes true, which are
     * taken out before the batch is asked again.
     */
    public java.util.BitSet satisfiable(List<Integer> literals, int batch) {
        return groupTest(literals, batch, Map.of(), Long.MAX_VALUE).can();
    }

    /**
     * As {@link #satisfiable(List, int)}, with the solver's phases set towards
     * {@code prefer} (as {@link #canBeTrueNear} does): preferring a
     * configuration where most literals hold makes each model answer many.
     */
    public java.util.BitSet satisfiable(List<Integer> literals, int batch, Map<String, Tristate> prefer) {
        return groupTest(literals, batch, prefer, Long.MAX_VALUE).can();
    }

    /**
     * Group testing's answer: {@code can} holds the literals some model made
     * true, {@code cannot} those of batches proven unsatisfiable; a literal in
     * neither was not decided before the deadline.
     */
    public record Groups(java.util.BitSet can, java.util.BitSet cannot) {
    }

    /** As {@link #satisfiable(List, int, Map)}, stopping at {@code deadline} ({@link System#nanoTime()}). */
    public synchronized Groups groupTest(List<Integer> literals, int batch, Map<String, Tristate> prefer,
            long deadline) {
        if (prefer.isEmpty() || !(solver instanceof org.sat4j.minisat.core.Solver<?> minisat)) {
            return groupTest(literals, batch, deadline);
        }
        org.sat4j.minisat.core.IOrder order = minisat.getOrder();
        org.sat4j.minisat.core.IPhaseSelectionStrategy own = order.getPhaseSelectionStrategy();
        order.setPhaseSelectionStrategy(phasesFor(prefer));
        try {
            return groupTest(literals, batch, deadline);
        } finally {
            order.setPhaseSelectionStrategy(own);
        }
    }

    private static boolean before(long deadline) {
        return deadline == Long.MAX_VALUE || System.nanoTime() - deadline < 0;
    }

    private Groups groupTest(List<Integer> literals, int batch, long deadline) {
        java.util.BitSet out = new java.util.BitSet();
        java.util.BitSet never = new java.util.BitSet();
        if (unsat) {
            never.set(0, literals.size());
            return new Groups(out, never);
        }
        for (int from = 0; from < literals.size() && before(deadline); from += batch) {
            List<Integer> open = new ArrayList<>();
            for (int i = from; i < Math.min(literals.size(), from + batch); i++) {
                open.add(i);
            }
            while (!open.isEmpty() && before(deadline)) {
                int act = solver.nextFreeVarId(true);
                VecInt clause = new VecInt();
                clause.push(-act);
                for (int i : open) {
                    clause.push(literals.get(i));
                }
                try {
                    solver.addClause(clause);
                    VecInt a = new VecInt();
                    a.push(act);
                    // The activation variable is never assumed again, so its clause stops mattering
                    // (no unit clause to retire it: Sat4j asserts on units added after a solve).
                    boolean sat = solver.isSatisfiable(a);
                    if (!sat) {
                        open.forEach(never::set);
                        break;
                    }
                } catch (ContradictionException e) {
                    throw new IllegalStateException(e);
                } catch (TimeoutException e) {
                    // one hard batch must not end the whole question: its open literals stay undecided
                    // (in neither set) and the next batch is asked
                    break;
                }
                List<Integer> still = new ArrayList<>();
                for (int i : open) {
                    if (holds(literals.get(i))) {
                        out.set(i);
                    } else {
                        still.add(i);
                    }
                }
                open = still;
            }
        }
        return new Groups(out, never);
    }

    /**
     * Which of {@code literals} hold in the model whose bool/tristate symbols
     * have their values in {@code config}; null when no model does (the
     * configuration falls outside an approximation of the encoding).
     */
    public synchronized java.util.BitSet holdIn(Map<String, Tristate> config, List<Integer> literals) {
        VecInt all = new VecInt();
        for (Map.Entry<String, Tristate> e : config.entrySet()) {
            literals(e.getKey(), e.getValue()).ifPresent(l -> {
                for (int x : l) {
                    all.push(x);
                }
            });
        }
        try {
            if (unsat || !solver.isSatisfiable(all)) {
                return null;
            }
        } catch (TimeoutException e) {
            return null;
        }
        java.util.BitSet out = new java.util.BitSet();
        for (int i = 0; i < literals.size(); i++) {
            if (holds(literals.get(i))) {
                out.set(i);
            }
        }
        return out;
    }

    private boolean holds(int literal) {
        return literal > 0 ? solver.model(literal) : !solver.model(-literal);
    }

    /** Number of variables and clauses, for the benchmark and the report. */
    public int variables() {
        return solver.nVars();
    }

    public int clauses() {
        return solver.nConstraints();
    }

    /** Assumption: symbol {@code name} has value {@code t}; empty when it is not a bool/tristate symbol. */
    public Optional<int[]> literals(String name, Tristate t) {
        SymbolVars v = vars.get(name);
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(switch (t) {
            case NO -> new int[] {-v.m()};
            case MOD -> new int[] {v.m(), -v.y()};
            case YES -> new int[] {v.y()};
        });
    }

    /** A full configuration where every assumption holds (name to value), or empty when none exists. */
    public synchronized Optional<Map<String, Tristate>> canBeTrue(Map<String, Tristate> assumptions) {
        VecInt lits = new VecInt();
        for (Map.Entry<String, Tristate> a : assumptions.entrySet()) {
            Optional<int[]> l = literals(a.getKey(), a.getValue());
            if (l.isEmpty()) {
                throw new IllegalArgumentException("not a bool or tristate symbol: " + a.getKey());
            }
            for (int x : l.get()) {
                lits.push(x);
            }
        }
        return solve(lits);
    }

    /** Whether the symbol has value {@code t} in every configuration of the model. */
    public synchronized boolean mustBe(String name, Tristate t) {
        for (Tristate other : Tristate.values()) {
            if (other != t && canBeTrue(Map.of(name, other)).isPresent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random configuration: random assumptions on {@code tries} symbols;
     * when they conflict, one assumption of the solver's explanation is
     * dropped and the rest tried again (a few solves, not one per try).
     */
    public synchronized Map<String, Tristate> sample(Random random, int tries) {
        List<SymbolVars> all = new ArrayList<>(vars.values());
        List<Integer> lits = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            SymbolVars v = all.get(random.nextInt(all.size()));
            lits.add(random.nextBoolean() ? v.m() : -v.m());
        }
        while (true) {
            VecInt a = new VecInt();
            lits.forEach(a::push);
            Optional<Map<String, Tristate>> w = solve(a);
            if (w.isPresent()) {
                return w.get();
            }
            if (lits.isEmpty() || unsat) {
                throw new IllegalStateException("the model has no configuration");
            }
            IVecInt why = solver.unsatExplanation();
            Integer drop = null;
            if (why != null) {
                for (int i = 0; i < why.size() && drop == null; i++) {
                    // The explanation may name a literal negated or not, depending on the solver's bookkeeping.
                    if (lits.contains(why.get(i))) {
                        drop = why.get(i);
                    } else if (lits.contains(-why.get(i))) {
                        drop = -why.get(i);
                    }
                }
            }
            lits.remove(drop != null ? drop : lits.get(lits.size() - 1));
        }
    }

    private Optional<Map<String, Tristate>> solve(VecInt assumptions) {
        if (unsat) {
            return Optional.empty();
        }
        try {
            if (!solver.isSatisfiable(assumptions)) {
                return Optional.empty();
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("SAT solver timed out after 60 s", e);
        }
        Map<String, Tristate> w = new LinkedHashMap<>();
        for (SymbolVars v : vars.values()) {
            boolean y = solver.model(v.y());
            boolean m = solver.model(v.m());
            w.put(v.name(), y ? Tristate.YES : m ? Tristate.MOD : Tristate.NO);
        }
        return Optional.of(w);
    }

    /** The witness as a .config conf can read. */
    public static String dotConfig(Map<String, Tristate> witness) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Tristate> e : witness.entrySet()) {
            if (e.getValue() == Tristate.NO) {
                sb.append("# CONFIG_").append(e.getKey()).append(" is not set\n");
            } else {
                sb.append("CONFIG_").append(e.getKey()).append('=').append(e.getValue().letter()).append('\n');
            }
        }
        return sb.toString();
    }

    /** A drawn value conf's olddefconfig did not keep. */
    public record Disagreement(String symbol, Tristate drawn, Tristate conf) {
    }

    /** Runs the conf-exact evaluator's olddefconfig on the witness; every changed value is a disagreement (counted). */
    public List<Disagreement> confirm(Map<String, Tristate> witness) {
        ConfigResult r = ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG,
                DotConfig.parse("sat-witness", dotConfig(witness)));
        List<Disagreement> out = new ArrayList<>();
        for (Map.Entry<String, Tristate> e : witness.entrySet()) {
            SymbolValue v = r.symbol(e.getKey());
            Tristate got = v == null ? Tristate.NO : v.tristate();
            if (got != e.getValue()) {
                out.add(new Disagreement(e.getKey(), e.getValue(), got));
            }
        }
        if (!out.isEmpty()) {
            disagreements++;
        }
        return out;
    }

    /** Witnesses conf disagreed with so far (each a bug in the model, never shown as truth). */
    public int disagreements() {
        return disagreements;
    }
}

package dev.kls.kconfig.sat;

import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.PropositionalEncoder.SymbolVars;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.semantics.Formula;
import dev.kls.kconfig.semantics.Valuation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sat4j.core.VecInt;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.IConstr;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.IVecInt;
import org.sat4j.specs.TimeoutException;

/**
 * The smallest change to a base configuration under which a condition
 * holds: the condition's parts are encoded next to the tree's model, each
 * symbol gets a "differs from the base" literal, and a cardinality bound on
 * those literals is searched (doubling, then bisection). The best assignment
 * is then confirmed by the conf-exact evaluator: its olddefconfig must keep
 * every value, the condition must hold in the result, and a second
 * olddefconfig must give the same text. A rejected assignment is blocked and
 * the search runs again.
 */
public final class CoverSearch {

    /** One conjunct of the condition, named for the report (a Makefile line, an #if). */
    public record Part(String name, Formula formula) {
    }

    /** A symbol whose value differs from the base; {@code named} when the condition mentions it. */
    public record Change(String symbol, Tristate from, Tristate to, boolean named) {
    }

    /**
     * The answer. When {@code config} is null there is none: {@code unsatisfiable}
     * names the parts that cannot hold (together). {@code assumed} lists the parts
     * that are not over symbols and were taken as true; {@code rejected} counts
     * the assignments conf did not accept.
     */
    public record Outcome(ConfigResult config, List<Change> changes, List<String> unsatisfiable, List<String> assumed,
            int rejected, int solves, boolean proven) {
        public Outcome {
            changes = List.copyOf(changes);
            unsatisfiable = List.copyOf(unsatisfiable);
            assumed = List.copyOf(assumed);
        }
    }

    private static final int MAX_REJECTED = 10;

    private final KconfigSat sat;
    private final ISolver solver;
    private final ConfigResult base;
    private final Valuation baseValues;
    /** The condition's parts next to the model; what the model does not decide is taken as true. */
    private FormulaEncoder encoder;
    private int solves;
    /** A bounded call gave up: the answer is valid but not proven the smallest. */
    private boolean timedOut;
    /** Seconds a bounded call may take before the bound counts as "not shown possible". */
    private static final int BOUNDED_TIMEOUT = 8;

    private CoverSearch(KconfigSat sat, ConfigResult base) {
        this.sat = sat;
        this.solver = sat.solver();
        this.base = base;
        this.baseValues = Valuation.of(base);
    }

    /** Searches the change of {@code base} (a configuration conf computed for {@code sat}'s tree) making every part hold. */
    public static Outcome search(KconfigSat sat, ConfigResult base, List<Part> parts) {
        CoverSearch s = new CoverSearch(sat, base);
        // Phases towards the base: minimal() frees the symbols its first model changes, so that model must
        // be one near the base, not any model.
        return sat.near(s.baseTristates(), () -> s.run(parts));
    }

    private Outcome run(List<Part> parts) {
        encoder = new FormulaEncoder(sat, baseValues, FormulaEncoder.Unknowns.ASSUME_TRUE);
        int act = newVar(); // guards this search's blocking clauses
        List<Integer> partLits = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        for (Part p : parts) {
            partLits.add(encoder.encode(p.formula())[0]);
            named.addAll(p.formula().symbols());
        }
        Map<String, Integer> differs = differs();
        int rejected = 0;
        try {
            while (true) {
                VecInt assume = new VecInt();
                assume.push(act);
                partLits.forEach(assume::push);
                Map<String, Tristate> best = holdsInBase(parts) ? current(baseTristates()) : minimal(assume, differs);
                if (best == null) {
                    return new Outcome(null, List.of(), why(parts, partLits, act), List.copyOf(encoder.assumed()),
                            rejected, solves, true);
                }
                ConfigResult r = confirm(best, parts);
                if (r != null) {
                    return new Outcome(r, changes(r, named), List.of(), List.copyOf(encoder.assumed()), rejected, solves,
                            !timedOut);
                }
                if (++rejected > MAX_REJECTED) {
                    throw new IllegalStateException("conf rejected " + rejected + " assignments of the model in a row");
                }
                block(best, act);
            }
        } finally {
            clause(-act); // the blocking clauses of this search are off for the next one
        }
    }

    // ---------------------------------------------------------------- minimising

    /** The base itself when the condition holds there (no SAT call at all). */
    private boolean holdsInBase(List<Part> parts) {
        for (Part p : parts) {
            if (!assumeOpaque(p.formula()).holds(baseValues).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Tristate> current(Map<String, Tristate> m) {
        return m;
    }

    private Map<String, Tristate> baseTristates() {
        Map<String, Tristate> m = new LinkedHashMap<>();
        for (SymbolVars v : sat.symbols().values()) {
            m.put(v.name(), baseValues.tristate(v.name()));
        }
        return m;
    }

    /**
     * The assignment with the fewest differing symbols that the search can
     * show, or null when the assumptions cannot hold. First a model near the
     * base (the solver's phases are the base's, see {@link #search}): the
     * symbols it changes are freed, every other one is assumed to keep its
     * base value. Then the number of freed symbols that change is bisected
     * with a cardinality bound (doubling first). Calls stay small because the
     * symbols the near model kept stay fixed by assumptions. (Freeing the
     * symbols of each conflict the solver explains, one core at a time, took
     * a call per one or two symbols: 15 calls of about 150 ms for XEN_PV.)
     */
    private Map<String, Tristate> minimal(VecInt assume, Map<String, Integer> differs) {
        Map<String, Tristate> near = solve(assume, Map.of(), -1);
        if (near == null) {
            return null; // the condition cannot hold in any configuration
        }
        java.util.Set<Integer> keep = new java.util.LinkedHashSet<>();
        differs.forEach((name, d) -> {
            if (near.get(name) == baseValues.tristate(name)) {
                keep.add(-d);
            }
        });
        Map<String, Tristate> best = near; // a model of the assumptions below by construction
        Map<String, Integer> free = new LinkedHashMap<>();
        differs.forEach((name, d) -> {
            if (!keep.contains(-d)) {
                free.put(name, d);
            }
        });
        VecInt fixed = new VecInt();
        assume.copyTo(fixed);
        keep.forEach(fixed::push);
        int hi = count(best);
        int lo = 1; // 0 would be the base, which does not satisfy the condition
        for (int k = 1; k < hi; k *= 2) {
            Map<String, Tristate> w = solve(fixed, free, k);
            if (w != null) {
                best = w;
                hi = count(w);
                break;
            }
            lo = k + 1;
        }
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            Map<String, Tristate> w = solve(fixed, free, mid);
            if (w != null) {
                best = w;
                hi = count(w);
            } else {
                lo = mid + 1;
            }
        }
        return best;
    }

    private int count(Map<String, Tristate> w) {
        int n = 0;
        for (Map.Entry<String, Tristate> e : w.entrySet()) {
            if (e.getValue() != baseValues.tristate(e.getKey())) {
                n++;
            }
        }
        return n;
    }

    /** A model under the assumptions with at most {@code bound} differing symbols (no bound when negative). */
    private Map<String, Tristate> solve(VecInt assume, Map<String, Integer> differs, int bound) {
        IConstr card = null;
        try {
            if (bound >= 0) {
                VecInt d = new VecInt();
                differs.values().forEach(d::push);
                card = solver.addAtMost(d, bound);
                solver.setTimeout(BOUNDED_TIMEOUT);
            }
            solves++;
            if (!solver.isSatisfiable(assume)) {
                return null;
            }
            Map<String, Tristate> w = new LinkedHashMap<>();
            for (SymbolVars v : sat.symbols().values()) {
                w.put(v.name(), solver.model(v.y()) ? Tristate.YES : solver.model(v.m()) ? Tristate.MOD : Tristate.NO);
            }
            return w;
        } catch (ContradictionException e) {
            return null;
        } catch (TimeoutException e) {
            if (bound < 0) {
                throw new IllegalStateException("SAT solver timed out", e);
            }
            timedOut = true;
            return null;
        } finally {
            if (card != null) {
                solver.removeConstr(card);
                sat.restoreTimeout();
            }
        }
    }

    /** Per symbol, a literal that is true whenever its value is not the base's. */
    private Map<String, Integer> differs() {
        Map<String, Integer> d = new LinkedHashMap<>();
        for (SymbolVars v : sat.symbols().values()) {
            Tristate b = baseValues.tristate(v.name());
            d.put(v.name(), switch (b) {
                case NO -> v.m();
                case YES -> -v.y();
                case MOD -> {
                    int x = newVar();
                    clause(v.m(), x); // n differs from m
                    clause(-v.y(), x); // so does y
                    yield x;
                }
            });
        }
        return d;
    }

    /** Rules out exactly this assignment for the rest of this search. */
    private void block(Map<String, Tristate> w, int act) {
        VecInt c = new VecInt();
        c.push(-act);
        for (SymbolVars v : sat.symbols().values()) {
            Tristate t = w.get(v.name());
            c.push(t == Tristate.NO ? v.m() : -v.m());
            c.push(t == Tristate.YES ? -v.y() : v.y());
        }
        try {
            solver.addClause(c);
        } catch (ContradictionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Which parts cannot hold: each one alone when it is impossible by itself, else those the solver names. */
    private List<String> why(List<Part> parts, List<Integer> lits, int act) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (solve(new VecInt(new int[] {act, lits.get(i)}), Map.of(), -1) == null) {
                out.add(parts.get(i).name() + " (alone)");
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        VecInt all = new VecInt();
        all.push(act);
        lits.forEach(all::push);
        solve(all, Map.of(), -1);
        IVecInt core = solver.unsatExplanation();
        for (int i = 0; i < parts.size(); i++) {
            int l = lits.get(i);
            if (core == null || core.contains(l) || core.contains(-l)) {
                out.add(parts.get(i).name());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- confirming

    /** conf's olddefconfig on the assignment (with the base's int/hex/string lines); null when conf disagrees. */
    private ConfigResult confirm(Map<String, Tristate> w, List<Part> parts) {
        StringBuilder in = new StringBuilder(KconfigSat.dotConfig(w));
        for (String line : base.text().split("\n")) {
            if (line.startsWith("CONFIG_")) {
                int eq = line.indexOf('=');
                if (eq > 0 && !sat.symbols().containsKey(line.substring(7, eq))) {
                    in.append(line).append('\n');
                }
            }
        }
        ConfigResult r = ConfigEvaluator.run(sat.tree(), ConfigTarget.OLDDEFCONFIG, DotConfig.parse("cover", in.toString()));
        Valuation got = Valuation.of(r);
        for (Map.Entry<String, Tristate> e : w.entrySet()) {
            if (got.tristate(e.getKey()) != e.getValue()) {
                return null;
            }
        }
        for (Part p : parts) {
            if (!assumeOpaque(p.formula()).holds(got).orElse(false)) {
                return null;
            }
        }
        ConfigResult again = ConfigEvaluator.run(sat.tree(), ConfigTarget.OLDDEFCONFIG,
                DotConfig.parse("cover", r.text()));
        return again.text().equals(r.text()) ? r : null;
    }

    private List<Change> changes(ConfigResult r, Set<String> named) {
        Valuation got = Valuation.of(r);
        List<Change> out = new ArrayList<>();
        for (SymbolVars v : sat.symbols().values()) {
            Tristate a = baseValues.tristate(v.name());
            Tristate b = got.tristate(v.name());
            if (a != b) {
                out.add(new Change(v.name(), a, b, named.contains(v.name())));
            }
        }
        return out;
    }

    /** The formula with its Opaque and UNKNOWN leaves taken as true (they are listed in {@link Outcome#assumed}). */
    private static Formula assumeOpaque(Formula f) {
        if (f == Formula.UNKNOWN || f instanceof Formula.Opaque) {
            return Formula.TRUE;
        }
        if (f instanceof Formula.Not n) {
            Formula x = assumeOpaque(n.operand());
            // "not opaque" is just as unknown: take it as true as well
            return n.operand() == Formula.UNKNOWN || n.operand() instanceof Formula.Opaque ? Formula.TRUE
                    : Formula.not(x);
        }
        if (f instanceof Formula.And a) {
            return Formula.and(a.operands().stream().map(CoverSearch::assumeOpaque).toList());
        }
        if (f instanceof Formula.Or o) {
            return Formula.or(o.operands().stream().map(CoverSearch::assumeOpaque).toList());
        }
        return f;
    }

    private int newVar() {
        return solver.nextFreeVarId(true);
    }

    private void clause(int... lits) {
        try {
            solver.addClause(new VecInt(lits));
        } catch (ContradictionException e) {
            throw new IllegalStateException("the condition's encoding contradicts the model", e);
        }
    }

    /** For the report: the value the base gives a symbol. */
    static Tristate valueIn(ConfigResult r, String name) {
        SymbolValue v = r.symbol(name);
        return v == null ? Tristate.NO : v.tristate();
    }
}

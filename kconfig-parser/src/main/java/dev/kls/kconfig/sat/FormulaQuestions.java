package dev.kls.kconfig.sat;

import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.PropositionalEncoder.SymbolVars;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.semantics.Formula;
import dev.kls.kconfig.semantics.Valuation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.sat4j.core.VecInt;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.TimeoutException;

/**
 * Whether conditions (C presence conditions, kbuild conditions) can be true
 * and can be false in the valid configurations of one arch, for dead-ifdef:
 * a condition that can never be true is dead, one that can never be false
 * is undead. Cheap answers first: the seed configurations
 * ({@link DeadSymbols.Seeds}, each a real configuration conf computes) show
 * most conditions both ways without a solve; what unit propagation fixes
 * ({@link KconfigSat#falseWithoutSearch}) proves "never" for conditions over
 * symbols of other arches; the rest go to the tree's one solver, each
 * condition encoded next to the model ({@link FormulaEncoder}, parts the model
 * does not decide free) and asked by assumption: group-tested first, then
 * one solve per side still open, within a time budget.
 */
public final class FormulaQuestions {

    /** DEAD: never true; UNDEAD: never false; LIVE: both shown; UNDECIDED: the budget ran out first. */
    public enum Verdict {
        DEAD, UNDEAD, LIVE, UNDECIDED
    }

    /** How the side that never holds was shown. */
    public enum Proof {
        /** Unit propagation of the model's clauses, with no search. */
        PROPAGATION,
        /** An unsatisfiable SAT call. */
        SOLVER
    }

    /** What {@link Answer#trueIn} and {@link Answer#falseIn} say for a SAT model (not a seed configuration). */
    public static final String SOLVER_MODEL = "a configuration the SAT solver found";

    /**
     * @param trueIn       a configuration where the condition holds: a seed's command
     *                     ("make allyesconfig") or {@link #SOLVER_MODEL}; null when it never holds or was not decided
     * @param falseIn      the same for its negation
     * @param proof        how the side that never holds was shown; null for LIVE and UNDECIDED
     * @param seedsHolding seed configurations where it holds
     * @param seedsFailing seed configurations where it does not (both 0 when the seeds cannot evaluate it)
     */
    public record Answer(Formula formula, Verdict verdict, Proof proof, String trueIn, String falseIn,
            int seedsHolding, int seedsFailing) {
    }

    /**
     * @param answers       one per formula asked, in order
     * @param bySeeds       distinct formulas the seed configurations showed live
     * @param byPropagation distinct formulas with a side unit propagation ruled out
     * @param solves        questions (sides of a formula) the solver was asked, in batches or alone
     * @param millis        time of the pass
     */
    public record Result(List<Answer> answers, int bySeeds, int byPropagation, int solves, long millis) {
        public Result {
            answers = List.copyOf(answers);
        }

        public long count(Verdict v) {
            return answers.stream().filter(a -> a.verdict() == v).count();
        }
    }

    private final KconfigSat sat;
    private final DeadSymbols.Seeds seeds;
    private final Function<String, SymbolType> types;
    private final List<Valuation> seedValues = new ArrayList<>();
    private FormulaEncoder encoder;

    /** @param types each word's Kconfig type, null for words the tree does not define */
    public FormulaQuestions(KconfigSat sat, DeadSymbols.Seeds seeds, Function<String, SymbolType> types) {
        this.sat = sat;
        this.seeds = seeds;
        this.types = types;
        for (Map<String, Tristate> c : seeds.configurations()) {
            seedValues.add(valuation(c));
        }
    }

    /** Answers for each formula; {@code budget} bounds the SAT calls (null: none), not the cheap steps. */
    public Result ask(List<Formula> formulas, Duration budget) {
        long t0 = System.nanoTime();
        long deadline = budget == null ? Long.MAX_VALUE : t0 + budget.toNanos();
        Map<Formula, Open> distinct = new LinkedHashMap<>();
        for (Formula f : formulas) {
            distinct.computeIfAbsent(f, Open::new);
        }
        int bySeeds = 0;
        int byPropagation = 0;
        List<Open> search = new ArrayList<>();
        for (Open q : distinct.values()) {
            if (sat.broken()) {
                continue; // a model with no configuration says "never" to everything: no finding from it
            }
            onSeeds(q);
            if (q.trueIn != null && q.falseIn != null) {
                bySeeds++;
                continue;
            }
            Tristate[] r = range(q.formula);
            if (q.trueIn == null && r[1] == Tristate.NO) {
                q.neverTrue = Proof.PROPAGATION;
            }
            if (q.falseIn == null && r[0] != Tristate.NO) {
                q.neverFalse = Proof.PROPAGATION;
            }
            if (q.neverTrue != null || q.neverFalse != null) {
                byPropagation++;
            } else {
                search.add(q);
            }
        }
        int calls = 0;
        if (!search.isEmpty()) {
            synchronized (sat) {
                // a tenth of the budget per solve, between 1 and 10 s
                long perSolve = budget == null ? 60_000
                        : Math.max(1_000, Math.min(10_000, budget.toMillis() / 10));
                calls = solve(search, deadline, perSolve);
            }
        }
        List<Answer> out = new ArrayList<>();
        for (Formula f : formulas) {
            out.add(distinct.get(f).answer());
        }
        return new Result(out, bySeeds, byPropagation, calls, (System.nanoTime() - t0) / 1_000_000);
    }

    /** One distinct formula while it is being decided. */
    private final class Open {
        final Formula formula;
        String trueIn;
        String falseIn;
        Proof neverTrue;
        Proof neverFalse;
        int holding;
        int failing;

        Open(Formula formula) {
            this.formula = formula;
        }

        Answer answer() {
            Verdict v;
            Proof p = null;
            if (neverTrue != null) {
                v = Verdict.DEAD;
                p = neverTrue;
            } else if (neverFalse != null) {
                v = Verdict.UNDEAD;
                p = neverFalse;
            } else {
                v = trueIn != null && falseIn != null ? Verdict.LIVE : Verdict.UNDECIDED;
            }
            return new Answer(formula, v, p, trueIn, falseIn, holding, failing);
        }
    }

    /** The seed configurations where the formula holds and where it does not (when they can evaluate it). */
    private void onSeeds(Open q) {
        if (readsValues(q.formula)) {
            return; // seeds keep only bool/tristate values
        }
        for (int i = 0; i < seedValues.size(); i++) {
            Optional<Boolean> h = q.formula.holds(seedValues.get(i));
            if (h.isEmpty()) {
                continue;
            }
            if (h.get()) {
                q.holding++;
                if (q.trueIn == null) {
                    q.trueIn = seeds.names().get(i);
                }
            } else {
                q.failing++;
                if (q.falseIn == null) {
                    q.falseIn = seeds.names().get(i);
                }
            }
        }
    }

    /** Whether the formula mentions an int, hex or string symbol (whose value the model does not vary). */
    private boolean readsValues(Formula f) {
        for (String s : f.symbols()) {
            if (!sat.symbols().containsKey(s) && types.apply(s) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The lowest and highest value the formula can take given what unit
     * propagation fixes; a part propagation does not decide spans n to y.
     */
    private Tristate[] range(Formula f) {
        if (f == Formula.TRUE) {
            return new Tristate[] {Tristate.YES, Tristate.YES};
        }
        if (f == Formula.FALSE) {
            return new Tristate[] {Tristate.NO, Tristate.NO};
        }
        if (f == Formula.UNKNOWN || f instanceof Formula.Opaque) {
            return open();
        }
        if (f instanceof Formula.Not n) {
            Tristate[] r = range(n.operand());
            return new Tristate[] {r[1].not(), r[0].not()};
        }
        if (f instanceof Formula.And || f instanceof Formula.Or) {
            boolean and = f instanceof Formula.And;
            List<Formula> ops = and ? ((Formula.And) f).operands() : ((Formula.Or) f).operands();
            Tristate lo = and ? Tristate.YES : Tristate.NO;
            Tristate hi = lo;
            for (Formula g : ops) {
                Tristate[] r = range(g);
                lo = and ? lo.and(r[0]) : lo.or(r[0]);
                hi = and ? hi.and(r[1]) : hi.or(r[1]);
            }
            return new Tristate[] {lo, hi};
        }
        if (f instanceof Formula.Sym s && sat.symbols().containsKey(s.name())) {
            return symbolRange(sat.symbols().get(s.name()));
        }
        // A comparison or a constant: decided when every symbol it reads is fixed.
        Map<String, Tristate> fixed = new LinkedHashMap<>();
        for (String s : f.symbols()) {
            SymbolVars v = sat.symbols().get(s);
            if (v == null) {
                if (types.apply(s) != null) {
                    return open(); // an int/hex/string value
                }
                continue; // an undefined word: a constant
            }
            Tristate[] r = symbolRange(v);
            if (r[0] != r[1]) {
                return open();
            }
            fixed.put(s, r[0]);
        }
        Optional<Tristate> t = f.eval(valuation(fixed));
        return t.isEmpty() ? open() : new Tristate[] {t.get(), t.get()};
    }

    private Tristate[] symbolRange(SymbolVars v) {
        if (sat.falseWithoutSearch(v.m())) {
            return new Tristate[] {Tristate.NO, Tristate.NO};
        }
        Tristate lo = sat.trueWithoutSearch(v.y()) ? Tristate.YES
                : sat.trueWithoutSearch(v.m()) ? Tristate.MOD : Tristate.NO;
        Tristate hi = sat.falseWithoutSearch(v.y()) ? Tristate.MOD : Tristate.YES;
        return new Tristate[] {lo, hi};
    }

    private static Tristate[] open() {
        return new Tristate[] {Tristate.NO, Tristate.YES};
    }

    /** Questions asked together in one solve ({@link KconfigSat#groupTest}). */
    static final int BATCH = 64;

    /**
     * The open sides, group-tested in the shared solver until the deadline:
     * "can be true" with the phases towards allyesconfig, "can be false"
     * towards alldefconfig, so one model answers many (most open questions
     * are satisfiable) and one unsatisfiable batch proves all of its
     * questions at once. What a timed-out batch leaves open is asked one by
     * one. No single solve may take more than {@code perSolve} ms: on a
     * kernel tree a rare condition can take Sat4j minutes, and the others
     * would starve.
     */
    private int solve(List<Open> search, long deadline, long perSolve) {
        if (!before(deadline)) {
            return 0;
        }
        if (encoder == null) {
            encoder = new FormulaEncoder(sat, valuation(Map.of()), FormulaEncoder.Unknowns.FREE);
        }
        ISolver solver = sat.solver();
        int sides = 0;
        Map<Open, Integer> lit = new LinkedHashMap<>();
        for (Open q : search) {
            lit.put(q, encoder.encode(q.formula)[0]);
        }
        solver.setTimeoutMs(perSolve);
        try {
            List<Open> askTrue = search.stream().filter(q -> q.trueIn == null).toList();
            List<Integer> tl = askTrue.stream().map(lit::get).toList();
            sides += tl.size();
            KconfigSat.Groups t = sat.groupTest(tl, BATCH, seeds.allyes(), deadline);
            for (int i = 0; i < askTrue.size(); i++) {
                if (t.can().get(i)) {
                    askTrue.get(i).trueIn = SOLVER_MODEL;
                } else if (t.cannot().get(i)) {
                    askTrue.get(i).neverTrue = Proof.SOLVER;
                }
            }
            // a condition never true is false everywhere: its other side needs no question
            List<Open> askFalse = search.stream().filter(q -> q.falseIn == null && q.neverTrue == null).toList();
            List<Integer> fl = askFalse.stream().map(q -> -lit.get(q)).toList();
            sides += fl.size();
            KconfigSat.Groups f = sat.groupTest(fl, BATCH, seeds.configurations().get(0), deadline);
            for (int i = 0; i < askFalse.size(); i++) {
                if (f.can().get(i)) {
                    askFalse.get(i).falseIn = SOLVER_MODEL;
                } else if (f.cannot().get(i)) {
                    askFalse.get(i).neverFalse = Proof.SOLVER;
                }
            }
            for (Open q : search) {
                if (q.trueIn == null && q.neverTrue == null) {
                    Boolean can = can(solver, lit.get(q), deadline, perSolve);
                    if (can != null) {
                        if (can) {
                            q.trueIn = SOLVER_MODEL;
                        } else {
                            q.neverTrue = Proof.SOLVER;
                        }
                    }
                }
                if (q.falseIn == null && q.neverFalse == null && q.neverTrue == null) {
                    Boolean can = can(solver, -lit.get(q), deadline, perSolve);
                    if (can != null) {
                        if (can) {
                            q.falseIn = SOLVER_MODEL;
                        } else {
                            q.neverFalse = Proof.SOLVER;
                        }
                    }
                }
            }
        } finally {
            sat.restoreTimeout();
        }
        return sides;
    }

    /** Whether some model makes the literal true; null when the deadline or the per-solve limit came first. */
    private static Boolean can(ISolver solver, int literal, long deadline, long perSolve) {
        if (!before(deadline)) {
            return null;
        }
        long left = deadline == Long.MAX_VALUE ? perSolve : (deadline - System.nanoTime()) / 1_000_000;
        solver.setTimeoutMs(Math.max(1, Math.min(perSolve, left)));
        try {
            return solver.isSatisfiable(new VecInt(new int[] {literal}));
        } catch (TimeoutException e) {
            return null;
        }
    }

    private static boolean before(long deadline) {
        return deadline == Long.MAX_VALUE || System.nanoTime() - deadline < 0;
    }

    /** Bool/tristate values of a configuration; other symbols have their type and no value. */
    private Valuation valuation(Map<String, Tristate> values) {
        return new Valuation() {
            @Override
            public Tristate tristate(String s) {
                return values.getOrDefault(s, Tristate.NO);
            }

            @Override
            public String value(String s) {
                Tristate t = values.get(s);
                return t != null ? t.letter() : null;
            }

            @Override
            public SymbolType type(String s) {
                return types.apply(s);
            }
        };
    }
}

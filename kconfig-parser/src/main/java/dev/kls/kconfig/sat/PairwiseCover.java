package dev.kls.kconfig.sat;

import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.PropositionalEncoder.SymbolVars;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.semantics.Valuation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.sat4j.core.VecInt;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.TimeoutException;

/**
 * Pairwise (2-wise) configurations: valid configurations in which every pair
 * of values of the given bool/tristate symbols that the model allows occurs
 * at least once. Greedy and deterministic: the first open pair is assumed,
 * then every further open pair that can be added while the assumptions stay
 * satisfiable; the model is turned into a .config and computed conf-exact
 * (olddefconfig), and a pair counts as covered only when conf's RESULT has
 * it, never because SAT said so.
 *
 * <p>Each SAT question has a budget in conflicts (not seconds, so the plan is
 * the same on every machine and every shard); a pair whose own question runs
 * out of it is undecided.
 */
public final class PairwiseCover {

    /** What happened to a pair. */
    public enum Status {
        /** some configuration conf computed has both values */
        COVERED,
        /** SAT proves no configuration has both values */
        INFEASIBLE,
        /** SAT found a configuration with both, but conf's result for it did not keep them (a model disagreement) */
        UNCOVERED,
        /** its SAT question ran out of its budget */
        UNDECIDED,
        /** the configuration limit was reached before it was tried */
        NOT_TRIED
    }

    /** One value of a symbol. */
    public record Value(String symbol, Tristate value) {
        @Override
        public String toString() {
            return symbol + "=" + value.letter();
        }
    }

    /** A pair of values of two symbols ({@code a}'s name sorts first). */
    public record Pair(Value a, Value b) {
        @Override
        public String toString() {
            return a + " " + b;
        }
    }

    /** A pair, what happened to it, and the first configuration (index in the plan) that has it, else -1. */
    public record Target(Pair pair, Status status, int coveredBy) {
    }

    /**
     * The plan: the configurations conf computed (in order), the symbols
     * paired, the names left out (not bool/tristate symbols of the model), and
     * every pair with its status. {@code solves} counts SAT questions; the
     * milliseconds spent in SAT and in conf are for stderr, never the report.
     */
    public record Plan(List<ConfigResult> configs, List<String> symbols, List<String> leftOut, List<Target> targets,
            int budget, int solves, long satMillis, long confMillis) {
        public Plan {
            configs = List.copyOf(configs);
            symbols = List.copyOf(symbols);
            leftOut = List.copyOf(leftOut);
            targets = List.copyOf(targets);
        }

        public long count(Status s) {
            return targets.stream().filter(t -> t.status() == s).count();
        }
    }

    /** Default conflicts one SAT question may take before its pair is undecided. */
    public static final int DEFAULT_BUDGET = 100_000;

    /**
     * Most extensions that may fail while one configuration is filled: on a
     * big tree most open pairs cannot join a given configuration, and each
     * failure is a SAT call, so a configuration stops growing after this many.
     */
    private static final int MAX_FAILED_EXTENSIONS = 256;

    private final KconfigSat sat;
    private final int budget;
    private int solves;
    private long satNanos;
    private long confNanos;

    private PairwiseCover(KconfigSat sat, int budget) {
        this.sat = sat;
        this.budget = budget;
    }

    /**
     * The pairwise configurations of {@code symbols} (their bool/tristate ones) over {@code sat}'s tree.
     *
     * @param maxConfigs stop after this many configurations (the open pairs are then {@link Status#NOT_TRIED})
     * @param budget     conflicts per SAT question
     */
    public static Plan plan(KconfigSat sat, Collection<String> symbols, int maxConfigs, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("the SAT budget takes a number of conflicts of at least 1, not "
                    + budget);
        }
        // Near the defaults (olddefconfig of an empty .config): the configurations are ones people build
        // from, and the solver decides most questions by propagation from a known model.
        ConfigResult defaults = ConfigEvaluator.run(sat.tree(), ConfigTarget.OLDDEFCONFIG,
                DotConfig.parse("defaults", ""));
        Valuation dv = Valuation.of(defaults);
        java.util.Map<String, Tristate> prefer = new java.util.LinkedHashMap<>();
        for (String name : sat.symbols().keySet()) {
            prefer.put(name, dv.tristate(name));
        }
        synchronized (sat) {
            ISolver solver = sat.solver();
            try {
                return sat.near(prefer, () -> {
                    // after the phases are set: finding them is one unbounded solve of KconfigSat's own
                    solver.setTimeoutOnConflicts(budget);
                    return new PairwiseCover(sat, budget).run(new TreeSet<>(symbols), maxConfigs);
                });
            } finally {
                sat.restoreTimeout();
            }
        }
    }

    private Plan run(TreeSet<String> names, int maxConfigs) {
        List<String> paired = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (String n : names) {
            (sat.symbols().containsKey(n) ? paired : leftOut).add(n);
        }
        List<Pair> pairs = pairs(paired);
        int n = pairs.size();
        Status[] status = new Status[n];
        int[] by = new int[n];
        java.util.Arrays.fill(by, -1);
        boolean[] seeded = new boolean[n];
        List<ConfigResult> configs = new ArrayList<>();
        int cursor = 0;
        while (true) {
            while (cursor < n && (status[cursor] != null || seeded[cursor])) {
                cursor++;
            }
            if (cursor == n) {
                break;
            }
            if (configs.size() >= maxConfigs) {
                break;
            }
            int seed = cursor;
            seeded[seed] = true;
            VecInt assume = new VecInt();
            push(assume, pairs.get(seed));
            Answer first = sat.broken() ? Answer.NO : solve(assume);
            if (first == Answer.NO) {
                status[seed] = Status.INFEASIBLE;
                continue;
            }
            if (first == Answer.UNKNOWN) {
                status[seed] = Status.UNDECIDED;
                continue;
            }
            java.util.BitSet model = model();
            // the values assumed so far: a pair that wants another value of one of them cannot join
            java.util.Map<String, Tristate> fixed = new java.util.HashMap<>();
            fix(fixed, pairs.get(seed));
            int failed = 0;
            for (int i = seed + 1; i < n && failed < MAX_FAILED_EXTENSIONS; i++) {
                if (status[i] != null) {
                    continue;
                }
                Pair p = pairs.get(i);
                if (clashes(fixed, p)) {
                    continue; // no call needed: the assumptions already give one of its symbols another value
                }
                if (holds(model, p)) {
                    push(assume, p); // already true in the model: no call needed
                    fix(fixed, p);
                    continue;
                }
                VecInt more = new VecInt();
                assume.copyTo(more);
                push(more, p);
                if (solve(more) == Answer.YES) {
                    assume = more;
                    fix(fixed, p);
                    model = model();
                } else {
                    failed++; // not a proof of anything about the pair alone: it stays open
                }
            }
            ConfigResult r = conf(model);
            Valuation got = Valuation.of(r);
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (status[i] != Status.COVERED && status[i] != Status.INFEASIBLE && has(got, pairs.get(i))) {
                    status[i] = Status.COVERED;
                    by[i] = configs.size();
                    any = true;
                }
            }
            if (any) {
                configs.add(r);
            }
            if (status[seed] == null) {
                // SAT found the pair, conf's result does not have it: the model and conf disagree
                status[seed] = Status.UNCOVERED;
            }
        }
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            targets.add(new Target(pairs.get(i), status[i] == null ? Status.NOT_TRIED : status[i], by[i]));
        }
        return new Plan(configs, paired, leftOut, targets, budget, solves, satNanos / 1_000_000,
                confNanos / 1_000_000);
    }

    /** Every pair of values of two different symbols, in a fixed order (by names, then values y, m, n). */
    private List<Pair> pairs(List<String> symbols) {
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            for (int j = i + 1; j < symbols.size(); j++) {
                for (Tristate v : values(symbols.get(i))) {
                    for (Tristate w : values(symbols.get(j))) {
                        out.add(new Pair(new Value(symbols.get(i), v), new Value(symbols.get(j), w)));
                    }
                }
            }
        }
        return out;
    }

    private List<Tristate> values(String symbol) {
        return sat.symbols().get(symbol).tristate() ? List.of(Tristate.YES, Tristate.MOD, Tristate.NO)
                : List.of(Tristate.YES, Tristate.NO);
    }

    private enum Answer { YES, NO, UNKNOWN }

    private Answer solve(VecInt assumptions) {
        solves++;
        long t0 = System.nanoTime();
        try {
            return solver().isSatisfiable(assumptions) ? Answer.YES : Answer.NO;
        } catch (TimeoutException e) {
            return Answer.UNKNOWN;
        } finally {
            satNanos += System.nanoTime() - t0;
        }
    }

    private ISolver solver() {
        return sat.solver();
    }

    private void push(VecInt to, Pair p) {
        for (Value v : List.of(p.a(), p.b())) {
            for (int l : sat.literals(v.symbol(), v.value()).orElseThrow()) {
                to.push(l);
            }
        }
    }

    private static void fix(java.util.Map<String, Tristate> fixed, Pair p) {
        fixed.put(p.a().symbol(), p.a().value());
        fixed.put(p.b().symbol(), p.b().value());
    }

    private static boolean clashes(java.util.Map<String, Tristate> fixed, Pair p) {
        for (Value v : List.of(p.a(), p.b())) {
            Tristate t = fixed.get(v.symbol());
            if (t != null && t != v.value()) {
                return true;
            }
        }
        return false;
    }

    /** The solver's model: the variables it makes true. */
    private java.util.BitSet model() {
        java.util.BitSet on = new java.util.BitSet();
        for (int l : solver().model()) {
            if (l > 0) {
                on.set(l);
            }
        }
        return on;
    }

    /** Whether the SAT model has both values. */
    private boolean holds(java.util.BitSet model, Pair p) {
        return value(model, p.a().symbol()) == p.a().value() && value(model, p.b().symbol()) == p.b().value();
    }

    private Tristate value(java.util.BitSet model, String symbol) {
        SymbolVars v = sat.symbols().get(symbol);
        return model.get(v.y()) ? Tristate.YES : model.get(v.m()) ? Tristate.MOD : Tristate.NO;
    }

    private static boolean has(Valuation got, Pair p) {
        return got.tristate(p.a().symbol()) == p.a().value() && got.tristate(p.b().symbol()) == p.b().value();
    }

    /** conf's olddefconfig on the model's bool/tristate values (int, hex and string take their defaults). */
    private ConfigResult conf(java.util.BitSet model) {
        java.util.Map<String, Tristate> w = new java.util.LinkedHashMap<>();
        for (SymbolVars v : sat.symbols().values()) {
            w.put(v.name(), value(model, v.name()));
        }
        long t0 = System.nanoTime();
        try {
            return ConfigEvaluator.run(sat.tree(), ConfigTarget.OLDDEFCONFIG,
                    DotConfig.parse("pairwise", KconfigSat.dotConfig(w)));
        } finally {
            confNanos += System.nanoTime() - t0;
        }
    }
}

package dev.kls.kconfig.sat;

import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.PropositionalEncoder.SymbolVars;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dead-symbol over every configuration of one arch: the bool/tristate symbols
 * that no configuration of the model sets to y or m (canBeTrue(X ≥ m) is
 * unsatisfiable). Symbols on in the defaults (olddefconfig of an empty
 * .config), allyesconfig, allmodconfig or a few randconfigs (all from the
 * conf-exact evaluator) are alive without a solve; the rest are
 * group-tested with the solver's phases set to allyesconfig's values, so each
 * model proves many symbols alive at once and each unsatisfiable batch proves
 * a whole batch dead.
 */
public final class DeadSymbols {

    /** Symbols asked together in one solve. */
    public static final int BATCH = 256;

    /** randconfig runs whose enabled symbols are alive without a solve. */
    public static final int RANDCONFIGS = 8;

    /**
     * @param dead    the dead symbols' names, in the model's order (first mention in the Kconfig files)
     * @param symbols bool/tristate symbols of the model
     * @param asked   symbols that needed the solver (off in every seed configuration)
     * @param undecided asked symbols neither proven alive nor dead before the time budget ran out (not reported)
     * @param byPropagation dead symbols that unit propagation alone proved (no search)
     * @param millis  time of the pass after the model was encoded
     */
    public record Result(List<String> dead, int symbols, int asked, int undecided, int byPropagation, long millis) {
    }

    private DeadSymbols() {
    }

    public static Result run(KconfigSat sat) {
        return run(sat, null);
    }

    /**
     * With a time budget (null: none): symbols not decided when it runs out
     * are counted as undecided and never reported dead.
     */
    public static Result run(KconfigSat sat, java.time.Duration budget) {
        return run(sat, Seeds.of(sat), budget);
    }

    /** As {@link #run(KconfigSat, java.time.Duration)} with seed configurations already evaluated. */
    public static Result run(KconfigSat sat, Seeds seeds, java.time.Duration budget) {
        long t0 = System.nanoTime();
        long deadline = budget == null ? Long.MAX_VALUE : t0 + budget.toNanos();
        java.util.Set<String> on = new java.util.HashSet<>();
        for (Map<String, Tristate> known : seeds.configurations()) {
            known.forEach((k, v) -> {
                if (v != Tristate.NO) {
                    on.add(k);
                }
            });
        }
        Map<String, Tristate> allyes = seeds.allyes();
        List<SymbolVars> open = new ArrayList<>();
        for (SymbolVars v : sat.symbols().values()) {
            if (!on.contains(v.name())) {
                open.add(v);
            }
        }
        // Most of what is left is dead by propagation alone (a dependency on a symbol this arch does not
        // define, and everything that depends on that): no search. They are still asked as one batch, which
        // the solver refutes at once, so a fault in the propagation shows as a live symbol, not a false dead.
        List<SymbolVars> propagated = new ArrayList<>();
        List<SymbolVars> search = new ArrayList<>();
        for (SymbolVars v : open) {
            (sat.falseWithoutSearch(v.m()) ? propagated : search).add(v);
        }
        java.util.Set<String> deadNames = new java.util.HashSet<>();
        List<Integer> cheap = new ArrayList<>();
        propagated.forEach(v -> cheap.add(v.m()));
        KconfigSat.Groups pg = sat.groupTest(cheap, Math.max(1, cheap.size()), Map.of(), Long.MAX_VALUE);
        for (int i = 0; i < propagated.size(); i++) {
            if (pg.cannot().get(i)) {
                deadNames.add(propagated.get(i).name());
            } else if (!pg.can().get(i)) {
                search.add(propagated.get(i));
            }
        }
        int byPropagation = deadNames.size();
        List<Integer> literals = new ArrayList<>();
        search.forEach(v -> literals.add(v.m()));
        KconfigSat.Groups g = sat.groupTest(literals, BATCH, allyes, deadline);
        for (int i = g.cannot().nextSetBit(0); i >= 0; i = g.cannot().nextSetBit(i + 1)) {
            deadNames.add(search.get(i).name());
        }
        List<String> dead = new ArrayList<>();
        for (SymbolVars v : open) {
            if (deadNames.contains(v.name())) {
                dead.add(v.name());
            }
        }
        int undecided = search.size() - g.can().cardinality() - g.cannot().cardinality();
        return new Result(List.copyOf(dead), sat.symbols().size(), open.size(), undecided, byPropagation,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Real configurations (conf-exact): the defaults (olddefconfig of an empty
     * .config), allyesconfig, allmodconfig and {@link #RANDCONFIGS} randconfigs
     * with fixed seeds, so runs repeat. What is on in one of them is alive
     * without a solve.
     *
     * @param names how the kernel's own tools make each ("make allyesconfig", "KCONFIG_SEED=0x... make
     *              randconfig"), in the order of {@code configurations}
     */
    public record Seeds(List<Map<String, Tristate>> configurations, List<String> names) {
        public Seeds {
            configurations = List.copyOf(configurations);
            names = List.copyOf(names);
        }

        /** allyesconfig's values, the phases that make one model enable the most. */
        public Map<String, Tristate> allyes() {
            return configurations.get(1);
        }

        public static Seeds of(KconfigSat sat) {
            return of(sat.tree(), sat.symbols().keySet());
        }

        /** The seed configurations' values of the given bool/tristate symbols. */
        public static Seeds of(dev.kls.kconfig.KconfigTree tree, java.util.Collection<String> symbols) {
            List<Map<String, Tristate>> out = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (ConfigTarget t : List.of(ConfigTarget.OLDDEFCONFIG, ConfigTarget.ALLYESCONFIG,
                    ConfigTarget.ALLMODCONFIG)) {
                stopIfInterrupted();
                out.add(values(symbols, ConfigEvaluator.run(tree, t, DotConfig.parse("seed", ""))));
                // olddefconfig of an empty .config is alldefconfig: every symbol takes its default
                names.add(t == ConfigTarget.OLDDEFCONFIG ? "make alldefconfig"
                        : "make " + t.name().toLowerCase(java.util.Locale.ROOT));
            }
            for (int seed = 1; seed <= RANDCONFIGS; seed++) {
                stopIfInterrupted();
                int kconfigSeed = seed * 0x9E3779B9;
                out.add(values(symbols, ConfigEvaluator.run(tree, ConfigTarget.RANDCONFIG, DotConfig.parse("rand", ""),
                        dev.kls.kconfig.eval.ConfigOptions.DEFAULT.withSeed(kconfigSeed))));
                names.add(String.format("KCONFIG_SEED=0x%08x make randconfig", kconfigSeed));
            }
            return new Seeds(out, names);
        }
    }

    /** Work for the editor runs on a thread that is interrupted when its answer is no longer wanted. */
    static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("interrupted: the answer is no longer wanted");
        }
    }

    private static Map<String, Tristate> values(java.util.Collection<String> symbols, ConfigResult r) {
        Map<String, Tristate> out = new LinkedHashMap<>();
        for (String name : symbols) {
            SymbolValue v = r.symbol(name);
            out.put(name, v == null ? Tristate.NO : v.tristate());
        }
        return out;
    }
}

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
     * @param millis  time of the pass after the model was encoded
     */
    public record Result(List<String> dead, int symbols, int asked, int undecided, long millis) {
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
        long t0 = System.nanoTime();
        long deadline = budget == null ? Long.MAX_VALUE : t0 + budget.toNanos();
        Map<String, Tristate> defaults = values(sat,
                ConfigEvaluator.run(sat.tree(), ConfigTarget.OLDDEFCONFIG, DotConfig.parse("defaults", "")));
        Map<String, Tristate> allyes = values(sat,
                ConfigEvaluator.run(sat.tree(), ConfigTarget.ALLYESCONFIG, DotConfig.parse("allyes", "")));
        // Real configurations prove most symbols alive without a solve: the defaults, allyesconfig,
        // allmodconfig and a few randconfigs (conf-exact; fixed seeds, so runs repeat). What is left is
        // mostly dead, which batches prove fast; a rare live symbol costs a hard solve each.
        java.util.Set<String> on = new java.util.HashSet<>();
        Map<String, Tristate> allmod = values(sat,
                ConfigEvaluator.run(sat.tree(), ConfigTarget.ALLMODCONFIG, DotConfig.parse("allmod", "")));
        for (Map<String, Tristate> known : List.of(defaults, allyes, allmod)) {
            known.forEach((k, v) -> {
                if (v != Tristate.NO) {
                    on.add(k);
                }
            });
        }
        for (int seed = 1; seed <= RANDCONFIGS; seed++) {
            ConfigResult r = ConfigEvaluator.run(sat.tree(), ConfigTarget.RANDCONFIG, DotConfig.parse("rand", ""),
                    dev.kls.kconfig.eval.ConfigOptions.DEFAULT.withSeed(seed * 0x9E3779B9));
            values(sat, r).forEach((k, v) -> {
                if (v != Tristate.NO) {
                    on.add(k);
                }
            });
        }
        List<SymbolVars> open = new ArrayList<>();
        for (SymbolVars v : sat.symbols().values()) {
            if (!on.contains(v.name())) {
                open.add(v);
            }
        }
        List<Integer> literals = new ArrayList<>();
        open.forEach(v -> literals.add(v.m()));
        KconfigSat.Groups g = sat.groupTest(literals, BATCH, allyes, deadline);
        List<String> dead = new ArrayList<>();
        for (int i = g.cannot().nextSetBit(0); i >= 0; i = g.cannot().nextSetBit(i + 1)) {
            dead.add(open.get(i).name());
        }
        int undecided = open.size() - g.can().cardinality() - g.cannot().cardinality();
        return new Result(List.copyOf(dead), sat.symbols().size(), open.size(), undecided,
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static Map<String, Tristate> values(KconfigSat sat, ConfigResult r) {
        Map<String, Tristate> out = new LinkedHashMap<>();
        for (String name : sat.symbols().keySet()) {
            SymbolValue v = r.symbol(name);
            out.put(name, v == null ? Tristate.NO : v.tristate());
        }
        return out;
    }
}

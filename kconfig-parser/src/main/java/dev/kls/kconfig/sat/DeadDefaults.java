package dev.kls.kconfig.sat;

import dev.kls.kconfig.eval.PropositionalEncoder.DefaultSite;
import dev.kls.kconfig.eval.Tristate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dead-default over every configuration of one arch: the {@code default}
 * lines of bool/tristate symbols that conf never takes (sym_get_default_prop
 * takes the first default whose condition is not n), either because their
 * condition can never hold or because an earlier default always applies
 * when it does. Defaults of dead symbols are left to dead-symbol. As in
 * {@link DeadSymbols}: defaults taken in a seed configuration are alive
 * without a solve, those whose literal unit propagation fixes false are dead
 * without one, and the rest are group-tested within the budget.
 */
public final class DeadDefaults {

    /** A default conf never takes; {@code neverHolds}: its condition itself can never hold. */
    public record Dead(DefaultSite site, boolean neverHolds) {
    }

    /**
     * @param dead      the dead defaults, in the model's order
     * @param defaults  default lines of live bool/tristate symbols
     * @param asked     of those, the ones taken in no seed configuration
     * @param undecided asked defaults neither proven taken nor never taken within the budget (not reported)
     * @param byPropagation dead defaults unit propagation alone proved
     * @param millis    time of the pass
     */
    public record Result(List<Dead> dead, int defaults, int asked, int undecided, int byPropagation, long millis) {
        public Result {
            dead = List.copyOf(dead);
        }
    }

    private DeadDefaults() {
    }

    /**
     * @param deadSymbols symbols to leave out (dead-symbol reports them; every default of a dead symbol is dead)
     * @param budget      null: none
     */
    public static Result run(KconfigSat sat, DeadSymbols.Seeds seeds, Collection<String> deadSymbols,
            java.time.Duration budget) {
        long t0 = System.nanoTime();
        long deadline = budget == null ? Long.MAX_VALUE : t0 + budget.toNanos();
        Set<String> skip = new HashSet<>(deadSymbols);
        List<DefaultSite> sites = new ArrayList<>();
        for (DefaultSite d : sat.defaults()) {
            if (!skip.contains(d.symbol())) {
                sites.add(d);
            }
        }
        List<Integer> active = new ArrayList<>();
        sites.forEach(d -> active.add(d.active()));
        BitSet taken = new BitSet();
        for (Map<String, Tristate> seed : seeds.configurations()) {
            BitSet t = sat.holdIn(seed, active);
            if (t != null) {
                taken.or(t);
            }
        }
        List<DefaultSite> propagated = new ArrayList<>();
        List<DefaultSite> search = new ArrayList<>();
        int asked = 0;
        for (int i = 0; i < sites.size(); i++) {
            if (taken.get(i)) {
                continue;
            }
            asked++;
            (sat.falseWithoutSearch(sites.get(i).active()) ? propagated : search).add(sites.get(i));
        }
        Set<DefaultSite> deadSites = new HashSet<>();
        // One batch the solver refutes at once, as a check on the propagation (see DeadSymbols).
        BitSet pg = ask(sat, propagated);
        for (int i = 0; i < propagated.size(); i++) {
            if (pg.get(i)) {
                deadSites.add(propagated.get(i));
            } else {
                search.add(propagated.get(i));
            }
        }
        int byPropagation = deadSites.size();
        List<Integer> lits = new ArrayList<>();
        search.forEach(d -> lits.add(d.active()));
        KconfigSat.Groups g = sat.groupTest(lits, DeadSymbols.BATCH, seeds.allyes(), deadline);
        for (int i = g.cannot().nextSetBit(0); i >= 0; i = g.cannot().nextSetBit(i + 1)) {
            deadSites.add(search.get(i));
        }
        int undecided = search.size() - g.can().cardinality() - g.cannot().cardinality();
        // Which dead defaults' conditions never hold at all (the message says so); the rest are shadowed.
        List<DefaultSite> deadList = new ArrayList<>();
        for (DefaultSite d : sites) {
            if (deadSites.contains(d)) {
                deadList.add(d);
            }
        }
        List<Integer> holds = new ArrayList<>();
        deadList.forEach(d -> holds.add(d.holds()));
        KconfigSat.Groups h = sat.groupTest(holds, DeadSymbols.BATCH, seeds.allyes(), Long.MAX_VALUE);
        List<Dead> out = new ArrayList<>();
        for (int i = 0; i < deadList.size(); i++) {
            out.add(new Dead(deadList.get(i), h.cannot().get(i)));
        }
        return new Result(out, sites.size(), asked, undecided, byPropagation, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The sites whose "taken" literal one unsatisfiable batch proves never true. */
    private static BitSet ask(KconfigSat sat, List<DefaultSite> sites) {
        List<Integer> lits = new ArrayList<>();
        sites.forEach(d -> lits.add(d.active()));
        return sat.groupTest(lits, Math.max(1, lits.size()), Map.of(), Long.MAX_VALUE).cannot();
    }
}

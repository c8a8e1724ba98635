package dev.kls.kconfig.sat;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.PropositionalEncoder.SelectSite;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * select-unmet-deps over every configuration of one arch: for each select line
 * the SAT model is asked whether the select can force its target past the
 * target's dependencies; a witness is kept only when the conf-exact evaluator's
 * olddefconfig of it reports "unmet direct dependencies detected" for that
 * target. Witnesses are drawn close to the tree's defaults (olddefconfig of an
 * empty .config), so the values that differ from the defaults are the few that
 * matter; when those alone, as a .config fragment, reproduce the warning, the
 * fragment is shrunk further and shown instead of the full configuration.
 */
public final class StaticSelects {

    /** Evaluator runs allowed per finding for shrinking its fragment (each is one olddefconfig). */
    public static final int SHRINK_BUDGET = 16;

    /** Select lines asked together in one solve (most cannot force their target, so a batch is one "no"). */
    public static final int BATCH = 512;

    /**
     * One confirmed finding.
     *
     * @param site      the select line
     * @param witness   a full configuration (every bool/tristate symbol) that makes conf warn
     * @param fragment  the values that differ from the defaults, shrunk when {@code alone}
     * @param alone     whether {@code fragment} by itself, as a .config, makes conf warn
     */
    public record Hit(SelectSite site, Map<String, Tristate> witness, Map<String, Tristate> fragment, boolean alone) {

        /** The .config that reproduces the warning: the fragment when it does alone, else the full witness. */
        public String reproducer() {
            return KconfigSat.dotConfig(alone ? fragment : witness);
        }
    }

    /**
     * @param hits        confirmed findings, in source order
     * @param sites       select lines asked about
     * @param satisfiable lines the SAT model said can force their target
     * @param unconfirmed satisfiable lines whose witness the evaluator did not confirm (model bugs, never shown)
     * @param undecided   lines the solver did not decide (a solve over 60 s, or past the deadline): counted,
     *                    never taken for "cannot fire"
     */
    public record Result(List<Hit> hits, int sites, int satisfiable, List<SelectSite> unconfirmed, long searchMillis,
            long witnessMillis, int undecided, int byPropagation) {
    }

    private final KconfigSat sat;
    private final KconfigTree tree;
    private final Map<String, Tristate> defaults;

    private StaticSelects(KconfigSat sat) {
        this.sat = sat;
        this.tree = sat.tree();
        this.defaults = values(ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG, DotConfig.parse("defaults", "")));
    }

    /** Every select line of the model. */
    public static Result run(KconfigSat sat) {
        return run(sat, sat.selects());
    }

    /** The given select lines only (a sample, or the lines of one file). */
    public static Result run(KconfigSat sat, List<SelectSite> sites) {
        return run(sat, sites, Long.MAX_VALUE);
    }

    /**
     * As {@link #run(KconfigSat, List)}, searching until {@code deadline} ({@link System#nanoTime()}); lines not
     * decided by then are counted in {@link Result#undecided()}.
     */
    public static Result run(KconfigSat sat, List<SelectSite> sites, long deadline) {
        StaticSelects s = new StaticSelects(sat);
        List<Hit> hits = new ArrayList<>();
        List<SelectSite> unconfirmed = new ArrayList<>();
        // Lines whose literal unit propagation fixes false (a dead selector, or a target whose dependency
        // holds whenever the selector is on, folded through the symbols' variables) need no search.
        List<Integer> asked = new ArrayList<>();
        List<Integer> literals = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            if (!sat.falseWithoutSearch(sites.get(i).forces())) {
                asked.add(i);
                literals.add(sites.get(i).forces());
            }
        }
        long t0 = System.nanoTime();
        KconfigSat.Groups groups = sat.groupTest(literals, BATCH, Map.of(), deadline);
        java.util.BitSet can = new java.util.BitSet();
        for (int i = groups.can().nextSetBit(0); i >= 0; i = groups.can().nextSetBit(i + 1)) {
            can.set(asked.get(i));
        }
        int undecided = literals.size() - groups.can().cardinality() - groups.cannot().cardinality();
        long t1 = System.nanoTime();
        for (int i = can.nextSetBit(0); i >= 0; i = can.nextSetBit(i + 1)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("static select check cancelled");
            }
            SelectSite site = sites.get(i);
            Optional<Map<String, Tristate>> w;
            try {
                w = sat.canBeTrueNear(site.forces(), s.defaults);
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("timed out")) {
                    throw e;
                }
                undecided++; // the model says it can fire, but no witness came in time: not shown, counted
                continue;
            }
            Optional<Hit> hit = w.isEmpty() ? Optional.empty() : s.confirm(site, w.get());
            if (hit.isPresent()) {
                hits.add(hit.get());
            } else {
                unconfirmed.add(site);
            }
        }
        int satisfiable = can.cardinality();
        return new Result(List.copyOf(hits), sites.size(), satisfiable, List.copyOf(unconfirmed),
                (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000, undecided, sites.size() - literals.size());
    }

    private Optional<Hit> confirm(SelectSite site, Map<String, Tristate> witness) {
        if (!warns(KconfigSat.dotConfig(witness), site)) {
            return Optional.empty();
        }
        Map<String, Tristate> diff = new LinkedHashMap<>();
        witness.forEach((k, v) -> {
            if (defaults.getOrDefault(k, Tristate.NO) != v) {
                diff.put(k, v);
            }
        });
        if (!warns(KconfigSat.dotConfig(diff), site)) {
            return Optional.of(new Hit(site, witness, diff, false));
        }
        return Optional.of(new Hit(site, witness, shrink(diff, site), true));
    }

    /**
     * Delta-debugging lite: drop halves, then quarters, ... of the fragment
     * while it still reproduces, within {@link #SHRINK_BUDGET} evaluator runs.
     */
    private Map<String, Tristate> shrink(Map<String, Tristate> fragment, SelectSite target) {
        List<String> keep = new ArrayList<>(fragment.keySet());
        int budget = SHRINK_BUDGET;
        int chunk = Math.max(1, keep.size() / 2);
        while (budget > 0 && keep.size() > 1) {
            boolean progress = false;
            for (int from = 0; from < keep.size() && budget > 0; from += chunk) {
                List<String> trial = new ArrayList<>(keep.subList(0, from));
                trial.addAll(keep.subList(Math.min(keep.size(), from + chunk), keep.size()));
                if (trial.isEmpty()) {
                    continue;
                }
                budget--;
                if (warns(KconfigSat.dotConfig(select(fragment, trial)), target)) {
                    keep = trial;
                    progress = true;
                    break;
                }
            }
            if (!progress) {
                if (chunk == 1) {
                    break;
                }
                chunk = Math.max(1, chunk / 2);
            }
        }
        return select(fragment, keep);
    }

    private static Map<String, Tristate> select(Map<String, Tristate> from, List<String> names) {
        Map<String, Tristate> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, from.get(n));
        }
        return out;
    }

    private boolean warns(String config, SelectSite site) {
        ConfigResult r = ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG, DotConfig.parse("witness", config));
        return warnsFor(r.diagnostics(), site);
    }

    /**
     * Whether conf's warnings (the evaluator's diagnostics) include "unmet
     * direct dependencies detected for TARGET" with this site's selector among
     * its "Selected by" terms (menu.c prints each rev_dep term as "S && cond").
     */
    public static boolean warnsFor(List<Diagnostic> diagnostics, SelectSite site) {
        for (Diagnostic d : diagnostics) {
            if (d.code() == Diagnostic.Code.UNMET_DIRECT_DEPENDENCIES && d.subject().equals(site.target())
                    && d.related().contains(site.selector())) {
                return true;
            }
        }
        return false;
    }

    /** The symbols conf warned "unmet direct dependencies detected for" in one run. */
    public static Set<String> unmetTargets(ConfigResult r) {
        Set<String> out = new LinkedHashSet<>();
        for (Diagnostic d : r.diagnostics()) {
            if (d.code() == Diagnostic.Code.UNMET_DIRECT_DEPENDENCIES) {
                out.add(d.subject());
            }
        }
        return out;
    }

    private Map<String, Tristate> values(ConfigResult r) {
        Map<String, Tristate> out = new LinkedHashMap<>();
        for (String name : sat.symbols().keySet()) {
            SymbolValue v = r.symbol(name);
            out.put(name, v == null ? Tristate.NO : v.tristate());
        }
        return out;
    }
}

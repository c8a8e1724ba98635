package dev.kls.diagnostics.sweep;

import dev.kls.diagnostics.Engine;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.Settings;
import dev.kls.diagnostics.Workspace;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.semantics.Valuation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A sweep: the rules run once, without a configuration, and give findings
 * with their conditions; then each configuration is computed conf-exact and
 * each finding's condition evaluated on it. C is never analysed again per
 * configuration, except for a finding whose condition is not exact: where its
 * necessary part holds, that one rule is run on that configuration (with the
 * configuration given, as {@code kls lint --config} runs it) and the finding
 * fires when the rule reports it at the same place.
 */
public final class Sweep {

    /** One configuration to try: its index in the whole sweep, its seed (random) or name, and how to compute it. */
    public record Planned(int index, Long seed, String name, Supplier<ConfigResult> config) {
    }

    /** What one configuration gave: the findings (by position in the finding list) that fire in it. */
    public record Outcome(int index, Long seed, String name, List<Integer> fires) {
        public Outcome {
            fires = List.copyOf(fires);
        }
    }

    /** A sweep's findings (in report order) and the outcome of each configuration tried, by index. */
    public record Result(List<Finding> findings, List<Outcome> outcomes) {
        public Result {
            findings = List.copyOf(findings);
            outcomes = List.copyOf(outcomes);
        }
    }

    /** Told after each configuration. */
    public interface Progress {
        void configurationDone(int done, int total);
    }

    private final Engine engine;
    private final List<Rule> rules;
    private final Settings settings;
    private final Engine.Options options;
    private final Map<Class<?>, ?> shared;

    /**
     * @param shared analyses kept between the runs (the C project, the rule files), as for {@link Engine#run}
     */
    public Sweep(List<Rule> rules, Settings settings, Engine.Options options, Map<Class<?>, ?> shared) {
        this.rules = List.copyOf(rules);
        this.settings = settings;
        this.options = options;
        this.shared = shared;
        this.engine = new Engine(rules, settings, options);
    }

    /** The rules' findings without a configuration: each carries its condition. */
    public Report findings(Workspace base) {
        return engine.run(base, shared, (id, done, total) -> { });
    }

    /**
     * Evaluates every finding of {@code report} on every planned configuration.
     *
     * @param base the workspace of {@link #findings} (no configuration)
     */
    public Result run(Workspace base, Report report, List<Planned> planned, Progress progress) {
        List<Finding> findings = report.findings();
        Map<String, Rule> byId = new HashMap<>();
        for (Rule r : rules) {
            byId.put(r.id(), r);
        }
        List<Outcome> outcomes = new ArrayList<>();
        int done = 0;
        for (Planned p : planned) {
            ConfigResult config = p.config().get();
            Valuation v = Valuation.of(config);
            Map<String, List<Finding>> rerun = new HashMap<>(); // one run per rule and configuration
            List<Integer> fires = new ArrayList<>();
            for (int i = 0; i < findings.size(); i++) {
                Finding f = findings.get(i);
                Optional<Boolean> holds = f.condition().formula().holds(v);
                if (holds.isPresent() && !holds.get()) {
                    continue; // the necessary part fails: it cannot fire here, exact or not
                }
                boolean fired;
                if (f.condition().exact() && holds.isPresent()) {
                    fired = true;
                } else {
                    Rule rule = byId.get(f.ruleId());
                    if (rule == null) {
                        continue; // an engine note (internal error, settings) has no rule to ask: not counted
                    }
                    List<Finding> again = rerun.computeIfAbsent(f.ruleId(), id -> recheck(base, rule, p, config));
                    fired = again.stream().anyMatch(g -> g.range().equals(f.range()));
                }
                if (fired) {
                    fires.add(i);
                }
            }
            outcomes.add(new Outcome(p.index(), p.seed(), p.name(), fires));
            progress.configurationDone(++done, planned.size());
        }
        return new Result(findings, outcomes);
    }

    private List<Finding> recheck(Workspace base, Rule rule, Planned p, ConfigResult config) {
        Engine one = new Engine(List.of(rule), settings, options);
        String name = p.name() != null ? p.name() : "randconfig#" + p.index();
        Workspace ws = new Workspace(base.srctree(), base.kconfig(), new EvaluatedConfig(name, config),
                base.scope(), base.overlays());
        return one.run(ws, shared, (id, d, t) -> { }).findings().stream()
                .filter(g -> g.ruleId().equals(rule.id())).toList();
    }

    /**
     * The KCONFIG_SEED of configuration {@code index} of a sweep with seed
     * {@code seed}: a mix of both (splitmix64), so every shard computes the
     * same seed for the same index. An unsigned 32-bit value, as conf reads it.
     */
    public static long seedFor(long seed, int index) {
        long z = seed + (index + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z & 0xFFFFFFFFL;
    }

    /** Whether configuration {@code index} belongs to shard {@code shard} (1-based) of {@code shards}. */
    public static boolean inShard(int index, int shard, int shards) {
        return index % shards == shard - 1;
    }
}

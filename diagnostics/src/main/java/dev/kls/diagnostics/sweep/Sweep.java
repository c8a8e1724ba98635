package dev.kls.diagnostics.sweep;

import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.CheckedTree;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.semantics.Valuation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * What one configuration gave: the findings (by position in the finding list) that fire in it, and its
     * values of the symbols the findings' conditions and witnesses mention (sorted; "" for a symbol the
     * configuration does not have), which the HTML report's heat map compares.
     */
    public record Outcome(int index, Long seed, String name, List<Integer> fires, Map<String, String> values) {
        public Outcome {
            fires = List.copyOf(fires);
            values = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
        }

        public Outcome(int index, Long seed, String name, List<Integer> fires) {
            this(index, seed, name, fires, Map.of());
        }
    }

    /** A sweep's findings (in report order) and the outcome of each configuration tried, by index. */
    public record Result(List<Finding> findings, List<Outcome> outcomes) {
        public Result {
            findings = List.copyOf(findings);
            outcomes = List.copyOf(outcomes);
        }
    }

    /** Told after each configuration (from any worker thread). */
    public interface Progress {
        void configurationDone(int done, int total);
    }

    /**
     * The outcomes so far of a running sweep, readable from another thread
     * (the Ctrl-C hook writes them as a partial report), and its stop switch.
     */
    public static final class Live {
        private final Map<Integer, Outcome> done = new ConcurrentHashMap<>();
        private final AtomicBoolean stopped = new AtomicBoolean();

        /** The configurations finished so far, by index. */
        public List<Outcome> outcomes() {
            List<Outcome> out = new ArrayList<>(done.values());
            out.sort(java.util.Comparator.comparingInt(Outcome::index));
            return out;
        }

        /** No configuration is started after this; those being evaluated finish. */
        public void stop() {
            stopped.set(true);
        }

        public boolean stopped() {
            return stopped.get();
        }
    }

    private final RuleEngine engine;
    private final List<Rule> rules;
    private final RuleSettings settings;
    private final RuleEngine.Options options;
    private final Map<Class<?>, ?> shared;

    /**
     * @param shared analyses kept between the runs (the C project, the rule files), as for {@link RuleEngine#run}
     */
    public Sweep(List<Rule> rules, RuleSettings settings, RuleEngine.Options options, Map<Class<?>, ?> shared) {
        this.rules = List.copyOf(rules);
        this.settings = settings;
        this.options = options;
        // The re-runs on each configuration share one memo: an object's verdict is computed once per
        // combination of the values it reads, not once per configuration.
        Map<Class<?>, Object> kept = new HashMap<>(shared);
        kept.putIfAbsent(dev.kls.diagnostics.ConfigMemo.class, new dev.kls.diagnostics.ConfigMemo());
        this.shared = Map.copyOf(kept);
        this.engine = new RuleEngine(rules, settings, options);
    }

    /** The rules' findings without a configuration: each carries its condition. */
    public Report findings(CheckedTree base) {
        return engine.run(base, shared, (id, done, total) -> { });
    }

    /** {@link #run(CheckedTree, Report, List, int, Live, Progress)} on one thread. */
    public Result run(CheckedTree base, Report report, List<Planned> planned, Progress progress) {
        return run(base, report, planned, 1, new Live(), progress);
    }

    /**
     * Evaluates every finding of {@code report} on every planned configuration, {@code jobs} configurations
     * at once. Each configuration is computed and decided on its own (its own evaluation and rule re-runs), and
     * the outcomes are ordered by index, so the result does not depend on {@code jobs}.
     *
     * @param base the workspace of {@link #findings} (no configuration)
     * @param live where the outcomes go as they finish; once stopped, the result holds those finished
     */
    public Result run(CheckedTree base, Report report, List<Planned> planned, int jobs, Live live,
            Progress progress) {
        List<Finding> findings = report.findings();
        Map<String, Rule> byId = new HashMap<>();
        for (Rule r : rules) {
            byId.put(r.id(), r);
        }
        Set<String> mentioned = mentioned(findings);
        Map<String, List<String>> recheckScope = recheckScope(findings, byId);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            for (int k; !live.stopped() && (k = next.getAndIncrement()) < planned.size(); ) {
                Planned p = planned.get(k);
                live.done.put(p.index(), decide(base, findings, byId, recheckScope, mentioned, p));
                progress.configurationDone(done.incrementAndGet(), planned.size());
            }
        };
        int n = Math.max(1, Math.min(jobs, planned.size()));
        if (n == 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "kls-sweep");
                t.setDaemon(true); // a Ctrl-C exit does not wait for a configuration being evaluated
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    futures.add(pool.submit(worker));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                live.stop();
            } catch (ExecutionException e) {
                live.stop();
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new Result(findings, live.outcomes());
    }

    /** The symbols the findings' conditions and witnesses mention, sorted (the report's per-configuration values). */
    public static Set<String> mentioned(List<Finding> findings) {
        Set<String> mentioned = new TreeSet<>();
        for (Finding f : findings) {
            mentioned.addAll(f.condition().formula().symbols());
            f.witness().forEach(a -> mentioned.add(a.symbol()));
        }
        return mentioned;
    }

    /**
     * The scope of each per-file rule's re-runs ({@link Rule#findingsPerFile}): the files of its findings whose
     * conditions are not exact, instead of the whole scope. On Linux the re-run of page-aligned-size over
     * arch/x86, mm and drivers/xen was most of a sweep's time; it needs only the files that hold findings.
     */
    private static Map<String, List<String>> recheckScope(List<Finding> findings,
            Map<String, Rule> byId) {
        Map<String, Set<String>> files = new HashMap<>();
        for (Finding f : findings) {
            Rule rule = byId.get(f.ruleId());
            if (rule != null && rule.findingsPerFile() && !f.condition().exact() && !f.range().file().isEmpty()) {
                files.computeIfAbsent(f.ruleId(), id -> new TreeSet<>()).add(f.range().file());
            }
        }
        Map<String, List<String>> out = new HashMap<>();
        files.forEach((id, fs) -> out.put(id, List.copyOf(fs)));
        return out;
    }

    private Outcome decide(CheckedTree base, List<Finding> findings, Map<String, Rule> byId,
            Map<String, List<String>> recheckScope, Set<String> mentioned, Planned p) {
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
                List<Finding> again = rerun.computeIfAbsent(f.ruleId(),
                        id -> recheck(base, rule, recheckScope.getOrDefault(id, base.scope()), p, config));
                fired = again.stream().anyMatch(g -> g.range().equals(f.range()));
            }
            if (fired) {
                fires.add(i);
            }
        }
        Map<String, String> values = new TreeMap<>();
        for (String sym : mentioned) {
            String value = v.value(sym);
            values.put(sym, value == null ? "" : value);
        }
        return new Outcome(p.index(), p.seed(), p.name(), fires, values);
    }

    private List<Finding> recheck(CheckedTree base, Rule rule, List<String> scope, Planned p, ConfigResult config) {
        RuleEngine one = new RuleEngine(List.of(rule), settings, options);
        String name = p.name() != null ? p.name() : "randconfig#" + p.index();
        CheckedTree ws = new CheckedTree(base.srctree(), base.kconfig(), new EvaluatedConfig(name, config),
                scope, base.overlays());
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

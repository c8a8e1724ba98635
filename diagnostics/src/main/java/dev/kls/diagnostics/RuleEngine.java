package dev.kls.diagnostics;

import dev.kls.kconfig.SourceRange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs rules over a workspace. Each rule runs on its own thread, at most
 * {@code jobs} at a time, under a time limit; a rule that throws or overruns
 * becomes one {@value #INTERNAL_ERROR} finding and every other rule's findings
 * are kept. Settings (enablement, severity), the scope and kls-ignore
 * comments are applied here, so rules never deal with them.
 */
public final class RuleEngine {

    /** The id of the finding that stands for a rule that failed. */
    public static final String INTERNAL_ERROR = "internal-error";

    /** Ids the engine itself reports under; they have doc pages like rules. */
    /** Why a rule that reads Kconfig is not run on a plain C tree. */
    public static final String NO_KCONFIG = "the tree has no Kconfig (a plain C tree)";

    public static final List<String> BUILT_IN_IDS = List.of(INTERNAL_ERROR, RuleSettings.RULE_ID);

    /** Order of findings in every report: by place, then rule, then message. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file)
            .thenComparingInt(f -> f.range().startLine()).thenComparingInt(f -> f.range().startColumn())
            .thenComparing(Finding::ruleId).thenComparing(Finding::message);

    /**
     * @param ruleTimeout how long one rule may run
     * @param jobs        how many rules run at once (at least 1)
     */
    public record Options(Duration ruleTimeout, int jobs) {
        public static Options defaults() {
            return new Options(Duration.ofMinutes(2), Math.max(1, Runtime.getRuntime().availableProcessors()));
        }
    }

    /** Told after each rule finishes (or is given up on). */
    public interface Progress {
        void ruleDone(String ruleId, int done, int total);
    }

    private final List<Rule> rules;
    private final RuleSettings settings;
    private final Options options;

    public RuleEngine(List<Rule> rules, RuleSettings settings, Options options) {
        this.rules = List.copyOf(rules);
        this.settings = settings;
        this.options = options;
    }

    /**
     * Every rule on the class path, found by ServiceLoader, sorted by id.
     *
     * @throws IllegalStateException when two rules share an id
     */
    public static List<Rule> discoverRules() {
        List<Rule> found = new ArrayList<>();
        ServiceLoader.load(Rule.class, RuleEngine.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparing(Rule::id));
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).id().equals(found.get(i - 1).id())) {
                throw new IllegalStateException("two rules have the id " + found.get(i).id() + ": "
                        + found.get(i - 1).getClass().getName() + " and " + found.get(i).getClass().getName());
            }
        }
        return List.copyOf(found);
    }

    public Report run(CheckedTree workspace) {
        return run(workspace, (id, done, total) -> { });
    }

    public Report run(CheckedTree workspace, Progress progress) {
        return run(workspace, Map.of(), progress);
    }

    /**
     * @param shared analyses the caller keeps between runs, handed to the rules through
     *               {@link RuleContext#shared} (they must match the workspace: same tree and ARCH)
     */
    public Report run(CheckedTree workspace, Map<Class<?>, ?> shared, Progress progress) {
        RuleContext context = new RuleContext(workspace, shared, settings);
        Map<String, String> skipped = new LinkedHashMap<>();
        Deque<Rule> queue = new ArrayDeque<>();
        for (Rule r : rules) {
            if (!settings.enabled(r)) {
                skipped.put(r.id(), "disabled in " + RuleSettings.FILE);
            } else if (r.inputs().contains(Input.KCONFIG) && workspace.kconfig() == null) {
                skipped.put(r.id(), NO_KCONFIG);
            } else if (r.inputs().contains(Input.CONFIGURATION) && workspace.configuration() == null) {
                skipped.put(r.id(), "needs a configuration (--config FILE, or a .config in the tree)");
            } else {
                queue.add(r);
            }
        }
        List<Rule> ran = new ArrayList<>(queue);
        context.matchingRules(ran.stream().filter(r -> r instanceof CMatchers.Matching)
                .map(r -> (CMatchers.Matching) r).toList());
        List<Finding> raw = new ArrayList<>(settings.problems());
        Map<String, Duration> timings = new HashMap<>();
        execute(queue, context, raw, timings, progress);

        List<Finding> kept = new ArrayList<>();
        List<Finding> suppressed = new ArrayList<>();
        Map<String, String[]> lines = new HashMap<>(); // each file split once, not once per finding
        for (Finding f : raw) {
            if (!workspace.inScope(f.file()) && !f.ruleId().equals(RuleSettings.RULE_ID)
                    && !f.ruleId().equals(dev.kls.diagnostics.user.RuleFiles.RULE_ID)) {
                continue; // out of the PATHs asked for; settings and rule files are always everyone's business
            }
            Finding g = f.withSeverity(settings.severity(f.ruleId(), f.severity()));
            if (isSuppressed(g, context, lines)) {
                suppressed.add(g);
            } else {
                kept.add(g);
            }
        }
        kept.sort(ORDER);
        suppressed.sort(ORDER);
        return new Report(kept, suppressed, ran, skipped, timings);
    }

    private static boolean isSuppressed(Finding f, RuleContext context, Map<String, String[]> lines) {
        if (!f.hasLocation() || f.ruleId().equals(INTERNAL_ERROR)) {
            return false;
        }
        String[] split = lines.get(f.file());
        if (split == null) {
            try {
                split = context.text(f.file()).split("\n", -1);
            } catch (IOException e) {
                split = new String[0]; // a file that cannot be read holds no comment; the finding stands
            }
            lines.put(f.file(), split);
        }
        return Suppressions.suppressed(f, split);
    }

    /** One rule on its own thread; {@code started} is when it began running. */
    private static final class Running {
        final Rule rule;
        final FutureTask<List<Finding>> task;
        final Thread thread;
        final long started = System.nanoTime();

        Running(Rule rule, FutureTask<List<Finding>> task, Thread thread) {
            this.rule = rule;
            this.task = task;
            this.thread = thread;
        }
    }

    private void execute(Deque<Rule> queue, RuleContext context, List<Finding> out, Map<String, Duration> timings,
            Progress progress) {
        int total = queue.size();
        int done = 0;
        int jobs = Math.max(1, options.jobs());
        long limit = options.ruleTimeout().toNanos();
        BlockingQueue<Object> finished = new LinkedBlockingQueue<>();
        List<Running> running = new ArrayList<>();
        while (!queue.isEmpty() || !running.isEmpty()) {
            while (running.size() < jobs && !queue.isEmpty()) {
                Rule rule = queue.poll();
                // Told from done(), which runs once the result is set: told from the callable's own finally
                // (as before), the wait below often woke before isDone() and slept another 20 ms, for every
                // rule run (5.4 of the 7.4 s of a 1,000-configuration sweep of seed 000's tree).
                FutureTask<List<Finding>> task = new FutureTask<>(() -> rule.check(context)) {
                    @Override
                    protected void done() {
                        finished.add(rule);
                    }
                };
                // Rules walk Kconfig dependency chains recursively: a deep stack, reserved, not used up front.
                Thread t = new Thread(null, task, "kls-rule-" + rule.id(), 256L << 20);
                t.setDaemon(true); // a rule that ignores interruption must not keep the process alive
                running.add(new Running(rule, task, t));
                t.start();
            }
            try {
                finished.poll(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (Running r : running) {
                    r.thread.interrupt();
                }
                return;
            }
            for (Iterator<Running> it = running.iterator(); it.hasNext();) {
                Running r = it.next();
                long elapsed = System.nanoTime() - r.started;
                if (r.task.isDone()) {
                    it.remove();
                    timings.put(r.rule.id(), Duration.ofNanos(elapsed));
                    collect(r, out);
                } else if (elapsed > limit) {
                    // Give up on it: interrupt, and let its thread die on its own while the others go on.
                    r.task.cancel(true);
                    it.remove();
                    timings.put(r.rule.id(), Duration.ofNanos(elapsed));
                    out.add(internalError(r.rule, "timed out after " + seconds(options.ruleTimeout())));
                } else {
                    continue;
                }
                progress.ruleDone(r.rule.id(), ++done, total);
            }
        }
    }

    private static void collect(Running r, List<Finding> out) {
        List<Finding> found;
        try {
            found = r.task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            out.add(internalError(r.rule, cause.getClass().getSimpleName()
                    + (cause.getMessage() != null ? ": " + cause.getMessage() : "") + at(cause)));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.add(internalError(r.rule, "interrupted"));
            return;
        }
        if (found == null) {
            out.add(internalError(r.rule, "it returned null instead of a list of findings"));
            return;
        }
        for (Finding f : found) {
            if (f == null || !f.ruleId().equals(r.rule.id())) {
                out.add(internalError(r.rule, "it reported a finding under another id: "
                        + (f == null ? "null" : f.ruleId())));
            } else {
                out.add(f);
            }
        }
    }

    /** Where the exception came from: its first frame, which is what a bug report needs. */
    private static String at(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        return st.length == 0 ? "" : " (at " + st[0] + ")";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static Finding internalError(Rule rule, String cause) {
        return Finding.of(INTERNAL_ERROR, Severity.ERROR, new SourceRange("", 0, 0, 0, 0),
                "internal error in rule " + rule.id() + ": " + cause);
    }
}

package dev.kls.cli;

import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.CheckedTree;
import dev.kls.diagnostics.sweep.Sweep;
import dev.kls.diagnostics.sweep.SweepHtml;
import dev.kls.diagnostics.sweep.SweepReport;
import dev.kls.diagnostics.sweep.SweepSarif;
import dev.kls.diagnostics.user.FileRules;
import dev.kls.diagnostics.user.RuleFiles;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigOptions;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.sat.KconfigSat;
import dev.kls.kconfig.sat.PairwiseCover;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** kls sweep: which configurations make which findings fire, from the findings' conditions. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the rules once, then evaluate each finding's condition on many configurations "
                + "(random as make randconfig, pairwise, the arch's defconfigs, or .config files).",
        subcommands = {SweepCommand.Merge.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the report was written", "2:bad usage or input",
            "130:interrupted (Ctrl-C): a partial report was written"})
final class SweepCommand implements Callable<Integer>, Main.UsesEnvironment {

    private Map<String, String> env = System.getenv();

    @Override
    public void environment(Map<String, String> env) {
        this.env = env;
    }

    enum Format { json, html, sarif, text }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to report on (default: all).")
    List<Path> paths = new ArrayList<>();

    @Mixin
    TreeOptions tree;

    @Option(names = "--configs", paramLabel = "N",
            description = "Random configurations in the whole sweep (default: 100); for pairwise, the most "
                    + "configurations (default: as many as its pairs need).")
    Integer configsOption;

    /** The configurations of the whole sweep (all shards), once planned. */
    private int configs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "The sweep's seed; configuration i gets a KCONFIG_SEED made from it and i.")
    String seed;

    @Option(names = "--sampler", paramLabel = "random|pairwise|defconfigs|cover:PATCH|FILE", split = ",",
            defaultValue = "random",
            description = "random (make randconfig), pairwise (every pair of values of the bool/tristate symbols the "
                    + "findings' conditions and witnesses mention, where Kconfig allows it), defconfigs "
                    + "(arch/SRCARCH/configs/*_defconfig), cover:PATCH (per C "
                    + "file of the diff, the smallest change to the defconfig compiling its changed lines) or .config files.")
    List<String> sampler;

    @Option(names = "--sat-budget", paramLabel = "CONFLICTS",
            description = "pairwise: conflicts one SAT question may take before its pair is undecided (default: "
                    + PairwiseCover.DEFAULT_BUDGET + ").")
    Integer satBudget;

    @Option(names = "--probability", paramLabel = "P", description = "KCONFIG_PROBABILITY for random configurations.")
    String probability;

    @Option(names = "--shard", paramLabel = "i/n", description = "Try only the configurations of shard i of n.")
    String shard;

    @Option(names = "--format", defaultValue = "json",
            description = "json, html, sarif or text (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path output;

    @Option(names = "--jobs", paramLabel = "N", description = "Configurations evaluated at once (default: the CPUs).")
    Integer jobs;

    @Option(names = "--rule", paramLabel = "ID", split = ",", description = "Run only these rules.")
    List<String> ruleIds;

    // A sweep is a batch job: lint's 120 s let page-aligned-size's one all-configuration search on Linux
    // arch/x86 + mm + drivers/xen (about 110 s CPU) time out on a loaded CI machine, and the report then
    // held an internal error instead of the finding.
    @Option(names = "--rule-timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "How long one rule may run before it is reported as an internal error "
                    + "(default: ${DEFAULT-VALUE}).")
    double ruleTimeout;

    @Option(names = "--save-configs", paramLabel = "DIR",
            description = "Also write each configuration tried as DIR/config-INDEX (the .config conf would write).")
    Path saveConfigs;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return sweep(err);
        } catch (IllegalArgumentException | IOException | Kconfig.InputException e) {
            err.println("kls: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private int sweep(PrintWriter err) throws IOException, Kconfig.InputException {
        long t0 = System.nanoTime();
        if (!(ruleTimeout > 0) || Double.isInfinite(ruleTimeout)) {
            throw new IllegalArgumentException("--rule-timeout must be a number of seconds above 0, not "
                    + ruleTimeout);
        }
        if (tree.srctree == null) {
            throw new IllegalArgumentException("kls sweep needs --srctree DIR");
        }
        Path root = tree.srctree.toAbsolutePath().normalize();
        tree.srctree = root;
        int[] sh = shard(shard);
        OptionalInt s = ConfigOptions.parseSeed(seed);
        if (s.isEmpty() && !seed.matches("[0-9]+")) {
            throw new IllegalArgumentException("--seed takes a number, not '" + seed + "'");
        }
        long sweepSeed = Long.decode(seed);
        ConfigOptions options = ConfigOptions.DEFAULT;
        if (probability != null) {
            options = options.withProbability(ConfigOptions.Probability.parse(probability));
        }
        List<String> scope = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!abs.startsWith(root) || !Files.exists(abs)) {
                throw new IllegalArgumentException("no such file or folder in the tree: " + p);
            }
            scope.add(root.relativize(abs).toString().replace('\\', '/'));
        }
        Kconfig k = tree.load(env);
        FileRules.Discovered discovered = FileRules.discover(root, Map.of(), RuleFiles.userDir(env));
        List<Rule> rules = LintCommand.selectRules(discovered.rules(), ruleIds);
        Set<String> ids = discovered.rules().stream().map(Rule::id).collect(Collectors.toCollection(TreeSet::new));
        ids.addAll(RuleEngine.BUILT_IN_IDS);
        RuleSettings settings = RuleSettings.load(root, ids, RuleSettings.optionNames(discovered.rules()));
        dev.kls.c.CProject project = dev.kls.c.CProject.open(root, k.environment().srcarch());
        project.cacheBodies(dev.kls.c.cache.BodyCache.standard()); // KLS_CACHE_DIR=off: none
        Sweep sweep = new Sweep(rules, settings, new RuleEngine.Options(Duration.ofMillis(Math.max(1, (long) (ruleTimeout * 1000))), 1),
                Map.of(RuleFiles.Loaded.class, discovered.files(), dev.kls.c.CProject.class, project));
        CheckedTree base = new CheckedTree(root, k, null, scope, Map.of());
        Report report = sweep.findings(base);

        List<Sweep.Planned> planned = new ArrayList<>();
        String samplerName;
        final ConfigOptions opts = options;
        SweepReport.Coverage coverage = null;
        if (configsOption != null && configsOption < 0) {
            throw new IllegalArgumentException("--configs takes a number of at least 0, not " + configsOption);
        }
        if (satBudget != null && !sampler.equals(List.of("pairwise"))) {
            throw new IllegalArgumentException("--sat-budget is for --sampler pairwise");
        }
        configs = configsOption != null ? configsOption : 100;
        if (sampler.equals(List.of("pairwise"))) {
            samplerName = "pairwise";
            long e0 = System.nanoTime();
            KconfigSat model = KconfigSat.of(k.tree());
            long encoded = (System.nanoTime() - e0) / 1_000_000;
            PairwiseCover.Plan plan = PairwiseCover.plan(model, Sweep.mentioned(report.findings()),
                    configsOption != null ? configsOption : Integer.MAX_VALUE,
                    satBudget != null ? satBudget : PairwiseCover.DEFAULT_BUDGET);
            coverage = coverage(plan);
            for (int i = 0; i < plan.configs().size(); i++) {
                if (Sweep.inShard(i, sh[0], sh[1])) {
                    ConfigResult r = plan.configs().get(i);
                    planned.add(new Sweep.Planned(i, null, null, () -> r));
                }
            }
            configs = plan.configs().size();
            err.println("kls sweep: pairwise: " + plan.configs().size() + " configurations from " + plan.solves()
                    + " SAT questions; " + coverage.covered() + " of " + coverage.targets() + " pairs covered, "
                    + coverage.infeasible().size() + " infeasible, " + coverage.uncovered().size() + " uncovered, "
                    + coverage.undecided().size() + " undecided, " + coverage.notTried().size() + " not tried (encode "
                    + encoded + " ms, SAT " + plan.satMillis() + " ms, conf " + plan.confMillis() + " ms)");
        } else if (sampler.equals(List.of("random"))) {
            samplerName = "random";
            for (int i = 0; i < configs; i++) {
                if (Sweep.inShard(i, sh[0], sh[1])) {
                    long kseed = Sweep.seedFor(sweepSeed, i);
                    planned.add(new Sweep.Planned(i, kseed, null, () -> ConfigEvaluator.run(k.tree(),
                            ConfigTarget.RANDCONFIG, null, opts.withSeed((int) kseed))));
                }
            }
        } else if (sampler.size() == 1 && sampler.get(0).startsWith("cover:")) {
            samplerName = sampler.get(0);
            configs = CoverRun.plan(k, root, Path.of(sampler.get(0).substring(6)), sh, planned, err);
        } else {
            List<Path> files = new ArrayList<>();
            ConfigTarget target;
            if (sampler.equals(List.of("defconfigs"))) {
                samplerName = "defconfigs";
                target = ConfigTarget.DEFCONFIG;
                Path dir = root.resolve("arch").resolve(k.environment().srcarch()).resolve("configs");
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> list = Files.list(dir)) {
                        list.filter(p -> p.getFileName().toString().endsWith("defconfig")).sorted().forEach(files::add);
                    }
                }
            } else {
                samplerName = "files";
                target = ConfigTarget.OLDDEFCONFIG;
                sampler.forEach(f -> files.add(Path.of(f)));
            }
            for (int i = 0; i < files.size(); i++) {
                if (Sweep.inShard(i, sh[0], sh[1])) {
                    Path f = files.get(i);
                    String name = f.startsWith(root) ? root.relativize(f).toString() : f.toString();
                    DotConfig dot = DotConfig.parse(name, Files.readString(f, StandardCharsets.UTF_8));
                    planned.add(new Sweep.Planned(i, null, name, () -> ConfigEvaluator.run(k.tree(), target, dot,
                            opts)));
                }
            }
            configs = files.size();
        }
        if (saveConfigs != null) {
            List<Sweep.Planned> saved = saving(planned, saveConfigs);
            planned.clear();
            planned.addAll(saved);
        }
        Path cwd = Path.of("").toAbsolutePath();
        String shown = root.startsWith(cwd) && !root.equals(cwd) ? cwd.relativize(root).toString() : root.toString();
        String name = samplerName;
        int total = configs;
        SweepReport.Coverage pairs = coverage;
        java.util.function.Function<Boolean, SweepReport.Header> header = partial -> new SweepReport.Header(shown,
                k.environment().arch(), k.environment().srcarch(), name, name.equals("random") ? sweepSeed : null,
                total, probability, sh[1] > 1 ? sh[0] + "/" + sh[1] : null, partial, pairs);
        int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new IllegalArgumentException("--jobs takes a number of at least 1, not " + n);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        Sweep.Live live = new Sweep.Live();
        Object once = new Object();
        boolean[] written = {false};
        // Ctrl-C (SIGINT) runs the shutdown hooks: this one stops the sweep and writes what is done as a
        // partial report (atomically, as always), then the JVM exits with 130.
        Thread interrupt = new Thread(() -> {
            live.stop();
            synchronized (once) {
                if (written[0]) {
                    return;
                }
                written[0] = true;
                List<Sweep.Outcome> done = live.outcomes();
                try {
                    write(SweepReport.data(header.apply(true), new Sweep.Result(report.findings(), done)), format,
                            output, stdout);
                    err.println("\rkls sweep: interrupted: a partial report of " + done.size() + " of "
                            + planned.size() + " configurations" + (output == null ? "" : " is in " + output));
                } catch (IOException | RuntimeException e) {
                    err.println("kls sweep: interrupted, and the partial report could not be written: "
                            + e.getMessage());
                }
                err.flush();
            }
        }, "kls-sweep-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupt);
        Sweep.Result result;
        try (Progress bar = Progress.onTerminal(err)) {
            result = sweep.run(base, report, planned, n, live, bar);
            synchronized (once) {
                if (written[0]) {
                    return 130; // the hook wrote the partial report; the JVM is exiting
                }
                written[0] = true;
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
        write(SweepReport.data(header.apply(false), result), format, output, stdout);
        double secs = (System.nanoTime() - t0) / 1e9;
        err.println(String.format(java.util.Locale.ROOT, "kls sweep: %d configurations, %d findings, %.2f s",
                planned.size(), result.findings().size(), secs));
        err.flush();
        return 0;
    }

    /** The plan's figures for the report: the pairs not covered, by reason, as "A=v B=w". */
    static SweepReport.Coverage coverage(PairwiseCover.Plan plan) {
        Map<PairwiseCover.Status, List<String>> by = new java.util.EnumMap<>(PairwiseCover.Status.class);
        for (PairwiseCover.Status st : PairwiseCover.Status.values()) {
            by.put(st, new ArrayList<>());
        }
        for (PairwiseCover.Target t : plan.targets()) {
            by.get(t.status()).add(t.pair().toString());
        }
        return new SweepReport.Coverage(plan.symbols(), plan.leftOut(), plan.budget(), plan.targets().size(),
                by.get(PairwiseCover.Status.INFEASIBLE), by.get(PairwiseCover.Status.UNCOVERED),
                by.get(PairwiseCover.Status.UNDECIDED), by.get(PairwiseCover.Status.NOT_TRIED));
    }

    static int[] shard(String text) {
        if (text == null) {
            return new int[] {1, 1};
        }
        String[] p = text.split("/", -1);
        try {
            int i = Integer.parseInt(p[0]);
            int n = Integer.parseInt(p[1]);
            if (p.length == 2 && n >= 1 && i >= 1 && i <= n) {
                return new int[] {i, n};
            }
        } catch (RuntimeException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("--shard takes i/n with 1 <= i <= n, not '" + text + "'");
    }

    static void write(SweepReport.Data d, Format format, Path output, PrintWriter stdout) throws IOException {
        String text = switch (format) {
            case json -> SweepReport.write(d);
            case html -> SweepHtml.write(d);
            case sarif -> SweepSarif.write(d);
            case text -> {
                StringWriter sw = new StringWriter();
                SweepReport.writeText(d, new PrintWriter(sw));
                yield sw.toString();
            }
        };
        if (output == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        dev.kls.kconfig.AtomicFiles.write(output, text);
    }

    /** The same configurations, each also written to {@code dir} as {@code config-INDEX} (atomically) once computed. */
    private static List<Sweep.Planned> saving(List<Sweep.Planned> planned, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Sweep.Planned> out = new ArrayList<>();
        for (Sweep.Planned p : planned) {
            out.add(new Sweep.Planned(p.index(), p.seed(), p.name(), () -> {
                ConfigResult r = p.config().get();
                Path file = dir.resolve("config-" + p.index());
                try {
                    dev.kls.kconfig.AtomicFiles.write(file, r.text());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e.getMessage(), e);
                }
                return r;
            }));
        }
        return out;
    }

    /** kls sweep merge: shard reports into the report of one run. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Join the JSON reports of the shards of one sweep into one report.")
    static final class Merge implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Option(names = "--format", defaultValue = "json",
                description = "json, html, sarif or text (default: ${DEFAULT-VALUE}).")
        Format format;

        @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout.")
        Path output;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                List<SweepReport.Data> shards = new ArrayList<>();
                for (Path f : files) {
                    try {
                        shards.add(SweepReport.read(Files.readString(f, StandardCharsets.UTF_8)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(f + ": " + e.getMessage());
                    } catch (java.nio.charset.MalformedInputException e) {
                        throw new IllegalArgumentException(f + ": not UTF-8 text");
                    } catch (java.nio.file.NoSuchFileException e) {
                        throw new IllegalArgumentException(f + ": no such file");
                    } catch (IOException e) {
                        throw new IllegalArgumentException(f + ": " + e.getMessage());
                    }
                }
                write(SweepReport.merge(shards), format, output, spec.commandLine().getOut());
                return 0;
            } catch (IOException | RuntimeException e) {
                err.println("kls: sweep merge: " + e.getMessage());
                err.flush();
                return 2;
            }
        }
    }
}

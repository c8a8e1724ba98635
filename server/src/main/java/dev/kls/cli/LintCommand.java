package dev.kls.cli;

import dev.kls.diagnostics.Baseline;
import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.FileTexts;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fixes;
import dev.kls.diagnostics.Names;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.CheckedTree;
import dev.kls.diagnostics.report.JsonReport;
import dev.kls.diagnostics.report.LintResult;
import dev.kls.diagnostics.report.SarifReport;
import dev.kls.diagnostics.report.TextReport;
import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import dev.kls.diagnostics.user.FileRules;
import dev.kls.diagnostics.user.RuleFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kls lint}: runs the rules over a tree for CI, with gcc-style text, JSON or SARIF output. */
@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run kls's rules over a kernel tree and report what they find.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:nothing at or above --fail-on", "1:findings at or above --fail-on",
            "2:bad usage or input (no tree, unknown arch, unreadable .config)"})
final class LintCommand implements Callable<Integer>, Main.UsesEnvironment {

    private Map<String, String> env = System.getenv();

    @Override
    public void environment(Map<String, String> env) {
        this.env = env;
    }

    enum Format { text, json, sarif }

    enum FailOn { error, warning, never }

    /** A usage or input problem: exit status 2 with this message. */
    static final class InputError extends Exception {
        InputError(String message) {
            super(message);
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Files or folders to report on (default: the whole tree). Without --srctree, the tree "
                    + "is the nearest folder at or above the first PATH that holds Kconfig and arch/.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    TreeOptions tree;

    @Option(names = "--no-cache", description = "Read every C function body afresh instead of taking it from "
            + "kls's cache folder ($KLS_CACHE_DIR/c-bodies, else ~/.cache/kls/c-bodies; KLS_CACHE_DIR=off turns "
            + "it off everywhere). The results are the same either way.")
    boolean noCache;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The .config to check (evaluated as olddefconfig does). Default: the tree's .config if "
                    + "there is one; without any, the rules that need a configuration do not run.")
    Path config;

    @Option(names = "--format", defaultValue = "text", description = "text, json or sarif (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path output;

    @Option(names = "--fail-on", defaultValue = "error",
            description = "Exit 1 when a finding is at least this severe: error, warning or never "
                    + "(default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--explain-unknown", description = "List on stderr, per C file in scope, the statements and "
            + "expressions of function bodies that kls did not understand, and the share of bodies read fully.")
    boolean explainUnknown;

    /** The C project of the run (kept for --explain-unknown, which reads the bodies the rules read). */
    private dev.kls.c.CProject cProject;

    @Option(names = "--fix", description = "Apply each finding's first quick fix, then check again and report "
            + "what still fails.")
    boolean fix;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Report only findings this baseline does not know.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Record the current findings as a baseline (they then count as known).")
    Path writeBaseline;

    @Option(names = "--rule", paramLabel = "ID", split = ",", description = "Run only these rules (repeatable).")
    List<String> onlyRules = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "Rules run at once (default: the number of CPUs).")
    Integer jobs;

    @Option(names = "--rule-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long one rule may run before it is reported as an internal error "
                    + "(default: ${DEFAULT-VALUE}).")
    double ruleTimeout;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return lint(err);
        } catch (InputError e) {
            err.println("kls: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private int lint(PrintWriter err) throws InputError {
        long t0 = System.nanoTime();
        if (!(ruleTimeout > 0) || Double.isInfinite(ruleTimeout)) {
            throw new InputError("--rule-timeout must be a number of seconds above 0, not " + ruleTimeout);
        }
        Path root = treeRoot();
        tree.srctree = root;
        List<String> scope = scope(root);
        // Built-in rules and those of the rule files (shipped, .kls/rules, the user's folder).
        FileRules.Discovered discovered = FileRules.discover(root, Map.of(), RuleFiles.userDir(env));
        fileRules = discovered.files();
        List<Rule> known = discovered.rules();
        List<Rule> rules = selectRules(known);
        RuleSettings settings;
        try {
            settings = RuleSettings.load(root, allIds(known), RuleSettings.optionNames(known));
        } catch (IOException e) {
            throw new InputError("cannot read " + root.resolve(RuleSettings.FILE) + ": " + e.getMessage());
        }
        Baseline known0 = null;
        if (baseline != null) {
            try {
                known0 = Baseline.read(baseline);
            } catch (NoSuchFileException e) {
                throw new InputError("no such baseline file: " + baseline);
            } catch (IOException e) {
                throw new InputError(e.getMessage());
            }
        }
        DotConfig dot = readConfig(root);
        RuleEngine engine = new RuleEngine(rules, settings, new RuleEngine.Options(
                Duration.ofMillis(Math.max(1, (long) (ruleTimeout * 1000))),
                jobs != null ? Math.max(1, jobs) : RuleEngine.Options.defaults().jobs()));

        Run run = check(root, dot, scope, engine, err);
        FileTexts texts = FileTexts.cached(file -> new String(Files.readAllBytes(root.resolve(file)),
                StandardCharsets.UTF_8));
        if (fix) {
            run = applyFixes(root, dot, scope, engine, run, known0, texts, err);
            texts = FileTexts.cached(file -> new String(Files.readAllBytes(root.resolve(file)),
                    StandardCharsets.UTF_8)); // the fixed files are read again
        }
        List<Finding> reported = run.report.findings();
        int baselined = 0;
        if (writeBaseline != null) {
            try {
                Baseline.write(writeBaseline, reported, texts);
            } catch (IOException e) {
                throw new InputError("cannot write " + writeBaseline + ": " + e.getMessage());
            }
            err.println("kls: wrote " + reported.size() + " findings to the baseline " + writeBaseline);
            baselined = reported.size();
            reported = List.of();
        } else if (known0 != null) {
            List<Finding> fresh = known0.newFindings(reported, texts);
            baselined = reported.size() - fresh.size();
            reported = fresh;
        }
        if (run.kconfig == null) {
            err.println("kls: note: no Kconfig in the tree: linted as a plain C tree (its macros are free symbols)");
        }
        for (Map.Entry<String, String> s : run.report.skipped().entrySet()) {
            if (!s.getValue().equals(RuleEngine.NO_KCONFIG)) {
                err.println("kls: note: rule " + s.getKey() + " not run: " + s.getValue());
            }
        }
        List<String> fingerprints = new ArrayList<>();
        for (Finding f : reported) {
            fingerprints.add(Baseline.fingerprint(f, texts));
        }
        LintResult result = new LintResult(displayed(root), root.toUri().toString(),
                run.kconfig != null ? run.kconfig.environment().arch() : tree.arch,
                run.kconfig != null ? run.kconfig.environment().srcarch() : tree.arch, run.configName, known, reported, fingerprints,
                run.report.suppressed().size(), baselined, run.report.skipped());
        writeReport(result);
        if (format == Format.text || output != null) {
            err.println(summary(result, run.report.rules().size(), System.nanoTime() - t0));
        }
        if (explainUnknown) {
            explainUnknown(root, scope, err);
        }
        err.flush();
        return failed(reported) ? 1 : 0;
    }

    /** A finished check: the Kconfig it read, the configuration's name, and the engine's report. */
    private record Run(Kconfig kconfig, String configName, Report report) {
    }

    private Run check(Path root, DotConfig dot, List<String> scope, RuleEngine engine,
            PrintWriter err) throws InputError {
        Kconfig k = null;
        if (!plainC(root)) {
            try {
                k = tree.load();
            } catch (Kconfig.InputException e) {
                throw new InputError(e.getMessage());
            }
        }
        TreeOptions.sayRelease(k, err);
        EvaluatedConfig evaluated = null;
        String configName = null;
        if (dot != null && k == null) {
            err.println("kls: note: " + dot.file() + " is not evaluated: the tree has no Kconfig");
        } else if (dot != null) {
            configName = dot.file();
            // Evaluated whatever rules run: several check the configuration when there is one and search
            // every configuration when there is none, so skipping it changes what they say, not only how fast.
            if (k.count(dev.kls.kconfig.KconfigSeverity.ERROR) > 0) {
                err.println("kls: note: the Kconfig tree has errors; " + dot.file() + " is not evaluated");
            } else {
                // conf's own complaints about its lines are the dotconfig-line rule's findings.
                evaluated = new EvaluatedConfig(dot.file(),
                        ConfigEvaluator.run(k.tree(), ConfigTarget.OLDDEFCONFIG, dot));
            }
        }
        CheckedTree ws = new CheckedTree(root, k, evaluated, scope, Map.of());
        Report report;
        if (cProject == null) {
            cProject = dev.kls.c.CProject.open(root, k != null ? k.environment().srcarch() : tree.arch);
            if (!noCache) {
                cProject.cacheBodies(dev.kls.c.cache.BodyCache.standard());
            }
        }
        try (Progress progress = Progress.onTerminal(err)) {
            report = engine.run(ws, Map.of(RuleFiles.Loaded.class, fileRules, dev.kls.c.CProject.class, cProject),
                    progress);
        }
        return new Run(k, configName, report);
    }

    private Run applyFixes(Path root, DotConfig dot, List<String> scope, RuleEngine engine, Run run,
            Baseline known, FileTexts texts, PrintWriter err) throws InputError {
        Fixes.Plan plan;
        try {
            // Baselined findings are accepted as they are: --fix leaves them alone.
            List<Finding> toFix = known != null ? known.newFindings(run.report.findings(), texts)
                    : run.report.findings();
            plan = Fixes.plan(toFix, texts, file -> Files.readAllBytes(root.resolve(file)));
            Map<Path, byte[]> writes = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, byte[]> e : plan.contents().entrySet()) {
                Path file = root.resolve(e.getKey()).normalize();
                if (!file.startsWith(root)) {
                    throw new InputError("a fix would write outside the tree: " + e.getKey());
                }
                writes.put(file, e.getValue());
            }
            // All or nothing: a file that cannot be written leaves every file as it was.
            Fixes.writeAllAtomically(writes);
        } catch (Fixes.WriteFailure e) {
            throw new InputError("--fix: " + e.getMessage() + "; no file was changed");
        } catch (IOException e) {
            throw new InputError("cannot apply fixes: " + dev.kls.kconfig.AtomicFiles.reason(e));
        }
        PrintWriter out = format == Format.text && output == null ? spec.commandLine().getOut() : err;
        if (plan.applied().isEmpty()) {
            err.println("kls: --fix: nothing to fix");
            return run;
        }
        for (Fixes.Applied a : plan.applied()) {
            out.println("fixed: " + a.finding().range() + ": " + a.fix().title() + " [" + a.finding().ruleId() + "]");
        }
        out.flush();
        if (!plan.deferred().isEmpty()) {
            err.println("kls: --fix: " + plan.deferred().size()
                    + " fixes overlap others and were left for the next --fix");
        }
        // Check again: the report is what still fails after the fixes, and a broken fix shows up here.
        cProject = null; // the fixed files are read again
        Run again = check(root, dot, scope, engine, err);
        Set<String> changed = plan.texts().keySet();
        long still = again.report.findings().stream().filter(f -> changed.contains(f.file())).count();
        err.println("kls: --fix: changed " + changed.size() + " file(s): " + String.join(", ", changed) + "; "
                + still + " finding(s) remain in them");
        return again;
    }

    /** The rule files read for this run (invalid-rule reports their problems). */
    private RuleFiles.Loaded fileRules;

    /** --explain-unknown: what the body reader did not understand in the C files in scope, on stderr. */
    private void explainUnknown(Path root, List<String> scope, PrintWriter err) throws InputError {
        List<String> files = new ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".c") && !f.startsWith(".") && !f.contains("/."))
                    .filter(f -> scope.isEmpty() || scope.stream().anyMatch(x -> x.isEmpty() || x.equals(".")
                            || f.equals(x) || f.startsWith(x.endsWith("/") ? x : x + "/")))
                    .sorted().forEach(files::add);
        } catch (IOException e) {
            throw new InputError("cannot list the C files of " + root + ": " + e.getMessage());
        }
        long functions = 0;
        long full = 0;
        long unknown = 0;
        for (String f : files) {
            dev.kls.c.CFile cf = cProject.file(f);
            if (cf == null) {
                continue;
            }
            dev.kls.c.body.FileBodies b = cf.functions();
            if (b.unreadChunks() > 0) {
                err.println(f + ": note: " + b.unreadChunks() + " function definition(s) not read");
            }
            for (dev.kls.c.body.FunctionDef fn : b.functions()) {
                functions++;
                full += fn.parsedFully() ? 1 : 0;
                for (dev.kls.c.body.Unknown u : dev.kls.c.body.Unknown.of(fn)) {
                    unknown++;
                    String text = u.text().strip().replaceAll("\\s+", " ");
                    err.println(u.range() + ": note: not understood in " + fn.name() + " (" + u.reason() + "): "
                            + (text.length() > 100 ? text.substring(0, 100) + "..." : text));
                }
            }
        }
        err.printf("kls: explain-unknown: %d C files, %d function bodies, %d read fully (%.1f%%), %d parts not "
                + "understood%n", files.size(), functions, full, functions == 0 ? 100.0 : 100.0 * full / functions,
                unknown);
    }

    /**
     * A tree with no Kconfig at its top (the crash utility, any C project),
     * given as PATH: linted without one. With --srctree a kernel tree is asked
     * for, and its Kconfig must be there.
     */
    private boolean plainC(Path root) {
        return plainTree && !Files.isRegularFile(root.resolve("Kconfig"));
    }

    /** Set when the tree is a PATH with no kernel tree at or above it. */
    private boolean plainTree;

    /**
     * The tree: --srctree, else the nearest folder at or above the first PATH
     * with Kconfig and arch/, else (no kernel tree around it) the first PATH
     * itself when it is a folder: a plain C tree.
     */
    private Path treeRoot() throws InputError {
        if (tree.srctree != null) {
            Path root = tree.srctree.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new InputError("no such source tree: " + tree.srctree);
            }
            return root;
        }
        if (paths.isEmpty()) {
            throw new InputError("no tree to lint: give --srctree DIR or a PATH inside a kernel tree");
        }
        Path start = paths.get(0).toAbsolutePath().normalize();
        if (!Files.exists(start)) {
            throw new InputError("no such file or folder: " + paths.get(0));
        }
        for (Path p = Files.isDirectory(start) ? start : start.getParent(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("Kconfig")) && Files.isDirectory(p.resolve("arch"))) {
                return p;
            }
        }
        if (Files.isDirectory(start)) {
            plainTree = true;
            return start; // a plain C tree
        }
        throw new InputError("no kernel tree at or above " + paths.get(0)
                + " (a folder with a Kconfig file and arch/); give --srctree DIR");
    }

    /** The PATHs as tree-relative prefixes; the tree itself (or no PATH) is the whole tree. */
    private List<String> scope(Path root) throws InputError {
        List<String> scope = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!abs.startsWith(root)) {
                throw new InputError(p + " is not inside the tree " + displayed(root)
                        + (paths.size() > 1 ? "; kls lint reads one tree per run: lint each tree on its own" : ""));
            }
            if (!Files.exists(abs)) {
                throw new InputError("no such file or folder: " + p);
            }
            String rel = root.relativize(abs).toString().replace('\\', '/');
            scope.add(rel);
        }
        // One tree per run: a second tree among the PATHs is an error, never silently left out.
        return scope.contains("") ? List.of() : scope;
    }

    private List<Rule> selectRules(List<Rule> known) throws InputError {
        try {
            return selectRules(known, onlyRules);
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        }
    }

    /** The rules named by --rule (all when none is), refusing an unknown id with the nearest known one. */
    static List<Rule> selectRules(List<Rule> known, List<String> only) {
        if (only == null || only.isEmpty()) {
            return known;
        }
        List<Rule> out = new ArrayList<>();
        Set<String> ids = known.stream().map(Rule::id).collect(Collectors.toCollection(TreeSet::new));
        for (String id : only) {
            if (!ids.contains(id)) {
                String near = Names.nearest(id, ids);
                throw new IllegalArgumentException("unknown rule '" + id + "'" + (near != null
                        ? "; did you mean '" + near + "'?" : "; the rules are: " + String.join(", ", ids)));
            }
        }
        for (Rule r : known) {
            if (only.contains(r.id())) {
                out.add(r);
            }
        }
        return out;
    }

    private static Set<String> allIds(List<Rule> rules) {
        Set<String> ids = rules.stream().map(Rule::id).collect(Collectors.toCollection(TreeSet::new));
        ids.addAll(RuleEngine.BUILT_IN_IDS);
        return ids;
    }

    /** --config, else the tree's .config; lines conf cannot read at all are an input error. */
    private DotConfig readConfig(Path root) throws InputError {
        Path file = config;
        String name;
        if (file == null) {
            if (!Files.isRegularFile(root.resolve(".config"))) {
                return null;
            }
            file = root.resolve(".config");
            name = ".config";
        } else {
            Path abs = file.toAbsolutePath().normalize();
            name = abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : file.toString();
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputError("no such .config: " + file);
        } catch (IOException e) {
            throw new InputError("cannot read " + file + ": " + e.getMessage());
        }
        DotConfig dot = DotConfig.parse(name, text);
        // As conf: a line it cannot read is a warning and the rest of the file is used.
        for (Diagnostic d : dot.problems()) {
            spec.commandLine().getErr().println("kls: warning: " + d.range() + ": " + d.message()
                    + " (line ignored, as conf ignores it)");
        }
        return dot;
    }

    private void writeReport(LintResult result) throws InputError {
        StringWriter buffer = new StringWriter();
        PrintWriter w = output != null ? new PrintWriter(buffer) : spec.commandLine().getOut();
        switch (format) {
            case json -> JsonReport.write(result, w);
            case sarif -> SarifReport.write(result, w);
            default -> TextReport.write(result, w);
        }
        w.flush();
        if (output != null) {
            try {
                Fixes.writeAtomically(output, buffer.toString());
            } catch (IOException e) {
                throw new InputError("cannot write " + output + ": " + e.getMessage());
            }
        }
    }

    private boolean failed(List<Finding> findings) {
        return switch (failOn) {
            case never -> false;
            case error -> findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
            case warning -> findings.stream().anyMatch(f -> f.severity().atLeast(Severity.WARNING));
        };
    }

    private String displayed(Path root) {
        Path cwd = Path.of("").toAbsolutePath();
        return root.startsWith(cwd) && !root.equals(cwd) ? cwd.relativize(root).toString() : root.toString();
    }

    private static String summary(LintResult r, int rulesRun, long nanos) {
        StringBuilder sb = new StringBuilder("kls lint: ");
        for (Severity s : Severity.values()) {
            long n = r.findings().stream().filter(f -> f.severity() == s).count();
            // "0 errors, 1 warning, 2 info, 3 hints"
            sb.append(s == Severity.ERROR ? "" : ", ").append(n).append(' ').append(s.label())
                    .append(n == 1 || s == Severity.INFO ? "" : "s");
        }
        sb.append(" (").append(r.suppressed()).append(" suppressed, ").append(r.baselined()).append(" baselined); ")
                .append(rulesRun).append(" rules in ").append(String.format("%.2f", nanos / 1e9)).append('s');
        // Which configuration the rules saw: a stray .config changes the result, so say it.
        sb.append("; config: ").append(r.config() != null ? r.config() : "none");
        return sb.toString();
    }
}

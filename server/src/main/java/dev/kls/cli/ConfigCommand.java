package dev.kls.cli;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.KconfigSeverity;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigOptions;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.sat.KconfigSat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kls config TARGET}: computes a .config as the kernel's make TARGET
 * does. The environment variables conf reads (KCONFIG_CONFIG,
 * KCONFIG_ALLCONFIG, KCONFIG_SEED, KCONFIG_PROBABILITY, CONFIG_) are taken as
 * conf takes them; options given on the command line win over them.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Compute a .config as 'make TARGET' does with the kernel's own conf.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "1:the Kconfig tree has errors, nothing written", "2:bad usage or input"})
final class ConfigCommand implements Callable<Integer>, Main.UsesEnvironment {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET",
            description = "olddefconfig, defconfig, alldefconfig, allnoconfig, allyesconfig, allmodconfig, randconfig, "
                    + "savedefconfig, listnewconfig, or cover (then FILE[:LINES]...).")
    String target;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "FILE[:LINES]",
            description = "cover: C files of the tree to compile, optionally with lines (12,40-45).")
    java.util.List<String> coverSpecs = new java.util.ArrayList<>();

    @Option(names = "--base", paramLabel = "CONFIG",
            description = "cover: the .config to change as little as possible (default: the arch's defconfig, as "
                    + "make defconfig computes it).")
    Path base;

    @Mixin
    TreeOptions tree;

    @Option(names = "--config", paramLabel = "IN",
            description = "The .config to start from (olddefconfig, savedefconfig, listnewconfig; default: "
                    + "$KCONFIG_CONFIG, else .config, when there is one), the defconfig to expand (defconfig, "
                    + "same as --defconfig), or a seed as KCONFIG_ALLCONFIG gives (all*config, randconfig).")
    Path config;

    @Option(names = "--defconfig", paramLabel = "FILE",
            description = "defconfig: the defconfig file to expand, as conf --defconfig=FILE.")
    Path defconfig;

    @Option(names = {"--out", "--output"}, paramLabel = "OUT",
            description = "Where to write the result (default: the --config file for olddefconfig, 'defconfig' for "
                    + "savedefconfig, else $KCONFIG_CONFIG or .config; listnewconfig prints instead). As conf does, "
                    + "an unchanged file is left alone and the previous one is kept as OUT.old.")
    Path out;

    @Option(names = "--seed", paramLabel = "N",
            description = "randconfig: the seed (as KCONFIG_SEED: decimal, 0x hex or 0 octal). Default: "
                    + "$KCONFIG_SEED, else one from the clock; it is printed either way.")
    String seed;

    private Map<String, String> env = System.getenv();

    @Override
    public void environment(Map<String, String> environment) {
        this.env = environment;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (target.equals("cover")) {
            return cover(err, stdout);
        }
        if (!coverSpecs.isEmpty() || base != null) {
            err.println("kls: FILE arguments and --base are for 'kls config cover' only");
            return 2;
        }
        ConfigTarget t;
        ConfigOptions options;
        try {
            t = ConfigTarget.ofCommand(target);
            options = ConfigOptions.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println("kls: " + e.getMessage());
            return 2;
        }
        if (seed != null) {
            OptionalInt s = ConfigOptions.parseSeed(seed);
            if (s.isEmpty()) {
                err.println("kls: --seed takes a number (decimal, 0x hex or 0 octal), not '" + seed + "'");
                return 2;
            }
            options = options.withSeed(s.getAsInt());
        }
        Path configName = Path.of(env.getOrDefault("KCONFIG_CONFIG", ".config"));
        Path in;
        try {
            in = input(t, configName);
        } catch (IllegalArgumentException e) {
            err.println("kls: " + e.getMessage());
            return 2;
        }
        if (in == null && t.readsDotConfig()) {
            err.println("kls: note: there is no " + configName + ": every symbol is new (make would look for the "
                    + "running kernel's config in /boot and /lib/modules, then the arch's defconfig)");
        }
        DotConfig input = null;
        if (in != null) {
            try {
                String text = new String(Files.readAllBytes(in), StandardCharsets.UTF_8);
                input = DotConfig.parse(in.toString(), text, options.symbolPrefix());
            } catch (NoSuchFileException e) {
                err.println("kls: no such file: " + in);
                return 2;
            } catch (IOException e) {
                err.println("kls: cannot read " + in + ": " + e.getMessage());
                return 2;
            }
        }
        Kconfig k;
        try {
            k = tree.load(env);
        } catch (Kconfig.InputException e) {
            err.println("kls: " + e.getMessage());
            return 2;
        }
        TreeOptions.sayRelease(k, err);
        if (!tree.allowShell && !k.tree().unevaluated().isEmpty()) {
            err.println("kls: warning: " + k.tree().unevaluated().size()
                    + " $(shell,...) macros were not run (see --allow-shell); values that depend on them are guesses:"
                    + " each is taken as empty, as conf takes a command that prints nothing, and never as its text");
            int shown = 0;
            for (dev.kls.kconfig.UnevaluatedMacro m : k.tree().unevaluated()) {
                if (shown++ == 20) {
                    err.println("kls: note: ... and " + (k.tree().unevaluated().size() - 20) + " more");
                    break;
                }
                err.println(m.range() + ": note: not run, taken as \"\": " + printable(m.text()));
            }
        }
        if (k.count(KconfigSeverity.ERROR) > 0) {
            for (Diagnostic d : k.diagnostics()) {
                if (d.severity() == KconfigSeverity.ERROR) {
                    err.println(d.format());
                }
            }
            err.println("kls: the Kconfig tree has errors; conf would stop here too");
            return 1;
        }
        if (t == ConfigTarget.RANDCONFIG) {
            stdout.println(ConfigOptions.seedLine(options.seed())); // as conf prints it, so a run can be repeated
        }
        ConfigResult result = ConfigEvaluator.run(k.tree(), t, input, options);
        for (Diagnostic d : result.diagnostics()) {
            // Notes about the run as a whole have no place in a file.
            err.println(d.range().equals(SourceRange.NONE) ? "kls: " + d.severity().label() + ": " + d.message()
                    : d.format());
        }
        if (t == ConfigTarget.LISTNEWCONFIG && out == null) {
            stdout.print(result.text());
            stdout.flush();
            return 0;
        }
        Path dest = out != null ? out
                : t == ConfigTarget.SAVEDEFCONFIG ? Path.of("defconfig")
                : t == ConfigTarget.OLDDEFCONFIG && config != null ? config
                : configName;
        try {
            writeAtomically(dest, result.text());
        } catch (IOException e) {
            err.println("kls: cannot write " + dest + ": " + e.getMessage());
            return 2;
        }
        return 0;
    }

    /** kls config cover: exit 0 written, 1 impossible (or tree errors), 2 bad usage. */
    private int cover(PrintWriter err, PrintWriter stdout) {
        long t0 = System.nanoTime();
        if (coverSpecs.isEmpty()) {
            err.println("kls: config cover needs FILE[:LINES]...");
            return 2;
        }
        if (tree.srctree == null) {
            err.println("kls: config cover needs --srctree DIR");
            return 2;
        }
        Path root = tree.srctree.toAbsolutePath().normalize();
        Kconfig k;
        try {
            k = tree.load(env);
        } catch (Kconfig.InputException e) {
            err.println("kls: " + e.getMessage());
            return 2;
        }
        TreeOptions.sayRelease(k, err);
        if (k.count(KconfigSeverity.ERROR) > 0) {
            err.println("kls: the Kconfig tree has errors; conf would stop here too");
            return 1;
        }
        long tLoad = System.nanoTime();
        CoverRun run = new CoverRun(k, root);
        // The SAT encoding needs only the tree: it runs on a second core while the conditions and the base
        // configuration are computed (about a second of the run on Linux either way).
        java.util.concurrent.CompletableFuture<KconfigSat> model =
                java.util.concurrent.CompletableFuture.supplyAsync(run::model);
        java.util.List<dev.kls.c.kbuild.CoverTarget> targets = new java.util.ArrayList<>();
        java.util.List<dev.kls.kconfig.sat.CoverSearch.Part> parts;
        ConfigResult baseConfig;
        try {
            for (String s : coverSpecs) {
                dev.kls.c.kbuild.CoverTarget c = dev.kls.c.kbuild.CoverTarget.parse(s);
                targets.add(new dev.kls.c.kbuild.CoverTarget(CoverRun.inTree(root, c.file()), c.lines()));
            }
            parts = run.parts(targets);
            baseConfig = run.base(base);
        } catch (IllegalArgumentException | IOException e) {
            err.println("kls: " + e.getMessage());
            return 2;
        }
        long tBase = System.nanoTime();
        model.join();
        long tModel = System.nanoTime();
        dev.kls.kconfig.sat.CoverSearch.Outcome o = run.search(baseConfig, parts);
        long tSearch = System.nanoTime();
        CoverRun.summary(o, parts, err);
        err.println(String.format(java.util.Locale.ROOT,
                "kls: cover: times: Kconfig %.2f s, conditions and base %.2f s, SAT model (beside them) %.2f s more, "
                        + "search and conf %.2f s",
                (tLoad - t0) / 1e9, (tBase - tLoad) / 1e9, (tModel - tBase) / 1e9, (tSearch - tModel) / 1e9));
        if (o.config() == null) {
            err.println("kls: cover: no configuration compiles all of it");
            return 1;
        }
        try {
            if (out == null) {
                stdout.print(o.config().text());
                stdout.flush();
            } else {
                writeAtomically(out, o.config().text());
            }
        } catch (IOException e) {
            err.println("kls: cannot write " + out + ": " + e.getMessage());
            return 2;
        }
        err.println(String.format(java.util.Locale.ROOT, "kls: cover: %.2f s", (System.nanoTime() - t0) / 1e9));
        return 0;
    }

    /**
     * The file the target starts from, as conf finds it; null for none.
     *
     * @throws IllegalArgumentException a required input is missing, with conf's words where it has them
     */
    private Path input(ConfigTarget t, Path configName) {
        if (t == ConfigTarget.DEFCONFIG) {
            if (defconfig != null && config != null && !defconfig.equals(config)) {
                throw new IllegalArgumentException("defconfig takes one file: --defconfig or --config, not both");
            }
            Path file = defconfig != null ? defconfig : config;
            if (file == null) {
                throw new IllegalArgumentException("defconfig needs --defconfig FILE, the defconfig to expand");
            }
            return file;
        }
        if (defconfig != null) {
            throw new IllegalArgumentException("--defconfig is for the defconfig target only");
        }
        if (config != null) {
            return config;
        }
        if (t.readsDotConfig()) {
            // conf_read(NULL): KCONFIG_CONFIG, else .config. make would then also try the running kernel's
            // config (/boot, /lib/modules) and the arch's defconfig; kls reads nothing outside the tree.
            return Files.isRegularFile(configName) ? configName : null;
        }
        if (t.takesAllConfig()) {
            return allConfig(t);
        }
        return null;
    }

    /** KCONFIG_ALLCONFIG as conf.c reads it: a file name, or "1"/empty for allno.config ... or all.config. */
    private Path allConfig(ConfigTarget t) {
        String name = env.get("KCONFIG_ALLCONFIG");
        if (name == null) {
            return null;
        }
        if (!name.isEmpty() && !name.equals("1")) {
            Path p = openable(name);
            if (p == null) {
                throw new IllegalArgumentException("Can't read seed configuration \"" + name + "\"!");
            }
            return p;
        }
        Path p = openable(t.allConfigFile());
        if (p == null) {
            p = openable("all.config");
        }
        if (p == null) {
            throw new IllegalArgumentException("KCONFIG_ALLCONFIG set, but no \"" + t.allConfigFile()
                    + "\" or \"all.config\" file found");
        }
        return p;
    }

    /** zconf_fopen: the name as it is (from the current folder), else under the source tree. */
    private Path openable(String name) {
        Path p = Path.of(name);
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (!p.isAbsolute()) {
            Path inTree = (tree.srctree != null ? tree.srctree : tree.kconfig.toAbsolutePath().getParent()).resolve(name);
            if (Files.isRegularFile(inTree)) {
                return inTree;
            }
        }
        return null;
    }

    /** As conf_write: an identical file is left untouched, the one replaced is kept as {@code NAME.old}. */
    static void writeAtomically(Path dest, String text) throws IOException {
        dev.kls.kconfig.AtomicFiles.writeKeepingOld(dest, text);
    }

    /** A command's text on one line, without control characters. */
    private static String printable(String text) {
        String one = text.replaceAll("[\\p{Cntrl}&&[^\t]]", "?");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }
}

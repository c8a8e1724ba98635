package dev.kls.cli;

import dev.kls.c.kbuild.CoverTarget;
import dev.kls.c.kbuild.Kbuild;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.sat.CoverSearch;
import dev.kls.kconfig.sat.KconfigSat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kls config cover}: the smallest change to a base configuration under
 * which the given files (and lines) are compiled, confirmed by conf-exact
 * olddefconfig. Shared by the sweep's {@code cover:PATCH} sampler.
 */
final class CoverRun {

    private final Kconfig k;
    private final Path root;
    private final Kbuild kbuild;
    private KconfigSat sat;

    CoverRun(Kconfig k, Path root) {
        this.k = k;
        this.root = root;
        this.kbuild = new Kbuild(root, k.environment().srcarch(), k.environment().arch());
    }

    /** The base: olddefconfig of {@code base}, else what make defconfig computes for the arch. */
    ConfigResult base(Path base) throws IOException {
        if (base != null) {
            return ConfigEvaluator.run(k.tree(), ConfigTarget.OLDDEFCONFIG,
                    DotConfig.parse(base.toString(), Files.readString(base, StandardCharsets.UTF_8)));
        }
        Path def = defconfig();
        return ConfigEvaluator.run(k.tree(), ConfigTarget.DEFCONFIG,
                DotConfig.parse(root.relativize(def).toString(), Files.readString(def, StandardCharsets.UTF_8)));
    }

    private static final Pattern KBUILD_DEFCONFIG = Pattern.compile("^\\s*KBUILD_DEFCONFIG\\s*:?=\\s*(\\S+)\\s*$");

    /**
     * make defconfig's file: arch/SRCARCH/configs/$(KBUILD_DEFCONFIG). The arch
     * Makefile's first assignment that names an existing file wins ($(ARCH)
     * substituted; x86's uname test then picks x86_64_defconfig, the first one).
     */
    Path defconfig() {
        String srcarch = k.environment().srcarch();
        Path configs = root.resolve("arch").resolve(srcarch).resolve("configs");
        Path own = configs.resolve(k.environment().arch() + "_defconfig");
        if (Files.isRegularFile(own)) {
            return own;
        }
        try {
            for (String line : Files.readAllLines(root.resolve("arch").resolve(srcarch).resolve("Makefile"))) {
                Matcher m = KBUILD_DEFCONFIG.matcher(line);
                if (m.matches()) {
                    Path p = configs.resolve(m.group(1).replace("$(ARCH)", k.environment().arch()));
                    if (Files.isRegularFile(p)) {
                        return p;
                    }
                }
            }
        } catch (IOException e) {
            // no arch Makefile: fall back to kbuild's default name
        }
        return configs.resolve("defconfig");
    }

    /** The conjuncts for the targets, with the tree's symbol types. */
    List<CoverSearch.Part> parts(List<CoverTarget> targets) throws IOException {
        Function<String, SymbolType> types = k.model()::symbolType;
        List<CoverSearch.Part> parts = new ArrayList<>();
        for (CoverTarget t : targets) {
            if (!Files.isRegularFile(root.resolve(t.file()))) {
                throw new IllegalArgumentException("no such file in the tree: " + t.file());
            }
            parts.addAll(t.parts(root, kbuild, k.environment().srcarch(), types));
        }
        return parts;
    }

    /** The tree's SAT model, encoded once per run. */
    synchronized KconfigSat model() {
        if (sat == null) {
            sat = KconfigSat.of(k.tree());
        }
        return sat;
    }

    CoverSearch.Outcome search(ConfigResult base, List<CoverSearch.Part> parts) {
        return CoverSearch.search(model(), base, parts);
    }

    /**
     * The sweep's {@code cover:PATCH} configurations: one per C file of the
     * diff (its changed lines), each the smallest change to the arch's
     * defconfig; files no configuration compiles are said on stderr and left out.
     * Returns the number of configurations of the whole sweep.
     */
    static int plan(Kconfig k, Path root, Path patch, int[] shard, List<dev.kls.diagnostics.sweep.Sweep.Planned> planned,
            PrintWriter err) throws IOException {
        CoverRun run = new CoverRun(k, root);
        ConfigResult base = run.base(null);
        List<CoverTarget> targets = CoverTarget.fromPatch(Files.readString(patch, StandardCharsets.UTF_8));
        int index = 0;
        for (CoverTarget t : targets) {
            CoverSearch.Outcome o;
            try {
                o = run.search(base, run.parts(List.of(t)));
            } catch (IllegalArgumentException e) {
                err.println("kls: sweep: cover: " + t.file() + ": " + e.getMessage());
                continue;
            }
            if (o.config() == null) {
                err.println("kls: sweep: cover: no configuration compiles " + t.file() + ": " + o.unsatisfiable());
                continue;
            }
            if (dev.kls.diagnostics.sweep.Sweep.inShard(index, shard[0], shard[1])) {
                ConfigResult r = o.config();
                planned.add(new dev.kls.diagnostics.sweep.Sweep.Planned(index, null, "cover:" + t.file(), () -> r));
            }
            index++;
        }
        return index;
    }

    /** A path given on the command line: relative to the tree, or absolute inside it. */
    static String inTree(Path root, String file) {
        Path p = Path.of(file);
        if (!p.isAbsolute()) {
            return file.replace('\\', '/');
        }
        Path abs = p.normalize();
        if (!abs.startsWith(root)) {
            throw new IllegalArgumentException("not in the tree " + root + ": " + file);
        }
        return root.relativize(abs).toString().replace('\\', '/');
    }

    /** The summary on stderr: what changed and why, what was assumed, what conf rejected. */
    static void summary(CoverSearch.Outcome o, List<CoverSearch.Part> parts, PrintWriter err) {
        for (CoverSearch.Part p : parts) {
            err.println("kls: cover: needs " + p.formula().toKconfig() + "   <- " + p.name());
        }
        for (String a : o.assumed()) {
            err.println("kls: cover: warning: not over Kconfig symbols, assumed true and not checked: " + a);
        }
        if (o.config() == null) {
            for (String u : o.unsatisfiable()) {
                err.println("kls: cover: impossible: " + u);
            }
            return;
        }
        for (CoverSearch.Change c : o.changes()) {
            err.println("kls: cover: " + c.symbol() + ": " + c.from().letter() + " -> " + c.to().letter()
                    + (c.named() ? "   (named by the condition)" : "   (needed by Kconfig for the above: dependency, "
                            + "select or default)"));
        }
        err.println("kls: cover: " + o.changes().size() + " symbol(s) changed"
                + (o.proven() ? " (the fewest among the symbols a nearby model changed)"
                        : " (not proven the fewest: a bounded SAT call gave up)")
                + "; " + o.solves() + " SAT call(s); " + o.rejected() + " assignment(s) rejected by conf's olddefconfig");
    }
}

package dev.kls.kconfig;

import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.model.ModelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A kernel tree's Kconfig for one ARCH, read with the environment kbuild would
 * give it: the entry point for everything that needs Kconfig.
 *
 * @param cachedMacros the $(shell,...) macros whose output came from the macro cache instead of a run
 */
public record Kconfig(KbuildEnvironment environment, KconfigTree tree, KconfigModel model, List<Diagnostic> diagnostics,
        List<MacroExpander.CachedMacro> cachedMacros) {

    /** Bad input that is not a Kconfig problem: no tree, no such ARCH. */
    public static final class InputException extends Exception {
        public InputException(String message) {
            super(message);
        }
    }

    /**
     * @param allowShell run $(shell,...) commands; without it they are left unevaluated and reported
     */
    public static Kconfig load(Path srctree, String arch, boolean allowShell, Map<String, String> processEnv)
            throws InputException {
        return load(srctree, arch, allowShell, processEnv, null);
    }

    /**
     * @param allowShell run $(shell,...) commands; without it they are taken from the macro cache, or left
     *        unevaluated and reported
     * @param macroCache the macro cache file ({@link MacroCache#defaultFile} for the tree's own); null for none.
     *        A run with {@code allowShell} records every command's result there; one without reads it. A
     *        cache that cannot be read is an error diagnostic, and is then neither used nor written.
     */
    public static Kconfig load(Path srctree, String arch, boolean allowShell, Map<String, String> processEnv,
            Path macroCache) throws InputException {
        return load(srctree, arch, allowShell, processEnv, macroCache, null);
    }

    /**
     * A Kconfig tree that is not (or not read as) a Linux tree: Zephyr,
     * Buildroot, U-Boot, BusyBox, conf's own test folders. No arch/ is
     * needed; Kconfig sees the process environment as it is, as conf gives
     * it (ARCH, SRCARCH and srctree only if set there), and $(srctree) paths
     * resolve against {@code srctree}.
     *
     * @param rootFile the top Kconfig file, relative to {@code srctree}
     */
    public static Kconfig loadFile(Path srctree, String rootFile, boolean allowShell, Map<String, String> processEnv,
            Path macroCache) throws InputException {
        if (!Files.isRegularFile(srctree.resolve(rootFile))) {
            throw new InputException("can't open file \"" + rootFile + "\" in " + srctree);
        }
        KbuildEnvironment env = new KbuildEnvironment(processEnv.getOrDefault("ARCH", ""),
                processEnv.getOrDefault("SRCARCH", ""), Map.copyOf(processEnv));
        return load(srctree, rootFile, env, allowShell, macroCache, null);
    }

    /** @param executor runs the commands in place of /bin/sh (tests); null for /bin/sh */
    static Kconfig load(Path srctree, String arch, boolean allowShell, Map<String, String> processEnv,
            Path macroCache, ProcessShell.Executor executor) throws InputException {
        if (!Files.isRegularFile(srctree.resolve("Kconfig"))) {
            throw new InputException("no Kconfig at the top of " + srctree + ": not a kernel source tree");
        }
        String srcarch = KbuildEnvironment.srcarchOf(arch);
        if (arch.isEmpty() || !Files.isRegularFile(srctree.resolve("arch").resolve(srcarch).resolve("Kconfig"))) {
            throw new InputException("unknown arch '" + arch + "': there is no arch/" + srcarch + "/Kconfig in "
                    + srctree);
        }
        KbuildEnvironment env = KbuildEnvironment.of(srctree, arch, processEnv);
        return load(srctree, processEnv.getOrDefault("KBUILD_KCONFIG", "Kconfig"), env, allowShell, macroCache,
                executor);
    }

    private static Kconfig load(Path srctree, String rootFile, KbuildEnvironment env, boolean allowShell,
            Path macroCache, ProcessShell.Executor executor) {
        List<Diagnostic> shellProblems = new ArrayList<>();
        MacroCache cache = null;
        if (macroCache != null) {
            try {
                cache = MacroCache.load(macroCache, displayName(srctree, macroCache));
            } catch (MacroCache.CacheException e) {
                shellProblems.add(e.diagnostic());
            }
        }
        MacroExpander.ShellRunner shell = null;
        MacroExpander.RecordedResults recorded = null;
        List<ProcessShell> shells = new ArrayList<>();
        Map<String, String> vars = env.variables();
        if (allowShell) {
            ProcessShell ps = new ProcessShell(srctree, vars, shellProblems, executor);
            shells.add(ps);
            if (!vars.containsKey("CC_VERSION_TEXT")) {
                vars = withVersion(vars, ps.ccVersionText());
                ps = new ProcessShell(srctree, vars, shellProblems, executor);
                shells.add(ps);
            }
            shell = ps;
        } else if (cache != null) {
            if (!vars.containsKey("CC_VERSION_TEXT")) {
                String version = cache.lookup(vars, ProcessShell.ccVersionCommand(vars));
                if (version != null) {
                    vars = withVersion(vars, version);
                }
            }
            MacroCache c = cache;
            Map<String, String> runEnv = vars;
            recorded = command -> c.lookup(runEnv, command);
        }
        MacroExpander macros = new MacroExpander(vars, shell, recorded);
        KconfigTree tree = KconfigLoader.load(srctree, rootFile, macros);
        if (cache != null && !shells.isEmpty()) {
            MacroCache store = cache;
            for (ProcessShell ps : shells) {
                ps.completed().forEach((command, output) -> store.record(ps.environment(), command, output));
            }
            try {
                store.save();
            } catch (MacroCache.CacheException e) {
                shellProblems.add(e.diagnostic());
            }
        }
        KconfigModel model = ModelBuilder.build(tree);
        List<Diagnostic> all = new ArrayList<>(tree.diagnostics());
        all.addAll(shellProblems);
        all.addAll(model.diagnostics());
        return new Kconfig(env, tree, model, List.copyOf(all), List.copyOf(macros.cached()));
    }

    private static Map<String, String> withVersion(Map<String, String> vars, String version) {
        Map<String, String> m = new HashMap<>(vars);
        m.put("CC_VERSION_TEXT", version);
        return Map.copyOf(m);
    }

    /** The cache file as diagnostics name it: relative to the tree when inside it. */
    private static String displayName(Path srctree, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path root = srctree.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    /**
     * The same tree evaluated with another release's Kconfig rules (the
     * {@code --kernel-version} override); the tree's Makefile is then not asked.
     */
    public Kconfig withRelease(dev.kls.kconfig.semantics.KconfigRelease release) {
        return new Kconfig(environment, tree.withRelease(release), model, diagnostics, cachedMacros);
    }

    /** The release whose Kconfig rules apply to this tree. */
    public dev.kls.kconfig.semantics.KconfigRelease release() {
        return tree.release();
    }

    public long count(KconfigSeverity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}

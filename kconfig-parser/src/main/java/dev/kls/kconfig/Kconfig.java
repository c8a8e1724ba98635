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
 */
public record Kconfig(KbuildEnvironment environment, KconfigTree tree, KconfigModel model, List<Diagnostic> diagnostics) {

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
        if (!Files.isRegularFile(srctree.resolve("Kconfig"))) {
            throw new InputException("no Kconfig at the top of " + srctree + ": not a kernel source tree");
        }
        String srcarch = KbuildEnvironment.srcarchOf(arch);
        if (arch.isEmpty() || !Files.isRegularFile(srctree.resolve("arch").resolve(srcarch).resolve("Kconfig"))) {
            throw new InputException("unknown arch '" + arch + "': there is no arch/" + srcarch + "/Kconfig in "
                    + srctree);
        }
        KbuildEnvironment env = KbuildEnvironment.of(srctree, arch, processEnv);
        List<Diagnostic> shellProblems = new ArrayList<>();
        MacroExpander.ShellRunner shell = null;
        Map<String, String> vars = env.variables();
        if (allowShell) {
            ProcessShell ps = new ProcessShell(srctree, vars, shellProblems);
            if (!vars.containsKey("CC_VERSION_TEXT")) {
                Map<String, String> withVersion = new HashMap<>(vars);
                withVersion.put("CC_VERSION_TEXT", ps.ccVersionText());
                vars = Map.copyOf(withVersion);
                ps = new ProcessShell(srctree, vars, shellProblems);
            }
            shell = ps;
        }
        MacroExpander macros = new MacroExpander(vars, shell);
        String rootFile = processEnv.getOrDefault("KBUILD_KCONFIG", "Kconfig");
        KconfigTree tree = KconfigLoader.load(srctree, rootFile, macros);
        KconfigModel model = ModelBuilder.build(tree);
        List<Diagnostic> all = new ArrayList<>(tree.diagnostics());
        all.addAll(shellProblems);
        all.addAll(model.diagnostics());
        return new Kconfig(env, tree, model, List.copyOf(all));
    }

    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}

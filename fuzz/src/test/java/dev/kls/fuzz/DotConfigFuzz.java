package dev.kls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.testing.LinuxTree;

/** A .config as read by olddefconfig and savedefconfig over the kconfig-warnings scenario's tree. */
public class DotConfigFuzz {

    private static final Kconfig TREE = load();

    private static Kconfig load() {
        try {
            return Kconfig.load(LinuxTree.repoRoot().resolve("test-workspace/kconfig-warnings"), "x86", false,
                    Inputs.ENV);
        } catch (Kconfig.InputException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void fuzzerTestOneInput(byte[] data) {
        String text = Inputs.text(data);
        DotConfig dot = DotConfig.parse(".config", text);
        Inputs.inside(dot.problems(), ".config", text);
        ConfigResult r = ConfigEvaluator.run(TREE.tree(), ConfigTarget.OLDDEFCONFIG, dot);
        // What olddefconfig writes is a configuration conf reads back without a complaint.
        DotConfig again = DotConfig.parse(".config", r.text());
        if (!again.problems().isEmpty()) {
            throw new AssertionError("olddefconfig wrote a line it cannot read: " + again.problems());
        }
        ConfigEvaluator.run(TREE.tree(), ConfigTarget.SAVEDEFCONFIG, dot);
    }

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        fuzzerTestOneInput(data);
    }
}

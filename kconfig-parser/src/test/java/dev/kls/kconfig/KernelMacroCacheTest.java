package dev.kls.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.testing.LinuxTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linux 6.1 x86_64: a run with $(shell) allowed fills the macro cache (kept in
 * a temporary folder, so the kernel tree is not written to); a run without
 * reads the same model and computes the same configuration, running nothing.
 */
@Tag("kernel")
class KernelMacroCacheTest {

    @TempDir
    Path work;

    @Test
    void aRunWithoutShellReplaysTheAllowedRun() throws Exception {
        Path tree = LinuxTree.dir();
        Path cache = work.resolve("macro-cache.json");
        // The tree may hold a cache written by a user's own run; this test must neither use nor touch it.
        Path inTree = tree.resolve(".kls/macro-cache.json");
        String before = Files.exists(inTree) ? Files.readString(inTree) + Files.getLastModifiedTime(inTree) : null;
        Kconfig allowed = Kconfig.load(tree, "x86_64", true, System.getenv(), cache);
        assertEquals(0, allowed.count(KconfigSeverity.ERROR), allowed.diagnostics().toString());
        assertEquals(0, allowed.tree().unevaluated().size());
        assertTrue(Files.isRegularFile(cache));
        assertEquals(before, Files.exists(inTree) ? Files.readString(inTree) + Files.getLastModifiedTime(inTree)
                : null, "nothing is written into the kernel tree");

        Kconfig replay = Kconfig.load(tree, "x86_64", false, System.getenv(), cache);
        assertEquals(0, replay.count(KconfigSeverity.ERROR), replay.diagnostics().toString());
        assertEquals(0, replay.tree().unevaluated().size(), () -> "missing from the cache: "
                + replay.tree().unevaluated());
        assertTrue(replay.cachedMacros().size() > 50, "cached macros: " + replay.cachedMacros().size());
        assertEquals(allowed.model().symbols().keySet(), replay.model().symbols().keySet());

        Path defconfig = tree.resolve("arch/x86/configs/x86_64_defconfig");
        DotConfig in = DotConfig.parse("arch/x86/configs/x86_64_defconfig", Files.readString(defconfig));
        ConfigResult a = ConfigEvaluator.run(allowed.tree(), ConfigTarget.OLDDEFCONFIG, in);
        ConfigResult b = ConfigEvaluator.run(replay.tree(), ConfigTarget.OLDDEFCONFIG, in);
        assertEquals(a.symbols(), b.symbols());
        assertEquals(a.text(), b.text());

        // Without the cache the same run cannot know the compiler's answers: the check above is not vacuous.
        Kconfig blind = Kconfig.load(tree, "x86_64", false, System.getenv(), work.resolve("none.json"));
        assertTrue(blind.tree().unevaluated().size() > 50, "unevaluated: " + blind.tree().unevaluated().size());
        System.out.println("x86_64: " + replay.cachedMacros().size() + " macros replayed from the cache, "
                + blind.tree().unevaluated().size() + " unevaluated without it; " + a.symbols().size()
                + " symbols with the same values");
    }
}

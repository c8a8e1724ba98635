package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.semantics.KconfigRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator applies the rules of the tree's release (see {@link KconfigRelease}). */
class ReleaseSemanticsTest {

    @TempDir
    Path dir;

    static final String CHOICE = """
            mainmenu "Test"
            config MODULES
            \tbool "modules"
            \tmodules
            choice
            \tprompt "IOMMU default"
            \tdefault ON
            config ON
            \tbool "on"
            config ON_INTGPU_OFF
            \tbool "on, integrated GPU off"
            config OFF
            \tbool "off"
            endchoice
            config INT
            \tint "a number"
            """;

    KconfigTree tree(String version) throws Exception {
        Files.writeString(dir.resolve("Kconfig"), CHOICE);
        Files.writeString(dir.resolve("Makefile"), "VERSION = " + version.split("\\.")[0] + "\nPATCHLEVEL = "
                + version.split("\\.")[1] + "\nSUBLEVEL = 0\n");
        KconfigTree t = KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null));
        assertTrue(t.diagnostics().isEmpty(), t.diagnostics()::toString);
        return t;
    }

    @Test
    void aUserNOnTheDefaultEntryMovesA612ChoiceToTheNextVisibleEntry() throws Exception {
        String in = "# CONFIG_ON is not set\n";
        ConfigResult r612 = TestTrees.run(tree("6.12"), ConfigTarget.OLDDEFCONFIG, in);
        assertTrue(r612.body().contains("# CONFIG_ON is not set\nCONFIG_ON_INTGPU_OFF=y\n# CONFIG_OFF is not set\n"),
                r612.body());
        // 6.1's conf keeps the default: a user n on a choice value is no pick.
        ConfigResult r61 = TestTrees.run(tree("6.1"), ConfigTarget.OLDDEFCONFIG, in);
        assertTrue(r61.body().contains("CONFIG_ON=y\n# CONFIG_ON_INTGPU_OFF is not set\n"), r61.body());
    }

    @Test
    void theLastOfConflictingEntriesWinsIn612() throws Exception {
        ConfigResult r = TestTrees.run(tree("6.12"), ConfigTarget.OLDDEFCONFIG, "CONFIG_OFF=y\nCONFIG_ON_INTGPU_OFF=y\n");
        assertTrue(r.body().contains("# CONFIG_ON is not set\nCONFIG_ON_INTGPU_OFF=y\n# CONFIG_OFF is not set\n"),
                r.body());
    }

    @Test
    void anIntWithoutDefaultIsZeroIn612AndEmptyIn61() throws Exception {
        assertTrue(TestTrees.run(tree("6.12"), ConfigTarget.ALLNOCONFIG, null).body().contains("CONFIG_INT=0\n"));
        assertTrue(TestTrees.run(tree("6.1"), ConfigTarget.ALLNOCONFIG, null).body().contains("CONFIG_INT=\n"));
    }

    @Test
    void anOverrideReplacesTheMakefilesRelease() throws Exception {
        KconfigTree t = tree("6.12").withRelease(KconfigRelease.of("6.1", "--kernel-version"));
        ConfigResult r = TestTrees.run(t, ConfigTarget.OLDDEFCONFIG, "# CONFIG_ON is not set\n");
        assertTrue(r.body().contains("CONFIG_ON=y\n"), r.body());
        assertEquals("6.1", t.release().name());
    }

    @Test
    void a612ChoiceRejectsOldSyntax() throws Exception {
        Files.writeString(dir.resolve("Makefile"), "VERSION = 6\nPATCHLEVEL = 12\n");
        Files.writeString(dir.resolve("Kconfig"), """
                choice NAMED
                \ttristate "pick"
                \toptional
                config A
                \ttristate "a"
                endchoice
                """);
        KconfigTree t = KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null));
        String diags = ConfigEvaluator.run(t, ConfigTarget.ALLNOCONFIG, null).diagnostics().toString();
        assertTrue(diags.contains("does not accept a name after 'choice'"), diags);
        assertTrue(diags.contains("tristate choices were removed in 6.11"), diags);
        assertTrue(diags.contains("'optional' was removed in Linux 6.10"), diags);
        assertTrue(diags.contains("choice member must be bool"), diags);
    }
}

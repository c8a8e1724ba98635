package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fixes;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.CheckedTree;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dotconfig-line: conf's warnings about the lines of a .config or defconfig. */
class DotconfigLineRuleTest {

    private final DotconfigLineRule rule = new DotconfigLineRule();

    private static final String ARCH = "config X86\n\tdef_bool y\n\n"
            + "config PCI\n\tbool \"pci\"\n\n"
            + "config XEN\n\ttristate \"xen\"\n\n"
            + "config NR\n\tint \"nr\"\n\tdefault 4\n";

    private static final String BAD = "CONFIG_PCII=y\nCONFIG_XEN=q\nCONFIG_NR=8\nCONFIG_NR=16\n";

    private static CheckedTree withConfig(RuleFixture t, String file, String text, List<String> scope) {
        Kconfig k = t.kconfig();
        EvaluatedConfig cfg = new EvaluatedConfig(file, ConfigEvaluator.run(k.tree(), ConfigTarget.OLDDEFCONFIG,
                DotConfig.parse(file, text)));
        return new CheckedTree(t.dir().toAbsolutePath().normalize(), k, cfg, scope, Map.of());
    }

    @Test
    void theConfigurationsOwnLinesInConfsWords(@TempDir Path dir) throws Exception {
        RuleFixture t = RuleFixture.tree(dir, ARCH);
        Files.writeString(dir.resolve(".config"), BAD);
        List<Finding> found = t.run(rule, withConfig(t, ".config", BAD, List.of()), Map.of());
        List<String> shown = found.stream().map(f -> f.range().startLine() + ":" + f.range().startColumn() + " "
                + f.message()).toList();
        assertEquals(List.of("1:8 unknown symbol: PCII", "2:1 symbol value 'q' invalid for XEN",
                "4:1 override: reassigning to symbol NR"), shown);
        assertTrue(found.stream().allMatch(f -> f.ruleId().equals("dotconfig-line") && f.severity() == Severity.WARNING));
        Finding unknown = found.get(0);
        assertEquals(List.of("Change to 'CONFIG_PCI'", "Delete the line"),
                unknown.fixes().stream().map(x -> x.title()).toList());
        // The fix leaves a file conf reads without that complaint.
        Fixes.Plan plan = Fixes.plan(List.of(unknown), f -> Files.readString(dir.resolve(f)));
        String fixed = plan.texts().get(".config");
        assertTrue(fixed.startsWith("CONFIG_PCI=y\n"), fixed);
        List<Finding> again = t.run(rule, withConfig(t, ".config", fixed, List.of()), Map.of());
        assertTrue(again.stream().noneMatch(f -> f.message().startsWith("unknown symbol")), again.toString());
    }

    @Test
    void aDefconfigTheScopeNamesIsReadAsMakeDefconfigReadsIt(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, ARCH, "arch/x86/configs/test_defconfig", "CONFIG_PCI=y\nCONFIG_XENN=y\n",
                "arch/x86/configs/clean_defconfig", "CONFIG_PCI=y\nCONFIG_XEN=m\n");
        CheckedTree named = new CheckedTree(dir.toAbsolutePath().normalize(), t.kconfig(), null,
                List.of("arch/x86/configs/test_defconfig", "arch/x86/configs/clean_defconfig"), Map.of());
        List<Finding> found = t.run(rule, named, Map.of());
        assertEquals(1, found.size(), found.toString());
        assertEquals("arch/x86/configs/test_defconfig", found.get(0).file());
        assertEquals("unknown symbol: XENN", found.get(0).message());
        assertEquals("Change to 'CONFIG_XEN'", found.get(0).fixes().get(0).title());
    }

    @Test
    void anOpenBufferIsCheckedAsTyped(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, ARCH, "arch/x86/configs/test_defconfig", "CONFIG_PCI=y\n");
        CheckedTree typed = new CheckedTree(dir.toAbsolutePath().normalize(), t.kconfig(), null,
                List.of("arch/x86/configs/test_defconfig"),
                Map.of("arch/x86/configs/test_defconfig", "CONFIG_PCI=y\nCONFIG_NR=lots\n"));
        List<Finding> found = t.run(rule, typed, Map.of());
        assertEquals(1, found.size(), found.toString());
        assertEquals("symbol value 'lots' invalid for NR", found.get(0).message());
    }

    @Test
    void cleanFilesAndFilesOutOfScopeAreSilent(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, ARCH, "arch/x86/configs/test_defconfig", "CONFIG_XENN=y\n");
        assertEquals(List.of(), t.run(rule)); // no configuration, no named file
        assertEquals(List.of(), t.run(rule, withConfig(t, ".config", "CONFIG_PCI=y\nCONFIG_XEN=m\n", List.of()),
                Map.of()));
    }
}

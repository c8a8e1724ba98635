package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * select-unmet-deps in the current configuration: conf's "unmet direct
 * dependencies detected" at the select line, with the values as witness.
 */
class SelectUnmetDepsRuleTest {

    private final SelectUnmetDepsRule rule = new SelectUnmetDepsRule();

    private static final String TREE = "config X86\n\tdef_bool y\n\n"
            + "config PCI\n\tbool \"pci\"\n\n"
            + "config ACPI\n\tbool \"acpi\"\n\n"
            + "config XEN_DOM0\n\tbool \"dom0\"\n\tselect PCIBACK\n\tselect STUB if PCI\n\n"
            + "config PCIBACK\n\tbool\n\tdepends on PCI && X86\n\n"
            + "config STUB\n\tbool\n\tdepends on PCI\n\n"
            + "config OTHER\n\tbool \"other\"\n\tselect PCIBACK if ACPI\n";

    @Test
    void selectOverUnmetDependencyAtTheSelectLine(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, TREE);
        List<Finding> found = t.run(rule, "CONFIG_XEN_DOM0=y\n# CONFIG_PCI is not set\n");
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals("select-unmet-deps", f.ruleId());
        assertEquals("arch/x86/Kconfig", f.file());
        assertEquals(12, f.range().startLine());
        assertTrue(f.message().startsWith("unmet direct dependencies detected for PCIBACK"), f.message());
        assertTrue(f.message().contains("PCI [=n]"), f.message());
        // Only what makes it fire: X86=y does not matter once PCI=n.
        assertEquals(List.of(new Assignment("XEN_DOM0", "y"), new Assignment("PCI", "n")), f.witness());
        assertEquals("XEN_DOM0 && !(PCI && X86)", f.condition().text());
        assertEquals(1, f.related().size());
        assertEquals(17, f.related().get(0).range().startLine()); // its depends on line
    }

    @Test
    void everySelectorThatForcesItIsReported(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, TREE);
        List<Finding> found = t.run(rule, "CONFIG_XEN_DOM0=y\nCONFIG_OTHER=y\nCONFIG_ACPI=y\n");
        assertEquals(2, found.size(), found.toString());
        assertEquals(25, found.get(1).range().startLine());
        assertEquals(List.of(new Assignment("OTHER", "y"), new Assignment("ACPI", "y"), new Assignment("PCI", "n")),
                found.get(1).witness());
    }

    @Test
    void metDependenciesGuardedSelectsAndNoSelectorAreSilent(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, TREE);
        assertEquals(List.of(), t.run(rule, "CONFIG_XEN_DOM0=y\nCONFIG_PCI=y\n"));
        assertEquals(List.of(), t.run(rule, "# CONFIG_XEN_DOM0 is not set\nCONFIG_OTHER=y\n"));
    }

    @Test
    void suppressedOnTheSelectLine(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, TREE.replace("\tselect PCIBACK\n",
                "\tselect PCIBACK # kls-ignore: select-unmet-deps, select-non-bool\n"));
        assertEquals(List.of(), t.run(rule, "CONFIG_XEN_DOM0=y\n"));
    }

    @Test
    void withoutAConfigurationEverySelectThatCanForceItsTargetIsReportedWithAConfirmedWitness(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, TREE);
        List<Finding> found = t.run(rule);
        // XEN_DOM0 > PCIBACK (PCI=n by default) and OTHER > PCIBACK if ACPI; STUB is selected only if PCI.
        assertEquals(2, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals(12, f.range().startLine());
        assertTrue(f.message().startsWith("unmet direct dependencies detected for PCIBACK in some configurations:"
                + " XEN_DOM0 selects it while \"PCI && X86\" is false"), f.message());
        // PCI is n by default: turning the selector on is the only change from the defaults that matters.
        assertEquals(List.of(new Assignment("XEN_DOM0", "y")), f.witness());
        assertEquals("XEN_DOM0 && !(PCI && X86)", f.condition().text());
        assertEquals(17, f.related().get(0).range().startLine());
        Finding other = found.get(1);
        assertEquals(25, other.range().startLine());
        assertEquals(List.of(new Assignment("ACPI", "y"), new Assignment("OTHER", "y")), other.witness());
        // The witness reproduces conf's warning in the evaluator, as the rule confirmed it.
        String dot = "CONFIG_ACPI=y\nCONFIG_OTHER=y\n";
        var r = dev.kls.kconfig.eval.ConfigEvaluator.run(t.kconfig().tree(),
                dev.kls.kconfig.eval.ConfigTarget.OLDDEFCONFIG, dev.kls.kconfig.dotconfig.DotConfig.parse("w", dot));
        assertTrue(dev.kls.kconfig.sat.StaticSelects.unmetTargets(r).contains("PCIBACK"));
    }

    @Test
    void withoutAConfigurationGuardedSelectsAreSilent(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config PCI\n\tbool \"pci\"\n\n"
                + "config A\n\tbool \"a\"\n\tselect B if PCI\n\n"
                + "config C\n\tbool \"c\"\n\tdepends on PCI\n\tselect B\n\n"
                + "config D\n\tbool \"d\"\n\tselect E\n\n"
                + "config B\n\tbool\n\tdepends on PCI\n\n"
                + "config E\n\tbool\n");
        assertEquals(List.of(), t.run(rule));
    }
}

package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.RuleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dead-default: default lines conf never takes in any configuration, proven by the SAT model. */
class DeadDefaultRuleTest {

    private final DeadDefaultRule rule = new DeadDefaultRule();

    private static List<Finding> run(RuleFixture t, Rule rule, String options) {
        RuleSettings on = RuleSettings.parse("{ \"rules\": { \"dead-default\": { \"options\": { " + options + " } } } }",
                List.of(rule.id()), RuleSettings.optionNames(List.of(rule)));
        assertEquals(List.of(), on.problems());
        Report r = new RuleEngine(List.of(rule), on, new RuleEngine.Options(Duration.ofMinutes(1), 1)).run(t.workspace(null));
        return r.findings();
    }

    private static List<Finding> run(RuleFixture t, Rule rule) {
        return run(t, rule, "\"all-configurations\": \"auto\"");
    }

    private static final String TREE = "config X86\n\tdef_bool y\n\n" // 1
            + "config PCI\n\tbool \"pci\"\n\n" // 4
            + "config ACPI\n\tbool \"acpi\"\n\n" // 7
            // 10: the second default is shadowed by the unconditional first
            + "config SHADOWED\n\tbool \"shadowed\"\n\tdefault y\n\tdefault n if PCI\n\n"
            // 15: a condition that contradicts the dependency
            + "config CONTRA\n\tbool \"contra\"\n\tdepends on PCI\n\tdefault y if !PCI\n\n"
            // 20: an earlier condition implied by a later one: the later is shadowed
            + "config IMPLIED\n\tbool\n\tdefault y if PCI\n\tdefault m if PCI && ACPI\n\n"
            // 25: alive look-alikes: conditional first, catch-all last; two disjoint conditions
            + "config ORDERED\n\tbool \"ordered\"\n\tdefault n if PCI\n\tdefault y\n\n"
            + "config DISJOINT\n\tbool\n\tdefault y if PCI && !ACPI\n\tdefault y if ACPI\n\n"
            // 35: a dead symbol's defaults are dead-symbol's, not reported here
            + "config ARM_ONLY\n\tbool \"arm\"\n\tdepends on ARM\n\tdefault y\n";

    @Test
    void offByDefault(@TempDir Path dir) {
        assertEquals(List.of(), RuleFixture.tree(dir, TREE).run(rule));
    }

    @Test
    void defaultsConfNeverTakesAreReportedAtTheirLine(@TempDir Path dir) {
        List<Finding> found = run(RuleFixture.tree(dir, TREE), rule);
        assertEquals(List.of(13, 18, 23), found.stream().map(f -> f.range().startLine()).toList(), found::toString);
        assertEquals("\"default n if PCI\" of SHADOWED is never taken on x86: an earlier default of SHADOWED always"
                + " applies when its condition holds", found.get(0).message());
        assertEquals(12, found.get(0).related().get(0).range().startLine());
        assertEquals("earlier default of SHADOWED: default y", found.get(0).related().get(0).message());
        assertEquals("\"default y if !PCI\" of CONTRA is never taken on x86: its condition, with CONTRA's"
                + " dependencies, can never hold", found.get(1).message());
        assertTrue(found.get(1).related().isEmpty());
        assertTrue(found.get(2).message().startsWith("\"default m if PCI && ACPI\" of IMPLIED"), found.get(2)::message);
        found.forEach(f -> assertEquals("dead-default", f.ruleId()));
    }

    @Test
    void aBudgetThatIsNotANumberIsRefused(@TempDir Path dir) {
        List<Finding> found = run(RuleFixture.tree(dir, TREE), rule,
                "\"all-configurations\": \"auto\", \"budget\": \"soon\"");
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).message().contains("budget is a number of seconds above 0, not soon"),
                found.get(0)::message);
    }
}

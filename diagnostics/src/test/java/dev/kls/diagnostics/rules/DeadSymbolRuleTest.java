package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleSettings;
import java.time.Duration;
import dev.kls.diagnostics.RuleFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dead-symbol: symbols no configuration can enable, proven by the SAT model. */
class DeadSymbolRuleTest {

    private final DeadSymbolRule rule = new DeadSymbolRule();

    /** The rule is off by default (every tree has symbols of other arches); the tests turn it on. */
    private static List<Finding> run(RuleFixture t, Rule rule) {
        RuleSettings on = RuleSettings.parse("{ \"rules\": { \"dead-symbol\": { \"options\": { \"all-configurations\": \"auto\" } } } }",
                List.of(rule.id()), RuleSettings.optionNames(List.of(rule)));
        assertEquals(List.of(), on.problems());
        Report r = new RuleEngine(List.of(rule), on, new RuleEngine.Options(Duration.ofMinutes(1), 1)).run(t.workspace(null));
        return r.findings();
    }

    @Test
    void offByDefault(@TempDir Path dir) {
        assertEquals(List.of(), RuleFixture.tree(dir, TREE).run(rule));
    }

    private static final String TREE = "config X86\n\tdef_bool y\n\n"
            + "config PCI\n\tbool \"pci\"\n\n"
            // depends on an arch that is not this one: never visible, no default, nothing selects it
            + "config ARM_ONLY\n\tbool \"arm only\"\n\tdepends on ARM\n\n"
            // contradictory dependencies
            + "config NEVER\n\tbool \"never\"\n\tdepends on PCI && !PCI\n\n"
            // hidden, no default, not selected
            + "config ORPHAN\n\tbool\n\n"
            // alive look-alikes: hidden but selected; off by default but can be chosen; only when PCI=n
            + "config SELECTED\n\tbool\n\n"
            + "config USER\n\tbool \"user\"\n\tdepends on PCI\n\tselect SELECTED\n\n"
            + "config NOPCI\n\tbool \"no pci\"\n\tdepends on !PCI\n\n"
            + "config BY_DEFAULT\n\tbool\n\tdefault y if !PCI\n";

    @Test
    void symbolsNoConfigurationEnablesAreReportedAtTheirDefinition(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, TREE);
        List<Finding> found = run(t, rule);
        assertEquals(List.of("ARM_ONLY", "NEVER", "ORPHAN"),
                found.stream().map(f -> f.message().substring(0, f.message().indexOf(' '))).toList(), found::toString);
        Finding arm = found.get(0);
        assertEquals("dead-symbol", arm.ruleId());
        assertEquals(7, arm.range().startLine());
        assertEquals("ARM_ONLY can never be enabled on x86: no valid configuration sets it to y or m (it depends on ARM)",
                arm.message());
        assertEquals(9, arm.related().get(0).range().startLine());
        assertTrue(found.get(2).related().isEmpty());
    }

    @Test
    void aTreeWhereEverySymbolCanBeEnabledIsSilent(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config A\n\tbool \"a\"\n\nconfig B\n\ttristate \"b\"\n\tdepends on A\n");
        assertEquals(List.of(), run(t, rule));
    }
}

package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kconfig-syntax: the loader's errors come out as findings at their place; a clean tree gives none. */
class KconfigSyntaxRuleTest {

    private final KconfigSyntaxRule rule = new KconfigSyntaxRule();

    @Test
    void syntaxErrorIsAnErrorFindingAtItsLine(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\n\nconfig FOO\n\tbool \"foo\"\n\tdepends on (X86\n");
        List<Finding> found = t.run(rule);
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals("kconfig-syntax", f.ruleId());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("arch/x86/Kconfig", f.file());
        assertEquals(6, f.range().startLine());
    }

    @Test
    void missingSourcedFileIsReportedAtTheSourceLine(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\n\nsource \"arch/x86/nope/Kconfig\"\n");
        List<Finding> found = t.run(rule);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("can't open file"), found.get(0).message());
        assertEquals(4, found.get(0).range().startLine());
    }

    @Test
    void unknownStatementKeepsTheKernelWording(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\nfrobnicate X86\n");
        List<Finding> found = t.run(rule);
        assertEquals(1, found.size(), found.toString());
        assertEquals("unknown statement \"frobnicate\"", found.get(0).message());
    }

    @Test
    void cleanTreeAndMenuWarningsAreNotItsBusiness(@TempDir Path dir) {
        // A model warning (no type) belongs to another rule.
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\n\nconfig FOO\n\tprompt \"foo\"\n");
        assertEquals(List.of(), t.run(rule));
    }
}

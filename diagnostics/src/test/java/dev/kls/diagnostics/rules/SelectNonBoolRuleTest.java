package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** select-non-bool: both directions, imply too; the fix deletes the select line. */
class SelectNonBoolRuleTest {

    private final SelectNonBoolRule rule = new SelectNonBoolRule();

    private static final String TREE = "config X86\n\tdef_bool y\n\tselect MEM\n\nconfig MEM\n\tint \"mem\"\n\tdefault 8\n\n"
            + "config CMDLINE\n\tstring \"cmdline\"\n\timply X86\n";

    @Test
    void selectOfIntAndImplyByString(@TempDir Path dir) {
        List<Finding> found = RuleFixture.tree(dir, TREE).run(rule);
        assertEquals(2, found.size(), found.toString());
        assertEquals("'MEM' has wrong type. 'select' only accept arguments of bool and tristate type",
                found.get(0).message());
        assertEquals(3, found.get(0).range().startLine());
        assertEquals("config symbol 'CMDLINE' uses imply, but is not bool or tristate", found.get(1).message());
        assertEquals(11, found.get(1).range().startLine());
    }

    @Test
    void selectOfBoolIsSilent(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\n\tselect A\n\timply B\n\nconfig A\n\tbool\n\n"
                + "config B\n\ttristate \"b\"\n");
        assertEquals(List.of(), t.run(rule));
    }

    @Test
    void fixDeletesTheSelectLineAndNothingElse(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, TREE);
        Finding f = t.run(rule).get(0);
        assertEquals("Remove this select: it has no effect", f.fixes().get(0).title());
        String fixed = t.applyFirstFix(rule, f);
        assertEquals(TREE.replace("\tselect MEM\n", ""), fixed);
        assertFalse(fixed.contains("select MEM"));
    }
}

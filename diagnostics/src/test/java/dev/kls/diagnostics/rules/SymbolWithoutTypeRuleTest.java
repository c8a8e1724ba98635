package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** symbol-without-type: only when no definition of the symbol gives a type. */
class SymbolWithoutTypeRuleTest {

    private final SymbolWithoutTypeRule rule = new SymbolWithoutTypeRule();

    @Test
    void symbolWithPromptButNoType(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\n\nconfig EXPERT\n\tprompt \"expert\"\n");
        List<Finding> found = t.run(rule);
        assertEquals(1, found.size(), found.toString());
        assertEquals("config symbol defined without type", found.get(0).message());
        assertEquals(4, found.get(0).range().startLine());
        assertEquals("symbol-without-type", found.get(0).ruleId());
    }

    @Test
    void typeFromAnotherDefinitionOrDefBoolIsEnough(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\n\nconfig EXPERT\n\tprompt \"expert\"\n\n"
                + "config EXPERT\n\tbool\n\nconfig MORE\n\tdef_tristate m\n");
        assertEquals(List.of(), t.run(rule));
    }

    @Test
    void kconfigIgnoreCommentOnTheLineAboveSilencesIt(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\n\n# kls-ignore: symbol-without-type\n"
                + "config EXPERT\n\tprompt \"expert\"\n");
        assertEquals(List.of(), t.run(rule));
    }
}

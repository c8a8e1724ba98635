package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** choice-without-prompt: the choice and its values need prompts. */
class ChoiceWithoutPromptRuleTest {

    private final ChoiceWithoutPromptRule rule = new ChoiceWithoutPromptRule();

    @Test
    void choiceAndValueWithoutPrompt(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "choice\n\tbool\n\nconfig A\n\tbool \"a\"\n\nconfig B\n\tbool\n\n"
                + "endchoice\n");
        List<Finding> found = t.run(rule);
        assertEquals(2, found.size(), found.toString());
        assertEquals("choice must have a prompt", found.get(0).message());
        assertEquals(1, found.get(0).range().startLine());
        assertEquals("choice value must have a prompt", found.get(1).message());
        assertEquals(7, found.get(1).range().startLine());
    }

    @Test
    void promptedChoiceIsSilent(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "choice\n\tprompt \"pick\"\n\nconfig A\n\tbool \"a\"\n\n"
                + "config B\n\tbool \"b\"\n\nendchoice\n");
        assertEquals(List.of(), t.run(rule));
    }
}

package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kconfig-entry: the remaining menu.c warnings, and none that a specific rule claims. */
class KconfigEntryRuleTest {

    private final KconfigEntryRule rule = new KconfigEntryRule();

    @Test
    void duplicateHelpPromptAndTypeRedefinition(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config A\n\tbool \"a\"\n\tprompt \"again\"\n\thelp\n\t  one\n"
                + "\thelp\n\t  two\n\nconfig A\n\ttristate\n\nmenuconfig M\n\tbool\n");
        List<Finding> found = t.run(rule);
        List<String> messages = found.stream().map(Finding::message).toList();
        assertEquals(List.of("prompt redefined",
                "'A' defined with more than one help text -- only the last one will be used",
                "ignoring type redefinition of 'A' from 'bool' to 'tristate'",
                "menuconfig statement without prompt"), messages);
    }

    @Test
    void warningsOfOtherRulesAreNotRepeated(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config A\n\tprompt \"a\"\n\nconfig B\n\tbool \"b\"\n\trange 1 2\n"
                + "\tselect C\n\nconfig C\n\tint\n\nchoice\n\tbool\nconfig D\n\tbool\nendchoice\n");
        assertEquals(List.of(), t.run(rule));
    }
}

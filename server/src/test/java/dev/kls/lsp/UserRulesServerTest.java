package dev.kls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server runs the rule files' rules and reads them again when one is saved or edited, no restart. */
class UserRulesServerTest {

    private static final String INIT = "arch/x86/mm/init.c";
    private static final String RULE_FILE = ".kls/rules/house.json";
    private static final String RULE = "{\"rules\": [{\"id\": \"pgt-buf-global\", \"severity\": \"warning\","
            + " \"message\": \"${name} is a global\", \"doc\": \"House rule.\","
            + " \"match\": {\"object\": {\"name\": \"pgt_buf_*\"}}}]}\n";

    private static List<String> codes(List<Diagnostic> ds) {
        return ds.stream().map(d -> d.getCode().getLeft()).toList();
    }

    @Test
    void aSavedRuleFileIsReadAgainAndAnEditedOneShowsItsProblems(@TempDir Path dir) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("tree"));
        TestTree.copy(TestTree.repo().resolve("test-workspace/pgtbuf-2011"), copy);
        try (TestTree t = TestTree.of(copy, "{\"arch\":\"x86\"}")) {
            Document init = t.open(INIT);
            List<String> before = codes(t.diagnostics(init));
            assertTrue(before.contains("pgtable-buffer-reserve"), "the shipped rule file runs: " + before);
            assertFalse(before.contains("pgt-buf-global"), before.toString());

            // The user writes a rule file and saves it: the open C file gets the new rule's findings.
            Files.createDirectories(copy.resolve(".kls/rules"));
            Files.writeString(copy.resolve(RULE_FILE), RULE);
            t.ws.saved(t.uri(RULE_FILE));
            t.settle();
            List<Diagnostic> after = t.diagnostics(init);
            assertEquals(3, codes(after).stream().filter("pgt-buf-global"::equals).count(), after.toString());

            // Editing it in the editor: its problems are shown in it, with their lines.
            Document rules = t.open(RULE_FILE, "{\n  \"rules\": [\n    {\"id\": \"pgt-buf-global\", \"severity\": \"loud\"}\n  ]\n}\n");
            List<Diagnostic> bad = t.diagnostics(rules);
            assertTrue(codes(bad).stream().allMatch("invalid-rule"::equals), bad.toString());
            assertTrue(bad.stream().anyMatch(d -> d.getMessage().contains("unknown severity \"loud\"")
                    && d.getRange().getStart().getLine() == 2), bad.toString());

            // Saved that way, the rule is gone from the C file.
            Files.writeString(copy.resolve(RULE_FILE), rules.text());
            t.ws.saved(t.uri(RULE_FILE));
            t.settle();
            assertFalse(codes(t.diagnostics(init)).contains("pgt-buf-global"), t.diagnostics(init).toString());
        }
    }
}

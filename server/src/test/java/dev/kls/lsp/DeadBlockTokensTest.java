package dev.kls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.lsp.handlers.SemanticTokensHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the editor a dead #if block is shown inactive whatever the configuration asks for: the values come
 * from conf's evaluation, which no valid configuration gets past. test-workspace/dead-ifdef, with a .config
 * that asks for the symbol the dead block tests.
 */
class DeadBlockTokensTest {

    @Test
    void deadBlocksAreInactiveEvenWhenTheConfigurationAsksForThem(@TempDir Path dir) throws Exception {
        TestTree.copy(TestTree.repo().resolve("test-workspace/dead-ifdef"), dir);
        // XEN_PVH_ARM depends on ARM64, which x86 does not define: conf drops the =y.
        Files.writeString(dir.resolve(".config"), "CONFIG_XEN=y\nCONFIG_XEN_DOM0=y\nCONFIG_XEN_PVH_ARM=y\n");
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\"}")) {
            Document d = t.open("drivers/xen/grant-table.c");
            assertEquals("y", t.snapshot().value("XEN").value());
            List<Integer> data = new SemanticTokensHandler(t.ws.cSide()).full(t.snapshot(), d).getData();
            List<Integer> inactive = new ArrayList<>();
            int line = 0;
            for (int i = 0; i < data.size(); i += 5) {
                line += data.get(i);
                assertEquals(1, data.get(i + 4), "modifier: inactive");
                inactive.add(line + 1);
            }
            // Line 4 (#ifdef CONFIG_XEN, undead) is compiled; 9 (XEN_DOM0 && !XEN) and 14 (XEN_PVH_ARM) never.
            assertEquals(List.of(9, 14), inactive);
            // And the rule says why, on the directive lines (dead-ifdef is on in the scenario's .kls.json).
            List<String> published = t.published.get(d.uri()).getDiagnostics().stream()
                    .filter(x -> x.getCode() != null && "dead-ifdef".equals(x.getCode().getLeft()))
                    .map(x -> (x.getRange().getStart().getLine() + 1) + ": " + x.getMessage()).toList();
            assertTrue(published.stream().anyMatch(m -> m.startsWith("8: '#if defined(CONFIG_XEN_DOM0)")), published.toString());
            assertTrue(published.stream().anyMatch(m -> m.startsWith("13: '#ifdef CONFIG_XEN_PVH_ARM' is never true")),
                    published.toString());
        }
    }
}

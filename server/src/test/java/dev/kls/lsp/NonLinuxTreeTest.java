package dev.kls.lsp;

import static dev.kls.lsp.TestTree.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.lsp.handlers.HoverHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test-workspace/zephyr-style: a workspace whose root holds a Kconfig but no arch/ is read as it is. */
class NonLinuxTreeTest {

    @TempDir
    static Path dir;
    static TestTree t;

    @BeforeAll
    static void read() throws Exception {
        TestTree.copy(TestTree.repo().resolve("test-workspace/zephyr-style"), dir);
        t = TestTree.of(dir, "{}");
    }

    @AfterAll
    static void close() {
        t.close();
    }

    @Test
    void theTreeLoadsWithItsRsourcedAndOsourcedFilesAndEvaluates() {
        Snapshot s = t.snapshot();
        assertNotNull(s.kconfig(), "the tree was not read");
        List<String> files = s.kconfig().tree().files().stream().map(f -> f.path()).sorted()
                .collect(Collectors.toList());
        assertEquals(List.of("Kconfig", "boards/demo/Kconfig.defconfig", "drivers/Kconfig", "drivers/serial/Kconfig"),
                files);
        assertEquals(0, s.kconfig().count(dev.kls.kconfig.KconfigSeverity.ERROR), s.kconfig().diagnostics()::toString);
        assertEquals("", s.kconfig().environment().srcarch(), "no SRCARCH is made up for a tree without arch/");
    }

    @Test
    void hoverShowsTheBoardDefaultThatWins() throws Exception {
        Document d = t.open("drivers/serial/Kconfig");
        String md = new HoverHandler(t.ws.cSide()).hover(t.snapshot(), d, at(d, "config UART_BAUD", 8)).getContents()
                .getRight().getValue();
        assertTrue(md.contains("UART_BAUD") && md.contains("115200"), md);
    }

    @Test
    void anUndefinedSymbolIsADiagnostic() throws Exception {
        Document d = t.open("drivers/serial/Kconfig");
        t.settle();
        String all = t.diagnostics(d).stream().map(x -> x.getMessage()).collect(Collectors.joining("\n"));
        assertTrue(all.contains("UART_DEBUG_TYPO"), all);
    }
}

package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kls lint on a C tree with no Kconfig (seed 003's crash tree), and --explain-unknown. */
class PlainCTreeLintTest {

    @TempDir
    Path dir;

    @Test
    void aTreeWithoutKconfigIsLintedWithItsMacrosAsFreeSymbols() {
        Path t = Scenarios.copy("crash-xen-m2p-2015", dir);
        CliRun r = CliRun.of("lint", t.toString(), "--format", "json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"ruleId\": \"recursive-translation\""), r.out());
        assertTrue(r.out().contains("\"skipped\""), r.out());
        assertFalse(r.err().contains("error"), "no error about the missing Kconfig: " + r.err());
        assertTrue(r.err().contains("linted as a plain C tree"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void explainUnknownListsWhatWasNotUnderstood() throws Exception {
        Path t = Scenarios.copy("recursive-walkers", dir);
        Files.writeString(t.resolve("odd.c"), "int odd(int x)\n{\n\tint y = x @ 2;\n\treturn y;\n}\n");
        CliRun r = CliRun.of("lint", t.toString(), "--explain-unknown");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("odd.c:3:10: note: not understood in odd (expression not understood): x @ 2"), r.err());
        assertTrue(r.err().contains("kls: explain-unknown: 3 C files, 7 function bodies, 6 read fully"), r.err());
    }
}

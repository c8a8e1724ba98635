package dev.kls.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.SourceRange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --fix keeps every byte it does not edit (Latin-1 and broken UTF-8 included) and writes all or nothing. */
class FixesBytesTest {

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                for (int b : (int[]) p) {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }

    private static Finding fix(int line, int col, int endLine, int endCol, String text) {
        SourceRange r = new SourceRange("f", line, col, endLine, endCol);
        return Finding.of("r", Severity.WARNING, r, "m").withFixes(List.of(new Fix("t", List.of(new TextEdit(r, text)))));
    }

    @Test
    void bytesThatAreNotUtf8SurviveAFixElsewhereAndOnTheSameLine() throws Exception {
        // Latin-1 ö, a lone continuation byte, a truncated 3-byte sequence, and real UTF-8 ü.
        byte[] original = bytes("# J", new int[] {0xf6}, "rg ", new int[] {0x80}, "x ", new int[] {0xe2, 0x82},
                "y ü\n\tselect FOO\n\tdefault y\n");
        String text = new String(original, StandardCharsets.UTF_8);
        Fixes.Plan p = Fixes.plan(List.of(fix(2, 1, 3, 1, ""), fix(1, 12, 1, 13, "Y")), f -> text, f -> original);
        assertArrayEquals(bytes("# J", new int[] {0xf6}, "rg ", new int[] {0x80}, "x ", new int[] {0xe2, 0x82},
                "Y ü\n\tdefault y\n"), p.contents().get("f"));
    }

    @Test
    void anEditRightAfterABrokenByteKeepsIt() throws Exception {
        byte[] original = bytes(new int[] {0xff}, "ab\n");
        String text = new String(original, StandardCharsets.UTF_8);
        assertEquals("\uFFFDab\n", text);
        Fixes.Plan p = Fixes.plan(List.of(fix(1, 2, 1, 3, "Z")), f -> text, f -> original);
        assertArrayEquals(bytes(new int[] {0xff}, "Zb\n"), p.contents().get("f"));
    }

    @Test
    void aFolderThatCannotBeWrittenLeavesEveryFileAsItWas(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a")).resolve("Kconfig");
        Path b = Files.createDirectories(dir.resolve("b")).resolve("Kconfig");
        Files.writeString(a, "old a\n");
        Files.writeString(b, "old b\n");
        Map<Path, byte[]> writes = new LinkedHashMap<>();
        writes.put(a, "new a\n".getBytes(StandardCharsets.UTF_8));
        writes.put(b, "new b\n".getBytes(StandardCharsets.UTF_8));
        try (ReadOnly ro = ReadOnly.folder(b.getParent())) {
            Fixes.WriteFailure e = assertThrows(Fixes.WriteFailure.class, () -> Fixes.writeAllAtomically(writes));
            assertEquals(b, e.file());
            assertTrue(e.getMessage().startsWith("cannot write " + b + ": "), e.getMessage());
            assertTrue(e.getMessage().matches(".*(Permission denied|Operation not permitted)"), e.getMessage());
            assertTrue(!e.getMessage().contains(".tmp"), e.getMessage());
        }
        assertEquals("old a\n", Files.readString(a), "the first file is not changed when the second fails");
        assertEquals("old b\n", Files.readString(b));
        try (var s = Files.list(a.getParent())) {
            assertEquals(1, s.count(), "no temporary file is left behind");
        }
        Fixes.writeAllAtomically(writes);
        assertEquals("new a\n", Files.readString(a));
        assertEquals("new b\n", Files.readString(b));
    }
}

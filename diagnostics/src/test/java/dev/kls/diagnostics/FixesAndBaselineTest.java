package dev.kls.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kls.kconfig.SourceRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying fixes to texts, and baselines that survive line shifts. */
class FixesAndBaselineTest {

    private static Finding withFix(String file, int line, int col, int endCol, String text) {
        SourceRange r = new SourceRange(file, line, col, line, endCol);
        return Finding.of("r", Severity.WARNING, r, "m" + line + ":" + col)
                .withFixes(List.of(new Fix("t", List.of(new TextEdit(r, text)))));
    }

    @Test
    void editsApplyFromTheEndAndOverlapsWaitForTheNextRun() throws Exception {
        Map<String, String> files = Map.of("a", "abc\ndef\nghi\n");
        Fixes.Plan p = Fixes.plan(List.of(withFix("a", 1, 2, 3, "X"), withFix("a", 3, 1, 4, "G"),
                withFix("a", 1, 1, 3, "Y")), files::get);
        assertEquals(2, p.applied().size());
        assertEquals(1, p.deferred().size());
        assertEquals("aXc\ndef\nG\n", p.texts().get("a"));
    }

    @Test
    void deletingWholeLinesIncludingTheLast() {
        assertEquals("a\nc\n", Fixes.apply("a\nb\nc\n", List.of(TextEdit.deleteLines("f", 2, 2))));
        assertEquals("a\n", Fixes.apply("a\nb", List.of(TextEdit.deleteLines("f", 2, 2))));
    }

    @Test
    void atomicWriteReplacesTheFileAndLeavesNoTemporary(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Kconfig");
        Files.writeString(f, "old");
        Fixes.writeAtomically(f, "new");
        assertEquals("new", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void baselineSurvivesALineAddedAboveAndCatchesNewFindings(@TempDir Path dir) throws Exception {
        String before = "config A\n\tbool \"a\"\n\trange 0 1\n";
        String after = "# a new comment line\n" + before + "\nconfig B\n\tbool \"b\"\n\trange 0 1\n";
        Finding old = Finding.of("invalid-range", Severity.WARNING, new SourceRange("Kconfig", 3, 2, 3, 11),
                "range is only allowed for int or hex symbols");
        Path file = dir.resolve("baseline.json");
        Baseline.write(file, List.of(old), f -> before);
        Baseline b = Baseline.read(file);

        Finding shifted = Finding.of("invalid-range", Severity.WARNING, new SourceRange("Kconfig", 4, 2, 4, 11),
                old.message());
        Finding fresh = Finding.of("invalid-range", Severity.WARNING, new SourceRange("Kconfig", 9, 2, 9, 11),
                old.message());
        // B's range line reads the same as A's: the count keeps it new (one known finding excuses one).
        assertEquals(List.of(fresh), b.newFindings(List.of(shifted, fresh), f -> after));
        // Changing the line itself makes it a different finding.
        assertEquals(1, b.newFindings(List.of(shifted), f -> after.replace("range 0 1", "range 0 2")).size());
        // Another file, same text: not known either.
        Finding elsewhere = Finding.of("invalid-range", Severity.WARNING, new SourceRange("init/Kconfig", 4, 2, 4, 11),
                old.message());
        assertEquals(1, b.newFindings(List.of(elsewhere), f -> after).size());
    }

    @Test
    void aBrokenBaselineFileIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b.json");
        Files.writeString(file, "{\"findings\": 3}");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> Baseline.read(file));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("b.json"), e.getMessage());
    }
}

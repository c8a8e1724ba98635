package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs past the C analysis' bounds (issue 17): every give-up is a note with file and line, and one bad
 * file never hides another file's findings (seed 000's error in mmu.c stays).
 */
class PageAlignedSizeGiveUpTest {

    private static final String SECTION = "__attribute__((section(\".bss.page_aligned\")))";

    private static List<String> lines(List<Finding> found) {
        return found.stream().map(f -> f.range() + ": " + f.severity().label() + ": " + f.message()).toList();
    }

    @Test
    void hugeExpansionsAndDeepNestingAreNotesAndTheOtherFindingsStay(@TempDir Path dir) throws Exception {
        RuleFixture t = RuleFixture.scenario("xen-p2m-2008", dir);
        Path drivers = t.dir().resolve("drivers");
        String inc = "#include <asm/page.h>\n";
        // About 2^22 tokens: past the expander's bound.
        String big = inc + "#define A0 1\n" + IntStream.rangeClosed(1, 20)
                .mapToObj(i -> "#define A" + i + " (A" + (i - 1) + "+A" + (i - 1) + ")\n").collect(Collectors.joining())
                + "static char big_arr[A20 + 1] " + SECTION + ";\nstatic char after_big[100] " + SECTION + ";\n";
        Files.writeString(drivers.resolve("bigmacro.c"), big);
        Files.writeString(drivers.resolve("deeparr.c"), inc + "static char deep_arr[" + "(".repeat(5000) + "1"
                + ")".repeat(5000) + "] " + SECTION + ";\n");
        Files.writeString(drivers.resolve("deepif.c"), inc + "#if " + "(".repeat(20_000) + "1" + ")".repeat(20_000)
                + "\nint x;\n#endif\nstatic char in_deep_if[100] " + SECTION + ";\n");

        List<String> found = lines(t.run(new PageAlignedSizeRule()));
        String all = String.join("\n", found);
        assertTrue(all.contains("arch/x86/xen/mmu.c:25:22: error: p2m_top_mfn_list is 8 bytes"), all);
        assertTrue(found.contains("drivers/bigmacro.c:23:1: info: page-aligned-size gave up on this declaration "
                + "(macro expansion exceeds 2000000 tokens); its objects are not checked"), all);
        assertTrue(all.contains("drivers/bigmacro.c:24:13: error: after_big is 100 bytes"), all);
        assertTrue(all.contains("drivers/deeparr.c:2:13: error: deep_arr is 1 bytes"), all);
        assertTrue(all.contains("drivers/deepif.c:5:13: error: in_deep_if is 100 bytes"), all);
        assertEquals(1, found.stream().filter(l -> l.contains(": info: ")).count(), all);
        assertTrue(t.run(new PageAlignedSizeRule()).stream().filter(f -> f.severity() == Severity.INFO)
                .allMatch(f -> f.hasLocation() && f.range().startLine() > 0));
    }
}

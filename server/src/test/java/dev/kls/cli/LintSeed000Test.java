package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.testing.CompiledObjects;
import dev.kls.kconfig.testing.ObjectSymbol;
import dev.kls.kconfig.testing.Scenarios;
import dev.kls.kconfig.testing.Toolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5's acceptance on seed 000's tree: the error with its witness, and --fix that leaves nothing to fix. */
class LintSeed000Test {

    private static final String MMU = "arch/x86/xen/mmu.c";

    @Test
    void theSeedIsAnErrorWithItsWitnessAndTheLookAlikeIsClean(@TempDir Path dir) {
        Path seed = Scenarios.copy("xen-p2m-2008", dir);
        CliRun run = CliRun.of("lint", seed.toString(), "--arch", "x86");
        assertEquals(1, run.status(), run.err());
        assertTrue(run.out().startsWith(MMU + ":25:22: error: p2m_top_mfn_list is 8 bytes in .bss.page_aligned"),
                run.out());
        assertTrue(run.out().contains("\n  when: 64BIT=n PARAVIRT_GUEST=y XEN=y XEN_MAX_DOMAIN_MEMORY=8\n"),
                run.out());

        Path clean = Scenarios.copy("xen-p2m-2008-clean", dir);
        CliRun quiet = CliRun.of("lint", clean.toString(), "--arch", "x86");
        assertEquals(0, quiet.status(), quiet.out() + quiet.err());
        assertEquals("", quiet.out());
    }

    @Test
    void fixRemovesTheFindingTheFileCompilesAndASecondFixIsANoOp(@TempDir Path dir) throws IOException {
        Path seed = Scenarios.copy("xen-p2m-2008", dir);
        CliRun first = CliRun.of("lint", seed.toString(), "--arch", "x86", "--fix");
        assertEquals(0, first.status(), first.out() + first.err());
        assertTrue(first.out().contains("fixed: " + MMU + ":25:22: Round the length of p2m_top_mfn_list up to whole "
                + "pages [page-aligned-size]"), first.out());
        String fixed = Files.readString(seed.resolve(MMU));
        assertTrue(fixed.contains("p2m_top_mfn_list[PAGE_ALIGN(TOP_ENTRIES / P2M_ENTRIES_PER_PAGE)]"), fixed);

        // The fixed file still compiles, and gcc gives a whole number of pages.
        Map<String, String> i386 = Scenarios.defconfig(seed, "i386", "i386_defconfig");
        ObjectSymbol s = CompiledObjects.compile(seed, Toolchain.Abi.M32, i386, List.of(MMU), dir.resolve("o"))
                .symbol(MMU, "p2m_top_mfn_list");
        assertTrue(s.wholePages(), s.toString());

        String before = Files.readString(seed.resolve(MMU));
        CliRun second = CliRun.of("lint", seed.toString(), "--arch", "x86", "--fix");
        assertEquals(0, second.status(), second.out() + second.err());
        assertTrue(second.err().contains("nothing to fix"), second.err());
        assertFalse(second.out().contains("fixed:"), second.out());
        assertEquals(before, Files.readString(seed.resolve(MMU)), "the second --fix changed mmu.c");
    }
}

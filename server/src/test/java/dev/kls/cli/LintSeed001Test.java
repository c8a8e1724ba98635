package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.testing.CompiledObjects;
import dev.kls.kconfig.testing.Scenarios;
import dev.kls.kconfig.testing.Toolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's acceptance on seed 001's tree: the shipped JSON rule
 * pgtable-buffer-reserve fires with XEN=y, and --fix moves both reservations
 * to x86_init.mapping.pagetable_reserve; init.c still compiles with gcc and
 * nothing is left.
 */
class LintSeed001Test {

    private static final String INIT = "arch/x86/mm/init.c";

    @Test
    void fixGoesThroughTheHookTheFileCompilesAndNothingIsLeft(@TempDir Path dir) throws IOException {
        Path seed = Scenarios.copy("pgtbuf-2011", dir);
        Map<String, String> xen = Scenarios.defconfig(seed, "x86_64", "xen_defconfig");
        assertEquals("y", xen.get("XEN"), xen.toString());
        CompiledObjects.compile(seed, Toolchain.Abi.M64, xen, List.of(INIT), dir.resolve("o-before"));

        CliRun first = CliRun.of("lint", seed.toString(), "--arch", "x86", "--fix");
        assertEquals(0, first.status(), first.out() + first.err());
        assertTrue(first.out().contains("fixed: " + INIT + ":43:3: Reserve through x86_init.mapping.pagetable_reserve"
                + " [pgtable-buffer-reserve]"), first.out());
        assertTrue(first.err().contains("0 finding(s) remain"), first.err());
        String fixed = Files.readString(seed.resolve(INIT));
        assertTrue(fixed.contains("\t\tx86_init.mapping.pagetable_reserve(pgt_buf_start << PAGE_SHIFT, "
                + "pgt_buf_end << PAGE_SHIFT);\n"), fixed);
        assertTrue(fixed.contains("\tx86_init.mapping.pagetable_reserve(PFN_PHYS(pgt_buf_start), PFN_PHYS(pgt_buf_start)"
                + " + (PFN_PHYS(pgt_buf_end) - PFN_PHYS(pgt_buf_start)));\n"), fixed);
        assertTrue(fixed.contains("memblock_x86_reserve_range(__pa(_brk_start), __pa(_brk_end), \"BRK\");"), fixed);

        CompiledObjects.compile(seed, Toolchain.Abi.M64, xen, List.of(INIT), dir.resolve("o-after"));
        CliRun again = CliRun.of("lint", seed.toString(), "--arch", "x86");
        assertEquals(0, again.status(), again.out() + again.err());
        assertEquals("", again.out());
    }

    @Test
    void withoutXenInTheConfigurationItIsSilent(@TempDir Path dir) throws IOException {
        Path seed = Scenarios.copy("pgtbuf-2011", dir);
        Path plain = dir.resolve("plain.config");
        Files.writeString(plain, "CONFIG_64BIT=y\n");
        CliRun quiet = CliRun.of("lint", seed.toString(), "--arch", "x86", "--config", plain.toString());
        assertFalse(quiet.out().contains("[pgtable-buffer-reserve]"), quiet.out());
        Path xen = dir.resolve("xen.config");
        Files.writeString(xen, "CONFIG_64BIT=y\nCONFIG_PARAVIRT_GUEST=y\nCONFIG_XEN=y\n");
        CliRun loud = CliRun.of("lint", seed.toString(), "--arch", "x86", "--config", xen.toString());
        assertEquals(2, loud.out().split("\\[pgtable-buffer-reserve\\]", -1).length - 1, loud.out());
        assertTrue(loud.out().contains("  when: XEN=y\n"), loud.out());
    }
}

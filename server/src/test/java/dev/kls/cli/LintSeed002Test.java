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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's acceptance on seed 002's tree: compat-pgprot-constant's --fix ORs
 * in __kernel_page_user, declares it once in the header, the users still
 * compile with gcc with and without the compat option, and nothing is left.
 */
class LintSeed002Test {

    private static final String HEADER = "arch/x86/include/asm/pgtable_64.h";
    private static final String USER = "arch/x86/mm/init_64.c";

    @Test
    void fixOrsInTheRuntimeTermDeclaresItOnceAndTheUsersCompile(@TempDir Path dir) throws IOException {
        Path seed = Scenarios.copy("xen-compat-2006", dir);
        // Before the fix the users compile too: the check below is about the fix, not the tree.
        Map<String, String> xen = Scenarios.defconfig(seed, "x86_64", "xen_defconfig");
        assertEquals("y", xen.get("XEN_COMPAT_030002"), xen.toString());

        CliRun first = CliRun.of("lint", seed.toString(), "--arch", "x86", "--fix");
        assertEquals(0, first.status(), first.out() + first.err());
        for (String name : List.of("_KERNPG_TABLE", "__PAGE_KERNEL", "__PAGE_KERNEL_EXEC", "__PAGE_KERNEL_RO")) {
            assertTrue(first.out().contains("OR __kernel_page_user into " + name), first.out());
        }
        assertFalse(first.out().contains(": warning: "), "findings remain:\n" + first.out());
        assertTrue(first.err().contains("0 finding(s) remain"), first.err());

        String fixed = Files.readString(seed.resolve(HEADER));
        assertTrue(fixed.contains("#define _KERNPG_TABLE\t(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY"
                + " | __kernel_page_user)"), fixed);
        assertTrue(fixed.contains("(_PAGE_PRESENT | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED | _PAGE_NX"
                + " | __kernel_page_user)"), fixed);
        assertEquals(1, count(fixed, "extern unsigned int __kernel_page_user;"), fixed);
        assertEquals(1, count(fixed, "#define __kernel_page_user 0"), fixed);
        assertTrue(fixed.indexOf("#ifdef CONFIG_XEN_COMPAT_030002") < fixed.indexOf("#define _KERNPG_TABLE"), fixed);
        // What was not flagged is untouched: derived, with _PAGE_USER, or built only without the option.
        assertTrue(fixed.contains("(__PAGE_KERNEL | _PAGE_PSE)\n"), fixed);
        assertTrue(fixed.contains("(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)\n"), fixed);
        assertTrue(fixed.contains("#define KERNPG_NATIVE_TABLE\t(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED"
                + " | _PAGE_DIRTY)\n"), fixed);

        // gcc: the compat build reads the variable, the other build keeps a constant 0.
        CompiledObjects.compile(seed, Toolchain.Abi.M64, xen, List.of(USER), dir.resolve("o-xen"));
        Map<String, String> plain = Scenarios.defconfig(seed, "x86_64", "x86_64_defconfig");
        assertFalse(plain.containsKey("XEN_COMPAT_030002"), plain.toString());
        CompiledObjects.compile(seed, Toolchain.Abi.M64, plain, List.of(USER), dir.resolve("o-plain"));

        CliRun again = CliRun.of("lint", seed.toString(), "--arch", "x86");
        assertEquals(0, again.status(), again.out() + again.err());
        assertEquals("", again.out());
    }

    @Test
    void aConfigurationWithoutTheCompatOptionIsSilentAndOneWithItFires(@TempDir Path dir) throws IOException {
        Path seed = Scenarios.copy("xen-compat-2006", dir);
        Path latest = dir.resolve("latest.config");
        Files.writeString(latest, "CONFIG_64BIT=y\nCONFIG_XEN=y\nCONFIG_XEN_COMPAT_LATEST_ONLY=y\n");
        CliRun quiet = CliRun.of("lint", seed.toString(), "--arch", "x86", "--config", latest.toString());
        assertFalse(quiet.out().contains("[compat-pgprot-constant]"), quiet.out() + quiet.err());

        Path compat = dir.resolve("compat.config");
        Files.writeString(compat, "CONFIG_64BIT=y\nCONFIG_XEN=y\n");
        CliRun loud = CliRun.of("lint", seed.toString(), "--arch", "x86", "--config", compat.toString());
        assertEquals(4, count(loud.out(), "[compat-pgprot-constant]"), loud.out() + loud.err());
        // The definitions hold in every build: the option that is on is the whole witness.
        assertTrue(loud.out().contains("  when: XEN_COMPAT_030002=y\n"), loud.out());
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

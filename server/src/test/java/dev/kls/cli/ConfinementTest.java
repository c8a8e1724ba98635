package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing outside the tree is read (Kconfig source with .., absolute paths, symlinks out, C includes
 * escaping the tree), and a workspace's own .kls.json cannot allow $(shell).
 */
class ConfinementTest {

    @TempDir
    Path dir;

    @Test
    void kconfigSourcesOutsideTheTreeAreErrorsAndNeverRead() throws IOException {
        Path t = Scenarios.copy("xen-p2m-2008", dir);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("Kconfig"), "config OUTSIDE_SECRET\n\tbool \"leaked\"\n");
        Files.createSymbolicLink(t.resolve("init/Kconfig.link"), outside.resolve("Kconfig"));
        Files.createSymbolicLink(t.resolve("linkdir"), outside);
        Files.writeString(t.resolve("init/Kconfig"), "\nsource \"../outside/Kconfig\"\nsource \"" + outside.resolve("Kconfig")
                + "\"\nsource \"init/Kconfig.link\"\nsource \"linkdir/Kconfig\"\nsource \"init/../../outside/Kconfig\"\n",
                StandardOpenOption.APPEND);
        CliRun check = CliRun.of("kconfig", "check", "--srctree", t.toString(), "--arch", "x86", "--format", "json");
        assertFalse(check.out().contains("OUTSIDE_SECRET"), check.out());
        long outsideErrors = check.out().lines().filter(l -> l.contains("outside")).count();
        assertTrue(outsideErrors >= 5, "each source out of the tree is an error: " + check.out());
        assertEquals(1, check.status(), check.err());
        CliRun config = CliRun.of("config", "olddefconfig", "--srctree", t.toString(), "--arch", "x86",
                "--config", "/dev/null", "--out", dir.resolve("o.config").toString());
        assertFalse(config.out().contains("OUTSIDE_SECRET") || config.err().contains("OUTSIDE_SECRET"));
    }

    @Test
    void aCIncludeEscapingTheTreeIsNotRead() throws IOException {
        Path t = Scenarios.copy("xen-p2m-2008", dir);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("leak.h"), "#define LEAK_SIZE 100\n");
        Files.createSymbolicLink(t.resolve("include/linux/leak.h"), outside.resolve("leak.h"));
        String section = " __attribute__((section(\".bss.page_aligned\")));\n";
        Files.writeString(t.resolve("drivers/leak.c"), "#include <asm/page.h>\n#include \"../../outside/leak.h\"\n"
                + "#include \"" + outside.resolve("leak.h") + "\"\n#include <linux/leak.h>\n"
                + "static char leak_a[LEAK_SIZE]" + section
                // Control: a size known inside the tree is found, so silence above means "not read".
                + "static char inside_b[100]" + section);
        CliRun lint = CliRun.of("lint", t.toString(), "--arch", "i386", "--rule", "page-aligned-size");
        assertTrue(lint.out().contains("inside_b is 100 bytes"), lint.out());
        assertFalse(lint.out().contains("leak_a is"), "a header outside the tree was read: " + lint.out());
    }

    @Test
    void aWorkspaceSettingsFileCannotAllowShell() throws IOException {
        Path t = Scenarios.copy("xen-p2m-2008", dir);
        Path marker = dir.resolve("MARKER");
        Files.writeString(t.resolve(".kls.json"), "{\"allowShell\": true, \"rules\": {}}\n");
        Files.writeString(t.resolve("init/Kconfig"), "\nconfig SH\n\tstring \"sh\"\n\tdefault \"$(shell,touch " + marker
                + ")\"\n", StandardOpenOption.APPEND);
        CliRun lint = CliRun.of("lint", t.toString(), "--arch", "x86");
        assertFalse(Files.exists(marker), "a workspace's .kls.json made lint run a command");
        assertTrue(lint.out().contains(".kls.json:1:14: error: .kls.json: unknown key \"allowShell\""), lint.out());
    }
}

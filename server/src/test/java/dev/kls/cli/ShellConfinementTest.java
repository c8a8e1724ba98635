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
 * A workspace's $(shell) never runs unless the user allows it, and the text of a macro that was not run
 * never becomes a value in .config (conf's answer for a command that prints nothing is written instead).
 */
class ShellConfinementTest {

    @TempDir
    Path dir;

    private Path treeWithShellDefaults(Path marker) throws IOException {
        Path t = Scenarios.copy("xen-p2m-2008", dir);
        Files.writeString(t.resolve("init/Kconfig"), "\nconfig SH3\n\tstring \"sh3\"\n\tdefault \"$(shell,echo hi; touch "
                + marker + ")\"\n\nconfig SH4\n\tint \"sh4\"\n\tdefault $(shell,touch " + marker + "; echo 5)\n"
                + "\nconfig SH5\n\tbool \"sh5\"\n\tdefault $(shell,touch " + marker + "; echo y)\n",
                StandardOpenOption.APPEND);
        return t;
    }

    @Test
    void configWithoutAllowShellRunsNothingAndWritesConfsValueForAnEmptyCommand() throws IOException {
        Path marker = dir.resolve("MARKER");
        Path t = treeWithShellDefaults(marker);
        Path out = dir.resolve("out.config");
        CliRun run = CliRun.of("config", "olddefconfig", "--srctree", t.toString(), "--arch", "x86",
                "--config", "/dev/null", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertFalse(Files.exists(marker), "a $(shell) ran without --allow-shell");
        String written = Files.readString(out);
        assertFalse(written.contains("$("), "a macro's text was written as a value:\n" + written);
        // What conf writes when the command prints nothing (checked with Linux 6.1's conf).
        assertTrue(written.contains("\nCONFIG_SH3=\"\"\n"), written);
        assertTrue(written.contains("\nCONFIG_SH4=\n"), written);
        assertTrue(written.contains("\n# CONFIG_SH5 is not set\n"), written);
        assertTrue(run.err().contains("init/Kconfig:"), run.err());
        assertTrue(run.err().contains("note: not run, taken as \"\": echo hi; touch " + marker), run.err());
    }

    @Test
    void lintAndKconfigCheckWithoutAllowShellRunNothing() throws IOException {
        Path marker = dir.resolve("MARKER");
        Path t = treeWithShellDefaults(marker);
        CliRun lint = CliRun.of("lint", t.toString(), "--arch", "x86");
        assertFalse(Files.exists(marker), "lint ran a $(shell): " + lint.err());
        CliRun check = CliRun.of("kconfig", "check", "--srctree", t.toString(), "--arch", "x86");
        assertFalse(Files.exists(marker), "kconfig check ran a $(shell): " + check.out());
        assertTrue(check.out().contains("unevaluated-macros=3"), check.out());
        // With the user's permission it does run: the test would notice a marker that can never appear.
        CliRun allowed = CliRun.of("kconfig", "check", "--srctree", t.toString(), "--arch", "x86", "--allow-shell",
                "--macro-cache", dir.resolve("cache.json").toString());
        assertTrue(Files.exists(marker), "--allow-shell did not run the command: " + allowed.out());
    }
}

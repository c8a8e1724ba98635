package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kls.kconfig.testing.LinuxTree;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kls lint over Linux 6.1's Kconfig for x86: every rule runs, none fails, and the tree is clean. */
@Tag("kernel")
class KernelLintTest {

    @Test
    void linux61X86KconfigIsCleanAndNoRuleFails(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path config = dir.resolve("x86_64.config");
        CliRun cfg = CliRun.of("config", "defconfig", "--srctree", LinuxTree.dir().toString(), "--arch", "x86_64",
                "--config", LinuxTree.dir().resolve("arch/x86/configs/x86_64_defconfig").toString(), "--out",
                config.toString());
        assertEquals(0, cfg.status(), cfg.err());
        CliRun run = CliRun.of("lint", "--srctree", LinuxTree.dir().toString(), "--arch", "x86_64", "--config",
                config.toString(), "--fail-on", "warning");
        assertFalse(run.out().contains("[internal-error]"), run.out());
        assertFalse(run.err().contains("not run"), "every rule runs: " + run.err());
        // conf itself prints no warning for x86_64_defconfig, and the 6.1 Kconfig reads cleanly.
        assertEquals("", run.out());
        assertEquals(0, run.status(), run.err());
        System.out.println(run.err());
    }
}

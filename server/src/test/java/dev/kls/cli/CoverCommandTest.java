package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kls config cover and the sweep's cover:PATCH sampler on a small tree written here. */
class CoverCommandTest {

    @TempDir
    Path root;

    private void write(String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void tree() throws Exception {
        write("Kconfig", "mainmenu \"t\"\nsource \"arch/$(SRCARCH)/Kconfig\"\nconfig A\n\tbool \"A\"\nconfig B\n\tbool \"B\"\n"
                + "\tdepends on A\nconfig E\n\tbool \"E\"\n\tdefault y\nconfig F\n\tbool \"F\"\n");
        write("arch/x86/Kconfig", "config X86\n\tdef_bool y\n");
        write("arch/x86/configs/x86_64_defconfig", "CONFIG_E=y\n");
        write("Kbuild", "obj-y += drv/\n");
        write("drv/Makefile", "obj-$(CONFIG_B) += c.o\n");
        write("drv/c.c", "int a;\n#if defined(CONFIG_F) && !defined(CONFIG_E)\nint f;\n#endif\n"
                + "#if defined(CONFIG_B) && !defined(CONFIG_A)\nint never;\n#endif\n");
    }

    @Test
    void coverWritesAConfigurationConfKeeps() throws Exception {
        tree();
        Path out = root.resolve("out.config");
        CliRun r = CliRun.of("config", "cover", "drv/c.c:3", "--srctree", root.toString(), "--arch", "x86_64",
                "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        String text = Files.readString(out);
        assertTrue(text.contains("CONFIG_A=y\nCONFIG_B=y\n# CONFIG_E is not set\nCONFIG_F=y\n"), text);
        assertTrue(r.err().contains("4 symbol(s) changed"), r.err());
        // conf's olddefconfig (kls's, conf-exact) leaves it as it is
        CliRun again = CliRun.of("config", "olddefconfig", "--config", out.toString(), "--out",
                root.resolve("again").toString(), "--srctree", root.toString(), "--arch", "x86_64");
        assertEquals(0, again.status(), again.err());
        assertEquals(text, Files.readString(root.resolve("again")));

        CliRun bad = CliRun.of("config", "cover", "drv/c.c:6", "--srctree", root.toString(), "--arch", "x86_64");
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("impossible: drv/c.c:6"), bad.err());
    }

    @Test
    void sweepCoverSampler() throws Exception {
        tree();
        write("p.diff", "--- a/drv/c.c\n+++ b/drv/c.c\n@@ -2,3 +2,3 @@\n #if defined(CONFIG_F) && !defined(CONFIG_E)\n"
                + "-int f;\n+int g;\n #endif\n");
        CliRun r = CliRun.of("sweep", "--srctree", root.toString(), "--arch", "x86_64", "--sampler",
                "cover:" + root.resolve("p.diff"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"name\": \"cover:drv/c.c\""), r.out());
        assertTrue(r.out().contains("\"total\": 1"), r.out());
    }
}

package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kls config on a small tree, with the environment conf reads. Expected
 * .config texts are what the kernel's own conf wrote for the same tree,
 * seed and settings.
 */
class ConfigCommandTest {

    @TempDir
    Path tree;
    @TempDir
    Path work;

    static final String HEADER = "#\n# Automatically generated file; DO NOT EDIT.\n# Main menu\n#\n";

    static final String ARCH_KCONFIG = """
            config MODULES
            	bool "modules"
            	modules
            config B1
            	bool "b1"
            config B2
            	bool "b2"
            	depends on B1
            config T1
            	tristate "t1"
            config T2
            	tristate "t2"
            	depends on T1
            	select SEL
            config SEL
            	tristate
            config N
            	int "n"
            	range 1 8
            	default 4
            choice
            	prompt "bool choice"
            config C1
            	bool "c1"
            config C2
            	bool "c2"
            config C3
            	bool "c3"
            	depends on B1
            endchoice
            choice
            	prompt "tristate choice"
            	tristate
            config TC1
            	tristate "tc1"
            config TC2
            	tristate "tc2"
            config TC3
            	bool "tc3"
            endchoice
            choice
            	prompt "optional"
            	optional
            	depends on B2
            config O1
            	bool "o1"
            config O2
            	bool "o2"
            endchoice
            config B3
            	bool "b3"
            	default y
            config T3
            	tristate "t3"
            	default m
            	depends on B1 || T1
            """;

    /** conf --randconfig with KCONFIG_SEED=2 (default probabilities). */
    static final String RAND_2 = HEADER + "CONFIG_MODULES=y\nCONFIG_B1=y\nCONFIG_B2=y\nCONFIG_T1=m\n"
            + "# CONFIG_T2 is not set\nCONFIG_N=4\n# CONFIG_C1 is not set\n# CONFIG_C2 is not set\nCONFIG_C3=y\n"
            + "# CONFIG_TC1 is not set\nCONFIG_TC2=m\n# CONFIG_B3 is not set\n# CONFIG_T3 is not set\n";
    /** KCONFIG_SEED=3. */
    static final String RAND_3 = HEADER + "# CONFIG_MODULES is not set\nCONFIG_B1=y\n# CONFIG_B2 is not set\n"
            + "# CONFIG_T1 is not set\nCONFIG_N=4\n# CONFIG_C1 is not set\nCONFIG_C2=y\n# CONFIG_C3 is not set\n"
            + "CONFIG_TC1=y\n# CONFIG_TC2 is not set\n# CONFIG_TC3 is not set\n# CONFIG_B3 is not set\nCONFIG_T3=y\n";
    /** KCONFIG_SEED=7 KCONFIG_PROBABILITY=20. */
    static final String RAND_7_20 = HEADER + "CONFIG_MODULES=y\n# CONFIG_B1 is not set\n# CONFIG_T1 is not set\n"
            + "CONFIG_N=4\nCONFIG_C1=y\n# CONFIG_C2 is not set\n# CONFIG_TC1 is not set\n# CONFIG_TC2 is not set\n"
            + "# CONFIG_B3 is not set\n";

    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void minimalTree() throws IOException {
        write(tree.resolve("Kconfig"), "source \"arch/$(SRCARCH)/Kconfig\"\n");
        write(tree.resolve("arch/x86/Kconfig"), ARCH_KCONFIG);
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private CliRun kls(String target, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "config";
        args[1] = target;
        args[2] = "--srctree=" + tree;
        args[3] = "--arch=x86";
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.withEnv(env, args);
    }

    @Test
    void randconfigTakesItsSeedFromTheOptionOrKconfigSeed() throws IOException {
        Path out = work.resolve("rand.config");
        CliRun run = kls("randconfig", "--seed", "2", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("KCONFIG_SEED=0x2\n", run.out());
        assertEquals(RAND_2, Files.readString(out));

        env.put("KCONFIG_SEED", "0x3");
        run = kls("randconfig", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("KCONFIG_SEED=0x3\n", run.out());
        assertEquals(RAND_3, Files.readString(out));
        assertEquals(RAND_2, Files.readString(work.resolve("rand.config.old")));

        env.put("KCONFIG_SEED", "7");
        env.put("KCONFIG_PROBABILITY", "20");
        run = kls("randconfig", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(RAND_7_20, Files.readString(out));

        // Without a usable seed conf takes one from the clock, and says which.
        env.put("KCONFIG_SEED", "not a number");
        run = kls("randconfig", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().matches("KCONFIG_SEED=0x[0-9A-F]+\n"), run.out());
    }

    @Test
    void badRandconfigSettingsAreRefused() {
        env.put("KCONFIG_PROBABILITY", "60:50");
        CliRun run = kls("randconfig", "--seed", "1", "--out", work.resolve("x").toString());
        assertEquals(2, run.status());
        assertEquals("kls: KCONFIG_PROBABILITY: Numerical result out of range\n", run.err());
        env.remove("KCONFIG_PROBABILITY");
        run = kls("randconfig", "--seed", "12abc", "--out", work.resolve("x").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--seed takes a number"), run.err());
        assertFalse(Files.exists(work.resolve("x")));
    }

    @Test
    void kconfigConfigNamesTheFileReadAndWritten() throws IOException {
        Path config = work.resolve("my.config");
        Files.writeString(config, "CONFIG_B1=y\nCONFIG_C2=y\n");
        env.put("KCONFIG_CONFIG", config.toString());
        CliRun run = kls("olddefconfig");
        assertEquals(0, run.status(), run.err());
        String written = Files.readString(config);
        assertTrue(written.startsWith(HEADER + "# CONFIG_MODULES is not set\nCONFIG_B1=y\n# CONFIG_B2 is not set\n"),
                written);
        assertTrue(written.contains("\nCONFIG_C2=y\n"), written);
        assertEquals("CONFIG_B1=y\nCONFIG_C2=y\n", Files.readString(work.resolve("my.config.old")));

        // savedefconfig reads it too, and writes the minimal form. TC1 stays although it is its choice's default:
        // conf leaves out only bool values that are.
        Path saved = work.resolve("saved");
        run = kls("savedefconfig", "--out", saved.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("CONFIG_B1=y\nCONFIG_C2=y\nCONFIG_TC1=y\n", Files.readString(saved));

        // all*config and randconfig write it.
        run = kls("allnoconfig");
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.readString(config).contains("# CONFIG_B1 is not set\n"));
    }

    @Test
    void allConfigSeedsTheAllTargetsAndRandconfig() throws IOException {
        Path out = work.resolve("out.config");
        // "1": allno.config, else all.config, in the current folder or the source tree.
        env.put("KCONFIG_ALLCONFIG", "1");
        CliRun run = kls("allnoconfig", "--out", out.toString());
        assertEquals(2, run.status());
        assertEquals("kls: KCONFIG_ALLCONFIG set, but no \"allno.config\" or \"all.config\" file found\n", run.err());

        Files.writeString(tree.resolve("all.config"), "CONFIG_B1=y\n");
        run = kls("allnoconfig", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.readString(out).contains("\nCONFIG_B1=y\n# CONFIG_B2 is not set\n"), Files.readString(out));

        Files.writeString(tree.resolve("allno.config"), "CONFIG_B3=y\n");
        run = kls("allnoconfig", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.readString(out).contains("# CONFIG_B1 is not set\n"));
        assertTrue(Files.readString(out).contains("\nCONFIG_B3=y\n"));

        // A file name.
        Path seed = work.resolve("seed.config");
        Files.writeString(seed, "CONFIG_B1=y\nCONFIG_B2=y\nCONFIG_C2=y\n");
        env.put("KCONFIG_ALLCONFIG", seed.toString());
        run = kls("randconfig", "--seed", "2", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        String rand = Files.readString(out);
        assertTrue(rand.contains("\nCONFIG_B1=y\nCONFIG_B2=y\n") && rand.contains("\nCONFIG_C2=y\n"), rand);

        env.put("KCONFIG_ALLCONFIG", work.resolve("missing.config").toString());
        run = kls("allyesconfig", "--out", out.toString());
        assertEquals(2, run.status());
        assertEquals("kls: Can't read seed configuration \"" + work.resolve("missing.config") + "\"!\n", run.err());
    }

    @Test
    void listnewconfigPrintsAndWritesNothing() throws IOException {
        Path config = work.resolve(".config");
        Files.writeString(config, "CONFIG_B1=y\n# CONFIG_MODULES is not set\nCONFIG_C2=y\nCONFIG_N=12\n");
        CliRun run = kls("listnewconfig", "--config", config.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("CONFIG_B2=n\nCONFIG_T1=n\nCONFIG_N=4\nCONFIG_C1=n\nCONFIG_C3=n\nCONFIG_TC1=y\nCONFIG_TC2=n\n"
                + "CONFIG_TC3=n\nCONFIG_B3=y\nCONFIG_T3=y\n", run.out());
        assertEquals("CONFIG_B1=y\n# CONFIG_MODULES is not set\nCONFIG_C2=y\nCONFIG_N=12\n", Files.readString(config));
        assertFalse(Files.exists(work.resolve(".config.old")));
    }

    @Test
    void defconfigTakesTheFileToExpand() throws IOException {
        Path def = work.resolve("my_defconfig");
        Files.writeString(def, "CONFIG_B1=y\nCONFIG_C2=y\nCONFIG_TC1=y\n# CONFIG_B3 is not set\n");
        Path out = work.resolve("out.config");
        CliRun run = kls("defconfig", "--defconfig", def.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(RAND_3, Files.readString(out));
        run = kls("defconfig", "--out", out.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("defconfig needs --defconfig FILE"), run.err());
        run = kls("olddefconfig", "--defconfig", def.toString(), "--out", out.toString());
        assertEquals(2, run.status());
    }

    @Test
    void theConfigPrefixVariableRenamesTheLines() throws IOException {
        env.put("CONFIG_", "BR2_");
        Path config = work.resolve("br.config");
        Files.writeString(config, "BR2_B1=y\n# BR2_MODULES is not set\nCONFIG_T1=y\nBR2_N=6\n");
        CliRun run = kls("olddefconfig", "--config", config.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(HEADER + "# BR2_MODULES is not set\nBR2_B1=y\n# BR2_B2 is not set\n# BR2_T1 is not set\n"
                + "BR2_N=6\nBR2_C1=y\n# BR2_C2 is not set\n# BR2_C3 is not set\nBR2_TC1=y\n# BR2_TC2 is not set\n"
                + "# BR2_TC3 is not set\nBR2_B3=y\nBR2_T3=y\n", Files.readString(config));
        assertTrue(run.err().contains(config + ":3:1: warning: unexpected data: CONFIG_T1=y"), run.err());
    }

    @Test
    void unmetDependenciesAreWarnedWithTheirDefinition() throws IOException {
        write(tree.resolve("arch/x86/Kconfig"), "config S\n\tbool \"s\"\n\tdefault y\n\tselect NEEDS\n"
                + "config DEP\n\tbool \"dep\"\nconfig NEEDS\n\tbool \"needs\"\n\tdepends on DEP\n");
        Path out = work.resolve("out.config");
        env.put("KCONFIG_CONFIG", work.resolve("none.config").toString());
        CliRun run = kls("olddefconfig", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("kls: note: there is no " + work.resolve("none.config") + ": every symbol is new (make would "
                + "look for the running kernel's config in /boot and /lib/modules, then the arch's defconfig)\n"
                + "arch/x86/Kconfig:7:1: warning: unmet direct dependencies detected for NEEDS\n"
                + "  Depends on [n]: DEP [=n]\n  Selected by [y]:\n  - S [=y]\n", run.err());
        assertEquals(HEADER + "CONFIG_S=y\n# CONFIG_DEP is not set\nCONFIG_NEEDS=y\n", Files.readString(out));
    }
}

package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.dotconfig.DotConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * randconfig, savedefconfig, listnewconfig and conf's environment settings
 * on a small tree. Every expected text here is what the kernel's own conf
 * (Linux 6.1 scripts/kconfig/conf, glibc's rand) wrote for the same tree,
 * input, seed and probabilities.
 */
class TargetsTest {

    @TempDir
    Path dir;

    static final String TREE = """
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

    private KconfigTree tree() {
        return TestTrees.tree(dir, TREE);
    }

    private static String flat(String body) {
        return body.replace('\n', '|');
    }

    @Test
    void randMatchesGlibc() {
        // Values printed by a C program calling srand(seed) and rand() with Debian's glibc.
        GlibcRandom one = new GlibcRandom(1);
        assertEquals(List.of(1804289383, 846930886, 1681692777, 1714636915, 1957747793),
                List.of(one.next(), one.next(), one.next(), one.next(), one.next()));
        GlibcRandom zero = new GlibcRandom(0);
        assertEquals(1804289383, zero.next(), "srand(0) seeds as srand(1)");
        GlibcRandom max = new GlibcRandom(-1); // 4294967295
        assertEquals(List.of(254925627, 1205188300, 366127624), List.of(max.next(), max.next(), max.next()));
        GlibcRandom high = new GlibcRandom((int) 2147483648L);
        assertEquals(List.of(1336741213, 1210407648, 1447044896), List.of(high.next(), high.next(), high.next()));
    }

    @Test
    void probabilityIsParsedAsConfParsesIt() {
        assertEquals(new ConfigOptions.Probability(50, 33, 33), ConfigOptions.Probability.parse(null));
        assertEquals(new ConfigOptions.Probability(50, 33, 33), ConfigOptions.Probability.parse(""));
        // "p": bool y = p; tristate m = p/2, y = the rest.
        assertEquals(new ConfigOptions.Probability(25, 13, 12), ConfigOptions.Probability.parse("25"));
        // "y:m" for tristates; bool y = y + m.
        assertEquals(new ConfigOptions.Probability(65, 40, 25), ConfigOptions.Probability.parse("40:25"));
        assertEquals(new ConfigOptions.Probability(70, 10, 30), ConfigOptions.Probability.parse("70:10:30"));
        // strtol reads what it can: no digits is 0, and conf's loop then fills all three parts.
        assertEquals(new ConfigOptions.Probability(0, 0, 0), ConfigOptions.Probability.parse("abc"));
        assertEquals(new ConfigOptions.Probability(10, 20, 30), ConfigOptions.Probability.parse("10:20:30:40"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigOptions.Probability.parse("101"));
        assertEquals("KCONFIG_PROBABILITY: Numerical result out of range", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigOptions.Probability.parse("60:50"));
        assertThrows(IllegalArgumentException.class, () -> ConfigOptions.Probability.parse("-1"));
    }

    @Test
    void seedIsParsedAsConfParsesIt() {
        assertEquals(OptionalInt.of(16), ConfigOptions.parseSeed("0x10"));
        assertEquals(OptionalInt.of(8), ConfigOptions.parseSeed("010"));
        assertEquals(OptionalInt.of(42), ConfigOptions.parseSeed(" 42"));
        assertEquals(OptionalInt.of(-1), ConfigOptions.parseSeed("-1"));
        assertEquals(OptionalInt.empty(), ConfigOptions.parseSeed("12abc"));
        assertEquals(OptionalInt.empty(), ConfigOptions.parseSeed(""));
        assertEquals(OptionalInt.empty(), ConfigOptions.parseSeed(null));
        assertEquals("KCONFIG_SEED=0xFFFFFFFF", ConfigOptions.seedLine(-1));
        assertEquals("KCONFIG_SEED=0xA", ConfigOptions.seedLine(10));
        ConfigOptions env = ConfigOptions.fromEnvironment(java.util.Map.of("KCONFIG_SEED", "0x2A",
                "KCONFIG_PROBABILITY", "30", "CONFIG_", "BR2_"));
        assertEquals(new ConfigOptions("BR2_", 42, new ConfigOptions.Probability(30, 15, 15)), env);
    }

    private ConfigResult rand(KconfigTree tree, int seed, String probability, String allConfig) {
        ConfigOptions options = ConfigOptions.DEFAULT.withSeed(seed)
                .withProbability(ConfigOptions.Probability.parse(probability));
        DotConfig in = allConfig == null ? null : DotConfig.parse("all.config", allConfig);
        return ConfigEvaluator.run(tree, ConfigTarget.RANDCONFIG, in, options);
    }

    @Test
    void randconfigDrawsAsConfDraws() {
        KconfigTree tree = tree();
        String[][] cases = {
            {"1", null, "# CONFIG_MODULES is not set|# CONFIG_B1 is not set|# CONFIG_T1 is not set|CONFIG_N=4|"
                    + "CONFIG_C1=y|# CONFIG_C2 is not set|# CONFIG_TC1 is not set|CONFIG_TC2=y|# CONFIG_TC3 is not set|"
                    + "# CONFIG_B3 is not set|"},
            {"2", null, "CONFIG_MODULES=y|CONFIG_B1=y|CONFIG_B2=y|CONFIG_T1=m|# CONFIG_T2 is not set|CONFIG_N=4|"
                    + "# CONFIG_C1 is not set|# CONFIG_C2 is not set|CONFIG_C3=y|# CONFIG_TC1 is not set|"
                    + "CONFIG_TC2=m|# CONFIG_B3 is not set|# CONFIG_T3 is not set|"},
            {"3", null, "# CONFIG_MODULES is not set|CONFIG_B1=y|# CONFIG_B2 is not set|# CONFIG_T1 is not set|"
                    + "CONFIG_N=4|# CONFIG_C1 is not set|CONFIG_C2=y|# CONFIG_C3 is not set|CONFIG_TC1=y|"
                    + "# CONFIG_TC2 is not set|# CONFIG_TC3 is not set|# CONFIG_B3 is not set|CONFIG_T3=y|"},
            {"7", "20", "CONFIG_MODULES=y|# CONFIG_B1 is not set|# CONFIG_T1 is not set|CONFIG_N=4|CONFIG_C1=y|"
                    + "# CONFIG_C2 is not set|# CONFIG_TC1 is not set|# CONFIG_TC2 is not set|# CONFIG_B3 is not set|"},
            {"8", "40:25", "CONFIG_MODULES=y|CONFIG_B1=y|# CONFIG_B2 is not set|# CONFIG_T1 is not set|CONFIG_N=4|"
                    + "# CONFIG_C1 is not set|# CONFIG_C2 is not set|CONFIG_C3=y|# CONFIG_TC1 is not set|"
                    + "CONFIG_TC2=m|CONFIG_B3=y|CONFIG_T3=m|"},
            {"9", "70:10:30", "CONFIG_MODULES=y|CONFIG_B1=y|CONFIG_B2=y|CONFIG_T1=m|# CONFIG_T2 is not set|"
                    + "CONFIG_N=4|# CONFIG_C1 is not set|CONFIG_C2=y|# CONFIG_C3 is not set|# CONFIG_TC1 is not set|"
                    + "CONFIG_TC2=m|# CONFIG_B3 is not set|# CONFIG_T3 is not set|"},
            // Probability 0: every symbol n, but a choice at y still gets one of its values.
            {"10", "0", "# CONFIG_MODULES is not set|# CONFIG_B1 is not set|# CONFIG_T1 is not set|CONFIG_N=4|"
                    + "CONFIG_C1=y|# CONFIG_C2 is not set|CONFIG_TC1=y|# CONFIG_TC2 is not set|"
                    + "# CONFIG_TC3 is not set|# CONFIG_B3 is not set|"},
            // 100: bools y, tristates y or m half and half; the tristate choice at m takes several values.
            {"11", "100", "CONFIG_MODULES=y|CONFIG_B1=y|CONFIG_B2=y|CONFIG_T1=m|CONFIG_T2=m|CONFIG_SEL=m|"
                    + "CONFIG_N=4|CONFIG_C1=y|# CONFIG_C2 is not set|# CONFIG_C3 is not set|CONFIG_TC1=m|"
                    + "CONFIG_TC2=m|CONFIG_B3=y|CONFIG_T3=y|"},
            {"12", "0:100", "CONFIG_MODULES=y|CONFIG_B1=y|CONFIG_B2=y|CONFIG_T1=m|CONFIG_T2=m|CONFIG_SEL=m|"
                    + "CONFIG_N=4|# CONFIG_C1 is not set|CONFIG_C2=y|# CONFIG_C3 is not set|CONFIG_TC1=m|"
                    + "CONFIG_TC2=m|CONFIG_B3=y|CONFIG_T3=m|"},
        };
        for (String[] c : cases) {
            ConfigResult r = rand(tree, Integer.parseInt(c[0]), c[1], null);
            assertEquals(c[2], flat(r.body()), "seed " + c[0] + " probability " + c[1]);
            // What randconfig writes, olddefconfig keeps.
            assertEquals(r.text(), TestTrees.run(tree, ConfigTarget.OLDDEFCONFIG, r.text()).text());
        }
    }

    @Test
    void randconfigKeepsTheAllConfigValues() {
        KconfigTree tree = tree();
        String seed = "CONFIG_B1=y\nCONFIG_C2=y\n# CONFIG_MODULES is not set\nCONFIG_N=7\n";
        assertEquals("# CONFIG_MODULES is not set|CONFIG_B1=y|# CONFIG_B2 is not set|CONFIG_T1=y|CONFIG_T2=y|"
                + "CONFIG_SEL=y|CONFIG_N=7|# CONFIG_C1 is not set|CONFIG_C2=y|# CONFIG_C3 is not set|CONFIG_TC1=y|"
                + "# CONFIG_TC2 is not set|# CONFIG_TC3 is not set|# CONFIG_B3 is not set|CONFIG_T3=y|",
                flat(rand(tree, 4, null, seed).body()));
        assertEquals("# CONFIG_MODULES is not set|CONFIG_B1=y|CONFIG_B2=y|# CONFIG_T1 is not set|CONFIG_N=7|"
                + "# CONFIG_C1 is not set|CONFIG_C2=y|# CONFIG_C3 is not set|CONFIG_TC1=y|# CONFIG_TC2 is not set|"
                + "# CONFIG_TC3 is not set|# CONFIG_B3 is not set|# CONFIG_T3 is not set|",
                flat(rand(tree, 5, null, seed).body()));
    }

    @Test
    void randconfigSettlesWhatConfWouldStillChange() {
        // Whatever the seed and chances, what randconfig writes survives olddefconfig unchanged.
        KconfigTree tree = tree();
        for (int seed = 100; seed < 160; seed++) {
            ConfigResult r = rand(tree, seed, seed % 2 == 0 ? "90" : "5:90", null);
            assertEquals(r.text(), TestTrees.run(tree, ConfigTarget.OLDDEFCONFIG, r.text()).text(), "seed " + seed);
        }
    }

    @Test
    void anUnstableRandomResultIsSettledByOlddefconfig() {
        // conf's randconfig on this tree is stable; hand the settling step one that is not (B2 without B1,
        // N out of range) to see it run olddefconfig until nothing changes, and say so.
        KconfigTree tree = tree();
        ConfigResult stable = rand(tree, 2, null, null);
        String unstable = stable.text().replace("CONFIG_B1=y", "# CONFIG_B1 is not set").replace("CONFIG_N=4", "CONFIG_N=9");
        ConfigResult settled = ConfigEvaluator.settle(tree, new ConfigResult(unstable, stable.symbols(),
                stable.diagnostics()), ConfigOptions.DEFAULT);
        assertEquals(TestTrees.run(tree, ConfigTarget.OLDDEFCONFIG, unstable).text(), settled.text());
        assertTrue(settled.body().contains("# CONFIG_B1 is not set\n") && !settled.body().contains("CONFIG_B2")
                && settled.body().contains("CONFIG_N=4\n"), settled.body());
        assertEquals(settled.text(), TestTrees.run(tree, ConfigTarget.OLDDEFCONFIG, settled.text()).text());
        Diagnostic note = settled.diagnostics().get(settled.diagnostics().size() - 1);
        assertEquals(dev.kls.kconfig.KconfigSeverity.NOTE, note.severity());
        assertEquals("randconfig: conf's random answers were not stable; 1 pass(es) of olddefconfig settled them",
                note.message());
        assertEquals("n", settled.symbol("B1").value());
        // A stable one comes back as it was.
        assertTrue(ConfigEvaluator.settle(tree, stable, ConfigOptions.DEFAULT) == stable);
    }

    @Test
    void savedefconfigWritesTheMinimalDefconfig() {
        KconfigTree tree = tree();
        String[][] cases = {
            {"2", null, "CONFIG_MODULES=y|CONFIG_B1=y|CONFIG_B2=y|CONFIG_T1=m|CONFIG_C3=y|CONFIG_TC2=m|"
                    + "# CONFIG_B3 is not set|# CONFIG_T3 is not set|"},
            // C2 is not the choice's default, so it stays; N at its default goes.
            {"3", null, "CONFIG_B1=y|CONFIG_C2=y|CONFIG_TC1=y|# CONFIG_B3 is not set|"},
            {"9", "70:10:30", "CONFIG_MODULES=y|CONFIG_B1=y|CONFIG_B2=y|CONFIG_T1=m|CONFIG_C2=y|CONFIG_TC2=m|"
                    + "# CONFIG_B3 is not set|# CONFIG_T3 is not set|"},
            // SEL is selected, not set: it is left out; so is C1, the default value of the choice.
            {"11", "100", "CONFIG_MODULES=y|CONFIG_B1=y|CONFIG_B2=y|CONFIG_T1=m|CONFIG_T2=m|CONFIG_TC1=m|CONFIG_TC2=m|"
                    + "CONFIG_T3=y|"},
        };
        for (String[] c : cases) {
            String config = rand(tree, Integer.parseInt(c[0]), c[1], null).text();
            ConfigResult saved = TestTrees.run(tree, ConfigTarget.SAVEDEFCONFIG, config);
            assertEquals(c[2], flat(saved.text()), "randconfig seed " + c[0]);
            // The defconfig expands back to the same .config.
            assertEquals(config, TestTrees.run(tree, ConfigTarget.DEFCONFIG, saved.text()).text());
        }
        // An out-of-range value is dropped on reading; TC1 is what the tristate choice at y falls to.
        assertEquals("CONFIG_B1=y\nCONFIG_C2=y\nCONFIG_TC1=y\n", TestTrees.run(tree, ConfigTarget.SAVEDEFCONFIG,
                "CONFIG_B1=y\n# CONFIG_MODULES is not set\nCONFIG_C2=y\nCONFIG_N=12\n").text());
    }

    @Test
    void listnewconfigListsWhatTheConfigDoesNotSet() {
        KconfigTree tree = tree();
        ConfigResult r = TestTrees.run(tree, ConfigTarget.LISTNEWCONFIG,
                "CONFIG_B1=y\n# CONFIG_MODULES is not set\nCONFIG_C2=y\nCONFIG_N=12\n");
        // N's 12 is out of range, so N is new again; the choice values other than the user's pick are new too.
        assertEquals("""
                CONFIG_B2=n
                CONFIG_T1=n
                CONFIG_N=4
                CONFIG_C1=n
                CONFIG_C3=n
                CONFIG_TC1=y
                CONFIG_TC2=n
                CONFIG_TC3=n
                CONFIG_B3=y
                CONFIG_T3=y
                """, r.text());
        assertEquals("""
                CONFIG_MODULES=n
                CONFIG_B1=n
                CONFIG_T1=n
                CONFIG_N=4
                CONFIG_C1=y
                CONFIG_C2=n
                CONFIG_TC1=y
                CONFIG_TC2=n
                CONFIG_TC3=n
                CONFIG_B3=y
                """, TestTrees.run(tree, ConfigTarget.LISTNEWCONFIG, null).text());
    }

    @Test
    void anotherSymbolPrefixIsReadAndWritten() {
        KconfigTree tree = tree();
        ConfigOptions br2 = new ConfigOptions("BR2_", 0, ConfigOptions.Probability.DEFAULT);
        DotConfig in = DotConfig.parse("pre.config", "BR2_B1=y\n# BR2_MODULES is not set\nCONFIG_T1=y\nBR2_N=6\n", "BR2_");
        ConfigResult r = ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG, in, br2);
        assertEquals("""
                # BR2_MODULES is not set
                BR2_B1=y
                # BR2_B2 is not set
                # BR2_T1 is not set
                BR2_N=6
                BR2_C1=y
                # BR2_C2 is not set
                # BR2_C3 is not set
                BR2_TC1=y
                # BR2_TC2 is not set
                # BR2_TC3 is not set
                BR2_B3=y
                BR2_T3=y
                """, r.body());
        // conf: "pre.config:3:warning: unexpected data: CONFIG_T1=y"
        assertEquals(List.of("pre.config:3:1: warning: unexpected data: CONFIG_T1=y"),
                r.diagnostics().stream().map(Diagnostic::format).collect(Collectors.toList()));
        ConfigResult list = ConfigEvaluator.run(tree, ConfigTarget.LISTNEWCONFIG,
                DotConfig.parse("pre2.config", "BR2_B1=y\n", "BR2_"), br2);
        assertTrue(list.text().startsWith("BR2_MODULES=n\nBR2_B2=n\nBR2_T1=n\n"), list.text());
    }
}

package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dead-ifdef: #if tests no configuration makes true (dead) or false
 * (undead) where their line is reached, and Makefile lines that never
 * apply; live tests, tests inside dead blocks and in files kbuild never
 * builds stay silent.
 */
class DeadIfdefRuleTest {

    private final DeadIfdefRule rule = new DeadIfdefRule();

    private static final String ARCH = "config X86\n\tdef_bool y\n\n"
            + "config 64BIT\n\tdef_bool y\n\n"
            + "config MODULES\n\tbool \"modules\"\n\tmodules\n\n"
            + "config FOO\n\ttristate \"foo\"\n\n"
            + "config BAR\n\tbool \"bar\"\n\n"
            + "config NEEDS_BAR\n\tbool \"needs bar\"\n\tdepends on BAR\n\n"
            + "config ARM_ONLY\n\tbool \"arm only\"\n\tdepends on ARM\n";

    private static final String[] KBUILD = {"Kbuild", "obj-y += drivers/\n",
        "drivers/Makefile", "obj-$(CONFIG_FOO) += foo.o\nobj-y += core.o\nobj-$(CONFIG_ARM_ONLY)\t+= arm.o  # on ARM\n"
            + "obj-$(CONFIG_BAR) += bar/\n",
        "drivers/bar/Makefile", "obj-$(CONFIG_BAR) += bar.o\nobj-$(CONFIG_NEEDS_BAR) += needs.o\n",
        "drivers/arm.c", "#ifdef CONFIG_BAR\nint never_built;\n#endif\n"};

    private static RuleFixture tree(Path dir, String... files) {
        String[] all = new String[KBUILD.length + files.length];
        System.arraycopy(KBUILD, 0, all, 0, KBUILD.length);
        System.arraycopy(files, 0, all, KBUILD.length, files.length);
        return RuleFixture.tree(dir, ARCH, all);
    }

    /** The rule is off by default (every tree has tests of other arches' symbols); the tests turn it on. */
    private static List<Finding> run(RuleFixture t, Rule rule, String options) {
        RuleSettings on = RuleSettings.parse("{ \"rules\": { \"dead-ifdef\": { \"options\": { " + options + " } } } }",
                List.of(rule.id()), RuleSettings.optionNames(List.of(rule)));
        assertEquals(List.of(), on.problems());
        Report r = new RuleEngine(List.of(rule), on, new RuleEngine.Options(Duration.ofMinutes(1), 1))
                .run(t.workspace(null));
        for (Finding f : r.findings()) {
            assertFalse(f.ruleId().equals(RuleEngine.INTERNAL_ERROR), f.message());
        }
        return r.findings();
    }

    private static List<Finding> run(RuleFixture t, Rule rule) {
        return run(t, rule, "\"all-configurations\": \"auto\"");
    }

    private static String lines(List<Finding> found) {
        return found.stream().map(f -> f.file() + ":" + f.range().startLine()).collect(Collectors.joining(" "));
    }

    private static final String CORE = """
            #ifdef CONFIG_ARM_ONLY
            int arm;
            #ifdef CONFIG_BAR
            int inside_dead;
            #endif
            #endif
            #if defined(CONFIG_NEEDS_BAR) && !defined(CONFIG_BAR)
            int contradiction;
            #endif
            #ifdef CONFIG_64BIT
            int wide;
            #else
            int narrow;
            #endif
            #ifdef CONFIG_BAR
            int bar;
            #elif defined(CONFIG_NEEDS_BAR)
            int needs_bar_without_bar;
            #endif
            #if IS_ENABLED(CONFIG_FOO) || defined(CONFIG_NEEDS_BAR)
            int live;
            #endif
            """;

    @Test
    void offByDefault(@TempDir Path dir) {
        assertEquals(List.of(), tree(dir, "drivers/core.c", CORE).run(rule));
    }

    @Test
    void deadTestsAreFoundWithHowTheyWereProven(@TempDir Path dir) {
        List<Finding> found = run(tree(dir, "drivers/core.c", CORE), rule);
        List<Finding> core = found.stream().filter(f -> f.file().equals("drivers/core.c")).toList();
        assertEquals("drivers/core.c:1 drivers/core.c:7 drivers/core.c:10 drivers/core.c:17", lines(core),
                "not the block inside the dead one (line 3), not the live tests (15, 20)");
        Finding arm = core.get(0);
        assertEquals("dead-ifdef", arm.ruleId());
        assertEquals(Severity.WARNING, arm.severity());
        assertEquals("'#ifdef CONFIG_ARM_ONLY' is never true on x86: the block is "
                + "dead code (proven by unit propagation over the Kconfig model, no search)", arm.message());
        assertTrue(arm.condition().always());
        assertTrue(core.get(1).message().startsWith("'#if defined(CONFIG_NEEDS_BAR) && !defined(CONFIG_BAR)' is "
                + "never true on x86"), core.get(1).message());
        assertTrue(core.get(1).message().contains("proven by the SAT solver"), core.get(1).message());
        // reached only when BAR is off, where NEEDS_BAR cannot be on
        assertTrue(core.get(3).message().startsWith("'#elif defined(CONFIG_NEEDS_BAR)' is never true"),
                core.get(3).message());
    }

    @Test
    void undeadTestsSayTheirElseIsDead(@TempDir Path dir) {
        List<Finding> found = run(tree(dir, "drivers/core.c", CORE,
                "drivers/bar/bar.c", "#ifdef CONFIG_BAR\nint always;\n#endif\n#ifdef CONFIG_NEEDS_BAR\nint live;\n"
                        + "#endif\n"), rule);
        Finding wide = found.stream().filter(f -> f.file().equals("drivers/core.c") && f.range().startLine() == 10)
                .findFirst().orElseThrow();
        assertTrue(wide.message().startsWith("'#ifdef CONFIG_64BIT' is always true on x86: the test is redundant and its #else is dead code (proven by unit propagation"),
                wide.message());
        // bar.c is built only when BAR=y: its own #ifdef CONFIG_BAR cannot be false there
        List<Finding> bar = found.stream().filter(f -> f.file().equals("drivers/bar/bar.c")).toList();
        assertEquals("drivers/bar/bar.c:1", lines(bar));
        assertTrue(bar.get(0).message().startsWith("'#ifdef CONFIG_BAR' is always true on x86 where this line "
                + "is reached: the test is redundant (proven by the SAT solver"), bar.get(0).message());
    }

    @Test
    void liveTestsAndFilesNeverBuiltStaySilent(@TempDir Path dir) {
        List<Finding> found = run(tree(dir, "drivers/core.c", """
                #ifdef CONFIG_BAR
                int bar;
                #endif
                #if IS_ENABLED(CONFIG_FOO) && !defined(CONFIG_NEEDS_BAR)
                int foo;
                #endif
                #ifdef CONFIG_FOO_MODULE
                int module;
                #endif
                """), rule);
        assertEquals("drivers/Makefile:3", lines(found),
                "only the Makefile line: arm.c's #ifdef is in a file kbuild never builds");
    }

    @Test
    void aSymbolNoKconfigFileDefinesIsNamed(@TempDir Path dir) {
        List<Finding> found = run(tree(dir, "drivers/core.c", "#if defined(CONFIG_GONE) && defined(CONFIG_BAR)\n"
                + "int gone;\n#endif\n"), rule).stream().filter(f -> f.file().equals("drivers/core.c")).toList();
        assertEquals(1, found.size(), found::toString);
        assertEquals("'#if defined(CONFIG_GONE) && defined(CONFIG_BAR)' is never true on x86: the block is dead code"
                + " (proven by unit propagation over the Kconfig model, no search; no Kconfig file of this arch defines"
                + " CONFIG_GONE)", found.get(0).message());
    }

    @Test
    void makefileLinesThatNeverApplyAreDead(@TempDir Path dir) {
        List<Finding> found = run(tree(dir), rule);
        assertEquals("drivers/Makefile:3", lines(found));
        assertEquals("'obj-$(CONFIG_ARM_ONLY) += arm.o' never applies on x86 where kbuild reaches this folder: "
                + "ARM_ONLY can never hold, so nothing it names is ever built (proven by unit propagation over the "
                + "Kconfig model, no search)", found.get(0).message());
    }

    @Test
    void alwaysAndABudgetAreOptions(@TempDir Path dir) {
        // the solver's questions on this tree take milliseconds: within one second every one is answered
        List<Finding> found = run(tree(dir, "drivers/core.c", CORE), rule,
                "\"all-configurations\": \"always\", \"budget\": \"1\"");
        assertEquals("drivers/Makefile:3 drivers/core.c:1 drivers/core.c:7 drivers/core.c:10 drivers/core.c:17",
                lines(found.stream().sorted(java.util.Comparator.comparing(Finding::file)).toList()));
    }
}

package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ifdef-tristate: tests of a tristate CONFIG_X that miss X=m are found with
 * their condition, witness and exact fixes; the module case handled (the old
 * manual idiom, IS_ENABLED around, CONFIG_X_MODULE in the block), bool and
 * non-logic symbols, X's own files, and trees without modules stay silent.
 */
class IfdefTristateRuleTest {

    private final IfdefTristateRule rule = new IfdefTristateRule();

    static final String ARCH = "config X86\n\tdef_bool y\n\n"
            + "config MODULES\n\tbool \"modules\"\n\tmodules\n\n"
            + "config FOO\n\ttristate \"foo\"\n\n"
            + "config BAR\n\tbool \"bar\"\n\n"
            + "config SIZE\n\tint \"size\"\n\tdefault 4\n";

    /** kbuild: drivers/foo.c and drivers/foo/ are FOO's own, drivers/core.c is always built in. */
    static final String[] KBUILD = {"Kbuild", "obj-y += drivers/\n",
        "drivers/Makefile", "obj-$(CONFIG_FOO) += foo.o\nobj-y += core.o\nobj-$(CONFIG_BAR) += user.o\n"
            + "obj-$(CONFIG_FOO) += foo/\n",
        "drivers/foo/Makefile", "obj-$(CONFIG_FOO) += main.o\n"};

    private static RuleFixture tree(Path dir, String... files) {
        String[] all = new String[KBUILD.length + files.length];
        System.arraycopy(KBUILD, 0, all, 0, KBUILD.length);
        System.arraycopy(files, 0, all, KBUILD.length, files.length);
        return RuleFixture.tree(dir, ARCH, all);
    }

    private static String lines(List<Finding> found) {
        return found.stream().map(f -> f.file() + ":" + f.range().startLine() + ":" + f.range().startColumn())
                .collect(Collectors.joining(" "));
    }

    @Test
    void eachFormIsFoundWithExactFixes(@TempDir Path dir) {
        RuleFixture t = tree(dir, "include/linux/foo.h", """
                #ifdef CONFIG_FOO /* the driver is there */
                int foo_probe(void);
                #endif
                #  ifndef CONFIG_FOO
                static inline int foo_stub(void) { return 0; }
                #  endif
                #if defined(CONFIG_BAR) && !defined( CONFIG_FOO )
                int bar_alone;
                #elif defined CONFIG_FOO
                int foo_alone;
                #endif
                """);
        List<Finding> found = t.run(rule);
        assertEquals("include/linux/foo.h:1:2 include/linux/foo.h:4:4 include/linux/foo.h:7:29 "
                + "include/linux/foo.h:9:7", lines(found));
        Finding ifdef = found.get(0);
        assertEquals("ifdef-tristate", ifdef.ruleId());
        assertEquals(Severity.WARNING, ifdef.severity());
        assertEquals("'#ifdef CONFIG_FOO' is false when FOO=m (FOO is tristate; autoconf.h then defines "
                + "CONFIG_FOO_MODULE): use IS_ENABLED(CONFIG_FOO) for built-in or module, IS_BUILTIN(CONFIG_FOO) "
                + "if only built-in is meant, IS_REACHABLE(CONFIG_FOO) if code that may be built in calls into FOO",
                ifdef.message());
        assertEquals("FOO = m", ifdef.condition().text());
        assertTrue(ifdef.condition().exact());
        assertEquals("MODULES=y FOO=m", ifdef.witnessText(), "the module case needs modules on");
        assertEquals(List.of("if IS_ENABLED(CONFIG_FOO)", "if IS_BUILTIN(CONFIG_FOO)"),
                ifdef.fixes().stream().map(f -> f.edits().get(0).newText()).toList());
        assertEquals("'#ifndef CONFIG_FOO' is true when FOO=m", found.get(1).message().substring(0, 39));
        assertEquals("if !IS_ENABLED(CONFIG_FOO)", found.get(1).fixes().get(0).edits().get(0).newText());
        assertEquals("IS_ENABLED(CONFIG_FOO)", found.get(2).fixes().get(0).edits().get(0).newText());
        // the #elif is reached only when the #if's test is false
        assertEquals("FOO = m && !(BAR && !(FOO = y))", found.get(3).condition().text());

        String fixed = t.applyFirstFix(rule, found.get(0));
        assertTrue(fixed.startsWith("#if IS_ENABLED(CONFIG_FOO) /* the driver is there */\n"), fixed);
        fixed = t.applyFirstFix(rule, found.get(1));
        assertTrue(fixed.contains("\n#  if !IS_ENABLED(CONFIG_FOO)\n"), fixed);
        fixed = t.applyFirstFix(rule, found.get(2));
        assertTrue(fixed.contains("\n#if defined(CONFIG_BAR) && !IS_ENABLED(CONFIG_FOO)\n"), fixed);
        fixed = t.applyFirstFix(rule, found.get(3));
        assertTrue(fixed.contains("\n#elif IS_ENABLED(CONFIG_FOO)\n"), fixed);
        assertEquals(List.of(), t.run(rule), "every spot is fixed");
    }

    @Test
    void theConditionHasTheBlocksAroundTheDirective(@TempDir Path dir) {
        RuleFixture t = tree(dir, "include/linux/bar.h", """
                #ifndef _LINUX_BAR_H
                #define _LINUX_BAR_H
                #ifdef CONFIG_BAR
                # ifdef CONFIG_FOO
                int bar_and_foo;
                # endif
                #endif
                #endif
                """);
        List<Finding> found = t.run(rule);
        assertEquals("include/linux/bar.h:4:3", lines(found));
        assertEquals("FOO = m && BAR", found.get(0).condition().text(), "the include guard is not a condition");
        assertEquals("MODULES=y FOO=m BAR=y", found.get(0).witnessText(), "in Kconfig order");
    }

    @Test
    void theModuleCaseHandledIsSilent(@TempDir Path dir) {
        RuleFixture t = tree(dir, "include/linux/ok.h", """
                #if defined(CONFIG_FOO) || defined(CONFIG_FOO_MODULE)
                int old_idiom;
                #endif
                #if IS_ENABLED(CONFIG_FOO)
                # ifdef CONFIG_FOO
                int built_in_on_purpose;
                # endif
                #endif
                #ifdef CONFIG_FOO_MODULE
                int as_module;
                #elif defined(CONFIG_FOO)
                int built_in;
                #endif
                #ifndef CONFIG_FOO
                # ifndef CONFIG_FOO_MODULE
                int neither;
                # endif
                #endif
                #if IS_BUILTIN(CONFIG_FOO) || IS_MODULE(CONFIG_FOO)
                int said_so;
                #endif
                """);
        assertEquals(List.of(), t.run(rule));
    }

    @Test
    void boolIntUndefinedAndOwnMacrosAreSilent(@TempDir Path dir) {
        RuleFixture t = tree(dir, "include/linux/other.h", """
                #define CONFIG_LOCAL_FOO 1
                #ifdef CONFIG_BAR
                #endif
                #if defined(CONFIG_SIZE)
                #endif
                #ifdef CONFIG_NOT_IN_KCONFIG
                #endif
                #ifdef CONFIG_LOCAL_FOO
                #endif
                #ifdef CONFIG_X86
                #endif
                """, "drivers/Kconfig", "config LOCAL_FOO\n\ttristate \"local\"\n");
        assertEquals(List.of(), t.run(rule));
    }

    @Test
    void foosOwnFileIsSilentAndAlwaysBuiltInCodeIsInfo(@TempDir Path dir) {
        String text = "#ifdef CONFIG_FOO\nstatic int only_when_built_in;\n#endif\n";
        RuleFixture t = tree(dir, "drivers/foo.c", text, "drivers/core.c", text, "drivers/user.c", text,
                "drivers/unbuilt.c", text);
        List<Finding> found = t.run(rule);
        // foo.c is built only when FOO is: there CONFIG_FOO means "FOO is built in", on purpose
        assertEquals("drivers/core.c:1:2 drivers/unbuilt.c:1:2 drivers/user.c:1:2", lines(found));
        for (Finding f : List.of(found.get(0), found.get(2))) {
            assertEquals(Severity.INFO, f.severity(), f.file() + " is obj-y or obj-$(CONFIG_BAR), BAR bool");
            assertTrue(f.message().contains("this file is always built in and cannot reach a module, so if the block "
                    + "uses FOO's code say IS_REACHABLE(CONFIG_FOO), which keeps this meaning"), f.message());
            assertEquals(List.of("if IS_REACHABLE(CONFIG_FOO)", "if IS_ENABLED(CONFIG_FOO)"),
                    f.fixes().stream().map(x -> x.edits().get(0).newText()).toList());
        }
        assertEquals(Severity.WARNING, found.get(1).severity(), "no makefile line builds it: not known to be built in");
        t.applyFirstFix(rule, found.get(0));
        assertTrue(t.text("drivers/core.c").startsWith("#if IS_REACHABLE(CONFIG_FOO)\n"));
    }

    @Test
    void foosPrivateHeaderIsSilentAHeaderNextToOtherCodeIsNot(@TempDir Path dir) {
        String text = "#ifdef CONFIG_FOO\nbool foo_builtin_firmware(void);\n#else /* module case */\n#endif\n";
        RuleFixture t = tree(dir, "drivers/foo/main.c", "#include \"foo.h\"\n", "drivers/foo/foo.h", text,
                "drivers/core.h", text, "drivers/core.c", "int core;\n");
        List<Finding> found = t.run(rule);
        // drivers/ also holds core.c (obj-y): its header is not FOO's alone
        assertEquals("drivers/core.h:1:2", lines(found));
        assertEquals(Severity.WARNING, found.get(0).severity());
    }

    @Test
    void aConfigurationDecides(@TempDir Path dir) {
        RuleFixture t = tree(dir, "include/linux/foo.h", "#ifdef CONFIG_FOO\n#endif\n");
        assertEquals(List.of(), t.run(rule, "CONFIG_MODULES=y\nCONFIG_FOO=y\n"), "FOO=y: the test is right here");
        List<Finding> m = t.run(rule, "CONFIG_MODULES=y\nCONFIG_FOO=m\n");
        assertEquals(1, m.size());
        assertEquals("FOO=m", m.get(0).witnessText());
    }

    @Test
    void withoutModulesEveryTristateIsBoolAndTheRuleIsSilent(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config FOO\n\ttristate \"foo\"\n", "include/linux/foo.h",
                "#ifdef CONFIG_FOO\n#endif\n");
        assertEquals(List.of(), t.run(rule));
    }

    @Test
    void aTristateThatCannotBeModuleIsSilent(@TempDir Path dir) {
        // a tristate that depends on a bool forced to y by a bool select still can be m; one selected by
        // a bool that is always y cannot
        RuleFixture t = RuleFixture.tree(dir, ARCH + "\nconfig ALWAYS\n\tdef_bool y\n\tselect FORCED\n\n"
                + "config FORCED\n\ttristate\n", "include/linux/forced.h", "#ifdef CONFIG_FORCED\n#endif\n");
        assertEquals(List.of(), t.run(rule), "FORCED is y in every configuration: the witness search finds no m");
    }

    @Test
    void aSplitTestHasNoFix(@TempDir Path dir) {
        RuleFixture t = tree(dir, "include/linux/split.h", "#if defined \\\n  (CONFIG_FOO)\n#endif\n");
        List<Finding> found = t.run(rule);
        assertEquals(1, found.size(), found::toString);
        assertEquals(List.of(), found.get(0).fixes(), "the test is cut over two lines: no exact edit");
    }
}

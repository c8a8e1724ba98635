package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.CheckedTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** undefined-symbol: names no Kconfig file of the tree defines, in Kconfig, C and Makefiles. */
class UndefinedSymbolRuleTest {

    private final UndefinedSymbolRule rule = new UndefinedSymbolRule();

    private static final String ARCH = "config X86\n\tdef_bool y\n\n"
            + "config PCI\n\tbool \"pci\"\n\n"
            + "config XEN\n\ttristate \"xen\"\n\tdepends on PCII || X86\n\tselect PCI\n\n"
            + "config VIRT\n\tbool \"virt\"\n\tdepends on ARM_ONLY && X86\n";
    /** A Kconfig of another ARCH, not read for x86: its names are defined all the same. */
    private static final String ARM = "config ARM_ONLY\n\tbool\n";

    private static RuleFixture tree(Path dir, String... more) {
        String[] files = new String[more.length + 2];
        files[0] = "arch/arm/Kconfig.other";
        files[1] = ARM;
        System.arraycopy(more, 0, files, 2, more.length);
        return RuleFixture.tree(dir, ARCH, files);
    }

    @Test
    void aKconfigTypoIsFoundWithTheNearestNameAsFix(@TempDir Path dir) {
        RuleFixture t = tree(dir);
        List<Finding> found = t.run(rule);
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals("undefined-symbol", f.ruleId());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("arch/x86/Kconfig", f.file());
        assertEquals(9, f.range().startLine());
        assertEquals(13, f.range().startColumn());
        assertEquals("'PCII' is not defined in any Kconfig file of the tree; did you mean 'PCI'?", f.message());
        assertEquals("Change to 'PCI'", f.fixes().get(0).title());
        String fixed = t.applyFirstFix(rule, f);
        assertTrue(fixed.contains("\tdepends on PCI || X86\n"), fixed);
        assertEquals(List.of(), t.run(rule));
    }

    @Test
    void cCodeAndMakefilesButNotCommentsStringsOwnDefinesOrModuleMacros(@TempDir Path dir) {
        RuleFixture t = tree(dir, "drivers/x.c", "/* CONFIG_IN_A_COMMENT */\n"
                + "#define CONFIG_LOCAL 1\n"
                + "#ifdef CONFIG_LOCAL\n#endif\n"
                + "#if defined(CONFIG_XEN_MODULE) || IS_ENABLED(CONFIG_ARM_ONLY)\n#endif\n"
                + "static const char *s = \"CONFIG_IN_A_STRING\";\n"
                + "#ifdef CONFIG_XENN\nint x;\n#endif\n",
                "drivers/Makefile", "# obj-$(CONFIG_IN_A_MAKE_COMMENT) += y.o\nobj-$(CONFIG_PCII) += x.o\n");
        List<Finding> found = t.run(rule);
        List<String> where = found.stream().map(f -> f.range() + " " + f.message()).toList();
        assertEquals(3, found.size(), where.toString());
        assertEquals("arch/x86/Kconfig", found.get(0).file());
        Finding make = found.get(1);
        assertEquals("drivers/Makefile", make.file());
        assertEquals(2, make.range().startLine());
        assertEquals(14, make.range().startColumn());
        assertEquals(18, make.range().endColumn());
        assertEquals("'CONFIG_PCII' is not defined in any Kconfig file of the tree; did you mean 'CONFIG_PCI'?",
                make.message());
        Finding c = found.get(2);
        assertEquals("drivers/x.c", c.file());
        assertEquals(8, c.range().startLine());
        assertEquals(15, c.range().startColumn()); // the name after CONFIG_
        assertEquals("'CONFIG_XENN' is not defined in any Kconfig file of the tree; did you mean 'CONFIG_XEN'?",
                c.message());
        String fixed = t.applyFirstFix(rule, c);
        assertTrue(fixed.contains("#ifdef CONFIG_XEN\n"), fixed);
    }

    @Test
    void namesThatAreNotKconfigsAreLeftAlone(@TempDir Path dir) {
        RuleFixture t = tree(dir,
                // A driver's own register name, #defined in its header next to it.
                "drivers/atm/he.h", "#define CONFIG_TSRA 0x1\n",
                "drivers/atm/he.c", "#include \"he.h\"\nint r = CONFIG_TSRA;\nint s = CONFIG_TSRB;\n",
                // A macro parameter and a field: lower case, no Kconfig symbol.
                "drivers/x.h", "#define ALT(CONFIG_k) CONFIG_k\nstruct a { int CONFIG_field; };\n"
                        + "enum p { CONFIG_1_PIPE = 0x0, CONFIG_2_PIPE,\n\tCONFIG_4_PIPE };\n"
                        + "typedef struct { int a; } CONFIG_PAGE_HEADER, *PTR_CONFIG_PAGE_HEADER;\n"
                        + "int n = CONFIG_2_PIPE + sizeof(CONFIG_PAGE_HEADER);\n",
                // kbuild's own variable, set in the top Makefile; user-space tools have names of their own.
                "Makefile", "CONFIG_SHELL := sh\nexport CONFIG_SHELL\n",
                "arch/x86/tools/Makefile", "x:\n\t$(CONFIG_SHELL) run.sh\n",
                "tools/perf/x.c", "#ifdef CONFIG_LIBPERL_UNDEFINED\n#endif\n");
        List<Finding> found = t.run(rule).stream().filter(f -> !f.file().equals("arch/x86/Kconfig")).toList();
        assertEquals(1, found.size(), found.toString());
        assertEquals("drivers/atm/he.c", found.get(0).file());
        assertTrue(found.get(0).message().startsWith("'CONFIG_TSRB'"), found.get(0).message());
    }

    @Test
    void theScopeLimitsItAndAnOpenBufferIsReadInsteadOfTheDisk(@TempDir Path dir) {
        RuleFixture t = tree(dir, "drivers/x.c", "#ifdef CONFIG_XENN\n#endif\n");
        CheckedTree onlyC = new CheckedTree(dir.toAbsolutePath().normalize(), t.kconfig(), null,
                List.of("drivers/x.c"), Map.of("drivers/x.c", "#ifdef CONFIG_PCI\n#endif\n#ifdef CONFIG_PCIE\n#endif\n"));
        List<Finding> found = t.run(rule, onlyC, Map.of());
        assertEquals(1, found.size(), found.toString());
        assertEquals(3, found.get(0).range().startLine());
        assertTrue(found.get(0).message().startsWith("'CONFIG_PCIE'"), found.get(0).message());
    }

    @Test
    void aKconfigFileThisArchDoesNotReadIsCheckedWhenNamed(@TempDir Path dir) {
        RuleFixture t = tree(dir, "arch/arm/Kconfig.more", "config ARM_MORE\n\tbool\n\tdepends on ARM_ONLYY\n");
        CheckedTree named = new CheckedTree(dir.toAbsolutePath().normalize(), t.kconfig(), null,
                List.of("arch/arm/Kconfig.more"), Map.of());
        List<Finding> found = t.run(rule, named, Map.of());
        assertEquals(1, found.size(), found.toString());
        assertEquals("'ARM_ONLYY' is not defined in any Kconfig file of the tree; did you mean 'ARM_ONLY'?",
                found.get(0).message());
    }

    @Test
    void namesHandedInReplaceTheWalkOfTheTree(@TempDir Path dir) {
        RuleFixture t = tree(dir);
        CheckedTree all = CheckedTree.of(dir.toAbsolutePath().normalize(), t.kconfig(), null);
        // A server that indexed the tree knows PCII from somewhere: the rule takes its word for it.
        List<Finding> found = t.run(rule, all, Map.of(DefinedSymbols.class, DefinedSymbols.of(java.util.Set.of(
                "PCII", "ARM_ONLY"))));
        assertEquals(List.of(), found);
        // Without ARM_ONLY in the set it is undefined, and it is the only one.
        found = t.run(rule, all, Map.of(DefinedSymbols.class, DefinedSymbols.of(java.util.Set.of("PCII"))));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().startsWith("'ARM_ONLY'"), found.get(0).message());
    }

    @Test
    void suppressedByAComment(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, ARCH.replace("\tdepends on PCII || X86\n",
                "\t# kls-ignore: undefined-symbol\n\tdepends on PCII || X86\n"), "arch/arm/Kconfig.other", ARM);
        assertEquals(List.of(), t.run(rule));
    }
}

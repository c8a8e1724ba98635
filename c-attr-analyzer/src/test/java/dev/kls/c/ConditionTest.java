package dev.kls.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.kls.c.cond.Cond;
import dev.kls.c.cond.Truth;
import dev.kls.c.pp.Branch;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.PpEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionTest {

    static Cond cond(String line) {
        FileModel m = FileModel.parse("t.c", line + "\nint x;\n#endif\n", new PpEnvironment("x86"));
        return m.branches().get(0).condition();
    }

    @Test
    void definedIsBuiltinAndModuleSuffixIsM() {
        assertEquals(new Cond.Defined("XEN"), cond("#ifdef CONFIG_XEN"));
        assertEquals(new Cond.Defined("XEN"), cond("#if defined(CONFIG_XEN)"));
        assertEquals(new Cond.Module("SND"), cond("#if defined CONFIG_SND_MODULE"));
        assertEquals(Cond.not(new Cond.Defined("64BIT")), cond("#ifndef CONFIG_64BIT"));
        assertEquals("XEN && !64BIT", cond("#if defined(CONFIG_XEN) && !defined(CONFIG_64BIT)").toKconfig());
    }

    @Test
    void kconfigHelperMacros() {
        assertEquals("XEN != n", cond("#if IS_ENABLED(CONFIG_XEN)").toKconfig());
        assertEquals("XEN", cond("#if IS_BUILTIN(CONFIG_XEN)").toKconfig());
        assertEquals("XEN = y", cond("#if IS_BUILTIN(CONFIG_XEN)").toKconfig(s -> true));
        assertEquals("SND = m", cond("#if IS_MODULE(CONFIG_SND)").toKconfig());
        Cond r = cond("#if IS_REACHABLE(CONFIG_SND)");
        assertEquals("SND || SND = m && [defined(MODULE)]", r.toKconfig());
        assertEquals(Truth.TRUE, r.evaluate(Map.of("SND", "y")));
        assertEquals(Truth.UNKNOWN, r.evaluate(Map.of("SND", "m")));
        assertEquals(Truth.FALSE, r.evaluate(Map.of()));
    }

    @Test
    void comparisonsAndArithmetic() {
        Cond c = cond("#if CONFIG_XEN_MAX_DOMAIN_MEMORY == 8");
        assertEquals("XEN_MAX_DOMAIN_MEMORY = 8", c.toKconfig());
        assertEquals(Truth.TRUE, c.evaluate(Map.of("XEN_MAX_DOMAIN_MEMORY", "8")));
        assertEquals(Truth.FALSE, c.evaluate(Map.of("XEN_MAX_DOMAIN_MEMORY", "32")));
        Cond a = cond("#if CONFIG_NR_CPUS * 2 > 0x10");
        assertEquals(Truth.TRUE, a.evaluate(Map.of("NR_CPUS", "9")));
        assertEquals(Truth.FALSE, a.evaluate(Map.of("NR_CPUS", "8")));
        assertEquals(Set.of("NR_CPUS"), a.symbols());
        Cond levels = cond("#if CONFIG_PGTABLE_LEVELS > 4");
        assertEquals(Truth.FALSE, levels.evaluate(Map.of("PGTABLE_LEVELS", "4")));
        assertEquals(Truth.FALSE, levels.evaluate(Map.of()), "unset int is 0 for the preprocessor");
        assertEquals(Truth.TRUE, cond("#if CONFIG_X").evaluate(Map.of("X", "y")));
        assertEquals(Truth.FALSE, cond("#if CONFIG_X").evaluate(Map.of("X", "m")));
        assertEquals(Truth.TRUE, cond("#if CONFIG_X_MODULE").evaluate(Map.of("X", "m")));
        assertEquals(Truth.UNKNOWN, cond("#if CONFIG_S").evaluate(Map.of("S", "\"str\"")));
    }

    @Test
    void unknownPartsStayOpaqueAndKnownEnvironmentIsFolded() {
        Cond c = cond("#if defined(CONFIG_X86) && BITS_PER_LONG == 64");
        assertEquals("X86 && [BITS_PER_LONG == 64]", c.toKconfig());
        Cond.Opaque o = c.opaques().get(0);
        assertEquals(1, o.range().startLine());
        assertEquals(Truth.UNKNOWN, c.evaluate(Map.of("X86", "y")));
        assertEquals(Truth.FALSE, c.evaluate(Map.of()));
        assertEquals(Cond.FALSE, cond("#ifdef __ASSEMBLY__"));
        assertEquals(Cond.TRUE, cond("#ifdef __KERNEL__"));
        assertEquals(new Cond.Defined("64BIT"), cond("#ifdef __x86_64__"));
        assertEquals(Cond.TRUE, cond("#if __GNUC__ >= 4"));
        assertInstanceOf(Cond.Opaque.class, cond("#if FOO(1)"));
        assertEquals("X && [FOO(1)]", cond("#if defined(CONFIG_X) && FOO(1)").toKconfig());
    }

    @Test
    void elifAndElseNegateEarlierBranchesAndNestingAddsUp() {
        FileModel m = FileModel.parse("t.h", """
                #ifndef _T_H
                #define _T_H
                #ifdef CONFIG_A
                int a;
                #elif CONFIG_N > 2
                #ifdef CONFIG_B
                int b;
                #endif
                #else
                int c;
                #endif
                #endif
                """, new PpEnvironment("x86"));
        assertEquals("_T_H", m.guard());
        List<Branch> b = m.branches();
        assertEquals("!A && N > 2", b.get(2).effective().toKconfig());
        assertEquals("!A && !(N > 2)", b.get(4).effective().toKconfig());
        assertEquals("!A && N > 2 && B", m.presence(3).toKconfig());
        CProject p = CProject.open(dev.kls.kconfig.testing.LinuxTree.repoRoot().resolve("test-workspace/xen-p2m-2008"),
                "x86");
        CFile f = p.file("t.h", m.text());
        List<ConditionalBlock> blocks = f.conditionalBlocks();
        assertEquals(3, blocks.size());
        assertEquals(true, blocks.get(0).includeGuard());
        assertEquals(3, blocks.get(1).branches().size());
        assertEquals(3, blocks.get(1).range().startLine());
        assertEquals(12, blocks.get(1).range().endLine());
        assertEquals(List.of("A", "N", "B"), f.configReferences().stream().map(ConfigReference::symbol).toList());
        assertEquals("!A && N > 2 && B", f.presenceAt(7, 1).toKconfig());
    }
}

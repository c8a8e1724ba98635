package dev.kls.c.kbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.sat.CoverSearch;
import dev.kls.kconfig.sat.KconfigSat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kbuild reader and the cover search on a small tree written here. */
class KbuildCoverTest {

    @TempDir
    Path root;

    private void tree() throws Exception {
        write("Kconfig", """
                mainmenu "t"
                source "arch/$(SRCARCH)/Kconfig"
                config A
                \tbool "A"
                config B
                \tbool "B"
                \tdepends on A
                config C
                \tbool "C"
                \tdepends on B
                config D
                \tbool
                \tdefault y if C
                config E
                \tbool "E"
                \tdefault y
                config F
                \tbool "F"
                """);
        write("arch/x86/Kconfig", "config X86\n\tdef_bool y\n");
        write("arch/x86/configs/x86_64_defconfig", "CONFIG_E=y\n");
        write("Kbuild", "obj-y += drv/\n");
        write("drv/Makefile", """
                # comment
                obj-$(CONFIG_C) += c.o
                foo-y := part.o
                foo-$(CONFIG_F) += extra.o
                obj-$(CONFIG_B) += foo.o
                ifdef CONFIG_E
                obj-y += e.o
                else
                obj-y += note.o
                endif
                obj-$(shell echo y) += w.o
                ifeq ($(CONFIG_A),y)
                obj-$(CONFIG_F) += sub/
                endif
                """);
        write("drv/sub/Kbuild", "obj-y += s.o\n");
        write("drv/c.c", """
                int always;
                #ifdef CONFIG_E
                int e;
                #endif
                #if IS_ENABLED(CONFIG_F) && !defined(CONFIG_E)
                int f;
                #endif
                #if defined(CONFIG_C) && !defined(CONFIG_A)
                int never;
                #endif
                """);
    }

    private void write(String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void kbuildConditions() throws Exception {
        tree();
        Kbuild k = new Kbuild(root, "x86", "x86_64");
        assertEquals(Set.of("C"), k.compiled("drv/c.c").condition().symbols());
        assertTrue(k.compiled("drv/c.c").unknowns().isEmpty());
        assertEquals(Set.of("B", "F"), k.compiled("drv/extra.c").condition().symbols()); // composite foo.o
        assertEquals(Set.of("B"), k.compiled("drv/part.c").condition().symbols());
        assertEquals(Set.of("E"), k.compiled("drv/e.c").condition().symbols());
        Cond note = k.compiled("drv/note.c").condition();
        assertEquals(Set.of("E"), note.symbols());
        assertEquals(Set.of("A", "F"), k.compiled("drv/sub/s.c").condition().symbols());
        // $(shell ...) is not read: an explicit unknown, never true
        Kbuild.Result w = k.compiled("drv/w.c");
        assertFalse(w.unknowns().isEmpty());
        assertFalse(w.condition().opaques().isEmpty());
        Kbuild.Result none = k.compiled("drv/none.c");
        assertTrue(none.unknowns().get(0).contains("no makefile line builds drv/none.o"), none.unknowns().toString());
        assertEquals(List.of(3, 4, 5, 9), CoverTarget.parse("drv/c.c:3-5,9").lines());
        assertEquals("drv/c.c", CoverTarget.parse("drv/c.c").file());
    }

    /** dead-ifdef's side: when a folder is reached, and each list line's own condition. */
    @Test
    void foldersAreReachedAndListLinesHaveConditions() throws Exception {
        tree();
        Kbuild k = new Kbuild(root, "x86", "x86_64");
        assertEquals(Cond.TRUE, k.reached("", new java.util.ArrayList<>()));
        List<Kbuild.Mention> via = new java.util.ArrayList<>();
        assertEquals(Cond.TRUE, k.reached("drv/", via), "obj-y += drv/ at the top");
        assertEquals(1, via.size());
        assertEquals("A && F != n", k.reached("drv/sub", new java.util.ArrayList<>()).toKconfig(),
                "the ifeq block around obj-$(CONFIG_F) += sub/");
        List<String> lines = k.lines("drv").stream()
                .map(m -> m.range().startLine() + " " + m.word() + ": " + Kbuild.lineCondition(m).toKconfig())
                .toList();
        // foo-y / foo-$(CONFIG_F) are a composite object's parts, not list lines
        assertEquals(List.of("2 c.o: C != n", "5 foo.o: B != n", "7 e.o: E != n", "9 note.o: E = n",
                "11 w.o: [kbuild: obj-$(shell echo y)]", "13 sub/: A && F != n"), lines);
        assertEquals(List.of(), k.lines("nowhere/"));
    }

    @Test
    void coverFindsTheSmallestChangeAndConfKeepsIt() throws Exception {
        tree();
        Kconfig k = Kconfig.load(root, "x86_64", false, Map.of(), root.resolve("cache"));
        Function<String, SymbolType> types = n -> {
            ConfigSymbol s = k.model().symbol(n);
            return s == null ? null : s.type();
        };
        Kbuild kb = new Kbuild(root, "x86", "x86_64");
        ConfigResult base = ConfigEvaluator.run(k.tree(), ConfigTarget.DEFCONFIG,
                DotConfig.parse("d", "CONFIG_E=y\n"));
        KconfigSat sat = KconfigSat.of(k.tree());

        // c.o needs C, hence B and A; D follows C (invisible default): four symbols, no fewer
        CoverSearch.Outcome o = CoverSearch.search(sat, base,
                new CoverTarget("drv/c.c", List.of(3)).parts(root, kb, "x86", types));
        assertNotNull(o.config(), o.unsatisfiable().toString());
        Set<String> changed = new TreeSet<>();
        o.changes().forEach(c -> changed.add(c.symbol()));
        assertEquals(Set.of("A", "B", "C", "D"), changed);
        assertTrue(o.proven());
        assertEquals(Tristate.YES, o.config().symbol("E").tristate());
        // conf's own olddefconfig keeps the result byte for byte
        ConfigResult again = ConfigEvaluator.run(k.tree(), ConfigTarget.OLDDEFCONFIG,
                DotConfig.parse("again", o.config().text()));
        assertEquals(o.config().text(), again.text());

        // line 6 also needs F=y and E=n
        CoverSearch.Outcome o2 = CoverSearch.search(sat, base,
                new CoverTarget("drv/c.c", List.of(6)).parts(root, kb, "x86", types));
        assertNotNull(o2.config());
        assertEquals(Tristate.NO, o2.config().symbol("E").tristate());
        assertEquals(Tristate.YES, o2.config().symbol("F").tristate());
        assertEquals(6, o2.changes().size());

        // C without A cannot be: the #if is named as the impossible part with the file's condition
        CoverSearch.Outcome bad = CoverSearch.search(sat, base,
                new CoverTarget("drv/c.c", List.of(9)).parts(root, kb, "x86", types));
        assertNull(bad.config());
        assertTrue(bad.unsatisfiable().stream().anyMatch(u -> u.contains("drv/c.c:9")), bad.unsatisfiable().toString());

        // a file the base already compiles: no change at all
        CoverSearch.Outcome same = CoverSearch.search(sat, base,
                new CoverTarget("drv/e.c", List.of()).parts(root, kb, "x86", types));
        assertEquals(List.of(), same.changes());
        assertEquals(base.text(), same.config().text());
    }

    @Test
    void patchLines() {
        String diff = """
                diff --git a/drv/c.c b/drv/c.c
                --- a/drv/c.c
                +++ b/drv/c.c
                @@ -2,4 +2,5 @@
                 #ifdef CONFIG_E
                -int e;
                +int e2;
                +int e3;
                 #endif
                @@ -20,3 +21,2 @@ int x;
                 a
                -b
                 c
                --- a/include/h.h
                +++ b/include/h.h
                @@ -1 +1 @@
                -x
                +y
                --- a/gone.c
                +++ /dev/null
                @@ -1 +0,0 @@
                -z
                """;
        List<CoverTarget> t = CoverTarget.fromPatch(diff);
        assertEquals(List.of(new CoverTarget("drv/c.c", List.of(3, 4, 22))), t);
    }
}

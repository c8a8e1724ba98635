package dev.kls.kconfig.sat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.eval.Tristate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Possible values per symbol: seen in a seed configuration, or ruled out by propagation, or left open. */
class PossibleValuesTest {

    private static final String KCONFIG = """
            config MODULES
            \tbool "modules"
            \tmodules
            config A
            \tbool "a"
            config T
            \ttristate "t"
            \tdepends on A
            config DEAD
            \ttristate "dead"
            \tdepends on ARM
            config UNDER_DEAD
            \tbool "under dead"
            \tdepends on DEAD
            config ALWAYS
            \tdef_bool y
            config ONLY_M
            \ttristate "only m"
            \tdepends on m
            config CONTRA
            \tbool "contra"
            \tdepends on A && !A
            """;

    @Test
    void valuesAreSeenProvenImpossibleOrLeftOpen(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Kconfig"), KCONFIG);
        KconfigTree tree = KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null));
        PossibleValues v = PossibleValues.of(tree);
        assertEquals(11, v.seeds());

        PossibleValues.Answer t = v.answer("T").orElseThrow();
        assertEquals(Set.of(Tristate.YES, Tristate.MOD, Tristate.NO), t.seen().keySet());
        assertEquals("make allyesconfig", t.seen().get(Tristate.YES));
        assertEquals("make allmodconfig", t.seen().get(Tristate.MOD));
        assertEquals("make alldefconfig", t.seen().get(Tristate.NO));

        // a dependency on an undefined symbol, and what depends on that: no y, no m, by propagation
        for (String name : new String[] {"DEAD", "UNDER_DEAD"}) {
            PossibleValues.Answer d = v.answer(name).orElseThrow();
            assertEquals(Set.of(Tristate.NO), d.seen().keySet(), name);
            Set<Tristate> no = name.equals("DEAD") ? Set.of(Tristate.YES, Tristate.MOD) : Set.of(Tristate.YES);
            assertEquals(no, d.impossible(), name);
            assertEquals(Set.of(), d.open(), name);
        }
        assertEquals(Set.of(Tristate.NO), v.answer("ALWAYS").orElseThrow().impossible());
        assertEquals(Set.of(Tristate.YES), v.answer("ALWAYS").orElseThrow().seen().keySet());
        // "depends on m" allows y while MODULES=n (the tristate is then a bool): not ruled out
        assertTrue(!v.answer("ONLY_M").orElseThrow().impossible().contains(Tristate.YES));
        assertEquals("make allyesconfig", v.answer("ONLY_M").orElseThrow().seen().get(Tristate.MOD));

        // contradictory dependencies need a search: propagation does not prove it, so y stays open
        PossibleValues.Answer c = v.answer("CONTRA").orElseThrow();
        assertEquals(Set.of(Tristate.YES), c.open());
        assertEquals(Set.of(), c.impossible());

        assertTrue(v.answer("NOT_A_SYMBOL").isEmpty());
        // nothing is both seen and impossible
        for (String name : new String[] {"MODULES", "A", "T", "DEAD", "UNDER_DEAD", "ALWAYS", "ONLY_M", "CONTRA"}) {
            PossibleValues.Answer a = v.answer(name).orElseThrow();
            a.impossible().forEach(x -> assertTrue(!a.seen().containsKey(x), name + " " + x));
        }
    }
}

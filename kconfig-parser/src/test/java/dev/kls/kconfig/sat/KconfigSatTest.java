package dev.kls.kconfig.sat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.eval.Tristate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KconfigSatTest {

    private static final String KCONFIG = """
            config MODULES
            \tbool "modules"
            \tmodules
            config A
            \tbool "a"
            config B
            \ttristate "b"
            \tdepends on A
            config C
            \ttristate
            \tdefault B
            config D
            \tbool "d"
            \tselect E
            config E
            \tbool
            \tdepends on A
            config F
            \ttristate "f"
            \tdepends on m
            config G
            \tbool "g"
            \timply B
            config H
            \tbool
            \tdefault y if !A
            \tdefault n
            menu "m"
            \tvisible if A
            config I
            \tbool "i"
            endmenu
            if B
            config J
            \ttristate "j"
            endif
            """;

    private static KconfigTree tree(Path dir) throws Exception {
        Files.writeString(dir.resolve("Kconfig"), KCONFIG);
        return KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null));
    }

    @Test
    void questionsFollowConf(@TempDir Path dir) throws Exception {
        KconfigSat sat = KconfigSat.of(tree(dir));
        // C has no prompt: it follows B's default exactly.
        assertTrue(sat.canBeTrue(Map.of("C", Tristate.MOD)).isPresent());
        assertFalse(sat.canBeTrue(Map.of("C", Tristate.MOD, "B", Tristate.YES)).isPresent());
        // B depends on A.
        assertFalse(sat.canBeTrue(Map.of("B", Tristate.YES, "A", Tristate.NO)).isPresent());
        // select E while A=n: the unmet-dependency case, which conf allows.
        Map<String, Tristate> w = sat.canBeTrue(Map.of("D", Tristate.YES, "A", Tristate.NO)).orElseThrow();
        assertEquals(Tristate.YES, w.get("E"));
        assertEquals(List.of(), sat.confirm(w));
        // depends on m: never y; m only with MODULES.
        assertFalse(sat.canBeTrue(Map.of("F", Tristate.YES)).isPresent());
        assertFalse(sat.canBeTrue(Map.of("F", Tristate.MOD, "MODULES", Tristate.NO)).isPresent());
        assertTrue(sat.mustBe("H", Tristate.NO) == false);
        assertFalse(sat.canBeTrue(Map.of("H", Tristate.YES, "A", Tristate.YES)).isPresent());
        // visible if A: I cannot be set without A (it has no default).
        assertFalse(sat.canBeTrue(Map.of("I", Tristate.YES, "A", Tristate.NO)).isPresent());
        // if B: J at most B.
        assertFalse(sat.canBeTrue(Map.of("J", Tristate.YES, "B", Tristate.MOD)).isPresent());
        // MODULES=n: a tristate's m becomes y, so B=m needs MODULES.
        assertFalse(sat.canBeTrue(Map.of("B", Tristate.MOD, "MODULES", Tristate.NO)).isPresent());
        assertTrue(sat.mustBe("F", Tristate.YES) == false);
    }

    @Test
    void samplesAreKeptByOlddefconfig(@TempDir Path dir) throws Exception {
        KconfigSat sat = KconfigSat.of(tree(dir));
        Random r = new Random(1);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Tristate> w = sat.sample(r, 6);
            List<KconfigSat.Disagreement> d = sat.confirm(w);
            if (!d.isEmpty()) {
                bad.add(w + " -> " + d);
            }
        }
        assertEquals(List.of(), bad);
        assertEquals(0, sat.disagreements());
    }
}

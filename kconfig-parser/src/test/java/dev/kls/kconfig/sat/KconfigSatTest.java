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

    /** A menuconfig's prompt is a prompt too (P_MENU): without a default it is set by the user, as NET is in Linux. */
    @Test
    void menuconfigWithoutDefaultCanBeSet(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Kconfig"), """
                menuconfig NETLIKE
                \tbool "networking"
                if NETLIKE
                config CHILD
                \tbool "child"
                endif
                """);
        KconfigSat sat = KconfigSat.of(KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null)));
        Map<String, Tristate> w = sat.canBeTrue(Map.of("CHILD", Tristate.YES)).orElseThrow();
        assertEquals(Tristate.YES, w.get("NETLIKE"));
        assertEquals(List.of(), sat.confirm(w));
        assertTrue(sat.canBeTrue(Map.of("NETLIKE", Tristate.NO)).isPresent());
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

    private static final String CHOICES = """
            config MODULES
            \tbool "modules"
            \tmodules
            config A
            \tbool "a"
            choice
            \tprompt "bool choice"
            \tdefault C2
            config C1
            \tbool "c1"
            config C2
            \tbool "c2"
            \tdepends on A
            endchoice
            choice
            \tprompt "tristate choice"
            \tdepends on A
            config T1
            \ttristate "t1"
            config T2
            \ttristate "t2"
            config T3
            \tbool "t3"
            endchoice
            choice
            \tprompt "optional"
            \toptional
            config O1
            \tbool "o1"
            config O2
            \tbool "o2"
            endchoice
            config S
            \tbool "s"
            \tselect C1
            config N
            \tint
            \tdefault 300 if A
            \tdefault 5
            \trange 10 200
            config BIG
            \tbool
            \tdefault y if N > 100
            config STR
            \tstring
            \tdefault "on" if A
            config ON
            \tbool "on"
            \tdepends on STR = "on"
            """;

    private static KconfigTree choices(Path dir) throws Exception {
        Files.writeString(dir.resolve("Kconfig"), CHOICES);
        return KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null));
    }

    @Test
    void choicesAndNonBooleanValuesFollowConf(@TempDir Path dir) throws Exception {
        KconfigSat sat = KconfigSat.of(choices(dir));
        // A visible bool choice has exactly one y value.
        assertFalse(sat.canBeTrue(Map.of("C1", Tristate.NO, "C2", Tristate.NO)).isPresent());
        assertFalse(sat.canBeTrue(Map.of("C1", Tristate.YES, "C2", Tristate.YES)).isPresent());
        // C2 depends on A: without A the pick must be C1.
        assertFalse(sat.canBeTrue(Map.of("C2", Tristate.YES, "A", Tristate.NO)).isPresent());
        assertTrue(sat.mustBe("C1", Tristate.YES) == false);
        // Tristate choice: m mode allows several m values, y mode exactly one y; hidden without A.
        assertTrue(sat.canBeTrue(Map.of("T1", Tristate.MOD, "T2", Tristate.MOD)).isPresent());
        assertFalse(sat.canBeTrue(Map.of("T1", Tristate.YES, "T2", Tristate.MOD)).isPresent());
        assertFalse(sat.canBeTrue(Map.of("T1", Tristate.MOD, "A", Tristate.NO)).isPresent());
        // A bool value of a tristate choice needs the choice in y mode.
        assertFalse(sat.canBeTrue(Map.of("T3", Tristate.YES, "T1", Tristate.MOD)).isPresent());
        // Optional choice: all n is fine.
        assertTrue(sat.canBeTrue(Map.of("O1", Tristate.NO, "O2", Tristate.NO)).isPresent());
        // N is 300 clamped to 200 with A, 5 clamped to 10 without: BIG follows A.
        assertFalse(sat.canBeTrue(Map.of("BIG", Tristate.YES, "A", Tristate.NO)).isPresent());
        assertFalse(sat.canBeTrue(Map.of("BIG", Tristate.NO, "A", Tristate.YES)).isPresent());
        // STR = "on" only with A.
        assertFalse(sat.canBeTrue(Map.of("ON", Tristate.YES, "A", Tristate.NO)).isPresent());
        assertTrue(sat.canBeTrue(Map.of("ON", Tristate.YES)).isPresent());
        Random r = new Random(3);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Tristate> w = sat.sample(r, 8);
            List<KconfigSat.Disagreement> d = sat.confirm(w);
            if (!d.isEmpty()) {
                bad.add(w + " -> " + d);
            }
        }
        assertEquals(List.of(), bad);
    }
}

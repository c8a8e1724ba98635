package dev.kls.kconfig.sat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.Tristate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticSelectsTest {

    private static final String KCONFIG = """
            config MODULES
            \tbool "modules"
            \tmodules
            config PCI
            \tbool "pci"
            config X86
            \tbool
            \tdefault y
            config XEN_DOM0
            \tbool "dom0"
            \tselect XEN_PCIDEV_BACKEND
            config XEN_PCIDEV_BACKEND
            \tbool "backend"
            \tdepends on PCI && X86
            config GUARDED
            \tbool "guarded"
            \tselect XEN_PCIDEV_BACKEND if PCI
            config INSIDE
            \tbool "inside"
            \tdepends on PCI
            \tselect XEN_PCIDEV_BACKEND
            config TRI
            \ttristate "tri"
            \tselect MODDEP
            config MODDEP
            \ttristate "moddep"
            \tdepends on SOMEM
            config SOMEM
            \ttristate "somem"
            config NEVER
            \tbool "never"
            \tdepends on !X86
            \tselect XEN_PCIDEV_BACKEND
            config A1
            \tbool "a1"
            \tselect NODEPS
            config NODEPS
            \tbool
            """;

    private static KconfigSat sat(Path dir, String text) throws Exception {
        Files.writeString(dir.resolve("Kconfig"), text);
        KconfigTree tree = KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null));
        return KconfigSat.of(tree);
    }

    @Test
    void findsExactlyTheSelectsThatCanForceTheirTargetPastItsDependencies(@TempDir Path dir) throws Exception {
        KconfigSat sat = sat(dir, KCONFIG);
        StaticSelects.Result r = StaticSelects.run(sat);
        TreeSet<String> found = new TreeSet<>();
        r.hits().forEach(h -> found.add(h.site().selector() + ">" + h.site().target()));
        // GUARDED and INSIDE only select when PCI=y; NEVER cannot be on (X86 is always y); NODEPS has no dependency.
        assertEquals(new TreeSet<>(List.of("TRI>MODDEP", "XEN_DOM0>XEN_PCIDEV_BACKEND")), found);
        assertEquals(List.of(), r.unconfirmed());
        assertEquals(2, r.satisfiable());
        // A1>NODEPS folds to false in the encoder: only four lines are asked.
        assertEquals(5, r.sites());
    }

    @Test
    void witnessesAreSmallAndReproduceInTheEvaluator(@TempDir Path dir) throws Exception {
        KconfigSat sat = sat(dir, KCONFIG);
        for (StaticSelects.Hit h : StaticSelects.run(sat).hits()) {
            assertTrue(h.alone(), () -> h + " needs the full witness");
            var result = ConfigEvaluator.run(sat.tree(), ConfigTarget.OLDDEFCONFIG,
                    DotConfig.parse("w", h.reproducer()));
            assertTrue(StaticSelects.unmetTargets(result).contains(h.site().target()), h::toString);
            if (h.site().selector().equals("XEN_DOM0")) {
                // PCI is off by default, so turning the selector on is the one change that matters.
                assertEquals(Map.of("XEN_DOM0", Tristate.YES), h.fragment());
            }
        }
    }

    @Test
    void aTristateSelectorAtMAboveADependencyAtMIsNotUnmetButAtYIs(@TempDir Path dir) throws Exception {
        // dir_dep m and rev_dep y warns (m < y); the witness must have the selector at y and SOMEM at m or n.
        KconfigSat sat = sat(dir, KCONFIG);
        StaticSelects.Hit h = StaticSelects.run(sat).hits().stream()
                .filter(x -> x.site().selector().equals("TRI")).findFirst().orElseThrow();
        Tristate tri = h.witness().get("TRI");
        Tristate somem = h.witness().get("SOMEM");
        assertTrue(tri.ordinal() > somem.ordinal(), () -> "TRI=" + tri + " SOMEM=" + somem);
    }
}

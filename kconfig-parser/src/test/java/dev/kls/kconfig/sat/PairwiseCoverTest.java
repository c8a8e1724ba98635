package dev.kls.kconfig.sat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.Tristate;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.kls.kconfig.testing.ConfigPairs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pairwise plan with tristate values: covered is what conf's results have, and nothing conf can give is missed. */
class PairwiseCoverTest {

    private static final String KCONFIG = """
            config MODULES
            \tbool "modules"
            \tmodules
            config A
            \tbool "a"
            config B
            \ttristate "b"
            \tdepends on A
            config H
            \tbool
            \tdefault y if !A
            if B
            config J
            \ttristate "j"
            endif
            config S
            \tstring "s"
            \tdefault "x"
            """;

    private static final List<String> SYMBOLS = List.of("A", "B", "H", "J");

    private static KconfigTree tree(Path dir) throws Exception {
        Files.writeString(dir.resolve("Kconfig"), KCONFIG);
        return KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null));
    }


    @Test
    void coveredIsWhatConfGivesAndTheRestIsInfeasible(@TempDir Path dir) throws Exception {
        KconfigTree tree = tree(dir);
        PairwiseCover.Plan plan = PairwiseCover.plan(KconfigSat.of(tree), List.of("J", "S", "NOPE", "B", "H", "A"),
                Integer.MAX_VALUE, PairwiseCover.DEFAULT_BUDGET);
        assertEquals(SYMBOLS, plan.symbols());
        assertEquals(List.of("NOPE", "S"), plan.leftOut());
        // A, H bool; B, J tristate: A-B 6, A-H 4, A-J 6, B-H 6, B-J 9, H-J 6
        assertEquals(37, plan.targets().size());

        Set<String> realized = new TreeSet<>();
        for (ConfigResult r : plan.configs()) {
            // each configuration is one conf keeps
            ConfigResult again = ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG, DotConfig.parse("c", r.text()));
            assertEquals(r.text(), again.text());
            realized.addAll(ConfigPairs.in(again, SYMBOLS));
        }
        Set<String> covered = new TreeSet<>();
        Set<String> infeasible = new TreeSet<>();
        for (PairwiseCover.Target t : plan.targets()) {
            switch (t.status()) {
                case COVERED -> {
                    covered.add(t.pair().toString());
                    assertTrue(ConfigPairs.in(plan.configs().get(t.coveredBy()), SYMBOLS).contains(t.pair().toString()), t.toString());
                }
                case INFEASIBLE -> infeasible.add(t.pair().toString());
                default -> throw new AssertionError("neither covered nor infeasible: " + t);
            }
        }
        assertEquals(realized, covered);

        // conf's olddefconfig of every assignment of the symbols with a prompt (2 x 2 x 3 x 3) gives exactly the
        // covered pairs: none is missed, and the infeasible ones are really impossible
        Set<String> possible = new TreeSet<>();
        for (Tristate mod : List.of(Tristate.YES, Tristate.NO)) {
            for (Tristate a : List.of(Tristate.YES, Tristate.NO)) {
                for (Tristate b : Tristate.values()) {
                    for (Tristate j : Tristate.values()) {
                        String in = KconfigSat.dotConfig(new java.util.LinkedHashMap<>(Map.of("MODULES", mod, "A", a,
                                "B", b, "J", j)));
                        possible.addAll(ConfigPairs.in(ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG,
                                DotConfig.parse("all", in)), SYMBOLS));
                    }
                }
            }
        }
        assertEquals(possible, covered);
        assertTrue(infeasible.containsAll(List.of("A=n B=y", "A=n B=m", "A=y H=y", "B=n J=y", "B=m J=y")),
                infeasible.toString());
        assertTrue(covered.contains("B=m J=m"), covered.toString());
    }

    @Test
    void theSamePlanEveryTimeAndALimitLeavesPairsNotTried(@TempDir Path dir) throws Exception {
        KconfigTree tree = tree(dir);
        PairwiseCover.Plan one = PairwiseCover.plan(KconfigSat.of(tree), SYMBOLS, Integer.MAX_VALUE, 1000);
        PairwiseCover.Plan two = PairwiseCover.plan(KconfigSat.of(tree), SYMBOLS, Integer.MAX_VALUE, 1000);
        assertEquals(one.targets(), two.targets());
        assertEquals(one.configs().stream().map(ConfigResult::text).toList(),
                two.configs().stream().map(ConfigResult::text).toList());

        PairwiseCover.Plan limited = PairwiseCover.plan(KconfigSat.of(tree), SYMBOLS, 2, 1000);
        assertEquals(2, limited.configs().size());
        assertTrue(limited.count(PairwiseCover.Status.NOT_TRIED) > 0);
        assertEquals(limited.targets().size(), limited.count(PairwiseCover.Status.COVERED)
                + limited.count(PairwiseCover.Status.INFEASIBLE) + limited.count(PairwiseCover.Status.NOT_TRIED));
        // what two configurations cover: at most 6 pairs each
        assertTrue(limited.count(PairwiseCover.Status.COVERED) <= 12);
    }
}

package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.semantics.KconfigRelease;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cycles as data, and conf's two wordings (6.1 with locations, 6.9+ without). */
class DependencyCyclesTest {

    private static DependencyCycles cycles(Path dir, String shape, String release) {
        KconfigTree tree = TestTrees.tree(dir, CycleShapes.ALL.get(shape)).withRelease(KconfigRelease.of(release, "test"));
        return DependencyCycles.of(tree);
    }

    @Test
    void aDependsOnLoopIsOneCycleWithEveryStep(@TempDir Path dir) {
        DependencyCycles c = cycles(dir, "depends-on-loop", "6.12");
        assertEquals(1, c.cycles().size());
        List<DependencyCycles.Step> steps = c.cycles().get(0).steps();
        assertEquals(List.of("A", "B", "C"), steps.stream().map(DependencyCycles.Step::symbol).toList());
        assertEquals(List.of("B", "C", "A"), steps.stream().map(DependencyCycles.Step::next).toList());
        assertTrue(steps.stream().allMatch(s -> s.kind() == DependencyCycles.Kind.DEPENDS_ON));
        assertEquals("""
                error: recursive dependency detected!
                \tsymbol A depends on B
                \tsymbol B depends on C
                \tsymbol C depends on A
                For a resolution refer to Documentation/kbuild/kconfig-language.rst
                subsection "Kconfig recursive dependency limitations"

                """, c.text());
    }

    @Test
    void release61PrefixesEveryLineWithTheConfigLine(@TempDir Path dir) {
        DependencyCycles c = cycles(dir, "depends-on-loop", "6.1");
        assertTrue(c.locations());
        DependencyCycles.Cycle cycle = c.cycles().get(0);
        // 6.1 starts where its hash table does; each step is at its symbol's config line.
        Map<String, Integer> configLine = Map.of("A", 1, "B", 5, "C", 9);
        for (DependencyCycles.Step s : cycle.steps()) {
            assertEquals(configLine.get(s.symbol()), s.where().startLine(), s.toString());
            assertEquals("Kconfig:" + configLine.get(s.symbol()) + ":\tsymbol " + s.symbol() + " depends on " + s.next(),
                    c.line(s));
        }
        assertEquals("Kconfig:" + configLine.get(cycle.steps().get(0).symbol()) + ":error: recursive dependency detected!",
                cycle.headline(true));
    }

    @Test
    void selectAndPropertyConditionsAreNamedAsConfNamesThem(@TempDir Path dir) {
        DependencyCycles c = cycles(dir, "select-loop", "6.12");
        assertEquals(2, c.cycles().size());
        // 6.9+ walks the menu in file order: S1's cycle first.
        assertEquals(List.of(DependencyCycles.Kind.SELECTED_BY, DependencyCycles.Kind.SELECTED_BY),
                c.cycles().get(0).steps().stream().map(DependencyCycles.Step::kind).toList());
        assertEquals(List.of(DependencyCycles.Kind.DEPENDS_ON, DependencyCycles.Kind.VISIBLE_DEPENDING_ON),
                c.cycles().get(1).steps().stream().map(DependencyCycles.Step::kind).toList());
        assertEquals("\tsymbol Z2 default is visible depending on Y2", c.line(c.cycles().get(1).steps().get(1)));
        assertEquals(15, c.cycles().get(1).steps().get(1).where().startLine(), "the default's line");
    }

    @Test
    void aChoiceStepPointsAtTheChoiceBlock(@TempDir Path dir) {
        DependencyCycles c = cycles(dir, "choice-depends-on-member", "6.12");
        DependencyCycles.Step last = c.cycles().get(0).steps().get(1);
        assertEquals(DependencyCycles.Kind.PART_OF_CHOICE, last.kind());
        assertEquals("\tsymbol B is part of choice block at Kconfig:5", c.line(last));
        DependencyCycles old = cycles(dir.resolve("old"), "choice-depends-on-member", "6.1");
        assertEquals(DependencyCycles.Kind.CHOICE_CONTAINS, old.cycles().get(0).steps().get(0).kind());
    }

    @Test
    void aTreeWithoutCyclesHasNone(@TempDir Path dir) {
        assertTrue(cycles(dir, "no-cycle", "6.12").isEmpty());
        assertTrue(cycles(dir.resolve("old"), "no-cycle", "6.1").isEmpty());
    }

    @Test
    void theCheckLeavesValuesAlone(@TempDir Path dir) {
        KconfigTree tree = TestTrees.tree(dir, CycleShapes.ALL.get("no-cycle"));
        String before = TestTrees.run(tree, ConfigTarget.ALLYESCONFIG, null).text();
        DependencyCycles.of(tree);
        assertEquals(before, TestTrees.run(tree, ConfigTarget.ALLYESCONFIG, null).text());
    }
}

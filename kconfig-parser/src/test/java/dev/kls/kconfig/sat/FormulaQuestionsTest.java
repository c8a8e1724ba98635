package dev.kls.kconfig.sat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.model.ModelBuilder;
import dev.kls.kconfig.semantics.Formula;
import dev.kls.kconfig.sat.FormulaQuestions.Answer;
import dev.kls.kconfig.sat.FormulaQuestions.Proof;
import dev.kls.kconfig.sat.FormulaQuestions.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead, undead, live and undecided conditions: by the seed configurations, by propagation, by the solver. */
class FormulaQuestionsTest {

    private static final String KCONFIG = """
            config MODULES
            \tbool "modules"
            \tmodules
            config A
            \tbool "a"
            config B
            \tbool "b"
            config C
            \tbool "c"
            \tdepends on B
            config T
            \ttristate "t"
            \tdepends on A
            config ARM_ONLY
            \ttristate "arm only"
            \tdepends on ARM
            config ALWAYS
            \tdef_bool y
            config SIZE
            \tint "size"
            \tdefault 4
            """;

    private static FormulaQuestions questions(Path dir) throws Exception {
        Files.writeString(dir.resolve("Kconfig"), KCONFIG);
        KconfigTree tree = KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null));
        KconfigModel model = ModelBuilder.build(tree);
        KconfigSat sat = KconfigSat.of(tree);
        return new FormulaQuestions(sat, DeadSymbols.Seeds.of(sat), name -> {
            ConfigSymbol s = model.symbol(name);
            return s == null ? null : s.type();
        });
    }

    private static Answer one(FormulaQuestions q, String kconfig) {
        return q.ask(List.of(Formula.parse(kconfig)), null).answers().get(0);
    }

    @Test
    void deadConditionsByPropagationAndBySolver(@TempDir Path dir) throws Exception {
        FormulaQuestions q = questions(dir);
        Answer arm = one(q, "ARM_ONLY");
        assertEquals(Verdict.DEAD, arm.verdict());
        assertEquals(Proof.PROPAGATION, arm.proof(), "ARM is not defined here: propagation alone fixes ARM_ONLY=n");
        assertNull(arm.trueIn());
        assertEquals("make alldefconfig", arm.falseIn());
        // C needs B: no seed shows it and propagation fixes neither, the solver refutes it
        Answer contra = one(q, "C && !B");
        assertEquals(Verdict.DEAD, contra.verdict());
        assertEquals(Proof.SOLVER, contra.proof());
        assertEquals(0, contra.seedsHolding());
        assertEquals(11, contra.seedsFailing());
    }

    @Test
    void undeadConditionsCannotBeFalse(@TempDir Path dir) throws Exception {
        FormulaQuestions q = questions(dir);
        Answer implied = one(q, "!C || B");
        assertEquals(Verdict.UNDEAD, implied.verdict());
        assertEquals(Proof.SOLVER, implied.proof());
        assertEquals("make alldefconfig", implied.trueIn());
        assertNull(implied.falseIn());
        Answer always = one(q, "ALWAYS || ARM_ONLY");
        assertEquals(Verdict.UNDEAD, always.verdict());
        assertEquals(Proof.PROPAGATION, always.proof());
    }

    @Test
    void liveConditionsAreShownBothWays(@TempDir Path dir) throws Exception {
        FormulaQuestions q = questions(dir);
        FormulaQuestions.Result r = q.ask(List.of(Formula.parse("A"), Formula.parse("T = m"), Formula.parse("A")),
                null);
        assertEquals(3, r.answers().size(), "one answer per formula asked, repeats included");
        Answer a = r.answers().get(0);
        assertEquals(Verdict.LIVE, a.verdict());
        assertEquals("make allyesconfig", a.trueIn());
        assertEquals("make alldefconfig", a.falseIn());
        assertNull(a.proof());
        assertEquals(Verdict.LIVE, r.answers().get(1).verdict());
        assertEquals("make allmodconfig", r.answers().get(1).trueIn());
        assertEquals(2, r.bySeeds(), "distinct formulas");
        assertEquals(0, r.solves());
    }

    @Test
    void partsTheModelDoesNotDecideAreFreeAndNeverMakeAConditionDead(@TempDir Path dir) throws Exception {
        FormulaQuestions q = questions(dir);
        Formula opaque = new Formula.Opaque("BITS_PER_LONG == 64");
        Formula size = new Formula.IntCmp(">", new Formula.Val("SIZE"), new Formula.Num(4, false));
        FormulaQuestions.Result r = q.ask(List.of(Formula.and(Formula.sym("A"), opaque), size,
                Formula.and(Formula.sym("C"), Formula.not(Formula.sym("B")), opaque)), null);
        Answer withOpaque = r.answers().get(0);
        assertEquals(Verdict.LIVE, withOpaque.verdict());
        assertEquals(FormulaQuestions.SOLVER_MODEL, withOpaque.trueIn(), "no seed decides the opaque part");
        assertEquals("make alldefconfig", withOpaque.falseIn(), "A=n decides it without the opaque part");
        assertEquals(Verdict.LIVE, r.answers().get(1).verdict(), "SIZE's value is not in the model: either way");
        assertEquals(Verdict.DEAD, r.answers().get(2).verdict(), "dead whatever the opaque part is");
        assertTrue(r.solves() >= 3);
    }

    @Test
    void anExhaustedBudgetLeavesSolverQuestionsUndecided(@TempDir Path dir) throws Exception {
        FormulaQuestions q = questions(dir);
        FormulaQuestions.Result r = q.ask(List.of(Formula.parse("C && !B"), Formula.parse("A"),
                Formula.parse("ARM_ONLY")), Duration.ZERO);
        assertEquals(Verdict.UNDECIDED, r.answers().get(0).verdict());
        assertNull(r.answers().get(0).proof());
        assertEquals(Verdict.LIVE, r.answers().get(1).verdict(), "the seeds need no budget");
        assertEquals(Verdict.DEAD, r.answers().get(2).verdict(), "nor does propagation");
        assertEquals(0, r.solves());
        assertEquals(1, r.count(Verdict.UNDECIDED));
    }
}

package dev.kls.kconfig.sat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;

/** Unit propagation without decisions: what it fixes, what it leaves open, and a check against Sat4j. */
class RootPropagationTest {

    @Test
    void chainsOfImplicationsFromUnitsAreFollowed() {
        RootPropagation p = new RootPropagation();
        p.add(1);
        p.add(-1, 2); // 1 -> 2
        p.add(-2, -3); // 2 -> !3
        p.add(3, 4, 5); // !3 -> 4 or 5: open
        p.add(-4, 6, 6); // a duplicate literal
        BitSet f = p.propagate();
        assertTrue(f.get(RootPropagation.index(2)));
        assertTrue(f.get(RootPropagation.index(-3)));
        assertFalse(f.get(RootPropagation.index(4)) || f.get(RootPropagation.index(-4)));
        assertFalse(f.get(RootPropagation.index(6)) || f.get(RootPropagation.index(-6)));
    }

    @Test
    void aConflictMeansNoModel() {
        RootPropagation p = new RootPropagation();
        p.add(1);
        p.add(-1, 2);
        p.add(-1, -2);
        assertNull(p.propagate());
    }

    /** Every literal it fixes holds in every model: asking Sat4j for the opposite is unsatisfiable. */
    @Test
    void whatItFixesSat4jCannotRefute() throws Exception {
        Random r = new Random(7);
        int fixedSeen = 0;
        for (int round = 0; round < 200; round++) {
            RootPropagation p = new RootPropagation();
            ISolver s = SolverFactory.newDefault();
            int vars = 30;
            s.newVar(vars);
            boolean broken = false;
            for (int c = 0; c < 45; c++) {
                int len = c < 3 ? 1 : 2 + r.nextInt(2);
                int[] cl = new int[len];
                for (int i = 0; i < len; i++) {
                    cl[i] = (1 + r.nextInt(vars)) * (r.nextBoolean() ? 1 : -1);
                }
                p.add(cl);
                try {
                    s.addClause(new VecInt(cl));
                } catch (ContradictionException e) {
                    broken = true;
                }
            }
            BitSet f = p.propagate();
            if (f == null) {
                assertTrue(broken || !s.isSatisfiable(), "propagation refuted a satisfiable set");
                continue;
            }
            for (int v = 1; v <= vars; v++) {
                for (int lit : new int[] {v, -v}) {
                    if (f.get(RootPropagation.index(lit))) {
                        fixedSeen++;
                        assertFalse(!broken && s.isSatisfiable(new VecInt(new int[] {-lit})),
                                "round " + round + ": " + lit + " fixed but a model has " + -lit);
                    }
                }
            }
        }
        assertTrue(fixedSeen > 200, "the random sets fix too little to test anything: " + fixedSeen);
    }

    @Test
    void indexesAreDistinctPerLiteral() {
        assertEquals(2, RootPropagation.index(1));
        assertEquals(3, RootPropagation.index(-1));
    }
}

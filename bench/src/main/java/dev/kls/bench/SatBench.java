package dev.kls.bench;

import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.eval.PropositionalEncoder;
import dev.kls.kconfig.eval.PropositionalEncoder.SymbolVars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.logicng.datastructures.Tristate;
import org.logicng.formulas.FormulaFactory;
import org.logicng.formulas.Literal;
import org.logicng.solvers.MiniSat;
import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;

/**
 * Sat4j against LogicNG (MiniSat and Glucose) on the same CNF: one arch's Kconfig model from
 * PropositionalEncoder, recorded once and loaded into each solver, then the same random questions
 * ("can these symbols have these values together?", 1 and 10 symbols) asked of each under
 * assumptions, as KconfigSat asks them. The answers must agree; load time and per-question
 * p50/p95/max are printed. Usage: SatBench TREE [ARCH] [QUESTIONS]
 */
public final class SatBench {

    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        String arch = args.length > 1 ? args[1] : "x86_64";
        int questions = args.length > 2 ? Integer.parseInt(args[2]) : 100;

        Kconfig k = Kconfig.load(tree, arch, false, Map.of());
        List<int[]> clauses = new ArrayList<>();
        int[] vars = {0};
        long e0 = System.nanoTime();
        Map<String, SymbolVars> symbols = PropositionalEncoder.encode(k.tree(), new PropositionalEncoder.Sink() {
            @Override
            public int newVar() {
                return ++vars[0];
            }

            @Override
            public void clause(int... literals) {
                clauses.add(literals.clone());
            }
        });
        System.out.printf("%s %s: %d variables, %d clauses, encoded in %d ms%n", tree, arch, vars[0], clauses.size(),
                (System.nanoTime() - e0) / 1_000_000);

        // The same questions for every solver: literal sets over the model's symbols.
        List<SymbolVars> pool = new ArrayList<>(symbols.values());
        pool.sort((a, b) -> a.name().compareTo(b.name()));
        Random random = new Random(42);
        List<int[]> asks = new ArrayList<>();
        for (int i = 0; i < questions; i++) {
            int size = i % 2 == 0 ? 1 : 10;
            int[] lits = new int[size];
            for (int j = 0; j < size; j++) {
                SymbolVars s = pool.get(random.nextInt(pool.size()));
                // X=y is the "= y" variable; X=n is "not >= m"
                lits[j] = random.nextBoolean() ? s.y() : -s.m();
            }
            asks.add(lits);
        }

        boolean[] sat4j = run("Sat4j 2.3.6 (default solver)", new Sat4jSolver(), vars[0], clauses, asks);
        boolean[] minisat = run("LogicNG 2.6.0 MiniSat", new LogicNgSolver(false), vars[0], clauses, asks);
        boolean[] glucose = run("LogicNG 2.6.0 Glucose", new LogicNgSolver(true), vars[0], clauses, asks);
        int differ = 0;
        for (int i = 0; i < asks.size(); i++) {
            if (sat4j[i] != minisat[i] || sat4j[i] != glucose[i]) {
                differ++;
            }
        }
        int yes = 0;
        for (boolean b : sat4j) {
            yes += b ? 1 : 0;
        }
        System.out.printf("answers: %d questions, %d satisfiable, solvers disagree on %d%n", asks.size(), yes, differ);
        if (differ != 0) {
            System.exit(1);
        }
    }

    interface Solver {
        void load(int vars, List<int[]> clauses) throws Exception;

        boolean sat(int[] assumptions) throws Exception;
    }

    private static boolean[] run(String name, Solver s, int vars, List<int[]> clauses, List<int[]> asks)
            throws Exception {
        System.gc();
        long t0 = System.nanoTime();
        s.load(vars, clauses);
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        boolean first = s.sat(new int[0]);
        long firstMs = (System.nanoTime() - t0) / 1_000_000 - loadMs;
        boolean[] answers = new boolean[asks.size()];
        long[] ms = new long[asks.size()];
        for (int i = 0; i < asks.size(); i++) {
            long q0 = System.nanoTime();
            answers[i] = s.sat(asks.get(i));
            ms[i] = (System.nanoTime() - q0) / 1_000;
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: load %d ms, first solve %d ms (model %s), questions p50 %.1f ms, p95 %.1f ms,"
                + " max %.1f ms; heap after GC %d MB%n", name, loadMs, firstMs, first ? "satisfiable" : "UNSAT",
                sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.95)] / 1000.0,
                sorted[sorted.length - 1] / 1000.0, heapMb);
        return answers;
    }

    private static final class Sat4jSolver implements Solver {
        private ISolver s;
        private boolean broken;

        @Override
        public void load(int vars, List<int[]> clauses) {
            s = SolverFactory.newDefault();
            s.newVar(vars);
            for (int[] c : clauses) {
                try {
                    s.addClause(new VecInt(c));
                } catch (ContradictionException e) {
                    broken = true;
                }
            }
        }

        @Override
        public boolean sat(int[] assumptions) throws Exception {
            return !broken && s.isSatisfiable(new VecInt(assumptions));
        }
    }

    private static final class LogicNgSolver implements Solver {
        private final boolean glucose;
        private FormulaFactory f;
        private MiniSat s;
        private Literal[] pos;
        private Literal[] neg;

        LogicNgSolver(boolean glucose) {
            this.glucose = glucose;
        }

        @Override
        public void load(int vars, List<int[]> clauses) {
            f = new FormulaFactory();
            s = glucose ? MiniSat.glucose(f) : MiniSat.miniSat(f);
            pos = new Literal[vars + 1];
            neg = new Literal[vars + 1];
            for (int v = 1; v <= vars; v++) {
                pos[v] = f.variable("v" + v);
                neg[v] = pos[v].negate();
            }
            for (int[] c : clauses) {
                Literal[] lits = new Literal[c.length];
                for (int i = 0; i < c.length; i++) {
                    lits[i] = lit(c[i]);
                }
                s.add(f.clause(lits));
            }
        }

        private Literal lit(int l) {
            return l > 0 ? pos[l] : neg[-l];
        }

        @Override
        public boolean sat(int[] assumptions) {
            List<Literal> lits = new ArrayList<>(assumptions.length);
            for (int l : assumptions) {
                lits.add(lit(l));
            }
            return s.sat(lits) == Tristate.TRUE;
        }
    }
}

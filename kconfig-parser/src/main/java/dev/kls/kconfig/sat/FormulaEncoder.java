package dev.kls.kconfig.sat;

import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.PropositionalEncoder.SymbolVars;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.semantics.Formula;
import dev.kls.kconfig.semantics.Valuation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sat4j.core.VecInt;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;

/**
 * A {@link Formula} (a Kconfig expression or a C presence condition) as two
 * literals {value ≥ m, value = y} next to the model's clauses in
 * {@link KconfigSat}'s solver, Tseitin-style: every gate is a fresh
 * variable defined equivalent to its operands, so the clauses constrain
 * nothing by themselves and stay in the solver for later questions (the
 * same formula is encoded once). Comparisons are tabulated over the
 * bool/tristate symbols they mention, with the formula's own evaluator.
 *
 * <p>What the model does not decide (an {@link Formula.Opaque} C leaf,
 * {@link Formula#UNKNOWN}, a comparison that reads int/hex/string values or
 * mentions too many symbols to tabulate) is handled as {@link Unknowns} says.
 */
public final class FormulaEncoder {

    /** What a part the model does not decide becomes. */
    public enum Unknowns {
        /**
         * True, listed in {@link #assumed()}; int/hex/string symbols keep the
         * given values. For a search of a configuration where a condition
         * holds, which conf then confirms.
         */
        ASSUME_TRUE,
        /**
         * A fresh variable with no clause: either value is possible, so a
         * "never true" or "never false" answer holds whatever the part is.
         */
        FREE
    }

    /** Most symbols a comparison may mention (its value is tabulated over their values). */
    static final int MAX_TABULATED = 7;

    private final KconfigSat sat;
    private final ISolver solver;
    private final Valuation values;
    private final Unknowns unknowns;
    private final int trueLit;
    private final Set<String> assumed = new LinkedHashSet<>();
    private final Map<Formula, int[]> memo = new HashMap<>();

    /**
     * @param values   the types of the symbols and, with {@link Unknowns#ASSUME_TRUE}, the int/hex/string
     *                 values comparisons read (the model does not vary them)
     * @param unknowns what the parts the model does not decide become
     */
    public FormulaEncoder(KconfigSat sat, Valuation values, Unknowns unknowns) {
        this.sat = sat;
        this.solver = sat.solver();
        this.values = values;
        this.unknowns = unknowns;
        this.trueLit = newVar();
        clause(trueLit);
    }

    /** A literal true in every model (constants are encoded as it or its negation). */
    public int trueLiteral() {
        return trueLit;
    }

    /** The parts taken as true so far ({@link Unknowns#ASSUME_TRUE} only), as text for the report. */
    public Set<String> assumed() {
        return java.util.Collections.unmodifiableSet(assumed);
    }

    /** Literals {value ≥ m, value = y}: the formula holds (is not n) exactly when the first is true. */
    public int[] encode(Formula f) {
        int[] known = memo.get(f);
        if (known != null) {
            return known;
        }
        int[] lits = encodeNew(f);
        memo.put(f, lits);
        return lits;
    }

    private int[] encodeNew(Formula f) {
        if (f == Formula.TRUE) {
            return new int[] {trueLit, trueLit};
        }
        if (f == Formula.FALSE) {
            return new int[] {-trueLit, -trueLit};
        }
        if (f == Formula.UNKNOWN || f instanceof Formula.Opaque) {
            return unknown(f instanceof Formula.Opaque o ? "[c: " + o.text() + "]" : "[unknown]");
        }
        if (f instanceof Formula.Not n) {
            if (unknowns == Unknowns.ASSUME_TRUE && (n.operand() == Formula.UNKNOWN
                    || n.operand() instanceof Formula.Opaque)) {
                return encode(n.operand()); // unknown either way: assumed true
            }
            int[] x = encode(n.operand());
            return new int[] {-x[1], -x[0]};
        }
        if (f instanceof Formula.And a) {
            List<int[]> xs = a.operands().stream().map(this::encode).toList();
            return new int[] {and(xs.stream().mapToInt(x -> x[0]).toArray()),
                and(xs.stream().mapToInt(x -> x[1]).toArray())};
        }
        if (f instanceof Formula.Or o) {
            List<int[]> xs = o.operands().stream().map(this::encode).toList();
            return new int[] {or(xs.stream().mapToInt(x -> x[0]).toArray()),
                or(xs.stream().mapToInt(x -> x[1]).toArray())};
        }
        if (f instanceof Formula.Sym s) {
            SymbolVars v = sat.symbols().get(s.name());
            if (v != null) {
                return new int[] {v.m(), v.y()};
            }
            if (values.type(s.name()) != null) {
                return new int[] {-trueLit, -trueLit}; // int, hex and string symbols are n as tristates
            }
            return constant(s.name()); // an undefined word is the constant it names, as in conf
        }
        if (f instanceof Formula.Const c) {
            return constant(c.text());
        }
        return tabulate(f);
    }

    /** An undecided part: true (noted) or a free variable. */
    private int[] unknown(String what) {
        if (unknowns == Unknowns.ASSUME_TRUE) {
            assumed.add(what);
            return new int[] {trueLit, trueLit};
        }
        int x = newVar();
        return new int[] {x, x};
    }

    private int[] constant(String text) {
        return switch (text) {
            case "y" -> new int[] {trueLit, trueLit};
            case "m" -> new int[] {trueLit, -trueLit};
            default -> new int[] {-trueLit, -trueLit};
        };
    }

    /**
     * A comparison, by its own evaluator over every value of the bool/tristate
     * symbols it mentions. With {@link Unknowns#ASSUME_TRUE} int/hex/string
     * symbols keep the given values (the caller confirms the result); with
     * {@link Unknowns#FREE} a comparison that reads one is free, since its
     * value varies in ways the model does not encode.
     */
    private int[] tabulate(Formula f) {
        List<SymbolVars> vs = new ArrayList<>();
        for (String s : f.symbols()) {
            SymbolVars v = sat.symbols().get(s);
            if (v != null) {
                vs.add(v);
            } else if (unknowns == Unknowns.FREE && values.type(s) != null) {
                return unknown(f.toKconfig());
            }
        }
        if (vs.size() > MAX_TABULATED) {
            return unknown(f.toKconfig() + " (over " + vs.size() + " symbols, too many to tabulate)");
        }
        List<Integer> ms = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        int combos = 1;
        for (SymbolVars v : vs) {
            combos *= v.tristate() ? 3 : 2;
        }
        for (int c = 0; c < combos; c++) {
            Map<String, Tristate> assign = new LinkedHashMap<>();
            int rest = c;
            List<Integer> lits = new ArrayList<>();
            for (SymbolVars v : vs) {
                int n = v.tristate() ? 3 : 2;
                Tristate t = n == 3 ? Tristate.values()[rest % 3] : (rest % 2 == 0 ? Tristate.NO : Tristate.YES);
                rest /= n;
                assign.put(v.name(), t);
                for (int l : sat.literals(v.name(), t).orElseThrow()) {
                    lits.add(l);
                }
            }
            Optional<Tristate> val = f.eval(overlay(values, assign));
            if (val.isEmpty()) {
                return unknown(f.toKconfig());
            }
            if (val.get() != Tristate.NO) {
                int a = and(lits.stream().mapToInt(Integer::intValue).toArray());
                ms.add(a);
                if (val.get() == Tristate.YES) {
                    ys.add(a);
                }
            }
        }
        return new int[] {or(ms.stream().mapToInt(Integer::intValue).toArray()),
            or(ys.stream().mapToInt(Integer::intValue).toArray())};
    }

    /** {@code base} with the bool/tristate symbols of {@code assign} set to their values there. */
    static Valuation overlay(Valuation base, Map<String, Tristate> assign) {
        return new Valuation() {
            @Override
            public Tristate tristate(String s) {
                Tristate t = assign.get(s);
                return t != null ? t : base.tristate(s);
            }

            @Override
            public String value(String s) {
                Tristate t = assign.get(s);
                return t != null ? t.letter() : base.value(s);
            }

            @Override
            public SymbolType type(String s) {
                return base.type(s);
            }

            @Override
            public String autoconf(String s) {
                Tristate t = assign.get(s);
                if (t != null) {
                    return t == Tristate.NO ? null : t.letter();
                }
                return base.autoconf(s);
            }
        };
    }

    private int and(int... xs) {
        if (xs.length == 0) {
            return trueLit;
        }
        if (xs.length == 1) {
            return xs[0];
        }
        int g = newVar();
        int[] big = new int[xs.length + 1];
        big[0] = g;
        for (int i = 0; i < xs.length; i++) {
            clause(-g, xs[i]);
            big[i + 1] = -xs[i];
        }
        clause(big);
        return g;
    }

    private int or(int... xs) {
        int[] neg = new int[xs.length];
        for (int i = 0; i < xs.length; i++) {
            neg[i] = -xs[i];
        }
        return xs.length == 0 ? -trueLit : -and(neg);
    }

    private int newVar() {
        return solver.nextFreeVarId(true);
    }

    private void clause(int... lits) {
        try {
            solver.addClause(new VecInt(lits));
        } catch (ContradictionException e) {
            throw new IllegalStateException("the condition's encoding contradicts the model", e);
        }
    }
}

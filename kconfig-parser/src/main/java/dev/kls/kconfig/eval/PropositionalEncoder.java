package dev.kls.kconfig.eval;

import dev.kls.kconfig.KconfigTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front half of the propositional model: it reads conf's finalized graph
 * (which is package-private here) and writes CNF clauses to a {@link Sink}, so
 * that the solver library stays out of this package.
 *
 * <p>Each bool/tristate symbol gets two variables, "value ≥ m" and "value = y",
 * defined as conf's sym_calc_value computes them from a free "user value"
 * pair: visible ⇒ min(user, visibility), else the first active default or the
 * implied value (and dir_dep); then max with rev_dep; then m is promoted to y
 * for bool symbols, when MODULES=n, or when the implied value is y. A satisfying
 * assignment is therefore a configuration conf reproduces when it is written
 * as a .config, except where the approximations of {@link #APPROXIMATIONS} apply.
 */
public final class PropositionalEncoder {

    /** What the encoding does not model exactly; the README lists the same. */
    public static final List<String> APPROXIMATIONS = List.of(
            "choice values: a free user value bounded by visibility and dir_dep; at most one y per choice, no 'exactly one'",
            "int/hex/string symbols: comparisons involving them are free variables",
            "unknown $(shell) results: symbols whose values come from them are free like any non-bool");

    /** Receives variables and clauses (DIMACS literals: +v / -v). */
    public interface Sink {
        int newVar();

        void clause(int... literals);
    }

    /** A symbol's two variables: {@code m} is "value ≥ m", {@code y} is "value = y". */
    public record SymbolVars(String name, boolean tristate, int m, int y) {
    }

    private final Sink sink;
    private final MenuBuilder b;
    private final int trueLit;
    private final Map<KSymbol, SymbolVars> vars = new IdentityHashMap<>();
    private final Map<String, SymbolVars> byName = new LinkedHashMap<>();

    private PropositionalEncoder(MenuBuilder b, Sink sink) {
        this.b = b;
        this.sink = sink;
        this.trueLit = sink.newVar();
        sink.clause(trueLit);
    }

    /** Encodes one tree (one arch) into the sink; returns the variables of every named bool/tristate symbol. */
    public static Map<String, SymbolVars> encode(KconfigTree tree, Sink sink) {
        PropositionalEncoder e = new PropositionalEncoder(MenuBuilder.build(tree), sink);
        e.run();
        return Collections.unmodifiableMap(e.byName);
    }

    private void run() {
        List<KSymbol> syms = new ArrayList<>();
        for (KSymbol s : b.symbols.inCreationOrder()) {
            if (s.has(KSymbol.CONST) || s.isChoice() || s.name == null) {
                continue;
            }
            if (s.type == KSymbol.Type.BOOLEAN || s.type == KSymbol.Type.TRISTATE) {
                int m = sink.newVar();
                int y = sink.newVar();
                sink.clause(-y, m);
                SymbolVars v = new SymbolVars(s.name, s.type == KSymbol.Type.TRISTATE, m, y);
                vars.put(s, v);
                byName.put(s.name, v);
                syms.add(s);
            }
        }
        int modulesY = vars.containsKey(b.modules) ? vars.get(b.modules).y : -trueLit;
        for (KSymbol s : syms) {
            define(s, vars.get(s), modulesY);
        }
        for (KSymbol c : b.symbols.inCreationOrder()) {
            if (c.isChoice()) {
                List<SymbolVars> vals = new ArrayList<>();
                for (KSymbol v : c.choiceValues) {
                    if (vars.containsKey(v)) {
                        vals.add(vars.get(v));
                    }
                }
                for (int i = 0; i < vals.size(); i++) {
                    for (int j = i + 1; j < vals.size(); j++) {
                        sink.clause(-vals.get(i).y, -vals.get(j).y);
                    }
                }
            }
        }
    }

    /** A tristate value as two literals: ge m, eq y (y ⇒ m holds by construction). */
    private record Pair(int m, int y) {
    }

    private Pair constant(Tristate t) {
        return new Pair(t == Tristate.NO ? -trueLit : trueLit, t == Tristate.YES ? trueLit : -trueLit);
    }

    private void define(KSymbol s, SymbolVars out, int modulesY) {
        boolean bool = s.type == KSymbol.Type.BOOLEAN;
        Pair rev = expr(s.revDep);
        Pair dir = s.dirDep == null ? constant(Tristate.YES) : expr(s.dirDep);
        // Visibility: OR of the prompts' conditions; m counts as y for bool, or when MODULES=n.
        Pair vis = constant(Tristate.NO);
        boolean prompted = false;
        for (KProp p : s.props) {
            if (p.type == KProp.Type.PROMPT) {
                prompted = true;
                vis = or(vis, p.visibleExpr == null ? constant(Tristate.YES) : expr(p.visibleExpr));
            }
        }
        vis = bool ? new Pair(vis.m, vis.m) : new Pair(vis.m, or(vis.y, and(vis.m, -modulesY)));
        int um = sink.newVar();
        int uy = sink.newVar();
        sink.clause(-uy, um);
        Pair user = new Pair(um, bool ? um : uy);
        Pair visible = min(user, vis);
        // The first default whose condition is not n, as sym_get_default_prop picks it.
        Pair def = constant(Tristate.NO);
        int earlierActive = -trueLit;
        if (!s.isChoiceValue()) {
            for (KProp p : s.props) {
                if (p.type != KProp.Type.DEFAULT) {
                    continue;
                }
                Pair cond = p.visibleExpr == null ? constant(Tristate.YES) : expr(p.visibleExpr);
                int active = and(cond.m, -earlierActive);
                Pair val = min(expr(p.expr), cond);
                def = new Pair(or(def.m, and(active, val.m)), or(def.y, and(active, val.y)));
                earlierActive = or(earlierActive, cond.m);
            }
        }
        Pair implied = expr(s.implied);
        if (bool) {
            implied = new Pair(implied.m, implied.m);
        }
        if (!s.isChoiceValue() && s.implied != null) {
            def = min(or(def, implied), dir);
        }
        Pair pre = prompted ? ite(vis.m, visible, def) : def;
        pre = or(pre, rev);
        // Promotion of m to y: bool type, MODULES=n (sym_get_type), or implied = y.
        int promote = bool ? trueLit : or(-modulesY, implied.y);
        equiv(out.m, pre.m);
        equiv(out.y, or(pre.y, and(pre.m, promote)));
    }

    private Pair expr(KExpr e) {
        if (e == null) {
            return constant(Tristate.NO);
        }
        switch (e.type) {
            case AND:
                return min(expr(e.left), expr(e.right));
            case OR:
                return or(expr(e.left), expr(e.right));
            case NOT: {
                Pair p = expr(e.left);
                return new Pair(-p.y, -p.m);
            }
            case SYMBOL:
                return sym(e.lsym);
            case EQUAL:
            case UNEQUAL: {
                if (tristateLike(e.lsym) && tristateLike(e.rsym)) {
                    Pair a = sym(e.lsym);
                    Pair c = sym(e.rsym);
                    int eq = and(equivLit(a.m, c.m), equivLit(a.y, c.y));
                    int r = e.type == KExpr.Type.EQUAL ? eq : -eq;
                    return new Pair(r, r);
                }
                if (e.lsym.has(KSymbol.CONST) && e.rsym.has(KSymbol.CONST)) {
                    // Two constants ("$(ARCH)" = "x86" after expansion): decided here.
                    boolean eq = e.lsym.name.equals(e.rsym.name);
                    return constant(eq == (e.type == KExpr.Type.EQUAL) ? Tristate.YES : Tristate.NO);
                }
                int free = sink.newVar();
                return new Pair(free, free);
            }
            default: {
                // <, <=, >, >= compare numbers or strings, which the model leaves free.
                int free = sink.newVar();
                return new Pair(free, free);
            }
        }
    }

    private boolean tristateLike(KSymbol s) {
        return s == b.symbols.yes || s == b.symbols.mod || s == b.symbols.no || vars.containsKey(s);
    }

    private Pair sym(KSymbol s) {
        if (s == b.symbols.yes) {
            return constant(Tristate.YES);
        }
        if (s == b.symbols.mod) {
            return constant(Tristate.MOD);
        }
        SymbolVars v = vars.get(s);
        if (v != null) {
            return new Pair(v.m, v.y);
        }
        if (s.isChoice()) {
            // A choice's own value: free (choices are approximated, see APPROXIMATIONS).
            int m = sink.newVar();
            int y = sink.newVar();
            sink.clause(-y, m);
            return new Pair(m, y);
        }
        // Undefined words, n, and int/hex/string symbols have tristate n in expressions.
        return constant(Tristate.NO);
    }

    private Pair min(Pair a, Pair c) {
        return new Pair(and(a.m, c.m), and(a.y, c.y));
    }

    private Pair or(Pair a, Pair c) {
        return new Pair(or(a.m, c.m), or(a.y, c.y));
    }

    private Pair ite(int cond, Pair a, Pair c) {
        return new Pair(or(and(cond, a.m), and(-cond, c.m)), or(and(cond, a.y), and(-cond, c.y)));
    }

    private int and(int a, int c) {
        if (a == -trueLit || c == -trueLit) {
            return -trueLit;
        }
        if (a == trueLit) {
            return c;
        }
        if (c == trueLit || a == c) {
            return a;
        }
        int g = sink.newVar();
        sink.clause(-g, a);
        sink.clause(-g, c);
        sink.clause(g, -a, -c);
        return g;
    }

    private int or(int a, int c) {
        return -and(-a, -c);
    }

    private int equivLit(int a, int c) {
        return or(and(a, c), and(-a, -c));
    }

    private void equiv(int a, int c) {
        sink.clause(-a, c);
        sink.clause(a, -c);
    }
}

package dev.kls.kconfig.eval;

import dev.kls.kconfig.semantics.KconfigRelease;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.SourceRange;
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
 * <p>The clauses say "this assignment is a fixpoint of conf": written as a
 * .config (every bool/tristate symbol, nothing else), olddefconfig computes
 * the same values again. Each bool/tristate symbol (choices included) gets
 * two variables, "value ≥ m" and "value = y", defined as 6.1's sym_calc_value
 * computes them: a visible symbol takes min(user, visibility), else the first
 * active default or the implied value (and dir_dep); then max with rev_dep;
 * then m is promoted to y for bool symbols or when MODULES=n. The user value
 * of an ordinary symbol is free (the .config writes the result back, which
 * conf keeps); a choice's user value is what conf_read_simple makes of its
 * values' lines (their OR), and a visible choice in y mode has exactly one y
 * value, a free pick among its visible values (written as the user's pick,
 * so conf keeps it). int/hex/string symbols are not written, so their value
 * is the first active default (or "") clamped to the first active range:
 * one variable per value the tree can produce, and comparisons become
 * clauses over those variables and the y/m pairs.
 */
public final class PropositionalEncoder {

    /** What the encoding does not model exactly; the README lists the same. */
    public static final List<String> APPROXIMATIONS = List.of(
            "choices follow the tree's release: 6.1's sym_calc_choice before 6.11, the menu-based sym_calc_choice from 6.11; a choice never has two y values and never mixes y and m values",
            "int/hex/string symbols keep their default value (the witness writes no value for them), so samples never set one by hand",
            "unknown $(shell) results are whatever the tree's shell policy expanded them to, the same text the evaluator sees",
            "dependency loops that conf resolves by evaluation order (recursive dependencies) are encoded as fixpoints, which may admit more than conf");

    /** Receives variables and clauses (DIMACS literals: +v / -v). */
    public interface Sink {
        int newVar();

        void clause(int... literals);
    }

    /** A symbol's two variables: {@code m} is "value ≥ m", {@code y} is "value = y". */
    public record SymbolVars(String name, boolean tristate, int m, int y) {
    }

    /**
     * One {@code select TARGET} line of {@code selector}; {@code forces} is the
     * literal "this select's term of TARGET's rev_dep is above TARGET's dir_dep",
     * conf's condition for "unmet direct dependencies detected for TARGET".
     */
    public record SelectSite(String selector, String target, SourceRange where, int forces) {
    }

    /** The encoding's named symbols and the select lines that can force their target past its dependencies. */
    public record Encoding(Map<String, SymbolVars> symbols, List<SelectSite> selects, List<DefaultSite> defaults) {
    }

    /**
     * One {@code default} line of a bool/tristate {@code symbol}: {@code active}
     * is the literal "this is the default conf takes" (sym_get_default_prop: the
     * first default whose condition, joined with the entry's dependencies, is
     * not n), {@code holds} is "its condition is not n".
     */
    public record DefaultSite(String symbol, SourceRange where, int active, int holds) {
    }

    private final Sink sink;
    private final MenuBuilder b;
    private final int trueLit;
    private final boolean intHexZero;
    /** Every bool/tristate symbol's value, choices included. */
    private final Map<KSymbol, Pair> tri = new IdentityHashMap<>();
    /** int/hex/string symbols: value text to the literal "the symbol has this value". */
    private final Map<KSymbol, Map<String, Integer>> strings = new IdentityHashMap<>();
    /** Values substituted for symbols while an expression is encoded (a choice taken as y). */
    private final Map<KSymbol, Pair> override = new IdentityHashMap<>();
    private final Map<String, SymbolVars> byName = new LinkedHashMap<>();
    private final List<SelectSite> selects = new ArrayList<>();
    private final List<DefaultSite> defaults = new ArrayList<>();
    private int modulesY;

    private PropositionalEncoder(MenuBuilder b, Sink sink) {
        this.b = b;
        this.sink = sink;
        this.trueLit = sink.newVar();
        this.intHexZero = b.release.has(KconfigRelease.Change.INT_HEX_ZERO_DEFAULT);
        sink.clause(trueLit);
    }

    /** Encodes one tree (one arch) into the sink; returns the variables of every named bool/tristate symbol. */
    public static Map<String, SymbolVars> encode(KconfigTree tree, Sink sink) {
        return encodeModel(tree, sink).symbols();
    }

    /** As {@link #encode}, with every select line whose target can be forced past its dependencies. */
    public static Encoding encodeModel(KconfigTree tree, Sink sink) {
        PropositionalEncoder e = new PropositionalEncoder(MenuBuilder.build(tree), sink);
        e.run();
        e.selectSites();
        return new Encoding(Collections.unmodifiableMap(e.byName), List.copyOf(e.selects), List.copyOf(e.defaults));
    }

    /**
     * menu_finalize adds "S && (select's if && S's menu dependencies)" to the
     * target's rev_dep for each select line; conf warns when rev_dep is above
     * dir_dep (sym_calc_value). Targets conf never warns for are left out: a
     * choice value (6.1 skips its rev_dep) or a reworked choice's member
     * (6.11+ takes its value from the choice), and sites whose literal folds to
     * false (a target without dependencies).
     */
    private void selectSites() {
        for (KSymbol s : b.symbols.inCreationOrder()) {
            Pair sv = tri.get(s);
            if (sv == null || s.name == null || s.isChoice()) {
                continue;
            }
            for (KProp p : s.props) {
                if (p.type != KProp.Type.SELECT) {
                    continue;
                }
                KSymbol t = p.symbol();
                if (t == null || t.name == null || !tri.containsKey(t) || t.isChoice()
                        || (b.choiceRework ? t.choiceMenu != null && t.choiceMenu.sym != null
                                : t.isChoiceValue() && t.choice != null)) {
                    continue;
                }
                Pair term = min(sv, cond(p.visibleExpr));
                Pair dep = cond(t.dirDep);
                int forces = or(and(term.m, -dep.m), and(term.y, -dep.y));
                if (forces != -trueLit) {
                    selects.add(new SelectSite(s.name, t.name, p.where, forces));
                }
            }
        }
        // Source order, so findings and samples are deterministic.
        selects.sort(java.util.Comparator.comparing((SelectSite x) -> x.where().file())
                .thenComparingInt(x -> x.where().startLine()).thenComparingInt(x -> x.where().startColumn()));
    }

    private static boolean boolOrTri(KSymbol s) {
        return s.type == KSymbol.Type.BOOLEAN || s.type == KSymbol.Type.TRISTATE;
    }

    private void run() {
        List<KSymbol> syms = new ArrayList<>();
        List<KSymbol> choices = new ArrayList<>();
        for (KSymbol s : b.symbols.inCreationOrder()) {
            if (s.has(KSymbol.CONST) || !boolOrTri(s)) {
                continue;
            }
            int m = sink.newVar();
            int y = sink.newVar();
            sink.clause(-y, m);
            tri.put(s, new Pair(m, y));
            if (s.isChoice()) {
                choices.add(s);
            } else if (s.name != null) {
                byName.put(s.name, new SymbolVars(s.name, s.type == KSymbol.Type.TRISTATE, m, y));
                syms.add(s);
            }
        }
        modulesY = tri.containsKey(b.modules) ? tri.get(b.modules).y : -trueLit;
        if (b.choiceRework) {
            // 6.11+: members take their value from their choice's menu only (defineReworkedChoice)
            java.util.Set<KSymbol> reworked = new java.util.LinkedHashSet<>();
            for (KSymbol s : syms) {
                if (s.choiceMenu == null || s.choiceMenu.sym == null) {
                    define(s, tri.get(s));
                } else {
                    reworked.add(s.choiceMenu.sym);
                }
            }
            reworked.forEach(this::defineReworkedChoice);
            return;
        }
        for (KSymbol s : syms) {
            if (s.isChoiceValue() && s.choice != null && tri.containsKey(s.choice)) {
                defineChoiceValue(s, tri.get(s));
            } else {
                define(s, tri.get(s));
            }
        }
        for (KSymbol c : choices) {
            defineChoice(c);
        }
    }

    /**
     * A 6.11+ choice (sym_calc_choice over the menu): a member's dependencies,
     * selects and implies play no part in its value; an invisible member is n;
     * when some member is visible exactly one visible member is y (which one is
     * the user's pick: the .config line "=y" of a visible member wins, so any
     * visible member is a valid pick), and none when no member is visible.
     * Members are bool since the rework (tristate ones are errors).
     */
    private void defineReworkedChoice(KSymbol c) {
        List<Integer> ys = new ArrayList<>();
        int anyVisible = -trueLit;
        for (KSymbol v : c.members) {
            Pair out = tri.get(v);
            if (out == null) {
                continue;
            }
            int vis = visibility(v, null).m;
            equiv(out.m, out.y);
            sink.clause(-out.y, vis);
            anyVisible = or(anyVisible, vis);
            ys.add(out.y);
        }
        int[] atLeast = new int[ys.size() + 1];
        atLeast[0] = -anyVisible;
        for (int i = 0; i < ys.size(); i++) {
            atLeast[i + 1] = ys.get(i);
        }
        sink.clause(atLeast);
        for (int i = 0; i < ys.size(); i++) {
            for (int j = i + 1; j < ys.size(); j++) {
                sink.clause(-ys.get(i), -ys.get(j));
            }
        }
        // The choice itself has no .config line; it is y while it has a pick.
        Pair out = tri.get(c);
        if (out != null) {
            equiv(out.m, anyVisible);
            equiv(out.y, anyVisible);
        }
    }

    /** A tristate value as two literals: ge m, eq y (y ⇒ m holds by construction). */
    private record Pair(int m, int y) {
    }

    private Pair constant(Tristate t) {
        return new Pair(t == Tristate.NO ? -trueLit : trueLit, t == Tristate.YES ? trueLit : -trueLit);
    }

    /** A property's condition: none means y. */
    private Pair cond(KExpr e) {
        return e == null ? constant(Tristate.YES) : expr(e);
    }

    /** sym_calc_visibility's prompt part; for a choice value, a tristate prompt at m is n while its choice is y. */
    private Pair visibility(KSymbol s, Pair choice) {
        boolean bool = s.type == KSymbol.Type.BOOLEAN;
        Pair vis = constant(Tristate.NO);
        for (KProp p : s.props) {
            // for_all_prompts: every property with a text, so a menuconfig's prompt (P_MENU) counts too
            if (p.text != null) {
                Pair v = cond(p.visibleExpr);
                if (choice != null && !bool) {
                    v = new Pair(and(v.m, or(v.y, -choice.y)), v.y);
                }
                vis = or(vis, v);
            }
        }
        return bool ? new Pair(vis.m, vis.m) : new Pair(vis.m, or(vis.y, and(vis.m, -modulesY)));
    }

    private boolean prompted(KSymbol s) {
        for (KProp p : s.props) {
            if (p.text != null) {
                return true;
            }
        }
        return false;
    }

    /** m becomes y when sym_get_type says boolean: bool symbols, and tristates while MODULES=n. */
    private void output(KSymbol s, Pair out, Pair pre) {
        int promote = s.type == KSymbol.Type.BOOLEAN ? trueLit : -modulesY;
        equiv(out.m, pre.m);
        equiv(out.y, or(pre.y, and(pre.m, promote)));
    }

    private Pair freeUser(KSymbol s) {
        int um = sink.newVar();
        int uy = sink.newVar();
        sink.clause(-uy, um);
        return new Pair(um, s.type == KSymbol.Type.BOOLEAN ? um : uy);
    }

    /** The first default whose condition is not n, as sym_get_default_prop picks it (n when none is). */
    private Pair firstDefault(KSymbol s) {
        Pair def = constant(Tristate.NO);
        int earlierActive = -trueLit;
        for (KProp p : s.props) {
            if (p.type != KProp.Type.DEFAULT) {
                continue;
            }
            Pair c = cond(p.visibleExpr);
            int active = and(c.m, -earlierActive);
            if (s.name != null && p.where != null) {
                defaults.add(new DefaultSite(s.name, p.where, active, c.m));
            }
            Pair val = min(expr(p.expr), c);
            def = new Pair(or(def.m, and(active, val.m)), or(def.y, and(active, val.y)));
            earlierActive = or(earlierActive, c.m);
        }
        return def;
    }

    private void define(KSymbol s, Pair out) {
        Pair rev = expr(s.revDep);
        Pair dir = cond(s.dirDep);
        Pair vis = visibility(s, null);
        Pair visible = min(freeUser(s), vis);
        Pair def = firstDefault(s);
        if (s.implied != null) {
            Pair implied = expr(s.implied);
            if (s.type == KSymbol.Type.BOOLEAN) {
                implied = new Pair(implied.m, implied.m);
            }
            // newval = (default OR implied) AND dir_dep, only when implied is not n.
            def = ite(implied.m, min(or(def, implied), dir), def);
        }
        Pair pre = prompted(s) ? ite(vis.m, visible, def) : def;
        output(s, out, or(pre, rev));
    }

    /**
     * A 6.1 choice value: sym_calc_visibility returns before computing its
     * dir_dep, rev_dep and implied values, so they stay n (select and imply
     * of a choice value do nothing); visible y means "is the choice's pick".
     */
    private void defineChoiceValue(KSymbol s, Pair out) {
        Pair choice = tri.get(s.choice);
        Pair vis = visibility(s, choice);
        Pair visible = min(freeUser(s), vis);
        Pair def = firstDefault(s);
        Pair pre = ite(vis.m, visible, def);
        int promote = s.type == KSymbol.Type.BOOLEAN ? trueLit : -modulesY;
        Pair regular = new Pair(pre.m, or(pre.y, and(pre.m, promote)));
        int pick = sink.newVar();
        picks.put(s, pick);
        Pair picked = new Pair(pick, pick);
        Pair v = ite(vis.y, picked, regular);
        equiv(out.m, v.m);
        equiv(out.y, v.y);
        // Only a visible value can be the pick.
        sink.clause(-pick, vis.y);
    }

    private final Map<KSymbol, Integer> picks = new IdentityHashMap<>();

    /**
     * A 6.1 choice: its user value is the OR of its values' lines, it has no
     * default, non-optional ones carry rev_dep "visibility && m"; in y mode
     * exactly one visible value is picked, and a choice in y mode with no
     * visible value is reset to n (sym_calc_choice).
     */
    private void defineChoice(KSymbol c) {
        Pair out = tri.get(c);
        List<KSymbol> values = new ArrayList<>();
        for (KSymbol v : c.choiceValues) {
            if (tri.containsKey(v) && picks.containsKey(v)) {
                values.add(v);
            }
        }
        Pair user = constant(Tristate.NO);
        for (KSymbol v : values) {
            user = or(user, tri.get(v));
        }
        Pair vis = visibility(c, null);
        Pair pre = or(ite(vis.m, min(user, vis), constant(Tristate.NO)), expr(c.revDep));
        int promote = c.type == KSymbol.Type.BOOLEAN ? trueLit : -modulesY;
        pre = new Pair(pre.m, or(pre.y, and(pre.m, promote)));
        // Whether some value is visible when the choice is y (sym_calc_choice computes them so).
        int anyVisible = -trueLit;
        override.put(c, constant(Tristate.YES));
        for (KSymbol v : values) {
            anyVisible = or(anyVisible, visibility(v, constant(Tristate.YES)).m);
        }
        override.remove(c);
        int reset = and(pre.y, -anyVisible);
        equiv(out.m, and(pre.m, -reset));
        equiv(out.y, and(pre.y, anyVisible));
        // y mode: exactly one pick; otherwise none.
        List<Integer> ps = new ArrayList<>();
        for (KSymbol v : values) {
            ps.add(picks.get(v));
            sink.clause(-picks.get(v), out.y);
        }
        int[] atLeast = new int[ps.size() + 1];
        atLeast[0] = -out.y;
        for (int i = 0; i < ps.size(); i++) {
            atLeast[i + 1] = ps.get(i);
        }
        sink.clause(atLeast);
        for (int i = 0; i < values.size(); i++) {
            for (int j = i + 1; j < values.size(); j++) {
                sink.clause(-ps.get(i), -ps.get(j));
                sink.clause(-tri.get(values.get(i)).y, -tri.get(values.get(j)).y);
            }
        }
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
            case UNEQUAL:
            case LTH:
            case LEQ:
            case GTH:
            case GEQ: {
                // expr_calc_value on every pair of values the two sides can have.
                Map<String, Integer> l = stringValues(e.lsym);
                Map<String, Integer> r = stringValues(e.rsym);
                int res = -trueLit;
                for (Map.Entry<String, Integer> a : l.entrySet()) {
                    for (Map.Entry<String, Integer> c : r.entrySet()) {
                        if (ConfEngine.compare(e.type, a.getKey(), e.lsym.type, c.getKey(), e.rsym.type)) {
                            res = or(res, and(a.getValue(), c.getValue()));
                        }
                    }
                }
                return new Pair(res, res);
            }
            default:
                return constant(Tristate.NO);
        }
    }

    private Pair sym(KSymbol s) {
        Pair o = override.get(s);
        if (o != null) {
            return o;
        }
        if (s == b.symbols.yes) {
            return constant(Tristate.YES);
        }
        if (s == b.symbols.mod) {
            return constant(Tristate.MOD);
        }
        Pair v = tri.get(s);
        if (v != null) {
            return v;
        }
        // Undefined words, n, and int/hex/string symbols have tristate n in expressions.
        return constant(Tristate.NO);
    }

    /** sym_get_string_value: every text the symbol can have, each with its literal. */
    private Map<String, Integer> stringValues(KSymbol s) {
        if (s.has(KSymbol.CONST) && s != b.symbols.yes && s != b.symbols.mod && s != b.symbols.no) {
            return Map.of(s.name, trueLit);
        }
        if (s == b.symbols.yes || s == b.symbols.mod || s == b.symbols.no || boolOrTri(s)) {
            Pair p = sym(s);
            Map<String, Integer> m = new LinkedHashMap<>();
            put(m, "n", -p.m);
            put(m, "m", and(p.m, -p.y));
            put(m, "y", p.y);
            return m;
        }
        return currValues(s);
    }

    /** curr.val: for int/hex/string the computed text, for bool/tristate conf's untouched "n", else the name. */
    private Map<String, Integer> currValues(KSymbol s) {
        if (s.has(KSymbol.CONST)) {
            return Map.of(s.name == null ? "" : s.name, trueLit);
        }
        switch (s.type) {
            case INT:
            case HEX:
            case STRING:
                return stringSymbol(s);
            case BOOLEAN:
            case TRISTATE:
                return Map.of(b.symbols.no.name, trueLit);
            default:
                return Map.of(s.name == null ? "" : s.name, trueLit);
        }
    }

    private void put(Map<String, Integer> m, String value, int lit) {
        if (lit == -trueLit) {
            return;
        }
        Integer old = m.get(value);
        m.put(value, old == null ? lit : or(old, lit));
    }

    /** An int/hex/string symbol no .config line sets: first active default, else "", clamped to the first active range. */
    private Map<String, Integer> stringSymbol(KSymbol s) {
        Map<String, Integer> done = strings.get(s);
        if (done != null) {
            return done;
        }
        // A default chain back to itself: conf sees the value it started from.
        String empty = intHexZero && s.type != KSymbol.Type.STRING
                ? (s.type == KSymbol.Type.INT ? "0" : "0x0") : "";
        strings.put(s, Map.of(empty, trueLit));
        Map<String, Integer> pre = new LinkedHashMap<>();
        int earlier = -trueLit;
        for (KProp p : s.props) {
            if (p.type != KProp.Type.DEFAULT) {
                continue;
            }
            int c = cond(p.visibleExpr).m;
            int active = and(c, -earlier);
            KSymbol ds = p.symbol();
            if (ds == null) {
                put(pre, empty, active);
            } else {
                for (Map.Entry<String, Integer> v : currValues(ds).entrySet()) {
                    put(pre, v.getKey(), and(active, v.getValue()));
                }
            }
            earlier = or(earlier, c);
        }
        put(pre, empty, -earlier);
        Map<String, Integer> out = pre;
        if (s.type == KSymbol.Type.INT || s.type == KSymbol.Type.HEX) {
            int base = s.type == KSymbol.Type.INT ? 10 : 16;
            out = new LinkedHashMap<>();
            int earlierRange = -trueLit;
            for (KProp p : s.props) {
                if (p.type != KProp.Type.RANGE) {
                    continue;
                }
                int c = cond(p.visibleExpr).m;
                int active = and(c, -earlierRange);
                Map<String, Integer> lo = currValues(p.expr.lsym);
                Map<String, Integer> hi = currValues(p.expr.rsym);
                for (Map.Entry<String, Integer> v : pre.entrySet()) {
                    long val = CNumbers.strtoll(v.getKey(), base);
                    for (Map.Entry<String, Integer> l : lo.entrySet()) {
                        for (Map.Entry<String, Integer> h : hi.entrySet()) {
                            String res;
                            if (val >= CNumbers.strtoll(l.getKey(), boundBase(p.expr.lsym, base))) {
                                res = val <= CNumbers.strtoll(h.getKey(), boundBase(p.expr.rsym, base))
                                        ? v.getKey() : h.getKey();
                            } else {
                                res = l.getKey();
                            }
                            put(out, res, and(and(active, v.getValue()), and(l.getValue(), h.getValue())));
                        }
                    }
                }
                earlierRange = or(earlierRange, c);
            }
            for (Map.Entry<String, Integer> v : pre.entrySet()) {
                put(out, v.getKey(), and(-earlierRange, v.getValue()));
            }
        }
        Map<String, Integer> frozen = Collections.unmodifiableMap(out);
        strings.put(s, frozen);
        return frozen;
    }

    private static int boundBase(KSymbol bound, int base) {
        return bound.type == KSymbol.Type.INT ? 10 : bound.type == KSymbol.Type.HEX ? 16 : base;
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

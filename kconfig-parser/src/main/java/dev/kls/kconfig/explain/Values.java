package dev.kls.kconfig.explain;

import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.explain.KconfigFacts.ChoiceFacts;
import dev.kls.kconfig.explain.KconfigFacts.ChoiceTerm;
import dev.kls.kconfig.explain.KconfigFacts.Cond;
import dev.kls.kconfig.explain.KconfigFacts.ExprTerm;
import dev.kls.kconfig.explain.KconfigFacts.Term;

/**
 * Expressions evaluated over a finished configuration, as expr.c's
 * expr_calc_value evaluates them: a symbol stands for its tristate value
 * (n for string, int and hex symbols and for undefined words), comparisons
 * compare numbers when both sides are numbers of their type, else strings.
 */
final class Values {

    private final ConfigResult result;
    private final KconfigFacts facts;
    private final Tristate modules;

    Values(ConfigResult result, KconfigFacts facts) {
        this.result = result;
        this.facts = facts;
        SymbolValue m = facts.modules == null ? null : result.symbol(facts.modules);
        this.modules = m == null ? Tristate.NO : m.tristate();
    }

    Tristate modules() {
        return modules;
    }

    SymbolValue symbol(String name) {
        return result.symbol(name);
    }

    /** A choice's value: its values are its picture (conf keeps choices out of .config). */
    Tristate choice(ChoiceFacts c) {
        Tristate t = Tristate.NO;
        for (String v : c.values) {
            SymbolValue sv = result.symbol(v);
            if (sv != null) {
                t = t.or(sv.tristate());
            }
        }
        return t;
    }

    Tristate cond(Cond c) {
        Tristate t = Tristate.YES;
        for (Term term : c.terms()) {
            t = t.and(term(term));
        }
        return t;
    }

    Tristate term(Term t) {
        if (t instanceof ExprTerm e) {
            return tri(e.expr(), true);
        }
        if (t instanceof KconfigFacts.ValueTerm v) {
            return tri(v.value(), false);
        }
        ChoiceTerm c = (ChoiceTerm) t;
        Tristate v = choice(c.choice());
        return c.mustBeY() ? (v == Tristate.YES ? Tristate.YES : Tristate.NO) : v;
    }

    /** @param rewriteM read a literal m as {@code m && MODULES}, as conf does in dependencies and conditions */
    Tristate tri(Expr e, boolean rewriteM) {
        if (e == null) {
            return Tristate.YES;
        }
        if (e instanceof Expr.Sym s) {
            Tristate t = symTri(s);
            return rewriteM && isConstant(s, "m") ? t.and(modules) : t;
        }
        if (e instanceof Expr.Not n) {
            return tri(n.operand(), rewriteM).not();
        }
        if (e instanceof Expr.And a) {
            return tri(a.left(), rewriteM).and(tri(a.right(), rewriteM));
        }
        if (e instanceof Expr.Or o) {
            return tri(o.left(), rewriteM).or(tri(o.right(), rewriteM));
        }
        return compare((Expr.Compare) e) ? Tristate.YES : Tristate.NO;
    }

    static boolean isConstant(Expr.Sym s, String letter) {
        return s.name().equals(letter);
    }

    static boolean isConstantOf(Expr e, String letter) {
        return e instanceof Expr.Sym s && isConstant(s, letter);
    }

    private Tristate symTri(Expr.Sym s) {
        String n = s.name();
        switch (n) {
            case "y":
                return Tristate.YES;
            case "m":
                return Tristate.MOD;
            case "n":
                return Tristate.NO;
            default:
                break;
        }
        if (s.quoted()) {
            return Tristate.NO;
        }
        SymbolValue v = result.symbol(n);
        return v == null ? Tristate.NO : v.tristate();
    }

    /** sym_get_string_value of a word: n/m/y for bool and tristate, the value otherwise, the word itself if undefined. */
    String string(Expr.Sym s) {
        String n = s.name();
        if (n.length() == 1 && "ymn".contains(n) || s.quoted()) {
            return n;
        }
        SymbolValue v = result.symbol(n);
        return v == null || v.type() == null ? n : v.value();
    }

    /** The symbol type of a word as conf sees it; null for constants and undefined or untyped words. */
    SymbolType type(Expr.Sym s) {
        String n = s.name();
        if (n.length() == 1 && "ymn".contains(n)) {
            return SymbolType.TRISTATE;
        }
        if (s.quoted()) {
            return null;
        }
        SymbolValue v = result.symbol(n);
        return v == null ? null : v.type();
    }

    private boolean compare(Expr.Compare c) {
        return dev.kls.kconfig.semantics.KconfigCompare.compare(c.op(), string(c.left()), type(c.left()),
                string(c.right()), type(c.right()));
    }

    static Long strtoll(String s, int base, boolean unsigned) {
        return dev.kls.kconfig.semantics.KconfigCompare.strtoll(s, base, unsigned);
    }

    static int strcmp(String a, String b) {
        return dev.kls.kconfig.semantics.KconfigCompare.strcmp(a, b);
    }

    /** The value of an int/hex/string default or range bound: a word's string value. */
    String stringOf(Expr e) {
        return e instanceof Expr.Sym s ? string(s) : null;
    }

    KconfigFacts facts() {
        return facts;
    }
}

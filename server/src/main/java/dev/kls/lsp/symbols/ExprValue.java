package dev.kls.lsp.symbols;

import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.lsp.Snapshot;
import java.math.BigInteger;

/** The tristate value of a Kconfig expression under the snapshot's configuration, as expr.c computes it. */
public final class ExprValue {

    private ExprValue() {
    }

    public static Tristate of(Expr e, Snapshot s) {
        if (e instanceof Expr.Sym sym) {
            if (sym.quoted()) {
                return constant(sym.name());
            }
            SymbolValue v = s.value(sym.name());
            if (v == null) {
                return constant(sym.name());
            }
            return v.type() != null && v.type().isLogic() ? v.tristate() : Tristate.NO;
        }
        if (e instanceof Expr.Not n) {
            return of(n.operand(), s).not();
        }
        if (e instanceof Expr.And a) {
            return of(a.left(), s).and(of(a.right(), s));
        }
        if (e instanceof Expr.Or o) {
            return of(o.left(), s).or(of(o.right(), s));
        }
        if (e instanceof Expr.Compare c) {
            String l = text(c.left(), s);
            String r = text(c.right(), s);
            int cmp = compare(l, r);
            switch (c.op()) {
                case EQUAL:
                    return cmp == 0 ? Tristate.YES : Tristate.NO;
                case UNEQUAL:
                    return cmp != 0 ? Tristate.YES : Tristate.NO;
                case LESS:
                    return cmp < 0 ? Tristate.YES : Tristate.NO;
                case LESS_EQUAL:
                    return cmp <= 0 ? Tristate.YES : Tristate.NO;
                case GREATER:
                    return cmp > 0 ? Tristate.YES : Tristate.NO;
                default:
                    return cmp >= 0 ? Tristate.YES : Tristate.NO;
            }
        }
        return Tristate.NO;
    }

    private static Tristate constant(String w) {
        return w.equals("y") ? Tristate.YES : w.equals("m") ? Tristate.MOD : Tristate.NO;
    }

    private static String text(Expr.Sym sym, Snapshot s) {
        SymbolValue v = sym.quoted() ? null : s.value(sym.name());
        return v != null ? v.value() : sym.name();
    }

    /** Numbers compare as numbers (decimal or 0x hex), anything else as text. */
    private static int compare(String a, String b) {
        BigInteger x = number(a);
        BigInteger y = number(b);
        return x != null && y != null ? x.compareTo(y) : a.compareTo(b);
    }

    private static BigInteger number(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return new BigInteger(s.substring(2), 16);
            }
            return new BigInteger(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

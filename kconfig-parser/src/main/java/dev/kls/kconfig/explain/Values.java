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
import java.math.BigInteger;

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
        String s1 = string(c.left());
        String s2 = string(c.right());
        SymbolType t1 = type(c.left());
        SymbolType t2 = type(c.right());
        Num l = null;
        Num r = null;
        if (t1 != SymbolType.STRING || t2 != SymbolType.STRING) {
            l = parse(s1, t1);
            r = parse(s2, t2);
        }
        int res;
        if (l == null || r == null) {
            res = Integer.signum(strcmp(s1, s2));
        } else if (l.unsigned || r.unsigned) {
            res = Long.compareUnsigned(l.value, r.value);
        } else {
            res = Long.compare(l.value, r.value);
        }
        switch (c.op()) {
            case EQUAL:
                return res == 0;
            case UNEQUAL:
                return res != 0;
            case LESS:
                return res < 0;
            case LESS_EQUAL:
                return res <= 0;
            case GREATER:
                return res > 0;
            default:
                return res >= 0;
        }
    }

    private record Num(long value, boolean unsigned) {
    }

    /** expr_parse_string: a number when the whole string is one of its type, else null (compare as strings). */
    private static Num parse(String s, SymbolType type) {
        if (type == SymbolType.BOOL || type == SymbolType.TRISTATE) {
            return new Num(s.equals("n") ? 0 : s.equals("m") ? 1 : s.equals("y") ? 2 : -1, false);
        }
        if (type == SymbolType.INT) {
            Long v = strtoll(s, 10, false);
            return v == null ? null : new Num(v, false);
        }
        if (type == SymbolType.HEX) {
            Long v = strtoll(s, 16, true);
            return v == null ? null : new Num(v, true);
        }
        Long v = strtoll(s, 0, false);
        return v == null ? null : new Num(v, false);
    }

    /**
     * glibc's strtoll/strtoull when the whole string must be the number (and
     * end in a hex digit, as expr_parse_string checks); null otherwise or on
     * overflow.
     */
    static Long strtoll(String s, int base, boolean unsigned) {
        int i = 0;
        int n = s.length();
        while (i < n && " \t\n\r\f\u000b".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int b = base;
        if ((b == 0 || b == 16) && i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
            b = 16;
        } else if (b == 0) {
            b = i < n && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        BigInteger v = BigInteger.ZERO;
        while (i < n && Character.digit(s.charAt(i), b) >= 0 && s.charAt(i) < 128) {
            v = v.multiply(BigInteger.valueOf(b)).add(BigInteger.valueOf(Character.digit(s.charAt(i), b)));
            i++;
        }
        if (i == start || i != n || Character.digit(s.charAt(n - 1), 16) < 0) {
            return null;
        }
        if (neg) {
            v = v.negate();
        }
        if (unsigned) {
            if (v.bitLength() > 64 || v.signum() < 0 && v.negate().bitLength() > 64) {
                return null;
            }
            return v.longValue();
        }
        if (v.bitLength() > 63) {
            return null;
        }
        return v.longValue();
    }

    /** C strcmp on the UTF-8 bytes' order (unsigned chars). */
    static int strcmp(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return x.length - y.length;
    }

    /** The value of an int/hex/string default or range bound: a word's string value. */
    String stringOf(Expr e) {
        return e instanceof Expr.Sym s ? string(s) : null;
    }

    KconfigFacts facts() {
        return facts;
    }
}

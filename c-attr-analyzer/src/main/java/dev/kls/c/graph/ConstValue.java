package dev.kls.c.graph;

import dev.kls.c.body.Expr;
import java.util.Map;

/**
 * The integer value of an expression when it is a constant, given values
 * for some names (a callee's parameters bound by a call's constant
 * arguments). Null when not known. Wraps as C's 64-bit arithmetic does;
 * never throws. Not {@code types.ConstEval}, though both read the same
 * {@link Expr} tree: the call graph is one for every configuration, so there
 * is no {@code Layout} (ABI, typedefs, enumerators) to give literals and
 * conversions their C types, and what it needs is names bound to values,
 * which a constant expression never has.
 */
public final class ConstValue {
    private ConstValue() {
    }

    public static Long of(Expr e, Map<String, Long> names) {
        try {
            return eval(e, names, 0);
        } catch (ArithmeticException | NumberFormatException x) {
            return null;
        }
    }

    private static Long eval(Expr e, Map<String, Long> names, int depth) {
        if (e == null || depth > 64) {
            return null;
        }
        if (e instanceof Expr.Literal l) {
            return literal(l.text());
        }
        if (e instanceof Expr.Ident i) {
            return names.get(i.name());
        }
        if (e instanceof Expr.Cast c) {
            return eval(c.operand(), names, depth + 1);
        }
        if (e instanceof Expr.Unary u && !u.postfix()) {
            Long v = eval(u.operand(), names, depth + 1);
            if (v == null) {
                return null;
            }
            switch (u.op()) {
                case "-": return -v;
                case "+": return v;
                case "~": return ~v;
                case "!": return v == 0 ? 1L : 0L;
                default: return null;
            }
        }
        if (e instanceof Expr.Conditional c) {
            Long k = eval(c.cond(), names, depth + 1);
            if (k == null) {
                return null;
            }
            return k != 0 ? (c.then() == null ? k : eval(c.then(), names, depth + 1)) : eval(c.otherwise(), names,
                    depth + 1);
        }
        if (e instanceof Expr.Binary b) {
            Long l = eval(b.left(), names, depth + 1);
            // && and || decide on one side when it settles them
            if (b.op().equals("&&") && l != null && l == 0) {
                return 0L;
            }
            if (b.op().equals("||") && l != null && l != 0) {
                return 1L;
            }
            Long r = eval(b.right(), names, depth + 1);
            if (b.op().equals("&&") && r != null && r == 0 || b.op().equals("||") && r != null && r != 0) {
                return b.op().equals("&&") ? 0L : 1L;
            }
            if (l == null || r == null) {
                return null;
            }
            switch (b.op()) {
                case "+": return l + r;
                case "-": return l - r;
                case "*": return l * r;
                case "/": return r == 0 ? null : l / r;
                case "%": return r == 0 ? null : l % r;
                case "<<": return l << r;
                case ">>": return l >> r;
                case "&": return l & r;
                case "|": return l | r;
                case "^": return l ^ r;
                case "==": return l.equals(r) ? 1L : 0L;
                case "!=": return l.equals(r) ? 0L : 1L;
                case "<": return l < r ? 1L : 0L;
                case ">": return l > r ? 1L : 0L;
                case "<=": return l <= r ? 1L : 0L;
                case ">=": return l >= r ? 1L : 0L;
                case "&&": return l != 0 && r != 0 ? 1L : 0L;
                case "||": return l != 0 || r != 0 ? 1L : 0L;
                case ",": return r;
                default: return null;
            }
        }
        return null;
    }

    /** A C integer literal (decimal, 0x, octal, 0b, with U/L suffixes) or a plain character constant. */
    static Long literal(String s) {
        if (s.startsWith("'")) {
            return s.length() == 3 ? (long) s.charAt(1) : null;
        }
        String t = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[ul]+$", "");
        if (t.isEmpty() || t.contains(".") || !Character.isDigit(t.charAt(0))) {
            return null;
        }
        if (t.startsWith("0x")) {
            return Long.parseUnsignedLong(t.substring(2), 16);
        }
        if (t.startsWith("0b")) {
            return Long.parseUnsignedLong(t.substring(2), 2);
        }
        if (t.length() > 1 && t.startsWith("0")) {
            return Long.parseUnsignedLong(t.substring(1), 8);
        }
        return Long.parseUnsignedLong(t);
    }
}

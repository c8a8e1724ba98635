package dev.kls.kconfig.semantics;

import dev.kls.kconfig.ast.Expr.CompareOp;
import dev.kls.kconfig.ast.SymbolType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * expr.c's comparison of two symbol values: as numbers when both sides parse
 * as numbers of their type (expr_parse_string), else as C strings.
 */
public final class KconfigCompare {

    private KconfigCompare() {
    }

    /**
     * @param s1 the left side's string value (sym_get_string_value)
     * @param t1 its type, null for constants and undefined words
     */
    public static boolean compare(CompareOp op, String s1, SymbolType t1, String s2, SymbolType t2) {
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
        return switch (op) {
            case EQUAL -> res == 0;
            case UNEQUAL -> res != 0;
            case LESS -> res < 0;
            case LESS_EQUAL -> res <= 0;
            case GREATER -> res > 0;
            case GREATER_EQUAL -> res >= 0;
        };
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
    public static Long strtoll(String s, int base, boolean unsigned) {
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
    public static int strcmp(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return x.length - y.length;
    }
}

package dev.kls.c.cond;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An integer term of a preprocessor condition: constants, Kconfig symbol
 * values (what {@code CONFIG_X} expands to in autoconf.h) and C arithmetic
 * over them, evaluated as the preprocessor does (intmax_t/uintmax_t).
 */
public sealed interface Value {

    /** A constant; {@code unsigned} as in C (it changes division, shifts and comparisons). */
    record Const(long value, boolean unsigned) implements Value {
    }

    /**
     * {@code CONFIG_X} used as a number: 1 for y, 0 when it is not defined
     * (n, m, unset), the number for int/hex symbols, unknown for strings.
     */
    record Sym(String symbol) implements Value {
    }

    record Unary(String op, Value operand) implements Value {
    }

    record Binary(String op, Value left, Value right) implements Value {
    }

    record Ternary(Cond test, Value then, Value otherwise) implements Value {
    }

    /** The value; empty when a symbol's value is not a number or the arithmetic is undefined. */
    default OptionalLong evaluate(Map<String, String> values) {
        Evaluated e = Evaluated.of(this, values);
        return e == null ? OptionalLong.empty() : OptionalLong.of(e.value());
    }

    default boolean isUnsigned(Map<String, String> values) {
        Evaluated e = Evaluated.of(this, values);
        return e != null && e.unsigned();
    }

    default void collectSymbols(Set<String> out) {
        if (this instanceof Sym s) {
            out.add(s.symbol());
        } else if (this instanceof Unary u) {
            u.operand().collectSymbols(out);
        } else if (this instanceof Binary b) {
            b.left().collectSymbols(out);
            b.right().collectSymbols(out);
        } else if (this instanceof Ternary t) {
            out.addAll(t.test().symbols());
            t.then().collectSymbols(out);
            t.otherwise().collectSymbols(out);
        }
    }

    /** The same term in a {@link dev.kls.kconfig.semantics.Formula} comparison. */
    default dev.kls.kconfig.semantics.Formula.Term toTerm(
            java.util.function.Function<String, dev.kls.kconfig.ast.SymbolType> types) {
        if (this instanceof Const c) {
            return new dev.kls.kconfig.semantics.Formula.Num(c.value(), c.unsigned());
        } else if (this instanceof Sym s) {
            return new dev.kls.kconfig.semantics.Formula.Val(s.symbol());
        } else if (this instanceof Unary u) {
            return new dev.kls.kconfig.semantics.Formula.Arith(u.op(), null, u.operand().toTerm(types));
        } else if (this instanceof Binary b) {
            return new dev.kls.kconfig.semantics.Formula.Arith(b.op(), b.left().toTerm(types), b.right().toTerm(types));
        }
        Ternary t = (Ternary) this;
        return new dev.kls.kconfig.semantics.Formula.Choose(t.test().toFormula(types), t.then().toTerm(types),
                t.otherwise().toTerm(types));
    }

    /** C text of the term, with symbols written as Kconfig names. */
    default String print() {
        if (this instanceof Const c) {
            return c.unsigned() ? Long.toUnsignedString(c.value()) + "U" : Long.toString(c.value());
        } else if (this instanceof Sym s) {
            return s.symbol();
        } else if (this instanceof Unary u) {
            return u.op() + wrap(u.operand());
        } else if (this instanceof Binary b) {
            return wrap(b.left()) + " " + b.op() + " " + wrap(b.right());
        } else {
            Ternary t = (Ternary) this;
            return "(" + t.test().toKconfig() + ") ? " + wrap(t.then()) + " : " + wrap(t.otherwise());
        }
    }

    private static String wrap(Value v) {
        return v instanceof Binary || v instanceof Ternary ? "(" + v.print() + ")" : v.print();
    }

    /** A value with its signedness, as the preprocessor computes it. */
    record Evaluated(long value, boolean unsigned) {

        static Evaluated of(Value v, Map<String, String> values) {
            if (v instanceof Const c) {
                return new Evaluated(c.value(), c.unsigned());
            }
            if (v instanceof Sym s) {
                return symbolValue(values.get(s.symbol()));
            }
            if (v instanceof Unary u) {
                Evaluated a = of(u.operand(), values);
                if (a == null) {
                    return null;
                }
                return switch (u.op()) {
                    case "-" -> new Evaluated(-a.value, a.unsigned);
                    case "+" -> a;
                    case "~" -> new Evaluated(~a.value, a.unsigned);
                    case "!" -> new Evaluated(a.value == 0 ? 1 : 0, false);
                    default -> null;
                };
            }
            if (v instanceof Ternary t) {
                Truth c = t.test().evaluate(values);
                return c == Truth.UNKNOWN ? null : of(c == Truth.TRUE ? t.then() : t.otherwise(), values);
            }
            Binary b = (Binary) v;
            Evaluated l = of(b.left(), values);
            if (b.op().equals("&&") || b.op().equals("||")) {
                if (l != null && (l.value == 0) == b.op().equals("&&")) {
                    return new Evaluated(b.op().equals("&&") ? 0 : 1, false);
                }
                Evaluated r = of(b.right(), values);
                if (r == null || l == null) {
                    return null;
                }
                return new Evaluated(r.value != 0 ? 1 : 0, false);
            }
            Evaluated r = of(b.right(), values);
            if (l == null || r == null) {
                return null;
            }
            return binary(b.op(), l, r);
        }

        /** C's arithmetic on intmax_t/uintmax_t; null where C leaves it undefined. */
        public static Evaluated binary(String op, Evaluated l, Evaluated r) {
            boolean u = l.unsigned || r.unsigned;
            long a = l.value;
            long b = r.value;
            switch (op) {
                case "+": return new Evaluated(a + b, u);
                case "-": return new Evaluated(a - b, u);
                case "*": return new Evaluated(a * b, u);
                case "/":
                    if (b == 0) {
                        return null;
                    }
                    return new Evaluated(u ? Long.divideUnsigned(a, b) : a / b, u);
                case "%":
                    if (b == 0) {
                        return null;
                    }
                    return new Evaluated(u ? Long.remainderUnsigned(a, b) : a % b, u);
                case "<<": return b < 0 || b >= 64 ? null : new Evaluated(a << b, l.unsigned);
                case ">>": return b < 0 || b >= 64 ? null : new Evaluated(l.unsigned ? a >>> b : a >> b, l.unsigned);
                case "&": return new Evaluated(a & b, u);
                case "|": return new Evaluated(a | b, u);
                case "^": return new Evaluated(a ^ b, u);
                case "<": return bool(u ? Long.compareUnsigned(a, b) < 0 : a < b);
                case ">": return bool(u ? Long.compareUnsigned(a, b) > 0 : a > b);
                case "<=": return bool(u ? Long.compareUnsigned(a, b) <= 0 : a <= b);
                case ">=": return bool(u ? Long.compareUnsigned(a, b) >= 0 : a >= b);
                case "==": return bool(a == b);
                case "!=": return bool(a != b);
                default: return null;
            }
        }

        private static Evaluated bool(boolean b) {
            return new Evaluated(b ? 1 : 0, false);
        }

        /** What CONFIG_X expands to in autoconf.h, read as a number; null for a string. */
        static Evaluated symbolValue(String v) {
            if (v == null || v.equals("n") || v.equals("m") || v.isEmpty()) {
                return new Evaluated(0, false);
            }
            if (v.equals("y")) {
                return new Evaluated(1, false);
            }
            try {
                if (v.startsWith("0x") || v.startsWith("0X")) {
                    return new Evaluated(Long.parseUnsignedLong(v.substring(2), 16), false);
                }
                return new Evaluated(Long.parseLong(v), false);
            } catch (NumberFormatException e) {
                return null; // a string symbol: "#if CONFIG_S" is an error for the compiler too
            }
        }
    }
}

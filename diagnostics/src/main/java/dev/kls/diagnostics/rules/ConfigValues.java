package dev.kls.diagnostics.rules;

import dev.kls.diagnostics.Assignment;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kconfig expressions evaluated over one computed configuration, as expr.c's
 * expr_calc_value does, and the symbols that decide an expression's value
 * there (the witness of why it has that value).
 */
final class ConfigValues {

    private final Map<String, SymbolValue> symbols;

    ConfigValues(Map<String, SymbolValue> symbols) {
        this.symbols = symbols;
    }

    SymbolValue symbol(String name) {
        return symbols.get(name);
    }

    /** The value of {@code e}; null (no condition) is y. */
    Tristate value(Expr e) {
        if (e == null) {
            return Tristate.YES;
        }
        if (e instanceof Expr.Sym s) {
            return tristateOf(s);
        }
        if (e instanceof Expr.Not n) {
            return value(n.operand()).not();
        }
        if (e instanceof Expr.And a) {
            return value(a.left()).and(value(a.right()));
        }
        if (e instanceof Expr.Or o) {
            return value(o.left()).or(value(o.right()));
        }
        Expr.Compare c = (Expr.Compare) e;
        int cmp = compare(c.left(), c.right());
        boolean r = switch (c.op()) {
            case EQUAL -> cmp == 0;
            case UNEQUAL -> cmp != 0;
            case LESS -> cmp < 0;
            case LESS_EQUAL -> cmp <= 0;
            case GREATER -> cmp > 0;
            case GREATER_EQUAL -> cmp >= 0;
        };
        return r ? Tristate.YES : Tristate.NO;
    }

    private Tristate tristateOf(Expr.Sym s) {
        SymbolValue v = s.quoted() ? null : symbols.get(s.name());
        if (v != null) {
            return v.type() != null && v.type().isLogic() ? v.tristate() : Tristate.NO;
        }
        return switch (s.name()) {
            case "y" -> Tristate.YES;
            case "m" -> Tristate.MOD;
            default -> Tristate.NO;
        };
    }

    /** The string value conf compares: a symbol's value, or a constant's text. */
    String text(Expr.Sym s) {
        SymbolValue v = s.quoted() ? null : symbols.get(s.name());
        return v != null ? v.value() : s.name();
    }

    private SymbolType typeOf(Expr.Sym s) {
        SymbolValue v = s.quoted() ? null : symbols.get(s.name());
        return v == null ? null : v.type();
    }

    /** Sign of left - right: as numbers when both are numbers of their types, else as strings. */
    private int compare(Expr.Sym left, Expr.Sym right) {
        String a = text(left);
        String b = text(right);
        SymbolType ta = typeOf(left);
        SymbolType tb = typeOf(right);
        if (ta != SymbolType.STRING || tb != SymbolType.STRING) {
            BigInteger x = number(a, ta);
            BigInteger y = number(b, tb);
            if (x != null && y != null) {
                return Integer.signum(x.compareTo(y));
            }
        }
        return Integer.signum(a.compareTo(b));
    }

    /** expr_parse_string: the number a value stands for under its symbol's type, or null. */
    static BigInteger number(String s, SymbolType type) {
        try {
            if (type == SymbolType.BOOL || type == SymbolType.TRISTATE) {
                return switch (s) {
                    case "n" -> BigInteger.ZERO;
                    case "m" -> BigInteger.ONE;
                    case "y" -> BigInteger.TWO;
                    default -> null;
                };
            }
            if (type == SymbolType.STRING) {
                return null;
            }
            if (type == SymbolType.HEX) {
                String d = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
                return new BigInteger(d, 16);
            }
            if (type == SymbolType.INT) {
                return new BigInteger(s);
            }
            // An untyped constant: strtoll with base 0.
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return new BigInteger(s.substring(2), 16);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return new BigInteger(s.substring(1), 8);
            }
            return new BigInteger(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The symbols whose values decide that {@code e} has its current value,
     * in order of appearance, with those values: for a false {@code &&} only
     * one false side, for a true {@code ||} only one true side; constants
     * are left out. This is the witness of that value.
     */
    List<Assignment> why(Expr e) {
        Map<String, String> out = new LinkedHashMap<>();
        why(e, out);
        return out.entrySet().stream().map(x -> new Assignment(x.getKey(), x.getValue())).toList();
    }

    private void why(Expr e, Map<String, String> out) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.Sym s) {
            if (!s.quoted() && symbols.containsKey(s.name())) {
                out.putIfAbsent(s.name(), symbols.get(s.name()).value());
            }
        } else if (e instanceof Expr.Not n) {
            why(n.operand(), out);
        } else if (e instanceof Expr.And a) {
            Tristate l = value(a.left());
            Tristate r = value(a.right());
            if (l == Tristate.YES && r == Tristate.YES || l == r) {
                why(a.left(), out);
                why(a.right(), out);
            } else {
                why(l.ordinal() < r.ordinal() ? a.left() : a.right(), out);
            }
        } else if (e instanceof Expr.Or o) {
            Tristate l = value(o.left());
            Tristate r = value(o.right());
            if (l == Tristate.NO && r == Tristate.NO || l == r) {
                why(o.left(), out);
                why(o.right(), out);
            } else {
                why(l.ordinal() > r.ordinal() ? o.left() : o.right(), out);
            }
        } else if (e instanceof Expr.Compare c) {
            why(c.left(), out);
            why(c.right(), out);
        }
    }
}

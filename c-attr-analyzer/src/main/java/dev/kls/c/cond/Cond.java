package dev.kls.c.cond;

import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.Expr.CompareOp;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.semantics.Formula;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A presence condition over Kconfig symbols, as autoconf.h gives them to
 * the preprocessor. Symbol names are Kconfig's (no CONFIG_ prefix). Values
 * for {@link #evaluate} are those of a .config: "y", "m", "n", a number or a
 * string; a missing symbol is unset (n). Parts that cannot be expressed over
 * symbols are {@link Opaque} and evaluate to {@link Truth#UNKNOWN}, never
 * dropped.
 */
public sealed interface Cond {

    Cond TRUE = new True();
    Cond FALSE = new False();

    record True() implements Cond {
    }

    record False() implements Cond {
    }

    /**
     * {@code defined(CONFIG_X)}, {@code #ifdef CONFIG_X}, {@code IS_BUILTIN(CONFIG_X)}:
     * X=y for bool/tristate; for int/hex/string symbols, X has a value.
     */
    record Defined(String symbol) implements Cond {
    }

    /** {@code defined(CONFIG_X_MODULE)}, {@code IS_MODULE(CONFIG_X)}: X=m. */
    record Module(String symbol) implements Cond {
    }

    /** {@code left OP right} for OP in == != < <= > >=, the preprocessor's integer comparison. */
    record Compare(String op, Value left, Value right) implements Cond {
    }

    record Not(Cond operand) implements Cond {
    }

    record And(List<Cond> operands) implements Cond {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Cond> operands) implements Cond {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** A part not expressible over Kconfig symbols ({@code BITS_PER_LONG == 64}, {@code defined(MODULE)}). */
    record Opaque(String text, SourceRange range) implements Cond {
    }

    static Cond not(Cond c) {
        if (c instanceof True) {
            return FALSE;
        }
        if (c instanceof False) {
            return TRUE;
        }
        if (c instanceof Not n) {
            return n.operand();
        }
        return new Not(c);
    }

    static Cond and(Cond a, Cond b) {
        return and(List.of(a, b));
    }

    static Cond and(List<Cond> parts) {
        List<Cond> out = new ArrayList<>();
        for (Cond c : parts) {
            if (c instanceof False) {
                return FALSE;
            }
            if (c instanceof True) {
                continue;
            }
            if (c instanceof And a) {
                for (Cond x : a.operands()) {
                    if (!out.contains(x)) {
                        out.add(x);
                    }
                }
            } else if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out.isEmpty() ? TRUE : out.size() == 1 ? out.get(0) : new And(out);
    }

    static Cond or(Cond a, Cond b) {
        return or(List.of(a, b));
    }

    static Cond or(List<Cond> parts) {
        List<Cond> out = new ArrayList<>();
        for (Cond c : parts) {
            if (c instanceof True) {
                return TRUE;
            }
            if (c instanceof False) {
                continue;
            }
            if (c instanceof Or o) {
                for (Cond x : o.operands()) {
                    if (!out.contains(x)) {
                        out.add(x);
                    }
                }
            } else if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out.isEmpty() ? FALSE : out.size() == 1 ? out.get(0) : new Or(out);
    }

    /** {@code IS_ENABLED(CONFIG_X)}: y or m. */
    static Cond enabled(String symbol) {
        return new Or(List.of(new Defined(symbol), new Module(symbol)));
    }

    /** The value under a configuration; UNKNOWN only through an opaque part or a non-numeric operand. */
    default Truth evaluate(Map<String, String> values) {
        if (this instanceof True) {
            return Truth.TRUE;
        }
        if (this instanceof False) {
            return Truth.FALSE;
        }
        if (this instanceof Defined d) {
            String v = values.get(d.symbol());
            return Truth.of(v != null && !v.equals("n") && !v.equals("m"));
        }
        if (this instanceof Module m) {
            return Truth.of("m".equals(values.get(m.symbol())));
        }
        if (this instanceof Compare c) {
            Value.Evaluated l = Value.Evaluated.of(c.left(), values);
            Value.Evaluated r = Value.Evaluated.of(c.right(), values);
            if (l == null || r == null) {
                return Truth.UNKNOWN;
            }
            return Truth.of(Value.Evaluated.binary(c.op(), l, r).value() != 0);
        }
        if (this instanceof Not n) {
            return n.operand().evaluate(values).not();
        }
        if (this instanceof And a) {
            Truth t = Truth.TRUE;
            for (Cond c : a.operands()) {
                Truth x = c.evaluate(values);
                if (x == Truth.FALSE) {
                    return Truth.FALSE;
                }
                if (x == Truth.UNKNOWN) {
                    t = Truth.UNKNOWN;
                }
            }
            return t;
        }
        if (this instanceof Or o) {
            Truth t = Truth.FALSE;
            for (Cond c : o.operands()) {
                Truth x = c.evaluate(values);
                if (x == Truth.TRUE) {
                    return Truth.TRUE;
                }
                if (x == Truth.UNKNOWN) {
                    t = Truth.UNKNOWN;
                }
            }
            return t;
        }
        return Truth.UNKNOWN;
    }

    /**
     * The same condition as a {@link Formula}, with autoconf.h's meaning:
     * {@code defined(CONFIG_X)} is X=y for bool/tristate symbols (a bool prints
     * as plain X) and "X is written" ({@code X != ""}) for int, hex and string
     * ones; {@code CONFIG_X_MODULE} is X=m; comparisons stay C's integer
     * comparisons ({@link Formula.IntCmp}); opaque parts stay opaque.
     *
     * @param types a symbol's Kconfig type, null for a word Kconfig does not define (never defined in autoconf.h)
     */
    default Formula toFormula(Function<String, SymbolType> types) {
        if (this instanceof True) {
            return Formula.TRUE;
        }
        if (this instanceof False) {
            return Formula.FALSE;
        }
        if (this instanceof Defined d) {
            SymbolType t = types.apply(d.symbol());
            if (t == null) {
                return Formula.FALSE;
            }
            return switch (t) {
                case BOOL -> Formula.sym(d.symbol());
                case TRISTATE -> Formula.cmp(CompareOp.EQUAL, d.symbol(), "y");
                default -> Formula.cmp(CompareOp.UNEQUAL, d.symbol(), "");
            };
        }
        if (this instanceof Module m) {
            return types.apply(m.symbol()) == SymbolType.TRISTATE ? Formula.cmp(CompareOp.EQUAL, m.symbol(), "m")
                    : Formula.FALSE;
        }
        if (this instanceof Compare c) {
            return new Formula.IntCmp(c.op(), c.left().toTerm(types), c.right().toTerm(types));
        }
        if (this instanceof Not n) {
            return Formula.not(n.operand().toFormula(types));
        }
        if (this instanceof And a) {
            return Formula.and(a.operands().stream().map(x -> x.toFormula(types)).toList());
        }
        if (this instanceof Or o) {
            return Formula.or(o.operands().stream().map(x -> x.toFormula(types)).toList());
        }
        return new Formula.Opaque(((Opaque) this).text());
    }

    /** The Kconfig symbols it mentions, sorted. */
    default Set<String> symbols() {
        Set<String> out = new TreeSet<>();
        collect(this, out);
        return out;
    }

    private static void collect(Cond c, Set<String> out) {
        if (c instanceof Defined d) {
            out.add(d.symbol());
        } else if (c instanceof Module m) {
            out.add(m.symbol());
        } else if (c instanceof Compare cmp) {
            cmp.left().collectSymbols(out);
            cmp.right().collectSymbols(out);
        } else if (c instanceof Not n) {
            collect(n.operand(), out);
        } else if (c instanceof And a) {
            a.operands().forEach(x -> collect(x, out));
        } else if (c instanceof Or o) {
            o.operands().forEach(x -> collect(x, out));
        }
    }

    /** The opaque atoms, in order. */
    default List<Opaque> opaques() {
        Set<Opaque> out = new LinkedHashSet<>();
        opaques(this, out);
        return List.copyOf(out);
    }

    private static void opaques(Cond c, Set<Opaque> out) {
        if (c instanceof Opaque o) {
            out.add(o);
        } else if (c instanceof Not n) {
            opaques(n.operand(), out);
        } else if (c instanceof And a) {
            a.operands().forEach(x -> opaques(x, out));
        } else if (c instanceof Or o) {
            o.operands().forEach(x -> opaques(x, out));
        } else if (c instanceof Compare cmp) {
            // opaque parts inside values live in Ternary tests
            List<Cond> tests = new ArrayList<>();
            testsOf(cmp.left(), tests);
            testsOf(cmp.right(), tests);
            tests.forEach(x -> opaques(x, out));
        }
    }

    private static void testsOf(Value v, List<Cond> out) {
        if (v instanceof Value.Ternary t) {
            out.add(t.test());
            testsOf(t.then(), out);
            testsOf(t.otherwise(), out);
        } else if (v instanceof Value.Binary b) {
            testsOf(b.left(), out);
            testsOf(b.right(), out);
        } else if (v instanceof Value.Unary u) {
            testsOf(u.operand(), out);
        }
    }

    /**
     * As a Kconfig expression: {@code XEN && !64BIT}, {@code XEN_MAX_DOMAIN_MEMORY = 8},
     * {@code X = m}. {@code defined(CONFIG_X)} prints as {@code X}, exact for bool symbols;
     * use {@link #toKconfig(Predicate)} to write {@code X = y} for tristates.
     * Opaque parts print in brackets, e.g. {@code [BITS_PER_LONG == 64]}.
     */
    default String toKconfig() {
        return toKconfig(s -> false);
    }

    /** As {@link #toKconfig()}, writing {@code X = y} for the symbols {@code isTristate} accepts. */
    default String toKconfig(Predicate<String> isTristate) {
        return print(this, isTristate, 0);
    }

    private static String print(Cond c, Predicate<String> tri, int outer) {
        // precedence: || 1, && 2, ! and atoms 3
        if (c instanceof True) {
            return "y";
        }
        if (c instanceof False) {
            return "n";
        }
        if (c instanceof Defined d) {
            return tri.test(d.symbol()) ? wrapIf(d.symbol() + " = y", outer > 2) : d.symbol();
        }
        if (c instanceof Module m) {
            return wrapIf(m.symbol() + " = m", outer > 2);
        }
        if (c instanceof Compare cmp) {
            String op = cmp.op().equals("==") ? "=" : cmp.op();
            return wrapIf(cmp.left().print() + " " + op + " " + cmp.right().print(), outer > 2);
        }
        if (c instanceof Not n) {
            if (n.operand() instanceof Or o && o.operands().size() == 2
                    && o.operands().get(0) instanceof Defined d && o.operands().get(1) instanceof Module m
                    && d.symbol().equals(m.symbol())) {
                return wrapIf(d.symbol() + " = n", outer > 2);
            }
            return "!" + print(n.operand(), tri, 3);
        }
        if (c instanceof And a) {
            List<String> parts = new ArrayList<>();
            a.operands().forEach(x -> parts.add(print(x, tri, 2)));
            return wrapIf(String.join(" && ", parts), outer > 2);
        }
        if (c instanceof Or o) {
            if (o.operands().size() == 2 && o.operands().get(0) instanceof Defined d
                    && o.operands().get(1) instanceof Module m && d.symbol().equals(m.symbol())) {
                return wrapIf(d.symbol() + " != n", outer > 2);
            }
            List<String> parts = new ArrayList<>();
            o.operands().forEach(x -> parts.add(print(x, tri, 1)));
            return wrapIf(String.join(" || ", parts), outer > 1);
        }
        return "[" + ((Opaque) c).text() + "]";
    }

    private static String wrapIf(String s, boolean wrap) {
        return wrap ? "(" + s + ")" : s;
    }
}

package dev.kls.kconfig.semantics;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.Expr.CompareOp;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.Tristate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A condition over Kconfig symbols: one type for Kconfig expressions and for
 * the C side's presence conditions, with one evaluator and one printer.
 *
 * <p>{@link #UNKNOWN} marks a part that has no closed form here ("re-run the
 * producer for this configuration"); {@link Opaque} is a C leaf that is not
 * over symbols ({@code BITS_PER_LONG == 64}). Both make {@link #eval} answer
 * "cannot tell" unless the rest decides (n &amp;&amp; ? is n, y || ? is y).
 */
public sealed interface Formula {

    Formula TRUE = Special.TRUE;
    Formula FALSE = Special.FALSE;
    Formula UNKNOWN = Special.UNKNOWN;

    /** The constants that are not symbol values. */
    enum Special implements Formula {
        TRUE, FALSE, UNKNOWN
    }

    /** The operands of a comparison: a symbol or a constant. */
    sealed interface Atom extends Formula permits Sym, Const {
    }

    /** A config symbol (without CONFIG_). */
    record Sym(String name) implements Atom {
        public Sym {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("empty symbol name");
            }
        }
    }

    /** A constant: y, m, n, a number or a string. */
    record Const(String text) implements Atom {
        public Const {
            if (text == null) {
                throw new IllegalArgumentException("null constant");
            }
        }
    }

    record Not(Formula operand) implements Formula {
    }

    record And(List<Formula> operands) implements Formula {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("And needs two operands or more; use Formula.and");
            }
        }
    }

    record Or(List<Formula> operands) implements Formula {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("Or needs two operands or more; use Formula.or");
            }
        }
    }

    record Cmp(CompareOp op, Atom left, Atom right) implements Formula {
    }

    /** A leaf that is not over Kconfig symbols, kept as its source text. */
    record Opaque(String text) implements Formula {
    }

    /**
     * A C preprocessor comparison ({@code == != < <= > >=}) of integer terms, as
     * {@code #if} computes it over autoconf.h (intmax_t/uintmax_t). It is not
     * Kconfig's comparison: there {@code CONFIG_X} of a bool is 1 or 0.
     */
    record IntCmp(String op, Term left, Term right) implements Formula {
    }

    /** An integer term of an {@link IntCmp}. */
    sealed interface Term permits Num, Val, Arith, Choose {
    }

    /** An integer constant; {@code unsigned} as in C (it changes division, shifts and comparisons). */
    record Num(long value, boolean unsigned) implements Term {
    }

    /** What {@code CONFIG_X} expands to in autoconf.h as a number: 1 for y, 0 when not defined, the number for int/hex. */
    record Val(String symbol) implements Term {
    }

    /** C arithmetic: a binary operator over two terms, or a unary one ({@code - ~ !}) with {@code left} null. */
    record Arith(String op, Term left, Term right) implements Term {
    }

    /** {@code test ? then : otherwise}. */
    record Choose(Formula test, Term then, Term otherwise) implements Term {
    }

    // ---- building, with the obvious simplifications ----

    static Formula sym(String name) {
        return new Sym(name);
    }

    /** A comparison {@code symbol OP value}, e.g. {@code XEN_MAX_DOMAIN_MEMORY = 8}. */
    static Formula cmp(CompareOp op, String symbol, String value) {
        return new Cmp(op, new Sym(symbol), new Const(value));
    }

    static Formula not(Formula f) {
        if (f == TRUE) {
            return FALSE;
        }
        if (f == FALSE) {
            return TRUE;
        }
        if (f == UNKNOWN) {
            return UNKNOWN;
        }
        return f instanceof Not n ? n.operand() : new Not(f);
    }

    static Formula and(Formula... fs) {
        return and(List.of(fs));
    }

    /** Conjunction: nested Ands flattened, TRUE dropped, FALSE absorbing, duplicates dropped. */
    static Formula and(List<Formula> fs) {
        List<Formula> out = new ArrayList<>();
        for (Formula f : fs) {
            if (f == FALSE) {
                return FALSE;
            }
            for (Formula g : f instanceof And a ? a.operands() : List.of(f)) {
                if (g != TRUE && !out.contains(g)) {
                    out.add(g);
                }
            }
        }
        return out.isEmpty() ? TRUE : out.size() == 1 ? out.get(0) : new And(out);
    }

    static Formula or(Formula... fs) {
        return or(List.of(fs));
    }

    /** Disjunction: nested Ors flattened, FALSE dropped, TRUE absorbing, duplicates dropped. */
    static Formula or(List<Formula> fs) {
        List<Formula> out = new ArrayList<>();
        for (Formula f : fs) {
            if (f == TRUE) {
                return TRUE;
            }
            for (Formula g : f instanceof Or o ? o.operands() : List.of(f)) {
                if (g != FALSE && !out.contains(g)) {
                    out.add(g);
                }
            }
        }
        return out.isEmpty() ? FALSE : out.size() == 1 ? out.get(0) : new Or(out);
    }

    // ---- evaluation ----

    /**
     * The value as conf's expr_calc_value computes it, or empty when it
     * depends on an {@link #UNKNOWN} or {@link Opaque} part.
     */
    default Optional<Tristate> eval(Valuation v) {
        return Optional.ofNullable(Formulas.tri(this, v));
    }

    /** Whether the condition holds (is not n) in this configuration; empty when it cannot be told here. */
    default Optional<Boolean> holds(Valuation v) {
        return eval(v).map(t -> t != Tristate.NO);
    }

    /** Whether an {@link #UNKNOWN} or {@link Opaque} part occurs: the formula is then not exact. */
    default boolean hasUnknown() {
        return Formulas.hasUnknown(this);
    }

    /** The config symbols the formula mentions, sorted. */
    default Set<String> symbols() {
        Set<String> out = new TreeSet<>();
        Formulas.symbols(this, out);
        return out;
    }

    /**
     * Kconfig expression text, with Kconfig's precedence (! over comparisons
     * over &amp;&amp; over ||) and only the parentheses it needs. TRUE prints as
     * {@code y}, FALSE as {@code n}, UNKNOWN as {@code [unknown]} and an
     * Opaque leaf as {@code [c: TEXT]}; those two are not Kconfig and
     * {@link #parse} refuses them.
     */
    default String toKconfig() {
        StringBuilder sb = new StringBuilder();
        Formulas.print(this, sb, 0);
        return sb.toString();
    }

    // ---- from Kconfig ----

    /**
     * The formula of a parsed expression. Unquoted y/m/n and unquoted
     * numbers are constants; other unquoted words are symbols (an undefined
     * word then evaluates as the constant it names, as in conf).
     */
    static Formula of(Expr e) {
        if (e instanceof Expr.Sym s) {
            return atom(s);
        }
        if (e instanceof Expr.Not n) {
            return not(of(n.operand()));
        }
        if (e instanceof Expr.And a) {
            return and(of(a.left()), of(a.right()));
        }
        if (e instanceof Expr.Or o) {
            return or(of(o.left()), of(o.right()));
        }
        Expr.Compare c = (Expr.Compare) e;
        return new Cmp(c.op(), atom(c.left()), atom(c.right()));
    }

    private static Atom atom(Expr.Sym s) {
        String n = s.name();
        if (s.quoted() || n.equals("y") || n.equals("m") || n.equals("n") || Formulas.NUMBER.matcher(n).matches()) {
            return new Const(n);
        }
        return new Sym(n);
    }

    /**
     * Parses Kconfig expression text (what follows {@code depends on}) with
     * the project's own grammar. Macros are not expanded and nothing is run.
     *
     * @throws IllegalArgumentException naming the column, for text that is not one expression
     */
    static Formula parse(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a Kconfig expression is one line: " + text.strip());
        }
        if (text.indexOf('$') >= 0) {
            throw new IllegalArgumentException("column " + (text.indexOf('$') + 1)
                    + ": macros are not expanded in a condition: " + text);
        }
        String prefix = "\tdepends on ";
        String kconfig = "config KLS_FORMULA\n\tbool\n" + prefix + text + "\n";
        KconfigFile f = KconfigLoader.parse("<condition>", kconfig, new MacroExpander(Map.of(), null));
        for (Diagnostic d : f.diagnostics()) {
            if (d.severity() == dev.kls.kconfig.KconfigSeverity.ERROR || d.range().startLine() == 3) {
                int col = Math.max(1, d.range().startColumn() - prefix.length());
                throw new IllegalArgumentException("column " + col + ": " + d.message() + ": " + text);
            }
        }
        Expr expr = null;
        if (f.entries().size() == 1 && f.entries().get(0) instanceof Entry.Config c) {
            for (Property p : c.properties()) {
                if (p instanceof Property.DependsOn d) {
                    expr = d.expr();
                }
            }
        }
        if (expr == null) {
            throw new IllegalArgumentException("not a Kconfig expression: " + text);
        }
        return of(expr);
    }
}

/** The recursive parts of {@link Formula}, kept out of its public surface. */
final class Formulas {

    /** Unquoted words that are numbers, not symbols (64BIT is a symbol). */
    static final Pattern NUMBER = Pattern.compile("-?(0[xX][0-9a-fA-F]+|[0-9]+)");

    private Formulas() {
    }

    /** null: cannot be told. */
    static Tristate tri(Formula f, Valuation v) {
        if (f == Formula.TRUE) {
            return Tristate.YES;
        }
        if (f == Formula.FALSE) {
            return Tristate.NO;
        }
        if (f == Formula.UNKNOWN || f instanceof Formula.Opaque) {
            return null;
        }
        if (f instanceof Formula.Sym s) {
            return v.tristate(s.name());
        }
        if (f instanceof Formula.Const c) {
            return c.text().equals("y") ? Tristate.YES : c.text().equals("m") ? Tristate.MOD : Tristate.NO;
        }
        if (f instanceof Formula.Not n) {
            Tristate t = tri(n.operand(), v);
            return t == null ? null : t.not();
        }
        if (f instanceof Formula.IntCmp c) {
            long[] l = CTerms.eval(c.left(), v);
            long[] r = CTerms.eval(c.right(), v);
            if (l == null || r == null) {
                return null;
            }
            long[] t = CTerms.binary(c.op(), l, r);
            return t == null ? null : t[0] != 0 ? Tristate.YES : Tristate.NO;
        }
        if (f instanceof Formula.Cmp c) {
            return KconfigCompare.compare(c.op(), string(c.left(), v), type(c.left(), v),
                    string(c.right(), v), type(c.right(), v)) ? Tristate.YES : Tristate.NO;
        }
        // Kleene: a decided n wins an And, a decided y wins an Or, over undecided parts
        boolean isAnd = f instanceof Formula.And;
        List<Formula> ops = isAnd ? ((Formula.And) f).operands() : ((Formula.Or) f).operands();
        Tristate t = isAnd ? Tristate.YES : Tristate.NO;
        boolean unknown = false;
        for (Formula g : ops) {
            Tristate u = tri(g, v);
            if (u == null) {
                unknown = true;
            } else {
                t = isAnd ? t.and(u) : t.or(u);
            }
        }
        Tristate absorbing = isAnd ? Tristate.NO : Tristate.YES;
        return t == absorbing ? t : unknown ? null : t;
    }

    private static String string(Formula.Atom a, Valuation v) {
        if (a instanceof Formula.Sym s) {
            String value = v.value(s.name());
            return value == null ? s.name() : value;
        }
        return ((Formula.Const) a).text();
    }

    private static SymbolType type(Formula.Atom a, Valuation v) {
        if (a instanceof Formula.Sym s) {
            return v.type(s.name());
        }
        String t = ((Formula.Const) a).text();
        // conf's constant symbols y, m and n are tristate
        return t.equals("y") || t.equals("m") || t.equals("n") ? SymbolType.TRISTATE : null;
    }

    static boolean hasUnknown(Formula f) {
        if (f == Formula.UNKNOWN || f instanceof Formula.Opaque) {
            return true;
        }
        if (f instanceof Formula.Not n) {
            return hasUnknown(n.operand());
        }
        if (f instanceof Formula.IntCmp c) {
            return CTerms.hasUnknown(c.left()) || CTerms.hasUnknown(c.right());
        }
        if (f instanceof Formula.And a) {
            return a.operands().stream().anyMatch(Formulas::hasUnknown);
        }
        if (f instanceof Formula.Or o) {
            return o.operands().stream().anyMatch(Formulas::hasUnknown);
        }
        return false;
    }

    static void symbols(Formula f, Set<String> out) {
        if (f instanceof Formula.Sym s) {
            out.add(s.name());
        } else if (f instanceof Formula.Not n) {
            symbols(n.operand(), out);
        } else if (f instanceof Formula.And a) {
            a.operands().forEach(g -> symbols(g, out));
        } else if (f instanceof Formula.Or o) {
            o.operands().forEach(g -> symbols(g, out));
        } else if (f instanceof Formula.Cmp c) {
            symbols(c.left(), out);
            symbols(c.right(), out);
        } else if (f instanceof Formula.IntCmp c) {
            CTerms.symbols(c.left(), out);
            CTerms.symbols(c.right(), out);
        }
    }

    /** Binding strength: 0 ||, 1 &&, 2 comparison, 3 ! and leaves. */
    private static int strength(Formula f) {
        return f instanceof Formula.Or ? 0 : f instanceof Formula.And ? 1
                : f instanceof Formula.Cmp || f instanceof Formula.IntCmp ? 2 : 3;
    }

    static void print(Formula f, StringBuilder sb, int context) {
        boolean parens = strength(f) < context;
        if (parens) {
            sb.append('(');
        }
        if (f instanceof Formula.Special) {
            sb.append(f == Formula.TRUE ? "y" : f == Formula.FALSE ? "n" : "[unknown]");
        } else if (f instanceof Formula.Sym s) {
            sb.append(s.name());
        } else if (f instanceof Formula.Const c) {
            constant(c.text(), sb);
        } else if (f instanceof Formula.Opaque o) {
            sb.append("[c: ").append(o.text()).append(']');
        } else if (f instanceof Formula.Not n) {
            sb.append('!');
            print(n.operand(), sb, 3);
        } else if (f instanceof Formula.And a) {
            join(a.operands(), " && ", 1, sb);
        } else if (f instanceof Formula.Or o) {
            join(o.operands(), " || ", 0, sb);
        } else if (f instanceof Formula.IntCmp c) {
            // C's operators; == prints as Kconfig's =, so a plain symbol-constant comparison reads as Kconfig
            sb.append(CTerms.print(c.left(), true)).append(' ').append(c.op().equals("==") ? "=" : c.op())
                    .append(' ').append(CTerms.print(c.right(), true));
        } else {
            Formula.Cmp c = (Formula.Cmp) f;
            print(c.left(), sb, 3);
            sb.append(' ').append(c.op().token()).append(' ');
            print(c.right(), sb, 3);
        }
        if (parens) {
            sb.append(')');
        }
    }

    private static void join(List<Formula> fs, String op, int strength, StringBuilder sb) {
        for (int i = 0; i < fs.size(); i++) {
            if (i > 0) {
                sb.append(op);
            }
            // operands of the same operator need no parentheses, weaker ones do
            print(fs.get(i), sb, strength);
        }
    }

    private static void constant(String text, StringBuilder sb) {
        if (text.equals("y") || text.equals("m") || text.equals("n") || NUMBER.matcher(text).matches()) {
            sb.append(text);
            return;
        }
        sb.append('"');
        for (char ch : text.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        sb.append('"');
    }
}

/** Integer terms of {@link Formula.IntCmp}: evaluation as the preprocessor's, and printing. A value is {value, unsigned?1:0}. */
final class CTerms {

    private CTerms() {
    }

    static long[] eval(Formula.Term t, Valuation v) {
        if (t instanceof Formula.Num n) {
            return new long[] {n.value(), n.unsigned() ? 1 : 0};
        }
        if (t instanceof Formula.Val s) {
            return symbolValue(v.autoconf(s.symbol()));
        }
        if (t instanceof Formula.Choose c) {
            Tristate test = Formulas.tri(c.test(), v);
            return test == null ? null : eval(test != Tristate.NO ? c.then() : c.otherwise(), v);
        }
        Formula.Arith a = (Formula.Arith) t;
        if (a.left() == null) {
            long[] x = eval(a.right(), v);
            if (x == null) {
                return null;
            }
            return switch (a.op()) {
                case "-" -> new long[] {-x[0], x[1]};
                case "+" -> x;
                case "~" -> new long[] {~x[0], x[1]};
                case "!" -> new long[] {x[0] == 0 ? 1 : 0, 0};
                default -> null;
            };
        }
        long[] l = eval(a.left(), v);
        if (a.op().equals("&&") || a.op().equals("||")) {
            if (l != null && (l[0] == 0) == a.op().equals("&&")) {
                return new long[] {a.op().equals("&&") ? 0 : 1, 0};
            }
            long[] r = eval(a.right(), v);
            return l == null || r == null ? null : new long[] {r[0] != 0 ? 1 : 0, 0};
        }
        long[] r = eval(a.right(), v);
        return l == null || r == null ? null : binary(a.op(), l, r);
    }

    /** C's arithmetic on intmax_t/uintmax_t; null where C leaves it undefined. */
    static long[] binary(String op, long[] l, long[] r) {
        boolean u = l[1] != 0 || r[1] != 0;
        long a = l[0];
        long b = r[0];
        long us = u ? 1 : 0;
        return switch (op) {
            case "+" -> new long[] {a + b, us};
            case "-" -> new long[] {a - b, us};
            case "*" -> new long[] {a * b, us};
            case "/" -> b == 0 ? null : new long[] {u ? Long.divideUnsigned(a, b) : a / b, us};
            case "%" -> b == 0 ? null : new long[] {u ? Long.remainderUnsigned(a, b) : a % b, us};
            case "<<" -> b < 0 || b >= 64 ? null : new long[] {a << b, l[1]};
            case ">>" -> b < 0 || b >= 64 ? null : new long[] {l[1] != 0 ? a >>> b : a >> b, l[1]};
            case "&" -> new long[] {a & b, us};
            case "|" -> new long[] {a | b, us};
            case "^" -> new long[] {a ^ b, us};
            case "<" -> bool(u ? Long.compareUnsigned(a, b) < 0 : a < b);
            case ">" -> bool(u ? Long.compareUnsigned(a, b) > 0 : a > b);
            case "<=" -> bool(u ? Long.compareUnsigned(a, b) <= 0 : a <= b);
            case ">=" -> bool(u ? Long.compareUnsigned(a, b) >= 0 : a >= b);
            case "==" -> bool(a == b);
            case "!=" -> bool(a != b);
            default -> null;
        };
    }

    private static long[] bool(boolean b) {
        return new long[] {b ? 1 : 0, 0};
    }

    /** What CONFIG_X expands to, read as a number; null for a string (an error for the compiler too). */
    static long[] symbolValue(String v) {
        if (v == null || v.equals("n") || v.equals("m") || v.isEmpty()) {
            return new long[] {0, 0};
        }
        if (v.equals("y")) {
            return new long[] {1, 0};
        }
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) {
                return new long[] {Long.parseUnsignedLong(v.substring(2), 16), 0};
            }
            return new long[] {Long.parseLong(v), 0};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean hasUnknown(Formula.Term t) {
        if (t instanceof Formula.Arith a) {
            return a.left() != null && hasUnknown(a.left()) || hasUnknown(a.right());
        }
        if (t instanceof Formula.Choose c) {
            return Formulas.hasUnknown(c.test()) || hasUnknown(c.then()) || hasUnknown(c.otherwise());
        }
        return false;
    }

    static void symbols(Formula.Term t, java.util.Set<String> out) {
        if (t instanceof Formula.Val s) {
            out.add(s.symbol());
        } else if (t instanceof Formula.Arith a) {
            if (a.left() != null) {
                symbols(a.left(), out);
            }
            symbols(a.right(), out);
        } else if (t instanceof Formula.Choose c) {
            Formulas.symbols(c.test(), out);
            symbols(c.then(), out);
            symbols(c.otherwise(), out);
        }
    }

    static String print(Formula.Term t, boolean top) {
        if (t instanceof Formula.Num n) {
            return n.unsigned() ? Long.toUnsignedString(n.value()) + "U" : Long.toString(n.value());
        }
        if (t instanceof Formula.Val s) {
            return s.symbol();
        }
        String text;
        if (t instanceof Formula.Choose c) {
            text = c.test().toKconfig() + " ? " + print(c.then(), false) + " : " + print(c.otherwise(), false);
        } else {
            Formula.Arith a = (Formula.Arith) t;
            text = a.left() == null ? a.op() + print(a.right(), false)
                    : print(a.left(), false) + " " + a.op() + " " + print(a.right(), false);
            if (a.left() == null) {
                return text;
            }
        }
        return top ? text : "(" + text + ")";
    }
}

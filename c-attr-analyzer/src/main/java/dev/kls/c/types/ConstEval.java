package dev.kls.c.types;

import dev.kls.c.body.BodyParser;
import dev.kls.c.body.Expr;
import dev.kls.c.lex.CNumber;
import dev.kls.c.lex.TokenKind;
import dev.kls.c.pp.PpToken;
import dev.kls.c.types.CType.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Integer constant expressions with C's semantics for the ABI: literal
 * types by value and suffix, integer promotions and the usual arithmetic
 * conversions (so {@code 1UL << 32} differs between ILP32 and LP64), casts to
 * integer types, {@code sizeof}, {@code _Alignof}, {@code __builtin_offsetof},
 * {@code ?:}, and the type of simple expressions for {@code sizeof expr}.
 * It evaluates the {@link Expr} tree that {@link BodyParser#constant} reads
 * (the grammar function bodies are read with), every operand in order as C
 * writes them, so a {@code sizeof} that cannot be known fails the whole
 * even where {@code &&} or {@code ?:} would not need its value.
 */
public final class ConstEval {

    /** An operand: its value when it is an integer constant, and its type when known. */
    private record Op(Long value, CType type, String why) {
        static Op unknown(String why) {
            return new Op(null, null, why);
        }
    }

    private final Layout layout;

    ConstEval(Layout layout) {
        this.layout = layout;
    }

    /** The value of an integer constant expression, or {@link SizeUnknown} saying why not. */
    public long value(List<PpToken> tokens) {
        if (tokens.isEmpty()) {
            throw new SizeUnknown("empty expression");
        }
        return value(parse(tokens), Layout.text(tokens));
    }

    /** The value of a parsed constant expression; {@code text} its spelling, for messages. */
    public long value(Expr e, String text) {
        Op o = eval(e);
        if (o.value == null) {
            throw new SizeUnknown(o.why != null ? o.why : "not a constant: " + text);
        }
        return o.value;
    }

    /** The tree of a constant expression, read with this layout's typedef names; SizeUnknown when it does not read. */
    private Expr parse(List<PpToken> tokens) {
        BodyParser p = BodyParser.constant(tokens, n -> layout.scope().typedef(n) != null);
        Expr e = p.expression();
        if (p.error() != null) {
            throw new SizeUnknown(p.error());
        }
        return e;
    }

    public OptionalLong tryValue(List<PpToken> tokens) {
        try {
            return OptionalLong.of(value(tokens));
        } catch (SizeUnknown | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** The type a typeof() operand names or has. */
    CType typeOfOperand(List<PpToken> tokens) {
        DeclParser p = new DeclParser(tokens, n -> layout.scope().typedef(n) != null);
        if (p.atTypeName()) {
            return p.typeName();
        }
        Op o = tokens.isEmpty() ? Op.unknown(null) : eval(parse(tokens));
        if (o.type == null) {
            throw new SizeUnknown("cannot tell the type of typeof(" + Layout.text(tokens) + ")");
        }
        return o.type;
    }

    // ---------------------------------------------------------------- integer types

    private int width(Kind k) {
        switch (k) {
            case BOOL:
            case CHAR:
            case SCHAR:
            case UCHAR:
                return 8;
            case SHORT:
            case USHORT:
                return 16;
            case INT:
            case UINT:
                return 32;
            case LONG:
            case ULONG:
                return layout.abi().longSize() * 8;
            default:
                return 64;
        }
    }

    private static boolean unsigned(Kind k) {
        return k == Kind.UINT || k == Kind.ULONG || k == Kind.ULLONG || k == Kind.UCHAR || k == Kind.USHORT
                || k == Kind.BOOL || k == Kind.UINT128;
    }

    private static int rank(Kind k) {
        switch (k) {
            case LONG:
            case ULONG:
                return 2;
            case LLONG:
            case ULLONG:
            case INT128:
            case UINT128:
                return 3;
            default:
                return 1;
        }
    }

    private static Kind promote(Kind k) {
        return rank(k) == 1 && k != Kind.UINT ? Kind.INT : k;
    }

    private static Kind toUnsigned(Kind k) {
        switch (k) {
            case LONG:
                return Kind.ULONG;
            case LLONG:
            case INT128:
                return Kind.ULLONG;
            case INT:
                return Kind.UINT;
            default:
                return k;
        }
    }

    private Kind common(Kind a, Kind b) {
        a = promote(a);
        b = promote(b);
        if (a == b) {
            return a;
        }
        boolean ua = unsigned(a);
        boolean ub = unsigned(b);
        if (ua == ub) {
            return rank(a) >= rank(b) ? a : b;
        }
        Kind u = ua ? a : b;
        Kind s = ua ? b : a;
        if (rank(u) >= rank(s)) {
            return u;
        }
        if (width(s) > width(u)) {
            return s;
        }
        return toUnsigned(s);
    }

    private long norm(long v, Kind k) {
        int w = width(k);
        if (w >= 64) {
            return v;
        }
        if (k == Kind.BOOL) {
            return v != 0 ? 1 : 0;
        }
        long mask = (1L << w) - 1;
        v &= mask;
        if (!unsigned(k) && (v & (1L << (w - 1))) != 0) {
            v |= ~mask;
        }
        return v;
    }

    private Kind kindOf(CType type) {
        if (type == null) {
            return Kind.INT;
        }
        try {
            CType r = layout.resolve(type);
            if (r instanceof CType.Prim p) {
                return p.kind();
            }
            if (r instanceof CType.Enum) {
                return Kind.UINT;
            }
            if (r instanceof CType.Pointer) {
                return layout.abi().lp64() ? Kind.ULONG : Kind.UINT;
            }
        } catch (SizeUnknown e) {
            return Kind.INT;
        }
        return Kind.INT;
    }

    private CType sizeT() {
        return new CType.Prim(layout.abi().sizeTIsLong() ? Kind.ULONG : Kind.UINT);
    }

    private Op integer(long v, Kind k) {
        return new Op(norm(v, k), new CType.Prim(k), null);
    }

    // ---------------------------------------------------------------- evaluation

    /** A form C's constant expressions never take (what the grammar accepts beyond them): no value, whole. */
    private static SizeUnknown notConstant(Expr e) {
        return new SizeUnknown("cannot read '" + dev.kls.c.body.Exprs.text(e) + "' in a constant expression");
    }

    private Op eval(Expr e) {
        if (e instanceof Expr.Literal l) {
            return literal(l.text());
        }
        if (e instanceof Expr.Ident i) {
            return identifier(i.name());
        }
        if (e instanceof Expr.Binary b) {
            Op l = eval(b.left());
            Op r = eval(b.right());
            return b.op().equals(",") ? r : apply(b.op(), l, r);
        }
        if (e instanceof Expr.Conditional c) {
            return conditional(c);
        }
        if (e instanceof Expr.Unary u) {
            return unary(u);
        }
        if (e instanceof Expr.Cast c) {
            return convert(eval(c.operand()), c.type().type());
        }
        if (e instanceof Expr.SizeofLike s) {
            CType type = s.type() != null ? s.type().type() : operandType(s.operand());
            long v = s.op().equals("sizeof") ? layout.sizeOf(type) : layout.alignOf(type);
            return integer(v, kindOf(sizeT()));
        }
        if (e instanceof Expr.InitList l && l.type().type() != null) {
            return new Op(null, l.type().type(), "compound literal");
        }
        if (e instanceof Expr.Index x) {
            Op base = eval(x.base());
            eval(x.index());
            return new Op(null, base.type == null ? null : pointee(base.type), "array element is not a constant");
        }
        if (e instanceof Expr.Member m) {
            Op o = eval(m.base());
            CType base = o.type == null ? null : m.arrow() ? pointee(o.type) : o.type;
            CType mt = base == null ? null : layout.memberType(base, m.name());
            return new Op(null, mt, "member access is not a constant");
        }
        if (e instanceof Expr.Call c) {
            return call(c);
        }
        if (e instanceof Expr.StatementExpr) {
            return Op.unknown("statement expression");
        }
        throw notConstant(e);
    }

    private Op literal(String text) {
        if (text.endsWith("\"")) {
            long len = 0;
            int pieces = 0;
            for (String piece : stringPieces(text)) {
                len += stringLength(piece);
                pieces++;
            }
            len -= pieces - 1; // one NUL for the concatenation
            return new Op(null, new CType.Array(new CType.Prim(Kind.CHAR), List.of(
                    new PpToken(Long.toString(len), TokenKind.NUMBER, PpToken.Hide.EMPTY, false, -1, -1))),
                    "string literal");
        }
        if (text.endsWith("'")) {
            return integer(charValue(text), Kind.INT);
        }
        return number(text);
    }

    /** The literals of adjacent string literals the parser joined ({@code "a" L"b"} spelled {@code "a"L"b"}). */
    static List<String> stringPieces(String joined) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < joined.length()) {
            int q = joined.indexOf('"', i);
            if (q < 0) {
                break;
            }
            int j = q + 1;
            while (j < joined.length() && joined.charAt(j) != '"') {
                j += joined.charAt(j) == '\\' ? 2 : 1;
            }
            out.add(joined.substring(i, Math.min(j + 1, joined.length())));
            i = j + 1;
        }
        return out;
    }

    private Op identifier(String name) {
        OptionalLong e = layout.scope().enumConstant(name);
        if (e.isPresent()) {
            return integer(e.getAsLong(), Kind.INT);
        }
        CType obj = layout.scope().object(name);
        if (obj != null) {
            return new Op(null, obj, "'" + name + "' is a variable, not a constant");
        }
        return Op.unknown("'" + name + "' is not a known constant (a macro from a missing header?)");
    }

    private Op conditional(Expr.Conditional e) {
        Op c = eval(e.cond());
        Op a = e.then() == null ? c : eval(e.then()); // GNU a ?: b
        Op b = eval(e.otherwise());
        if (c.value == null) {
            return Op.unknown(c.why);
        }
        Op chosen = c.value != 0 ? a : b;
        if (a.type != null && b.type != null && chosen.value != null) {
            Kind k = common(kindOf(a.type), kindOf(b.type));
            return integer(chosen.value, k);
        }
        return chosen;
    }

    private Op unary(Expr.Unary u) {
        String op = u.op();
        if (u.postfix() || !(op.equals("+") || op.equals("-") || op.equals("~") || op.equals("!") || op.equals("*")
                || op.equals("&"))) {
            throw notConstant(u);
        }
        Op o = eval(u.operand());
        if (op.equals("*")) {
            CType target = o.type == null ? null : pointee(o.type);
            return new Op(null, target, "dereference is not a constant");
        }
        if (op.equals("&")) {
            return new Op(null, o.type == null ? null : new CType.Pointer(o.type), "address is not a constant");
        }
        if (o.value == null) {
            return new Op(null, op.equals("!") ? new CType.Prim(Kind.INT) : o.type, o.why);
        }
        Kind k = op.equals("!") ? Kind.INT : promote(kindOf(o.type));
        long v = switch (op) {
            case "-" -> -o.value;
            case "~" -> ~o.value;
            case "!" -> o.value == 0 ? 1 : 0;
            default -> o.value;
        };
        return integer(v, k);
    }

    /** The type of a {@code sizeof} / {@code _Alignof} operand expression. */
    private CType operandType(Expr operand) {
        Op o = eval(operand);
        if (o.type == null) {
            throw new SizeUnknown(o.why != null ? o.why : "cannot tell the type of a sizeof operand");
        }
        return o.type;
    }

    private Op call(Expr.Call c) {
        if (c.callee() instanceof Expr.Ident id) {
            switch (id.name()) {
                case "__builtin_offsetof":
                    return offsetof(c);
                case "__builtin_constant_p":
                    return integer(constantP(c.args()) ? 1 : 0, Kind.INT);
                case "__builtin_choose_expr": {
                    List<Op> a = builtinArgs(c, 3);
                    if (a.get(0).value == null) {
                        return Op.unknown(a.get(0).why);
                    }
                    return a.get(0).value != 0 ? a.get(1) : a.get(2);
                }
                case "__builtin_types_compatible_p": {
                    CType a = ((Expr.TypeArg) c.args().get(0)).type().type();
                    CType b = ((Expr.TypeArg) c.args().get(1)).type().type();
                    return integer(sameType(a, b) ? 1 : 0, Kind.INT);
                }
                case "__builtin_expect":
                    return builtinArgs(c, 2).get(0);
                default:
                    break;
            }
            if (layout.scope().enumConstant(id.name()).isEmpty() && layout.scope().object(id.name()) == null) {
                return Op.unknown("call of '" + id.name() + "' (an unknown macro or function)");
            }
        }
        Op f = eval(c.callee());
        if (f.type instanceof CType.Function fn) {
            return new Op(null, fn.result(), "function call is not a constant");
        }
        throw notConstant(c);
    }

    /** A builtin's {@code n} expression arguments, each evaluated. */
    private List<Op> builtinArgs(Expr.Call c, int n) {
        if (c.args().size() != n) {
            throw new SizeUnknown("expected " + n + " arguments in '" + dev.kls.c.body.Exprs.text(c) + "'");
        }
        List<Op> out = new ArrayList<>();
        for (Expr a : c.args()) {
            out.add(eval(a));
        }
        return out;
    }

    /** {@code __builtin_constant_p(x)}: whether its operand (read as one comma expression) is a constant. */
    private boolean constantP(List<Expr> args) {
        if (args.isEmpty()) {
            return false;
        }
        try {
            Op o = null;
            for (Expr a : args) {
                o = eval(a);
            }
            return o.value != null;
        } catch (SizeUnknown | ArithmeticException e) {
            return false;
        }
    }

    private Op offsetof(Expr.Call c) {
        CType cur = ((Expr.TypeArg) c.args().get(0)).type().type();
        Expr.Designator d = (Expr.Designator) c.args().get(1);
        long off = 0;
        for (Expr.Step step : d.steps()) {
            CType r = layout.resolve(cur);
            if (!(r instanceof CType.Record rec)) {
                throw new SizeUnknown("offsetof into a non-struct");
            }
            long o = layout.offsetOf(rec, step.member());
            if (o < 0) {
                throw new SizeUnknown("no member '" + step.member() + "'");
            }
            off += o;
            cur = layout.memberType(rec, step.member());
            for (Expr index : step.indices()) {
                long idx = value(index, dev.kls.c.body.Exprs.text(index));
                CType el = pointee(cur);
                off += idx * layout.sizeOf(el);
                cur = el;
            }
        }
        return integer(off, kindOf(sizeT()));
    }

    private long mask(Kind k) {
        int w = width(k);
        return w >= 64 ? -1L : (1L << w) - 1;
    }

    private boolean isArith(CType type) {
        try {
            CType r = layout.resolve(type);
            return r instanceof CType.Prim || r instanceof CType.Enum;
        } catch (SizeUnknown e) {
            return false;
        }
    }

    private boolean isPointerish(CType type) {
        try {
            CType r = layout.resolve(type);
            return r instanceof CType.Pointer || r instanceof CType.Array;
        } catch (SizeUnknown e) {
            return false;
        }
    }

    private CType pointee(CType type) {
        try {
            CType r = layout.resolve(type);
            if (r instanceof CType.Pointer ptr) {
                return ptr.target();
            }
            if (r instanceof CType.Array a) {
                return a.element();
            }
        } catch (SizeUnknown e) {
            return null;
        }
        return null;
    }

    private Op apply(String op, Op l, Op r) {
        if (op.equals("&&") || op.equals("||")) {
            if (l.value != null && (l.value == 0) == op.equals("&&")) {
                return integer(op.equals("&&") ? 0 : 1, Kind.INT);
            }
            if (l.value == null || r.value == null) {
                return Op.unknown(l.value == null ? l.why : r.why);
            }
            return integer(r.value != 0 ? 1 : 0, Kind.INT);
        }
        if (l.value == null || r.value == null) {
            CType type = null;
            if (l.type != null && r.type != null && isArith(l.type) && isArith(r.type)) {
                type = new CType.Prim(common(kindOf(l.type), kindOf(r.type)));
            } else if (l.type != null && isPointerish(l.type) && (op.equals("+") || op.equals("-"))) {
                type = r.type != null && isPointerish(r.type) ? new CType.Prim(layout.abi().lp64() ? Kind.LONG
                        : Kind.INT) : l.type;
            }
            return new Op(null, type, l.value == null ? l.why : r.why);
        }
        Kind lk = promote(kindOf(l.type));
        Kind rk = promote(kindOf(r.type));
        if (op.equals("<<") || op.equals(">>")) {
            long n = r.value;
            if (n < 0 || n >= width(lk)) {
                return Op.unknown("shift by " + n + " is undefined for a " + width(lk) + "-bit operand");
            }
            long v = op.equals("<<") ? l.value << n : unsigned(lk) ? (l.value & mask(lk)) >>> n : l.value >> n;
            return integer(v, lk);
        }
        Kind k = common(lk, rk);
        long a = norm(l.value, k);
        long b = norm(r.value, k);
        boolean u = unsigned(k);
        switch (op) {
            case "+":
                return integer(a + b, k);
            case "-":
                return integer(a - b, k);
            case "*":
                return integer(a * b, k);
            case "/":
            case "%":
                if (b == 0) {
                    return Op.unknown("division by zero");
                }
                if (op.equals("/")) {
                    return integer(u ? Long.divideUnsigned(a & mask(k), b & mask(k)) : a / b, k);
                }
                return integer(u ? Long.remainderUnsigned(a & mask(k), b & mask(k)) : a % b, k);
            case "&":
                return integer(a & b, k);
            case "|":
                return integer(a | b, k);
            case "^":
                return integer(a ^ b, k);
            default:
                int c = u ? Long.compareUnsigned(a & mask(k), b & mask(k)) : Long.compare(a, b);
                boolean res = switch (op) {
                    case "<" -> c < 0;
                    case ">" -> c > 0;
                    case "<=" -> c <= 0;
                    case ">=" -> c >= 0;
                    case "==" -> c == 0;
                    default -> c != 0;
                };
                return integer(res ? 1 : 0, Kind.INT);
        }
    }

    private Op convert(Op v, CType type) {
        CType r;
        try {
            r = layout.resolve(type);
        } catch (SizeUnknown e) {
            return new Op(null, type, e.getMessage());
        }
        if (r instanceof CType.Prim p && p.kind() != Kind.FLOAT && p.kind() != Kind.DOUBLE
                && p.kind() != Kind.LDOUBLE && p.kind() != Kind.VOID) {
            return v.value == null ? new Op(null, type, v.why) : new Op(norm(v.value, p.kind()), type, null);
        }
        if (r instanceof CType.Enum) {
            return v.value == null ? new Op(null, type, v.why) : new Op(norm(v.value, Kind.UINT), type, null);
        }
        if (r instanceof CType.Pointer) {
            // an address constant: fine inside sizeof or offsetof, not as a value
            return new Op(v.value != null ? norm(v.value, layout.abi().lp64() ? Kind.ULONG : Kind.UINT) : null,
                    type, v.why != null ? v.why : null);
        }
        return new Op(null, type, "cast to a non-integer type");
    }

    private boolean sameType(CType a, CType b) {
        try {
            CType ra = strip(layout.resolve(a));
            CType rb = strip(layout.resolve(b));
            if (ra instanceof CType.Pointer pa && rb instanceof CType.Pointer pb) {
                return sameType(pa.target(), pb.target());
            }
            if (ra instanceof CType.Array aa && rb instanceof CType.Array ab) {
                return sameType(aa.element(), ab.element());
            }
            if (ra instanceof CType.Prim x && rb instanceof CType.Prim y) {
                return x.kind() == y.kind();
            }
            return ra == rb || ra.equals(rb);
        } catch (SizeUnknown e) {
            throw new SizeUnknown("cannot compare types: " + e.getMessage());
        }
    }

    private CType strip(CType t) {
        while (t instanceof CType.Attributed at) {
            t = layout.resolve(at.base());
        }
        return t;
    }

    private Op number(String text) {
        CNumber n = CNumber.parse(text);
        if (!(n instanceof CNumber.Int i)) {
            return new Op(null, new CType.Prim(Kind.DOUBLE), "floating constant");
        }
        long v = i.value();
        int lw = layout.abi().longSize() * 8;
        Kind[] candidates;
        if (i.unsignedSuffix()) {
            candidates = i.longs() == 2 ? new Kind[] {Kind.ULLONG} : i.longs() == 1 ? new Kind[] {Kind.ULONG, Kind.ULLONG}
                    : new Kind[] {Kind.UINT, Kind.ULONG, Kind.ULLONG};
        } else if (i.decimal()) {
            candidates = i.longs() == 2 ? new Kind[] {Kind.LLONG} : i.longs() == 1 ? new Kind[] {Kind.LONG, Kind.LLONG}
                    : new Kind[] {Kind.INT, Kind.LONG, Kind.LLONG};
        } else {
            candidates = i.longs() == 2 ? new Kind[] {Kind.LLONG, Kind.ULLONG} : i.longs() == 1
                    ? new Kind[] {Kind.LONG, Kind.ULONG, Kind.LLONG, Kind.ULLONG}
                    : new Kind[] {Kind.INT, Kind.UINT, Kind.LONG, Kind.ULONG, Kind.LLONG, Kind.ULLONG};
        }
        for (Kind k : candidates) {
            int w = width(k);
            boolean fits = unsigned(k) ? (w >= 64 || (v >>> w) == 0) : (w >= 64 ? v >= 0 : v >= 0 && (v >>> (w - 1)) == 0);
            if (fits) {
                return integer(v, k);
            }
        }
        if (lw > 0) {
            return integer(v, Kind.ULLONG); // gcc: "integer constant is so large that it is unsigned"
        }
        return integer(v, Kind.ULLONG);
    }

    static long charValue(String s) {
        int q = s.indexOf('\'');
        String body = s.substring(q + 1, Math.max(q + 1, s.length() - 1));
        if (body.isEmpty()) {
            return 0;
        }
        if (body.charAt(0) != '\\') {
            return (byte) body.charAt(0);
        }
        if (body.length() < 2) {
            return '\\';
        }
        char c = body.charAt(1);
        switch (c) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'x':
                try {
                    return (byte) Long.parseLong(body.substring(2), 16);
                } catch (NumberFormatException e) {
                    return 0;
                }
            default:
                if (c >= '0' && c <= '7') {
                    return (byte) Long.parseLong(body.substring(1).replaceAll("[^0-7].*", ""), 8);
                }
                return c;
        }
    }

    /** Bytes of a string literal including its terminating NUL (wide prefixes not scaled). */
    static long stringLength(String lit) {
        int q = lit.indexOf('"');
        String body = lit.substring(q + 1, Math.max(q + 1, lit.length() - 1));
        long n = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char d = body.charAt(i + 1);
                if (d == 'x') {
                    i++;
                    while (i + 1 < body.length() && Character.digit(body.charAt(i + 1), 16) >= 0) {
                        i++;
                    }
                } else if (d >= '0' && d <= '7') {
                    int k = 0;
                    while (k < 3 && i + 1 < body.length() && body.charAt(i + 1) >= '0' && body.charAt(i + 1) <= '7') {
                        i++;
                        k++;
                    }
                } else {
                    i++;
                }
                n++;
            } else if (c < 0x80) {
                n++;
            } else {
                n += String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        return n + 1;
    }
}

package dev.kls.c.types;

import dev.kls.c.lex.CNumber;
import dev.kls.c.lex.TokenKind;
import dev.kls.c.pp.PpToken;
import dev.kls.c.types.CType.Kind;
import java.util.List;
import java.util.OptionalLong;

/**
 * Integer constant expressions with C's semantics for the ABI: literal
 * types by value and suffix, integer promotions and the usual arithmetic
 * conversions (so {@code 1UL << 32} differs between ILP32 and LP64), casts to
 * integer types, {@code sizeof}, {@code _Alignof}, {@code __builtin_offsetof},
 * {@code ?:}, and the type of simple expressions for {@code sizeof expr}.
 */
public final class ConstEval {

    /** An operand: its value when it is an integer constant, and its type when known. */
    private record Op(Long value, CType type, String why) {
        static Op unknown(String why) {
            return new Op(null, null, why);
        }
    }

    private final Layout layout;
    private List<PpToken> t;
    private int pos;

    ConstEval(Layout layout) {
        this.layout = layout;
    }

    /** The value of an integer constant expression, or {@link SizeUnknown} saying why not. */
    public long value(List<PpToken> tokens) {
        ConstEval sub = new ConstEval(layout);
        sub.t = tokens;
        sub.pos = 0;
        if (tokens.isEmpty()) {
            throw new SizeUnknown("empty expression");
        }
        Op o = sub.comma();
        if (sub.pos < tokens.size()) {
            throw new SizeUnknown("cannot read '" + Layout.text(tokens.subList(sub.pos, Math.min(tokens.size(), sub.pos
                    + 6))) + "' in '" + Layout.text(tokens) + "'");
        }
        if (o.value == null) {
            throw new SizeUnknown(o.why != null ? o.why : "not a constant: " + Layout.text(tokens));
        }
        return o.value;
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
        ConstEval sub = new ConstEval(layout);
        sub.t = tokens;
        DeclParser p = new DeclParser(tokens, n -> layout.scope().typedef(n) != null);
        if (p.atTypeName()) {
            return p.typeName();
        }
        Op o = sub.comma();
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

    // ---------------------------------------------------------------- parser

    private boolean at(String s) {
        return pos < t.size() && t.get(pos).is(s);
    }

    private PpToken peek() {
        return pos < t.size() ? t.get(pos) : null;
    }

    private void expect(String s) {
        if (!at(s)) {
            throw new SizeUnknown("expected '" + s + "' in '" + Layout.text(t) + "'");
        }
        pos++;
    }

    private Op comma() {
        Op o = ternary();
        while (at(",")) {
            pos++;
            o = ternary();
        }
        return o;
    }

    private Op ternary() {
        Op c = binary(0);
        if (!at("?")) {
            return c;
        }
        pos++;
        Op a = at(":") ? c : comma(); // GNU a ?: b
        expect(":");
        Op b = ternary();
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

    private static final String[][] LEVELS = {{"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="},
        {"<", ">", "<=", ">="}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}};

    private String opAt(int level) {
        PpToken p = peek();
        if (p == null || p.kind != TokenKind.PUNCTUATOR) {
            return null;
        }
        for (String op : LEVELS[level]) {
            if (p.text.equals(op)) {
                return op;
            }
        }
        return null;
    }

    private Op binary(int level) {
        if (level == LEVELS.length) {
            return cast();
        }
        Op l = binary(level + 1);
        String op;
        while ((op = opAt(level)) != null) {
            pos++;
            Op r = binary(level + 1);
            l = apply(op, l, r);
        }
        return l;
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

    private DeclParser typeParserAt() {
        DeclParser p = new DeclParser(t.subList(pos, t.size()), n -> layout.scope().typedef(n) != null);
        return p;
    }

    private CType parseTypeName() {
        DeclParser p = typeParserAt();
        CType type = p.typeName();
        pos += p.position();
        return type;
    }

    private Op cast() {
        if (at("(") && pos + 1 < t.size()) {
            int save = pos;
            pos++;
            if (typeParserAt().atTypeName()) {
                CType type = parseTypeName();
                expect(")");
                if (at("{")) {
                    skipBraces(); // compound literal
                    return new Op(null, type, "compound literal");
                }
                Op v = cast();
                return convert(v, type);
            }
            pos = save;
        }
        return unary();
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

    private void skipBraces() {
        int depth = 0;
        while (pos < t.size()) {
            PpToken p = t.get(pos++);
            if (p.is("{")) {
                depth++;
            } else if (p.is("}") && --depth == 0) {
                return;
            }
        }
    }

    private Op unary() {
        PpToken p = peek();
        if (p == null) {
            return Op.unknown("missing operand in '" + Layout.text(t) + "'");
        }
        if (p.kind == TokenKind.PUNCTUATOR) {
            switch (p.text) {
                case "+":
                case "-":
                case "~":
                case "!": {
                    pos++;
                    Op o = cast();
                    if (o.value == null) {
                        return new Op(null, p.text.equals("!") ? new CType.Prim(Kind.INT) : o.type, o.why);
                    }
                    Kind k = p.text.equals("!") ? Kind.INT : promote(kindOf(o.type));
                    long v = switch (p.text) {
                        case "-" -> -o.value;
                        case "~" -> ~o.value;
                        case "!" -> o.value == 0 ? 1 : 0;
                        default -> o.value;
                    };
                    return integer(v, k);
                }
                case "*": {
                    pos++;
                    Op o = cast();
                    CType target = o.type == null ? null : pointee(o.type);
                    return new Op(null, target, "dereference is not a constant");
                }
                case "&": {
                    pos++;
                    Op o = cast();
                    return new Op(null, o.type == null ? null : new CType.Pointer(o.type), "address is not a constant");
                }
                default:
                    break;
            }
        }
        if (p.kind == TokenKind.IDENTIFIER) {
            switch (p.text) {
                case "sizeof": {
                    pos++;
                    CType type = sizeofOperand();
                    return integer(layout.sizeOf(type), kindOf(sizeT()));
                }
                case "_Alignof":
                case "__alignof__":
                case "__alignof":
                case "alignof": {
                    pos++;
                    CType type = sizeofOperand();
                    return integer(layout.alignOf(type), kindOf(sizeT()));
                }
                default:
                    break;
            }
        }
        return postfix(primary());
    }

    private CType sizeofOperand() {
        if (at("(")) {
            int save = pos;
            pos++;
            if (typeParserAt().atTypeName()) {
                CType type = parseTypeName();
                expect(")");
                if (!at("{")) {
                    return type;
                }
            }
            pos = save;
        }
        Op o = unaryNoValue();
        if (o.type == null) {
            throw new SizeUnknown(o.why != null ? o.why : "cannot tell the type of a sizeof operand");
        }
        return o.type;
    }

    private Op unaryNoValue() {
        return unary();
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

    private Op postfix(Op o) {
        while (true) {
            if (at("[")) {
                pos++;
                comma();
                expect("]");
                o = new Op(null, o.type == null ? null : pointee(o.type), "array element is not a constant");
            } else if (at(".") || at("->")) {
                boolean arrow = at("->");
                pos++;
                PpToken name = peek();
                pos++;
                CType base = o.type == null ? null : arrow ? pointee(o.type) : o.type;
                CType mt = base == null || name == null ? null : layout.memberType(base, name.text);
                o = new Op(null, mt, "member access is not a constant");
            } else if (at("(") && o.type instanceof CType.Function f) {
                skipParens();
                o = new Op(null, f.result(), "function call is not a constant");
            } else {
                return o;
            }
        }
    }

    private void skipParens() {
        int depth = 0;
        while (pos < t.size()) {
            PpToken p = t.get(pos++);
            if (p.is("(")) {
                depth++;
            } else if (p.is(")") && --depth == 0) {
                return;
            }
        }
    }

    private Op primary() {
        PpToken p = t.get(pos++);
        if (p.is("(")) {
            if (at("{")) {
                skipBraces(); // statement expression
                expect(")");
                return Op.unknown("statement expression");
            }
            Op o = comma();
            expect(")");
            return o;
        }
        switch (p.kind) {
            case NUMBER:
                return number(p.text);
            case CHAR:
                return integer(charValue(p.text), Kind.INT);
            case STRING: {
                long len = stringLength(p.text);
                while (peek() != null && peek().kind == TokenKind.STRING) {
                    len += stringLength(t.get(pos++).text) - 1;
                }
                return new Op(null, new CType.Array(new CType.Prim(Kind.CHAR), List.of(
                        new PpToken(Long.toString(len), TokenKind.NUMBER, PpToken.Hide.EMPTY, false, -1, -1))),
                        "string literal");
            }
            case IDENTIFIER:
                return identifier(p);
            default:
                return Op.unknown("unexpected '" + p.text + "'");
        }
    }

    private Op identifier(PpToken p) {
        switch (p.text) {
            case "__builtin_offsetof": {
                expect("(");
                CType type = parseTypeName();
                expect(",");
                long off = 0;
                CType cur = type;
                while (true) {
                    PpToken m = peek();
                    pos++;
                    CType r = layout.resolve(cur);
                    if (!(r instanceof CType.Record rec)) {
                        throw new SizeUnknown("offsetof into a non-struct");
                    }
                    long o = layout.offsetOf(rec, m.text);
                    if (o < 0) {
                        throw new SizeUnknown("no member '" + m.text + "'");
                    }
                    off += o;
                    cur = layout.memberType(rec, m.text);
                    while (at("[")) {
                        pos++;
                        int from = pos;
                        int depth = 1;
                        while (pos < t.size() && depth > 0) {
                            if (at("[")) {
                                depth++;
                            } else if (at("]")) {
                                depth--;
                            }
                            if (depth > 0) {
                                pos++;
                            }
                        }
                        long idx = value(t.subList(from, pos));
                        expect("]");
                        CType el = pointee(cur);
                        off += idx * layout.sizeOf(el);
                        cur = el;
                    }
                    if (at(".")) {
                        pos++;
                        continue;
                    }
                    break;
                }
                expect(")");
                return integer(off, kindOf(sizeT()));
            }
            case "__builtin_constant_p": {
                int from = pos;
                if (!at("(")) {
                    return Op.unknown("__builtin_constant_p without its parenthesized argument");
                }
                skipParens();
                if (pos - 1 < from + 1 || !t.get(pos - 1).is(")")) {
                    return Op.unknown("unbalanced parentheses after __builtin_constant_p");
                }
                OptionalLong v = tryValue(t.subList(from + 1, pos - 1));
                return integer(v.isPresent() ? 1 : 0, Kind.INT);
            }
            case "__builtin_choose_expr": {
                expect("(");
                Op c = ternary();
                expect(",");
                Op a = ternary();
                expect(",");
                Op b = ternary();
                expect(")");
                if (c.value == null) {
                    return Op.unknown(c.why);
                }
                return c.value != 0 ? a : b;
            }
            case "__builtin_types_compatible_p": {
                expect("(");
                CType a = parseTypeName();
                expect(",");
                CType b = parseTypeName();
                expect(")");
                return integer(sameType(a, b) ? 1 : 0, Kind.INT);
            }
            case "__builtin_expect": {
                expect("(");
                Op a = ternary();
                expect(",");
                ternary();
                expect(")");
                return a;
            }
            default:
                break;
        }
        OptionalLong e = layout.scope().enumConstant(p.text);
        if (e.isPresent()) {
            return integer(e.getAsLong(), Kind.INT);
        }
        CType obj = layout.scope().object(p.text);
        if (obj != null) {
            return new Op(null, obj, "'" + p.text + "' is a variable, not a constant");
        }
        if (at("(")) {
            skipParens();
            return Op.unknown("call of '" + p.text + "' (an unknown macro or function)");
        }
        return Op.unknown("'" + p.text + "' is not a known constant (a macro from a missing header?)");
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

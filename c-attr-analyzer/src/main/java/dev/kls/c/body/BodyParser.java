package dev.kls.c.body;

import dev.kls.c.cond.Cond;
import dev.kls.c.lex.TokenKind;
import dev.kls.c.pp.PpToken;
import dev.kls.c.types.CType;
import dev.kls.c.types.DeclParser;
import dev.kls.c.types.Layout;
import dev.kls.kconfig.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Parses expanded C statements and expressions into {@link Stmt} and
 * {@link Expr} trees. Error-tolerant: a statement it cannot read becomes a
 * {@link Stmt.Opaque} spanning to the next ';' (or its balanced braces), an
 * expression a {@link Expr.Opaque}; both are counted in {@link #opaque()}. It
 * never throws. Casts need to know type names: C keywords, names the
 * predicate calls typedefs, and the kernel's {@code _t} convention.
 *
 * <p>The same grammar reads constant expressions ({@link #constant}) for
 * {@code ConstEval}: there a type name is exactly what C's rule and the
 * scope's typedefs say (no guessing), a type name must read whole, and the
 * arguments of a call are not needed (a call is never a constant), so one
 * that does not read is kept as an opaque argument.
 */
public final class BodyParser {

    /** Where expanded tokens come from: their range and presence in the file being read. */
    public interface Origin {
        SourceRange range(PpToken first, PpToken last);

        /** The presence of the branch a token stands in; null for tokens with no place (synthetic). */
        Cond presence(PpToken t);

        /** The original text from the first token to the last (through macro invocations). */
        String text(PpToken first, PpToken last);
    }

    private static final int MAX_DEPTH = 200;
    private static final Set<String> STORAGE = Set.of("static", "extern", "register", "auto", "typedef",
            "_Thread_local", "__thread");
    private static final Set<String> QUALIFIERS = Set.of("const", "volatile", "__const", "__volatile__",
            "__volatile", "restrict", "__restrict", "__restrict__", "_Atomic", "__extension__", "inline",
            "__inline", "__inline__", "signed", "__signed", "__signed__", "unsigned");
    private static final Set<String> KERNEL_TYPEDEFS = Set.of("u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64",
            "__u8", "__u16", "__u32", "__u64", "__s8", "__s16", "__s32", "__s64", "bool", "ulong", "uint", "ushort",
            "uchar", "ulonglong", "__le16", "__le32", "__le64", "__be16", "__be32", "__be64", "__wsum", "__sum16");
    private static final Set<String> ASM = Set.of("asm", "__asm__", "__asm");

    private final List<PpToken> t;
    private final Origin origin;
    private final Predicate<String> typedef;
    private final Cond outer;
    /** Constant-expression mode: no places, exact type names, messages for {@code SizeUnknown}. */
    private final boolean exact;
    private String error;
    private int pos;
    private int depth;
    private int opaque;
    private int nodes;
    private final List<Stmt.Local> locals = new ArrayList<>();

    /**
     * @param outer presence of what encloses these tokens (the function's), used for tokens with no place
     */
    public BodyParser(List<PpToken> tokens, Origin origin, Predicate<String> typedef, Cond outer) {
        this(tokens, origin, typedef, outer, false);
    }

    private BodyParser(List<PpToken> tokens, Origin origin, Predicate<String> typedef, Cond outer, boolean exact) {
        this.t = tokens;
        this.origin = origin;
        this.typedef = typedef == null ? s -> false : typedef;
        this.outer = outer;
        this.exact = exact;
    }

    /**
     * A parser for one integer constant expression (an array size, an
     * enumerator, a bit width) whose typedef names are those {@code typedef}
     * accepts. Its nodes have no range or presence; {@link #error()} says why
     * {@link #expression()} did not read.
     */
    public static BodyParser constant(List<PpToken> tokens, Predicate<String> typedef) {
        return new BodyParser(tokens, null, typedef, null, true);
    }

    /** Why the last {@link #expression()} did not read (null when it did). */
    public String error() {
        return error;
    }

    public int opaque() {
        return opaque;
    }

    public int nodes() {
        return nodes;
    }

    /** Locals declared anywhere in what was parsed, in order. */
    public List<Stmt.Local> locals() {
        return List.copyOf(locals);
    }

    /** Parses a compound statement starting at the cursor ('{'); the whole input when it is not one. */
    public Stmt.Block block() {
        try {
            if (at("{")) {
                return compound();
            }
            int start = pos;
            List<Stmt> out = new ArrayList<>();
            while (pos < t.size()) {
                out.add(statement());
            }
            return new Stmt.Block(out, range(start, t.size() - 1), presence(start));
        } catch (RuntimeException | StackOverflowError e) {
            opaque++;
            return new Stmt.Block(List.of(new Stmt.Opaque(text(0, t.size() - 1), "not understood", range(0,
                    t.size() - 1), presence(0))), range(0, t.size() - 1), presence(0));
        }
    }

    /** Parses one whole expression (an initializer, an argument); opaque when it does not read as one. */
    public Expr expression() {
        int start = pos;
        try {
            Expr e = initializerOrAssignment();
            if (pos < t.size()) {
                throw new Bad(exact ? "cannot read '" + Layout.text(t.subList(pos, Math.min(t.size(), pos + 6)))
                        + "' in '" + Layout.text(t) + "'" : "unexpected '" + t.get(pos).text + "'");
            }
            return e;
        } catch (Bad | StackOverflowError e) {
            if (exact && e instanceof StackOverflowError so) {
                throw so;
            }
            error = e instanceof Bad ? e.getMessage() : "expression nested too deeply";
            pos = t.size();
            return opaqueExpr(start, t.size() - 1);
        }
    }

    // ---------------------------------------------------------------- statements

    private static final class Bad extends RuntimeException {
        Bad(String m) {
            super(m, null, false, false);
        }
    }

    private Stmt.Block compound() {
        int start = pos;
        expect("{");
        List<Stmt> out = new ArrayList<>();
        while (pos < t.size() && !at("}")) {
            out.add(statement());
        }
        int end = pos < t.size() ? pos : t.size() - 1;
        if (at("}")) {
            pos++;
        } else {
            opaque++; // the body ends before its '}' (an #if with unbalanced braces)
        }
        nodes++;
        return new Stmt.Block(out, range(start, end), presence(start));
    }

    /** One statement; on a parse error, an opaque statement up to the next ';' at this level. */
    private Stmt statement() {
        int start = pos;
        if (++depth > MAX_DEPTH) {
            depth--;
            return skipOpaque(start, "nested too deeply");
        }
        try {
            Stmt s = statementOrThrow();
            nodes++;
            return s;
        } catch (Bad e) {
            pos = start;
            return skipOpaque(start, e.getMessage());
        } finally {
            depth--;
        }
    }

    private Stmt skipOpaque(int start, String why) {
        int d = 0;
        while (pos < t.size()) {
            PpToken p = t.get(pos);
            if (p.is("(") || p.is("[") || p.is("{")) {
                d++;
            } else if (p.is(")") || p.is("]") || p.is("}")) {
                if (d == 0) {
                    break; // the enclosing block's '}'
                }
                d--;
                if (d == 0 && p.is("}")) {
                    pos++;
                    if (at(";")) {
                        pos++;
                    }
                    break;
                }
            } else if (p.is(";") && d == 0) {
                pos++;
                break;
            }
            pos++;
        }
        if (pos == start) {
            pos++; // never stand still on a stray token
        }
        int end = Math.max(start, pos - 1);
        opaque++;
        nodes++;
        return new Stmt.Opaque(text(start, end), why, range(start, end), presence(start));
    }

    private Stmt statementOrThrow() {
        int start = pos;
        PpToken p = peek();
        if (p == null) {
            throw new Bad("end of body");
        }
        if (p.is("{")) {
            return compound();
        }
        if (p.is(";")) {
            pos++;
            return new Stmt.Block(List.of(), range(start, start), presence(start));
        }
        if (p.isIdentifier()) {
            switch (p.text) {
                case "if": {
                    pos++;
                    expect("(");
                    Expr c = comma();
                    expect(")");
                    Stmt then = statement();
                    Stmt otherwise = null;
                    if (at("else")) {
                        pos++;
                        otherwise = statement();
                    }
                    return new Stmt.If(c, then, otherwise, range(start, pos - 1), presence(start));
                }
                case "switch": {
                    pos++;
                    expect("(");
                    Expr c = comma();
                    expect(")");
                    Stmt body = statement();
                    return new Stmt.Switch(c, body, range(start, pos - 1), presence(start));
                }
                case "case": {
                    pos++;
                    Expr v = conditional();
                    Expr hi = null;
                    if (at("...")) {
                        pos++;
                        hi = conditional();
                    }
                    expect(":");
                    return new Stmt.Case(v, hi, range(start, pos - 1), presence(start));
                }
                case "default":
                    if (peekIs(1, ":")) {
                        pos += 2;
                        return new Stmt.Case(null, null, range(start, pos - 1), presence(start));
                    }
                    break;
                case "while": {
                    pos++;
                    expect("(");
                    Expr c = comma();
                    expect(")");
                    Stmt body = statement();
                    return new Stmt.Loop(null, c, null, body, false, range(start, pos - 1), presence(start));
                }
                case "do": {
                    pos++;
                    Stmt body = statement();
                    expectWord("while");
                    expect("(");
                    Expr c = comma();
                    expect(")");
                    expect(";");
                    return new Stmt.Loop(null, c, null, body, true, range(start, pos - 1), presence(start));
                }
                case "for": {
                    pos++;
                    expect("(");
                    Stmt init = null;
                    if (at(";")) {
                        pos++;
                    } else if (declarationStarts()) {
                        init = declaration();
                    } else {
                        int is = pos;
                        Expr e = comma();
                        expect(";");
                        init = new Stmt.ExprStmt(e, range(is, pos - 1), presence(is));
                    }
                    Expr c = at(";") ? null : comma();
                    expect(";");
                    Expr step = at(")") ? null : comma();
                    expect(")");
                    Stmt body = statement();
                    return new Stmt.Loop(init, c, step, body, false, range(start, pos - 1), presence(start));
                }
                case "goto": {
                    pos++;
                    if (at("*")) {
                        pos++;
                        Expr e = comma();
                        expect(";");
                        return new Stmt.Goto(null, e, range(start, pos - 1), presence(start));
                    }
                    String label = ident();
                    expect(";");
                    return new Stmt.Goto(label, null, range(start, pos - 1), presence(start));
                }
                case "return": {
                    pos++;
                    Expr v = at(";") ? null : comma();
                    expect(";");
                    return new Stmt.Return(v, range(start, pos - 1), presence(start));
                }
                case "break":
                    pos++;
                    expect(";");
                    return new Stmt.Break(range(start, pos - 1), presence(start));
                case "continue":
                    pos++;
                    expect(";");
                    return new Stmt.Continue(range(start, pos - 1), presence(start));
                default:
                    break;
            }
            if (ASM.contains(p.text)) {
                return asm();
            }
            if (peekIs(1, ":") && !peekIs(2, ":")) {
                pos += 2;
                return new Stmt.Label(p.text, range(start, pos - 1), presence(start));
            }
            if (declarationStarts()) {
                return declaration();
            }
        }
        Expr e = comma();
        expect(";");
        return new Stmt.ExprStmt(e, range(start, pos - 1), presence(start));
    }

    private Stmt asm() {
        int start = pos;
        pos++;
        while (peek() != null && (peek().is("volatile") || peek().is("__volatile__") || peek().is("goto")
                || peek().is("inline") || peek().is("__inline__"))) {
            pos++;
        }
        expect("(");
        List<Expr> operands = new ArrayList<>();
        // the template, then ':'-separated operand lists of "constraint" (expr)
        int d = 1;
        while (pos < t.size() && d > 0) {
            PpToken p = t.get(pos);
            if (p.is(")")) {
                d--;
                pos++;
                continue;
            }
            if (p.is("(") && pos > 0 && t.get(pos - 1).kind == TokenKind.STRING && d == 1) {
                pos++;
                operands.add(comma());
                expect(")");
                continue;
            }
            if (p.is("(")) {
                d++;
            }
            pos++;
        }
        if (d > 0) {
            throw new Bad("unbalanced asm");
        }
        expect(";");
        return new Stmt.Asm(text(start, pos - 1), operands, range(start, pos - 1), presence(start));
    }

    /** Whether a local declaration starts at the cursor. */
    private boolean declarationStarts() {
        PpToken p = peek();
        if (p == null || !p.isIdentifier()) {
            return false;
        }
        String s = p.text;
        if (STORAGE.contains(s) || QUALIFIERS.contains(s) || DeclParser.isTypeKeyword(s)
                || s.equals("__attribute__") || s.equals("__attribute") || s.equals("_Static_assert")) {
            return true;
        }
        if (isTypeName(s)) {
            // "T x", "T *x", "T x[..]": a typedef name cannot start an expression statement
            return true;
        }
        PpToken n = peek(1);
        if (n == null) {
            return false;
        }
        if (n.isIdentifier() && !ASM.contains(n.text)) {
            return true; // "name name": only a declaration reads so
        }
        if (n.is("*")) {
            // "T *x;" "T *x =" "T **x," : a declaration; "a * b;" is never written as a statement
            int i = pos + 1;
            while (i < t.size() && (t.get(i).is("*") || QUALIFIERS.contains(t.get(i).text))) {
                i++;
            }
            if (i < t.size() && t.get(i).isIdentifier() && i + 1 < t.size()) {
                PpToken a = t.get(i + 1);
                return a.is("=") || a.is(";") || a.is(",") || a.is("[");
            }
        }
        return false;
    }

    private boolean isTypeName(String s) {
        return typedef.test(s) || KERNEL_TYPEDEFS.contains(s) || (s.endsWith("_t") && s.length() > 2);
    }

    private Stmt declaration() {
        int start = pos;
        // to the ';' at depth 0
        int d = 0;
        int end = pos;
        while (end < t.size()) {
            PpToken p = t.get(end);
            if (p.is("(") || p.is("[") || p.is("{")) {
                d++;
            } else if (p.is(")") || p.is("]") || p.is("}")) {
                if (d == 0) {
                    throw new Bad("declaration without ';'");
                }
                d--;
            } else if (p.is(";") && d == 0) {
                break;
            }
            end++;
        }
        if (end >= t.size()) {
            throw new Bad("declaration without ';'");
        }
        List<PpToken> decl = t.subList(start, end + 1);
        DeclParser.Declaration dp = new DeclParser(decl, this::isTypeName).declaration();
        if (dp.declarators().isEmpty() && !dp.typedef() && !(dp.base() instanceof dev.kls.c.types.CType.Record)
                && !(dp.base() instanceof dev.kls.c.types.CType.Enum) && !t.get(start).is("_Static_assert")) {
            throw new Bad("not a declaration");
        }
        List<Stmt.Local> out = new ArrayList<>();
        for (DeclParser.Declarator dc : dp.declarators()) {
            if (dc.name() == null) {
                continue;
            }
            int nameAt = indexOf(decl, dc.nameToken());
            Expr init = null;
            if (dc.initializer() != null && !dc.initializer().isEmpty()) {
                BodyParser sub = new BodyParser(dc.initializer(), origin, typedef, presence(start), exact);
                sub.depth = depth;
                init = sub.expression();
                opaque += sub.opaque;
                nodes += sub.nodes;
                locals.addAll(sub.locals);
            }
            Stmt.Local l = new Stmt.Local(dc.name(), typeAround(decl, nameAt, dc), init,
                    range(start + Math.max(nameAt, 0), start + Math.max(nameAt, 0)));
            out.add(l);
            locals.add(l);
        }
        pos = end + 1;
        return new Stmt.Decl("static".equals(dp.storage()), out, range(start, end), presence(start));
    }

    /** The declared type's spelling: the specifiers plus the declarator's pointer stars. */
    private static String typeAround(List<PpToken> decl, int nameAt, DeclParser.Declarator dc) {
        StringBuilder sb = new StringBuilder();
        int specEnd = 0;
        while (specEnd < decl.size() && !decl.get(specEnd).is("*") && !decl.get(specEnd).is("(")
                && specEnd != nameAt) {
            specEnd++;
        }
        for (int i = 0; i < specEnd; i++) {
            if (STORAGE.contains(decl.get(i).text)) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(decl.get(i).text);
        }
        dev.kls.c.types.CType ty = dc.type();
        while (ty instanceof dev.kls.c.types.CType.Pointer p) {
            sb.append(sb.length() > 0 && sb.charAt(sb.length() - 1) != '*' ? " *" : "*");
            ty = p.target();
        }
        if (ty instanceof dev.kls.c.types.CType.Function || ty instanceof dev.kls.c.types.CType.Array) {
            sb.append(ty instanceof dev.kls.c.types.CType.Function ? " (fn)" : " []");
        }
        return sb.toString();
    }

    private static int indexOf(List<PpToken> l, PpToken x) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) == x) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- expressions

    private Expr comma() {
        int start = pos;
        Expr e = assignment();
        while (at(",")) {
            pos++;
            Expr r = assignment();
            e = new Expr.Binary(",", e, r, range(start, pos - 1), presence(start));
            nodes++;
        }
        return e;
    }

    private static final Set<String> ASSIGN = Set.of("=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=",
            "|=");

    private Expr initializerOrAssignment() {
        if (at("{")) {
            return initList(Expr.TypeName.NONE, pos);
        }
        return comma();
    }

    private Expr assignment() {
        int start = pos;
        Expr left = conditional();
        PpToken p = peek();
        if (p != null && p.kind == TokenKind.PUNCTUATOR && ASSIGN.contains(p.text)) {
            pos++;
            Expr right = at("{") ? initList(Expr.TypeName.NONE, pos) : assignment();
            nodes++;
            return new Expr.Assign(p.text, left, right, range(start, pos - 1), presence(start));
        }
        return left;
    }

    private Expr conditional() {
        int start = pos;
        Expr c = binary(1);
        if (at("?")) {
            pos++;
            Expr a = at(":") ? null : comma();
            expect(":");
            Expr b = conditional();
            nodes++;
            return new Expr.Conditional(c, a, b, range(start, pos - 1), presence(start));
        }
        return c;
    }

    private static final java.util.Map<String, Integer> PRECEDENCE = java.util.Map.ofEntries(
            java.util.Map.entry("||", 1), java.util.Map.entry("&&", 2), java.util.Map.entry("|", 3),
            java.util.Map.entry("^", 4), java.util.Map.entry("&", 5), java.util.Map.entry("==", 6),
            java.util.Map.entry("!=", 6), java.util.Map.entry("<", 7), java.util.Map.entry(">", 7),
            java.util.Map.entry("<=", 7), java.util.Map.entry(">=", 7), java.util.Map.entry("<<", 8),
            java.util.Map.entry(">>", 8), java.util.Map.entry("+", 9), java.util.Map.entry("-", 9),
            java.util.Map.entry("*", 10), java.util.Map.entry("/", 10), java.util.Map.entry("%", 10));

    /** Binary operators by precedence climbing (left-associative), from level {@code min} up. */
    private Expr binary(int min) {
        int start = pos;
        enter();
        try {
            Expr e = unary();
            while (true) {
                PpToken p = peek();
                Integer prec = p != null && p.kind == TokenKind.PUNCTUATOR ? PRECEDENCE.get(p.text) : null;
                if (prec == null || prec < min) {
                    return e;
                }
                pos++;
                Expr r = binary(prec + 1);
                nodes++;
                e = new Expr.Binary(p.text, e, r, range(start, pos - 1), presence(start));
            }
        } finally {
            depth--;
        }
    }

    private void enter() {
        // a constant expression has no bound of its own: as deep as the stack goes (the reader retries a
        // file that overflows it on a thread with a deep stack)
        if (++depth > MAX_DEPTH * 4 && !exact) {
            depth--;
            throw new Bad("expression nested too deeply");
        }
    }

    private Expr unary() {
        int start = pos;
        PpToken p = peek();
        if (p == null) {
            throw new Bad(exact ? "missing operand in '" + Layout.text(t) + "'" : "expression expected");
        }
        enter();
        try {
            if (p.kind == TokenKind.PUNCTUATOR) {
                switch (p.text) {
                    case "&": case "*": case "-": case "+": case "!": case "~": case "++": case "--": {
                        pos++;
                        Expr o = unary();
                        nodes++;
                        return new Expr.Unary(p.text, o, false, range(start, pos - 1), presence(start));
                    }
                    case "&&": {
                        pos++;
                        String l = ident();
                        nodes++;
                        return new Expr.Unary("&&", new Expr.Ident(l, range(start + 1, start + 1),
                                presence(start + 1)), false, range(start, pos - 1), presence(start));
                    }
                    case "(":
                        if (castFollows()) {
                            pos++;
                            Expr.TypeName type = typeName();
                            expect(")");
                            if (at("{")) {
                                return postfix(initList(type, start), start);
                            }
                            Expr o = unary();
                            nodes++;
                            return new Expr.Cast(type, o, range(start, pos - 1), presence(start));
                        }
                        break;
                    default:
                        break;
                }
            }
            if (p.isIdentifier()) {
                switch (p.text) {
                    case "sizeof": case "_Alignof": case "__alignof__": case "__alignof": case "alignof":
                        return sizeofLike(p.text);
                    case "__extension__":
                        pos++;
                        return unary();
                    default:
                        break;
                }
            }
            return postfix(primary(), start);
        } finally {
            depth--;
        }
    }

    private Expr sizeofLike(String op) {
        int start = pos;
        pos++;
        if (at("(") && typeNameAt(pos + 1)) {
            pos++;
            Expr.TypeName type = typeName();
            expect(")");
            if (at("{")) {
                Expr lit = postfix(initList(type, start + 1), start + 1);
                nodes++;
                return new Expr.SizeofLike(op, null, lit, range(start, pos - 1), presence(start));
            }
            nodes++;
            return new Expr.SizeofLike(op, type, null, range(start, pos - 1), presence(start));
        }
        Expr o = unary();
        nodes++;
        return new Expr.SizeofLike(op, null, o, range(start, pos - 1), presence(start));
    }

    /** Whether '(' at the cursor opens a cast or compound literal rather than a parenthesized expression. */
    private boolean castFollows() {
        if (!typeNameAt(pos + 1)) {
            return false;
        }
        if (exact) {
            return true;
        }
        PpToken a = peek(1);
        if (!isTypeName(a.text) && (DeclParser.isTypeKeyword(a.text) || QUALIFIERS.contains(a.text))) {
            return true;
        }
        // "(name)" or "(name *)": a cast when name is a type; "(name)" alone could be "(x)" — look past it
        int i = pos + 2;
        while (i < t.size() && (t.get(i).is("*") || QUALIFIERS.contains(t.get(i).text))) {
            i++;
        }
        if (i < t.size() && t.get(i).is(")")) {
            if (i > pos + 2) {
                return true; // "(T *)" is never an expression
            }
            return isTypeName(a.text);
        }
        return isTypeName(a.text) && i < t.size() && (t.get(i).is("(") || t.get(i).is("["));
    }

    private boolean typeNameAt(int i) {
        if (i >= t.size() || !t.get(i).isIdentifier()) {
            return false;
        }
        if (exact) {
            return new DeclParser(t.subList(i, t.size()), typedef).atTypeName();
        }
        String s = t.get(i).text;
        return DeclParser.isTypeKeyword(s) || QUALIFIERS.contains(s) || isTypeName(s)
                || s.equals("__attribute__") || s.equals("_Bool");
    }

    /**
     * The type name at the cursor, up to the ')' (or, for a builtin's
     * argument, the ',') that ends it. In constant mode DeclParser reads it
     * and decides where it ends, as C's grammar does; in a body the brackets
     * do, and only its spelling is kept (see {@link Expr.TypeName}).
     */
    private Expr.TypeName typeName() {
        int ts = pos;
        if (exact) {
            DeclParser p = new DeclParser(t.subList(pos, t.size()), typedef);
            CType type = p.typeName();
            pos += p.position();
            return new Expr.TypeName(text(ts, pos - 1), type);
        }
        int d = 0;
        while (pos < t.size()) {
            PpToken p = t.get(pos);
            if (p.is("(") || p.is("[")) {
                d++;
            } else if (p.is(")") || p.is("]") || (p.is(",") && d == 0)) {
                if (d == 0) {
                    // no CType in a body: its tokens (array sizes, typeof) are not what the body cache keeps
                    return new Expr.TypeName(text(ts, pos - 1), null);
                }
                d--;
            }
            pos++;
        }
        throw new Bad("type name without ')'");
    }

    private Expr typeArg() {
        int start = pos;
        Expr.TypeName type = typeName();
        return new Expr.TypeArg(type, range(start, pos - 1), presence(start));
    }

    /** {@code a.b[i].c} of {@code __builtin_offsetof}. */
    private Expr designator() {
        int start = pos;
        List<Expr.Step> steps = new ArrayList<>();
        while (true) {
            String member = ident();
            List<Expr> indices = new ArrayList<>();
            while (at("[")) {
                pos++;
                indices.add(comma());
                expect("]");
            }
            steps.add(new Expr.Step(member, indices));
            if (!at(".")) {
                break;
            }
            pos++;
        }
        return new Expr.Designator(steps, range(start, pos - 1), presence(start));
    }

    /** The builtins whose arguments hold type names; in constant mode only those C's constants use. */
    private boolean takesTypes(String name) {
        return name.equals("__builtin_offsetof") || name.equals("__builtin_types_compatible_p")
                || !exact && (name.equals("offsetof") || name.equals("__builtin_va_arg"));
    }

    private Expr typedBuiltin(PpToken p, int start) {
        pos += 2;
        List<Expr> args = new ArrayList<>();
        if (p.text.equals("__builtin_types_compatible_p")) {
            args.add(typeArg());
            expect(",");
            args.add(typeArg());
        } else if (p.text.equals("__builtin_va_arg")) {
            args.add(assignment());
            expect(",");
            args.add(typeArg());
        } else {
            args.add(typeArg());
            expect(",");
            args.add(designator());
        }
        expect(")");
        return new Expr.Call(new Expr.Ident(p.text, range(start, start), presence(start)), args,
                range(start, pos - 1), presence(start));
    }

    private Expr primary() {
        int start = pos;
        PpToken p = peek();
        if (p == null) {
            throw new Bad(exact ? "missing operand in '" + Layout.text(t) + "'" : "expression expected");
        }
        nodes++;
        if (p.isIdentifier()) {
            if (ASM.contains(p.text)) {
                throw new Bad("asm in an expression");
            }
            if (takesTypes(p.text) && peekIs(1, "(")) {
                // their arguments hold type names and designators, not only expressions
                if (exact) {
                    return typedBuiltin(p, start);
                }
                int save = pos;
                try {
                    return typedBuiltin(p, start);
                } catch (Bad e) {
                    // not of the builtin's form (a macro's leftovers): its argument as written
                    pos = save + 1;
                    int open = pos;
                    skipBalanced();
                    return new Expr.Call(new Expr.Ident(p.text, range(start, start), presence(start)),
                            List.of(new Expr.Literal(text(open + 1, pos - 2), range(open, pos - 1), presence(open))),
                            range(start, pos - 1), presence(start));
                }
            }
            pos++;
            return new Expr.Ident(p.text, range(start, start), presence(start));
        }
        if (p.kind == TokenKind.NUMBER || p.kind == TokenKind.CHAR) {
            pos++;
            return new Expr.Literal(p.text, range(start, start), presence(start));
        }
        if (p.kind == TokenKind.STRING) {
            StringBuilder sb = new StringBuilder();
            while (peek() != null && (peek().kind == TokenKind.STRING)) {
                sb.append(t.get(pos++).text);
            }
            return new Expr.Literal(sb.toString(), range(start, pos - 1), presence(start));
        }
        if (p.is("(")) {
            pos++;
            if (at("{")) {
                Stmt.Block b = compound();
                expect(")");
                return new Expr.StatementExpr(b, range(start, pos - 1), presence(start));
            }
            Expr e = comma();
            expect(")");
            return e;
        }
        throw new Bad("unexpected '" + p.text + "'");
    }

    private Expr postfix(Expr e, int start) {
        while (peek() != null) {
            PpToken p = peek();
            if (p.is("(")) {
                pos++;
                List<Expr> args = new ArrayList<>();
                while (!at(")")) {
                    args.add(exact ? constantArgument() : at("{") ? initList(Expr.TypeName.NONE, pos) : assignment());
                    if (at(",")) {
                        pos++;
                    } else if (!at(")")) {
                        throw new Bad("',' or ')' expected in a call");
                    }
                }
                pos++;
                e = new Expr.Call(e, args, range(start, pos - 1), presence(start));
            } else if (p.is("[")) {
                pos++;
                Expr i = comma();
                expect("]");
                e = new Expr.Index(e, i, range(start, pos - 1), presence(start));
            } else if (p.is(".") || p.is("->")) {
                pos++;
                String m = ident();
                e = new Expr.Member(e, m, p.is("->"), range(start, pos - 1), presence(start));
            } else if (p.is("++") || p.is("--")) {
                pos++;
                e = new Expr.Unary(p.text, e, true, range(start, pos - 1), presence(start));
            } else {
                return e;
            }
            nodes++;
        }
        return e;
    }

    /**
     * A call's argument in a constant expression: a call is never a
     * constant, so an argument that does not read (a type name passed to an
     * unknown macro) is kept as written rather than failing the whole.
     */
    private Expr constantArgument() {
        int start = pos;
        try {
            return at("{") ? initList(Expr.TypeName.NONE, pos) : assignment();
        } catch (Bad e) {
            pos = start;
            int d = 0;
            while (pos < t.size()) {
                PpToken p = t.get(pos);
                if (d == 0 && (p.is(",") || p.is(")"))) {
                    break;
                }
                if (p.is("(") || p.is("[") || p.is("{")) {
                    d++;
                } else if (p.is(")") || p.is("]") || p.is("}")) {
                    d--;
                }
                pos++;
            }
            if (pos >= t.size()) {
                throw e;
            }
            return new Expr.Opaque(text(start, pos - 1), range(start, pos - 1), presence(start));
        }
    }

    private Expr initList(Expr.TypeName type, int start) {
        expect("{");
        List<Expr.Init> items = new ArrayList<>();
        while (!at("}")) {
            List<String> des = new ArrayList<>();
            while (at(".") || at("[")) {
                if (at(".")) {
                    pos++;
                    des.add("." + ident());
                } else {
                    int s = pos;
                    skipBalanced();
                    des.add(text(s, pos - 1));
                }
            }
            if (!des.isEmpty()) {
                expect("=");
            } else if (peek() != null && peek().isIdentifier() && peekIs(1, ":")) {
                des.add("." + t.get(pos).text); // old GNU "member: value"
                pos += 2;
            }
            Expr v = at("{") ? initList(Expr.TypeName.NONE, pos) : assignment();
            items.add(new Expr.Init(des, v));
            if (at(",")) {
                pos++;
            } else if (!at("}")) {
                throw new Bad("',' or '}' expected in an initializer");
            }
        }
        pos++;
        nodes++;
        return new Expr.InitList(type, items, range(start, pos - 1), presence(start));
    }

    private void skipBalanced() {
        int d = 0;
        while (pos < t.size()) {
            PpToken p = t.get(pos++);
            if (p.is("(") || p.is("[") || p.is("{")) {
                d++;
            } else if (p.is(")") || p.is("]") || p.is("}")) {
                if (--d == 0) {
                    return;
                }
            }
        }
        throw new Bad("unbalanced");
    }

    // ---------------------------------------------------------------- tokens

    private PpToken peek() {
        return pos < t.size() ? t.get(pos) : null;
    }

    private PpToken peek(int k) {
        return pos + k < t.size() ? t.get(pos + k) : null;
    }

    private boolean peekIs(int k, String s) {
        PpToken p = peek(k);
        return p != null && p.is(s);
    }

    private boolean at(String s) {
        PpToken p = peek();
        return p != null && p.is(s);
    }

    private void expect(String s) {
        if (!at(s)) {
            throw new Bad(exact ? "expected '" + s + "' in '" + Layout.text(t) + "'"
                    : "'" + s + "' expected" + (peek() == null ? " at the end" : " before '" + peek().text + "'"));
        }
        pos++;
    }

    private void expectWord(String s) {
        expect(s);
    }

    private String ident() {
        PpToken p = peek();
        if (p == null || !p.isIdentifier()) {
            throw new Bad("name expected");
        }
        pos++;
        return p.text;
    }

    private Expr opaqueExpr(int a, int b) {
        opaque++;
        nodes++;
        return new Expr.Opaque(text(a, b), range(a, b), presence(a));
    }

    private SourceRange range(int a, int b) {
        if (exact) {
            return null;
        }
        if (t.isEmpty()) {
            return origin.range(null, null);
        }
        a = Math.max(0, Math.min(a, t.size() - 1));
        b = Math.max(a, Math.min(b, t.size() - 1));
        int a0 = a;
        while (a < b && t.get(a).srcFirst < 0) {
            a++;
        }
        while (b > a && t.get(b).srcLast < 0) {
            b--;
        }
        if (t.get(a).srcFirst < 0) {
            // a synthetic token alone: the nearest token before it that has a place
            while (a0 > 0 && t.get(a0).srcFirst < 0) {
                a0--;
            }
            return origin.range(t.get(a0), t.get(a0));
        }
        return origin.range(t.get(a), t.get(b));
    }

    private String text(int a, int b) {
        if (t.isEmpty() || b < a) {
            return "";
        }
        if (exact) {
            return Layout.text(t.subList(Math.max(0, a), Math.min(b + 1, t.size())));
        }
        a = Math.max(0, Math.min(a, t.size() - 1));
        b = Math.max(a, Math.min(b, t.size() - 1));
        while (a < b && t.get(a).srcFirst < 0) {
            a++;
        }
        while (b > a && t.get(b).srcLast < 0) {
            b--;
        }
        return origin.text(t.get(a), t.get(b));
    }

    private Cond presence(int i) {
        if (i < 0 || i >= t.size() || exact) {
            return outer;
        }
        Cond c = origin.presence(t.get(i));
        return c == null ? outer : c;
    }
}

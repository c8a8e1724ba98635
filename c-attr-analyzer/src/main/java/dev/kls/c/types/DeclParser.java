package dev.kls.c.types;

import dev.kls.c.lex.TokenKind;
import dev.kls.c.pp.PpToken;
import dev.kls.c.types.CType.Attr;
import dev.kls.c.types.CType.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Parses one expanded top-level declaration (or a type name) into types and
 * declarators. An identifier in the specifiers is a typedef name when no
 * type specifier came before it (C's own rule), so no symbol table is needed
 * to parse; an optional predicate tells typedef names apart where C needs it
 * (casts, {@code sizeof}). It never throws: what it cannot read ends the
 * declaration, and the caller sees fewer declarators.
 */
public final class DeclParser {

    /** One parsed declaration. */
    public record Declaration(String storage, boolean typedef, CType base, List<Declarator> declarators,
            List<Attr> specifierAttrs, boolean functionDefinition, int end) {
    }

    /**
     * One declarator: name (null for abstract), its full type, the attributes
     * that follow it (plus the specifiers' ones), the token of its name, the
     * token spans [first,last] of each array dimension written in it (outermost
     * first; first > last for {@code []}), and the initializer's tokens.
     */
    public record Declarator(String name, CType type, List<Attr> attrs, PpToken nameToken, List<int[]> dimSpans,
            List<PpToken> initializer, int first, int last) {
    }

    private static final Set<String> STORAGE = Set.of("typedef", "extern", "static", "auto", "register",
            "_Thread_local", "__thread");
    private static final Set<String> SKIP = Set.of("inline", "__inline", "__inline__", "_Noreturn", "const", "volatile",
            "restrict", "__restrict", "__restrict__", "__const", "__const__", "__volatile", "__volatile__",
            "__extension__", "_Complex", "__complex__", "__signed", "signed");
    private static final Set<String> TYPE_WORDS = Set.of("void", "char", "short", "int", "long", "float", "double",
            "unsigned", "_Bool", "__int128", "__int128_t", "__uint128_t", "signed", "__signed", "__signed__",
            "_Float128", "__float128");
    private static final Set<String> ATTRIBUTE_WORDS = Set.of("__attribute__", "__attribute");

    private final List<PpToken> t;
    private final Predicate<String> isTypedef;
    private int pos;

    public DeclParser(List<PpToken> tokens, Predicate<String> isTypedef) {
        this.t = tokens;
        this.isTypedef = isTypedef == null ? s -> false : isTypedef;
    }

    public static boolean isTypeKeyword(String s) {
        return TYPE_WORDS.contains(s) || s.equals("struct") || s.equals("union") || s.equals("enum")
                || s.equals("typeof") || s.equals("__typeof__") || s.equals("__typeof") || s.equals("const")
                || s.equals("volatile") || s.equals("_Atomic") || s.equals("__const") || s.equals("__volatile__");
    }

    private PpToken peek() {
        return pos < t.size() ? t.get(pos) : null;
    }

    private PpToken peek(int k) {
        return pos + k < t.size() ? t.get(pos + k) : null;
    }

    private boolean at(String s) {
        PpToken p = peek();
        return p != null && p.is(s);
    }

    public int position() {
        return pos;
    }

    /** Parses a whole declaration: specifiers, declarators, up to ';' or a function body. */
    public Declaration declaration() {
        Specs s = specifiers();
        List<Declarator> ds = new ArrayList<>();
        boolean fn = false;
        while (pos < t.size()) {
            if (at(";")) {
                pos++;
                break;
            }
            int first = pos;
            Declarator d = declarator(s.type, s.attrs, first);
            if (d == null) {
                break;
            }
            ds.add(d);
            if (at(",")) {
                pos++;
                continue;
            }
            if (at(";")) {
                pos++;
                break;
            }
            if (at("{")) {
                fn = true;
                skipBalanced("{", "}");
                break;
            }
            // something we do not read (K&R parameter declarations, stray tokens): stop here
            break;
        }
        return new Declaration(s.storage, "typedef".equals(s.storage), s.type, ds, s.attrs, fn, pos);
    }

    /** Parses a type name (for casts, sizeof, typeof): specifiers and an abstract declarator. */
    public CType typeName() {
        Specs s = specifiers();
        Declarator d = declarator(s.type, s.attrs, pos);
        return d == null ? s.type : d.type;
    }

    /** Whether the tokens at the cursor start a type name. */
    public boolean atTypeName() {
        PpToken p = peek();
        if (p == null || p.kind != TokenKind.IDENTIFIER) {
            return false;
        }
        return isTypeKeyword(p.text) || isTypedef.test(p.text) || ATTRIBUTE_WORDS.contains(p.text);
    }

    private static final class Specs {
        String storage;
        CType type;
        List<Attr> attrs = new ArrayList<>();
    }

    private Specs specifiers() {
        Specs s = new Specs();
        int longs = 0;
        boolean unsigned = false;
        boolean signed = false;
        String base = null;
        CType explicit = null;
        boolean any = false;
        while (pos < t.size()) {
            PpToken p = peek();
            if (p.kind != TokenKind.IDENTIFIER) {
                break;
            }
            String w = p.text;
            if (STORAGE.contains(w)) {
                s.storage = w;
                pos++;
            } else if (w.equals("unsigned")) {
                unsigned = true;
                any = true;
                pos++;
            } else if (w.equals("signed") || w.equals("__signed") || w.equals("__signed__")) {
                signed = true;
                any = true;
                pos++;
            } else if (w.equals("long")) {
                longs++;
                any = true;
                pos++;
            } else if (w.equals("_Atomic") && peek(1) != null && peek(1).is("(")) {
                pos++;
                int save = pos;
                pos++;
                CType inner = typeName();
                pos = save;
                skipBalanced("(", ")");
                explicit = inner;
                any = true;
            } else if (SKIP.contains(w) || w.equals("_Atomic")) {
                pos++;
            } else if (ATTRIBUTE_WORDS.contains(w)) {
                s.attrs.addAll(attributes());
            } else if (w.equals("_Alignas") || w.equals("__declspec") || w.equals("__asm__") || w.equals("asm")) {
                int first = pos;
                pos++;
                int open = pos;
                skipBalanced("(", ")");
                if (w.equals("_Alignas")) {
                    s.attrs.add(new Attr("aligned", new ArrayList<>(t.subList(Math.min(open + 1, pos),
                            Math.max(open + 1, pos - 1))), t.get(first).srcFirst, t.get(pos - 1).srcLast));
                }
            } else if (w.equals("struct") || w.equals("union") || w.equals("enum")) {
                explicit = tagged(w);
                any = true;
            } else if (w.equals("typeof") || w.equals("__typeof__") || w.equals("__typeof")) {
                pos++;
                int open = pos;
                skipBalanced("(", ")");
                explicit = new CType.Typeof(new ArrayList<>(t.subList(Math.min(open + 1, pos), Math.max(open + 1,
                        pos - 1))));
                any = true;
            } else if (TYPE_WORDS.contains(w)) {
                base = w;
                any = true;
                pos++;
            } else if (!any) {
                // a typedef name (or an unexpanded attribute macro that a later type keyword will reveal)
                PpToken next = peek(1);
                boolean looksLikeAttr = next != null && next.kind == TokenKind.IDENTIFIER
                        && (TYPE_WORDS.contains(next.text) || STORAGE.contains(next.text) || SKIP.contains(next.text)
                        || next.text.equals("struct") || next.text.equals("union") || next.text.equals("enum"));
                if (looksLikeAttr && !isTypedef.test(w)) {
                    s.attrs.add(new Attr(w, List.of(), p.srcFirst, p.srcLast));
                    pos++;
                    continue;
                }
                explicit = new CType.Named(w);
                any = true;
                pos++;
            } else {
                break;
            }
        }
        s.type = explicit != null ? explicit : prim(base, longs, unsigned, signed, any);
        return s;
    }

    private static CType prim(String base, int longs, boolean unsigned, boolean signed, boolean any) {
        if (!any) {
            return new CType.Prim(Kind.INT); // implicit int (old C)
        }
        if (base == null || base.equals("int")) {
            if (longs >= 2) {
                return new CType.Prim(unsigned ? Kind.ULLONG : Kind.LLONG);
            }
            if (longs == 1) {
                return new CType.Prim(unsigned ? Kind.ULONG : Kind.LONG);
            }
            return new CType.Prim(unsigned ? Kind.UINT : Kind.INT);
        }
        switch (base) {
            case "void":
                return new CType.Prim(Kind.VOID);
            case "_Bool":
                return new CType.Prim(Kind.BOOL);
            case "char":
                return new CType.Prim(unsigned ? Kind.UCHAR : signed ? Kind.SCHAR : Kind.CHAR);
            case "short":
                return new CType.Prim(unsigned ? Kind.USHORT : Kind.SHORT);
            case "float":
                return new CType.Prim(Kind.FLOAT);
            case "double":
                return new CType.Prim(longs > 0 ? Kind.LDOUBLE : Kind.DOUBLE);
            case "_Float128":
            case "__float128":
                return new CType.Prim(Kind.LDOUBLE);
            case "__int128":
            case "__int128_t":
                return new CType.Prim(unsigned ? Kind.UINT128 : Kind.INT128);
            case "__uint128_t":
                return new CType.Prim(Kind.UINT128);
            default:
                return new CType.Prim(Kind.INT);
        }
    }

    private CType tagged(String kw) {
        pos++;
        List<Attr> attrs = new ArrayList<>();
        attrs.addAll(attributes());
        String tag = null;
        if (peek() != null && peek().kind == TokenKind.IDENTIFIER && !ATTRIBUTE_WORDS.contains(peek().text)) {
            tag = peek().text;
            pos++;
        }
        attrs.addAll(attributes());
        if (!at("{")) {
            return kw.equals("enum") ? new CType.Enum(tag, null, attrs) : new CType.Record(tag, kw.equals("union"), null,
                    attrs);
        }
        pos++;
        if (kw.equals("enum")) {
            List<CType.Enumerator> es = new ArrayList<>();
            while (pos < t.size() && !at("}")) {
                PpToken name = peek();
                pos++;
                attributes();
                List<PpToken> value = null;
                if (at("=")) {
                    pos++;
                    int from = pos;
                    skipExpression();
                    value = new ArrayList<>(t.subList(from, pos));
                }
                if (name.kind == TokenKind.IDENTIFIER) {
                    es.add(new CType.Enumerator(name.text, value));
                }
                if (at(",")) {
                    pos++;
                } else if (!at("}")) {
                    pos++;
                }
            }
            pos++;
            attrs.addAll(attributes());
            return new CType.Enum(tag, es, attrs);
        }
        List<CType.Member> members = new ArrayList<>();
        while (pos < t.size() && !at("}")) {
            if (at(";")) {
                pos++;
                continue;
            }
            int before = pos;
            Specs s = specifiers();
            boolean anyDecl = false;
            while (pos < t.size() && !at(";") && !at("}")) {
                List<PpToken> width = null;
                Declarator d = null;
                if (!at(":")) {
                    d = declarator(s.type, s.attrs, pos);
                }
                if (at(":")) {
                    pos++;
                    int from = pos;
                    skipExpression();
                    width = new ArrayList<>(t.subList(from, pos));
                }
                List<Attr> more = attributes();
                if (d == null && width == null) {
                    break;
                }
                List<Attr> ma = new ArrayList<>(d == null ? s.attrs : d.attrs);
                ma.addAll(more);
                members.add(new CType.Member(d == null ? null : d.name, d == null ? s.type : d.type, width, ma));
                anyDecl = true;
                if (at(",")) {
                    pos++;
                } else {
                    break;
                }
            }
            if (!anyDecl && (s.type instanceof CType.Record || s.type instanceof CType.Enum)) {
                members.add(new CType.Member(null, s.type, null, s.attrs)); // anonymous struct/union member
            }
            if (at(";")) {
                pos++;
            } else if (pos == before || !at("}")) {
                pos = Math.max(pos, before + 1); // unreadable member: skip a token, keep going
            }
        }
        pos++;
        attrs.addAll(attributes());
        return new CType.Record(tag, kw.equals("union"), members, attrs);
    }

    /** Zero or more {@code __attribute__((...))} groups. */
    private List<Attr> attributes() {
        List<Attr> out = new ArrayList<>();
        while (peek() != null && ATTRIBUTE_WORDS.contains(peek().text)) {
            PpToken kw = peek();
            pos++;
            if (!at("(")) {
                break;
            }
            int open = pos;
            skipBalanced("(", ")");
            int close = pos - 1;
            // inside (( ... )): comma-separated name or name(args)
            int i = open + 2;
            int end = close - 1;
            while (i < end) {
                PpToken name = t.get(i);
                i++;
                List<PpToken> args = List.of();
                if (i < end && t.get(i).is("(")) {
                    int depth = 0;
                    int from = i + 1;
                    for (; i < end; i++) {
                        if (t.get(i).is("(")) {
                            depth++;
                        } else if (t.get(i).is(")") && --depth == 0) {
                            break;
                        }
                    }
                    args = new ArrayList<>(t.subList(from, Math.min(i, end)));
                    i++;
                }
                String n = name.text;
                if (n.startsWith("__") && n.endsWith("__") && n.length() > 4) {
                    n = n.substring(2, n.length() - 2);
                }
                if (name.kind == TokenKind.IDENTIFIER) {
                    out.add(new Attr(n, args, kw.srcFirst >= 0 ? Math.min(kw.srcFirst, name.srcFirst) : name.srcFirst,
                            Math.max(t.get(close).srcLast, name.srcLast)));
                }
                while (i < end && !t.get(i).is(",")) {
                    i++;
                }
                i++;
            }
        }
        return out;
    }

    private Declarator declarator(CType base, List<Attr> specAttrs, int first) {
        List<Attr> attrs = new ArrayList<>(specAttrs);
        List<int[]> dims = new ArrayList<>();
        Declarator d = direct(base, attrs, dims);
        if (d == null) {
            return null;
        }
        // after the declarator: attributes, asm labels, unexpanded attribute macros, initializer
        List<PpToken> init = null;
        while (pos < t.size()) {
            PpToken p = peek();
            if (ATTRIBUTE_WORDS.contains(p.text)) {
                attrs.addAll(attributes());
            } else if (p.is("asm") || p.is("__asm__") || p.is("__asm")) {
                pos++;
                skipBalanced("(", ")");
            } else if (p.kind == TokenKind.IDENTIFIER && d.name != null) {
                attrs.add(new Attr(p.text, List.of(), p.srcFirst, p.srcLast)); // a macro we could not expand
                pos++;
                if (at("(")) {
                    skipBalanced("(", ")");
                }
            } else {
                break;
            }
        }
        if (at("=")) {
            pos++;
            int from = pos;
            skipInitializer();
            init = new ArrayList<>(t.subList(from, pos));
        }
        return new Declarator(d.name, d.type, attrs, d.nameToken, dims, init, first, pos - 1);
    }

    /** Pointers, a (possibly parenthesized) name, then [] and () suffixes, read inside out. */
    private Declarator direct(CType base, List<Attr> attrs, List<int[]> dims) {
        while (at("*") || at("^")) {
            pos++;
            base = new CType.Pointer(base);
            while (peek() != null && (SKIP.contains(peek().text) || ATTRIBUTE_WORDS.contains(peek().text)
                    || peek().is("_Atomic"))) {
                if (ATTRIBUTE_WORDS.contains(peek().text)) {
                    attrs.addAll(attributes());
                } else {
                    pos++;
                }
            }
        }
        attrs.addAll(attributes());
        if (at("(") && nestedDeclaratorFollows()) {
            int open = pos;
            skipBalanced("(", ")");
            List<int[]> outerDims = new ArrayList<>();
            CType outer = suffixes(base, outerDims);
            int after = pos;
            pos = open + 1;
            List<int[]> innerDims = new ArrayList<>();
            Declarator inner = direct(outer, attrs, innerDims);
            pos = after;
            dims.addAll(innerDims);
            dims.addAll(outerDims);
            return inner;
        }
        PpToken name = null;
        if (peek() != null && peek().kind == TokenKind.IDENTIFIER && !ATTRIBUTE_WORDS.contains(peek().text)) {
            name = peek();
            pos++;
        }
        CType type = suffixes(base, dims);
        return new Declarator(name == null ? null : name.text, type, attrs, name, dims, null, -1, -1);
    }

    private boolean nestedDeclaratorFollows() {
        PpToken n = peek(1);
        if (n == null) {
            return false;
        }
        if (n.is("*") || n.is("^") || n.is("(") || n.is("[")) {
            return true;
        }
        if (n.kind == TokenKind.IDENTIFIER) {
            return ATTRIBUTE_WORDS.contains(n.text) || !isTypeKeyword(n.text) && !isTypedef.test(n.text)
                    && !STORAGE.contains(n.text) && peek(2) != null && (peek(2).is(")") || peek(2).is("[")
                    || peek(2).is("("));
        }
        return false;
    }

    private CType suffixes(CType base, List<int[]> dims) {
        List<Object> suffix = new ArrayList<>();
        while (at("[") || at("(")) {
            if (at("[")) {
                int open = pos;
                skipBalanced("[", "]");
                // an unclosed '[' at the end of the tokens (found by CFileFuzz) has an empty dimension
                int close = Math.max(open + 1, t.get(pos - 1).is("]") ? pos - 1 : pos);
                List<PpToken> dim = new ArrayList<>(t.subList(open + 1, close));
                dim.removeIf(x -> x.is("static") || x.is("const") || x.is("restrict") || x.is("volatile"));
                suffix.add(dim.isEmpty() ? null : dim);
                dims.add(new int[] {open + 1, close - 1});
            } else {
                skipBalanced("(", ")");
                suffix.add("fn");
            }
        }
        CType type = base;
        for (int i = suffix.size() - 1; i >= 0; i--) {
            Object s = suffix.get(i);
            if ("fn".equals(s)) {
                type = new CType.Function(type);
            } else {
                @SuppressWarnings("unchecked")
                List<PpToken> dim = (List<PpToken>) s;
                type = new CType.Array(type, dim);
            }
        }
        return type;
    }

    private void skipBalanced(String open, String close) {
        if (!at(open)) {
            return;
        }
        int depth = 0;
        while (pos < t.size()) {
            PpToken p = t.get(pos++);
            if (p.is("(") || p.is("[") || p.is("{")) {
                depth++;
            } else if (p.is(")") || p.is("]") || p.is("}")) {
                if (--depth == 0) {
                    return;
                }
            }
        }
    }

    /** To the next ',' ';' '}' ')' or ']' at depth 0 (a bit-field width or an enumerator value). */
    private void skipExpression() {
        int depth = 0;
        while (pos < t.size()) {
            PpToken p = t.get(pos);
            if (p.is("(") || p.is("[") || p.is("{")) {
                depth++;
            } else if (p.is(")") || p.is("]") || p.is("}")) {
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (depth == 0 && (p.is(",") || p.is(";") || ATTRIBUTE_WORDS.contains(p.text))) {
                return;
            }
            pos++;
        }
    }

    private void skipInitializer() {
        int depth = 0;
        while (pos < t.size()) {
            PpToken p = t.get(pos);
            if (p.is("(") || p.is("[") || p.is("{")) {
                depth++;
            } else if (p.is(")") || p.is("]") || p.is("}")) {
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (depth == 0 && (p.is(",") || p.is(";"))) {
                return;
            }
            pos++;
        }
    }
}

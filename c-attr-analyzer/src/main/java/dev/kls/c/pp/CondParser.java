package dev.kls.c.pp;

import dev.kls.c.cond.Cond;
import dev.kls.c.cond.Value;
import dev.kls.c.lex.CNumber;
import dev.kls.c.lex.LineMap;
import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import java.util.List;

/**
 * Turns the tokens of an {@code #if}/{@code #elif} line (unexpanded) into a
 * {@link Cond} over Kconfig symbols, mapping autoconf.h and kconfig.h
 * exactly: {@code defined(CONFIG_X)} is X=y, {@code CONFIG_X_MODULE} is X=m,
 * {@code IS_ENABLED} y||m, {@code IS_REACHABLE} y or (m and the file built
 * as a module, kept opaque). The smallest boolean part that mentions
 * anything else becomes an {@link Cond.Opaque} with its source text.
 */
public final class CondParser {

    private final List<Token> toks;
    private final int end;
    private final String text;
    private final LineMap lines;
    private final PpEnvironment env;
    private int pos;

    /** A parsed sub-expression: a condition, an integer term, or neither (not expressible). */
    private record Node(Cond cond, Value value, int from, int to) {
    }

    private CondParser(List<Token> toks, int from, int end, String text, LineMap lines, PpEnvironment env) {
        this.toks = toks;
        this.pos = from;
        this.end = end;
        this.text = text;
        this.lines = lines;
        this.env = env;
    }

    /** The condition of tokens [from, end) of a file. */
    public static Cond parse(List<Token> toks, int from, int end, String text, LineMap lines, PpEnvironment env) {
        if (from >= end) {
            return new Cond.Opaque("", lines.range(toks.get(Math.max(from - 1, 0)).end(),
                    toks.get(Math.max(from - 1, 0)).end()));
        }
        CondParser p = new CondParser(toks, from, end, text, lines, env);
        try {
            Node n = p.ternary();
            if (p.pos < end) {
                return p.opaque(from, end);
            }
            return p.asCond(n);
        } catch (IllegalStateException e) {
            return p.opaque(from, end);
        }
    }

    /** The condition of {@code #ifdef NAME}. */
    public static Cond defined(String name, PpEnvironment env, Cond.Opaque ifUnknown) {
        Cond c = definedAtom(name, env);
        return c != null ? c : ifUnknown;
    }

    private static Cond definedAtom(String name, PpEnvironment env) {
        if (name.startsWith("CONFIG_")) {
            String s = name.substring(7);
            if (s.endsWith("_MODULE") && s.length() > 7) {
                return new Cond.Module(s.substring(0, s.length() - 7));
            }
            return new Cond.Defined(s);
        }
        return env.definedCondition(name);
    }

    private Cond.Opaque opaque(int from, int to) {
        if (to <= from) {
            to = from + 1;
        }
        int s = toks.get(from).start();
        int e = toks.get(Math.min(to, end) - 1).end();
        String t = text.substring(s, e).replaceAll("\\\\\\r?\\n", " ").replaceAll("\\s+", " ").trim();
        return new Cond.Opaque(t, lines.range(s, e));
    }

    private Cond asCond(Node n) {
        if (n.cond != null) {
            return n.cond;
        }
        if (n.value != null) {
            if (n.value instanceof Value.Const c) {
                return c.value() != 0 ? Cond.TRUE : Cond.FALSE;
            }
            if (n.value instanceof Value.Ternary t && t.then() instanceof Value.Const a && a.value() == 1
                    && t.otherwise() instanceof Value.Const b && b.value() == 0) {
                return t.test();
            }
            return new Cond.Compare("!=", n.value, new Value.Const(0, false));
        }
        return opaque(n.from, n.to);
    }

    private static Value asValue(Node n) {
        if (n.value != null) {
            return n.value;
        }
        if (n.cond != null && !(n.cond instanceof Cond.Opaque)) {
            if (n.cond == Cond.TRUE) {
                return new Value.Const(1, false);
            }
            if (n.cond == Cond.FALSE) {
                return new Value.Const(0, false);
            }
            return new Value.Ternary(n.cond, new Value.Const(1, false), new Value.Const(0, false));
        }
        return null;
    }

    private Token peek() {
        return pos < end ? toks.get(pos) : null;
    }

    private boolean at(String s) {
        Token t = peek();
        return t != null && t.is(s);
    }

    private Token expect(String s) {
        if (!at(s)) {
            throw new IllegalStateException("expected " + s);
        }
        return toks.get(pos++);
    }

    private Node ternary() {
        int from = pos;
        Node c = binary(0);
        if (!at("?")) {
            return c;
        }
        pos++;
        Node a = ternary();
        expect(":");
        Node b = ternary();
        Value va = asValue(a);
        Value vb = asValue(b);
        Cond cc = asCond(c);
        if (va != null && vb != null) {
            return new Node(null, new Value.Ternary(cc, va, vb), from, pos);
        }
        // a boolean use: c ? a : b == (c && a) || (!c && b)
        return new Node(Cond.or(Cond.and(cc, asCond(a)), Cond.and(Cond.not(cc), asCond(b))), null, from, pos);
    }

    private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"), List.of("|"), List.of("^"),
            List.of("&"), List.of("==", "!="), List.of("<", ">", "<=", ">="), List.of("<<", ">>"), List.of("+", "-"),
            List.of("*", "/", "%"));

    private Node binary(int level) {
        if (level == LEVELS.size()) {
            return unary();
        }
        int from = pos;
        Node l = binary(level + 1);
        while (peek() != null && peek().kind() == TokenKind.PUNCTUATOR && LEVELS.get(level).contains(peek().text())) {
            String op = toks.get(pos++).text();
            Node r = binary(level + 1);
            l = combine(op, l, r, from);
        }
        return l;
    }

    private Node combine(String op, Node l, Node r, int from) {
        switch (op) {
            case "&&":
                return new Node(Cond.and(asCond(l), asCond(r)), null, from, pos);
            case "||":
                return new Node(Cond.or(asCond(l), asCond(r)), null, from, pos);
            default:
                Value a = asValue(l);
                Value b = asValue(r);
                if (a == null || b == null) {
                    return new Node(null, null, from, pos);
                }
                if (List.of("==", "!=", "<", ">", "<=", ">=").contains(op)) {
                    Cond c = new Cond.Compare(op, a, b);
                    if (a instanceof Value.Const && b instanceof Value.Const) {
                        c = c.evaluate(java.util.Map.of()) == dev.kls.c.cond.Truth.TRUE ? Cond.TRUE : Cond.FALSE;
                    }
                    return new Node(c, null, from, pos);
                }
                return new Node(null, new Value.Binary(op, a, b), from, pos);
        }
    }

    private Node unary() {
        int from = pos;
        Token t = peek();
        if (t == null) {
            throw new IllegalStateException("missing operand");
        }
        if (t.is("!")) {
            pos++;
            Node n = unary();
            return new Node(Cond.not(asCond(n)), null, from, pos);
        }
        if (t.is("-") || t.is("+") || t.is("~")) {
            pos++;
            Node n = unary();
            Value v = asValue(n);
            return new Node(null, v == null ? null : new Value.Unary(t.text(), v), from, pos);
        }
        return primary();
    }

    private Node primary() {
        int from = pos;
        Token t = toks.get(pos++);
        if (t.is("(")) {
            Node n = ternary();
            expect(")");
            return new Node(n.cond, n.value, from, pos);
        }
        if (t.kind() == TokenKind.NUMBER) {
            CNumber n = CNumber.parse(t.text());
            if (n instanceof CNumber.Int i) {
                return new Node(null, new Value.Const(i.value(), i.unsignedSuffix() || i.value() < 0), from, pos);
            }
            return new Node(null, null, from, pos);
        }
        if (t.kind() == TokenKind.CHAR) {
            String s = t.text();
            int q = s.indexOf('\'');
            long v = s.length() > q + 2 ? s.charAt(q + 1) : 0;
            if (v == '\\') {
                return new Node(null, null, from, pos);
            }
            return new Node(null, new Value.Const(v, false), from, pos);
        }
        if (t.kind() != TokenKind.IDENTIFIER) {
            throw new IllegalStateException("unexpected " + t.text());
        }
        String id = t.text();
        if (id.equals("defined")) {
            boolean paren = at("(");
            if (paren) {
                pos++;
            }
            Token name = toks.get(pos++);
            if (paren) {
                expect(")");
            }
            Cond c = definedAtom(name.text(), env);
            return new Node(c != null ? c : opaque(from, pos), null, from, pos);
        }
        if (at("(")) {
            int argFrom = pos + 1;
            skipParens();
            String only = pos - argFrom == 2 ? toks.get(argFrom).text() : null;
            if (only != null && only.startsWith("CONFIG_")) {
                String s = only.substring(7);
                switch (id) {
                    case "IS_ENABLED":
                        return new Node(Cond.enabled(s), null, from, pos);
                    case "IS_BUILTIN":
                    case "__is_defined":
                        return new Node(new Cond.Defined(s), null, from, pos);
                    case "IS_MODULE":
                        return new Node(new Cond.Module(s), null, from, pos);
                    case "IS_REACHABLE":
                        return new Node(Cond.or(new Cond.Defined(s), Cond.and(new Cond.Module(s),
                                new Cond.Opaque("defined(MODULE)", lines.range(t.start(), toks.get(pos - 1).end())))),
                                null, from, pos);
                    default:
                        break;
                }
            }
            return new Node(null, null, from, pos); // a function-like macro we do not model
        }
        if (id.startsWith("CONFIG_")) {
            String s = id.substring(7);
            if (s.endsWith("_MODULE") && s.length() > 7) {
                return new Node(new Cond.Module(s.substring(0, s.length() - 7)), null, from, pos);
            }
            return new Node(null, new Value.Sym(s), from, pos);
        }
        Value v = env.value(id);
        return new Node(null, v, from, pos);
    }

    private void skipParens() {
        int depth = 0;
        while (pos < end) {
            Token t = toks.get(pos++);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")") && --depth == 0) {
                return;
            }
        }
        throw new IllegalStateException("unbalanced parentheses");
    }
}

package dev.kls.c.pp;

import dev.kls.c.cond.Value.Evaluated;
import dev.kls.c.lex.CNumber;
import dev.kls.c.lex.TokenKind;
import java.util.List;

/**
 * Evaluates a fully expanded {@code #if} expression as the preprocessor
 * does: intmax_t/uintmax_t arithmetic, identifiers left over are 0,
 * {@code && || ?:} short-circuit (a division by zero in a branch not taken
 * is no error).
 */
final class PpExpression {

    /** Raised for an expression the compiler would reject. */
    static final class Invalid extends RuntimeException {
        Invalid(String m) {
            super(m, null, false, false);
        }
    }

    private final List<PpToken> t;
    private int pos;

    private PpExpression(List<PpToken> t) {
        this.t = t;
    }

    static long evaluate(List<PpToken> tokens) {
        PpExpression p = new PpExpression(tokens);
        Evaluated v = p.ternary(true);
        if (p.pos != tokens.size()) {
            throw new Invalid("junk after expression: " + tokens.get(p.pos).text);
        }
        return v.value();
    }

    private boolean at(String s) {
        return pos < t.size() && t.get(pos).is(s);
    }

    private Evaluated ternary(boolean live) {
        Evaluated c = binary(0, live);
        if (!at("?")) {
            return c;
        }
        pos++;
        Evaluated a = ternary(live && c.value() != 0);
        if (!at(":")) {
            throw new Invalid("missing ':'");
        }
        pos++;
        Evaluated b = ternary(live && c.value() == 0);
        boolean u = a.unsigned() || b.unsigned();
        return new Evaluated(c.value() != 0 ? a.value() : b.value(), u);
    }

    private static final String[][] LEVELS = {{"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="},
        {"<", ">", "<=", ">="}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}};

    private String opAt(int level) {
        if (pos >= t.size() || t.get(pos).kind != TokenKind.PUNCTUATOR) {
            return null;
        }
        for (String op : LEVELS[level]) {
            if (t.get(pos).text.equals(op)) {
                return op;
            }
        }
        return null;
    }

    private Evaluated binary(int level, boolean live) {
        if (level == LEVELS.length) {
            return unary(live);
        }
        Evaluated l = binary(level + 1, live);
        String op;
        while ((op = opAt(level)) != null) {
            pos++;
            if (op.equals("&&") || op.equals("||")) {
                boolean shortCut = op.equals("&&") ? l.value() == 0 : l.value() != 0;
                Evaluated r = binary(level + 1, live && !shortCut);
                l = new Evaluated(shortCut ? (op.equals("&&") ? 0 : 1) : (r.value() != 0 ? 1 : 0), false);
                continue;
            }
            Evaluated r = binary(level + 1, live);
            Evaluated v = Evaluated.binary(op, l, r);
            if (v == null) {
                if (live) {
                    throw new Invalid("undefined arithmetic in #if: " + op);
                }
                v = new Evaluated(0, false);
            }
            l = v;
        }
        return l;
    }

    private Evaluated unary(boolean live) {
        if (pos >= t.size()) {
            throw new Invalid("missing operand");
        }
        PpToken k = t.get(pos);
        if (k.is("!") || k.is("-") || k.is("+") || k.is("~")) {
            pos++;
            Evaluated v = unary(live);
            switch (k.text) {
                case "!":
                    return new Evaluated(v.value() == 0 ? 1 : 0, false);
                case "-":
                    return new Evaluated(-v.value(), v.unsigned());
                case "~":
                    return new Evaluated(~v.value(), v.unsigned());
                default:
                    return v;
            }
        }
        pos++;
        if (k.is("(")) {
            Evaluated v = ternary(live);
            if (!at(")")) {
                throw new Invalid("missing ')'");
            }
            pos++;
            return v;
        }
        if (k.kind == TokenKind.NUMBER) {
            CNumber n = CNumber.parse(k.text);
            if (n instanceof CNumber.Int i) {
                return new Evaluated(i.value(), i.unsignedSuffix() || (i.value() < 0));
            }
            throw new Invalid("not an integer: " + k.text);
        }
        if (k.kind == TokenKind.CHAR) {
            return new Evaluated(charValue(k.text), false);
        }
        if (k.kind == TokenKind.IDENTIFIER) {
            return new Evaluated(0, false); // C11 6.10.1p4: remaining identifiers are 0
        }
        throw new Invalid("unexpected '" + k.text + "' in #if");
    }

    static long charValue(String s) {
        int q = s.indexOf('\'');
        String body = s.substring(q + 1, Math.max(q + 1, s.length() - 1));
        if (body.isEmpty()) {
            return 0;
        }
        if (body.charAt(0) != '\\') {
            return body.charAt(0);
        }
        if (body.length() < 2) {
            return '\\';
        }
        char c = body.charAt(1);
        switch (c) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
                return Long.parseLong(body.substring(1).replaceAll("[^0-7].*", ""), 8);
            case 'x':
                try {
                    return Long.parseLong(body.substring(2), 16);
                } catch (NumberFormatException e) {
                    return 0;
                }
            case 'a': return 7;
            case 'b': return 8;
            case 'f': return 12;
            case 'v': return 11;
            case 'e': return 27;
            default: return c;
        }
    }
}

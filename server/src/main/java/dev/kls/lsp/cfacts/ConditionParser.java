package dev.kls.lsp.cfacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses an #if expression into a {@link CCondition}; what it cannot read becomes {@link CCondition.Unknown}. */
final class ConditionParser {

    private static final Set<String> TESTS = Set.of("IS_ENABLED", "IS_BUILTIN", "IS_MODULE", "IS_REACHABLE");
    private static final Set<String> BINARY = Set.of("==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "&",
            "|", "^", "<<", ">>", "?", ":");

    private final List<String> tokens;
    private final String text;
    private int pos;

    private ConditionParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    static CCondition parse(String text) {
        ConditionParser p = new ConditionParser(text);
        if (p.tokens.isEmpty()) {
            return new CCondition.Unknown(text);
        }
        try {
            CCondition c = p.or();
            return p.pos == p.tokens.size() ? c : new CCondition.Unknown(text);
        } catch (IllegalStateException e) {
            return new CCondition.Unknown(text); // malformed: say nothing about it
        }
    }

    private CCondition or() {
        CCondition c = and();
        while (accept("||")) {
            c = new CCondition.Or(c, and());
        }
        return c;
    }

    private CCondition and() {
        CCondition c = operand();
        while (accept("&&")) {
            c = new CCondition.And(c, operand());
        }
        return c;
    }

    /** A unary followed by any arithmetic or comparison: those are not evaluated. */
    private CCondition operand() {
        CCondition c = unary();
        while (pos < tokens.size() && BINARY.contains(tokens.get(pos))) {
            pos++;
            unary();
            c = new CCondition.Unknown(text);
        }
        return c;
    }

    private CCondition unary() {
        if (accept("!")) {
            return new CCondition.Not(unary());
        }
        if (accept("-") || accept("~") || accept("+")) {
            unary();
            return new CCondition.Unknown(text);
        }
        return primary();
    }

    private CCondition primary() {
        String t = next();
        if (t.equals("(")) {
            CCondition c = or();
            expect(")");
            return c;
        }
        if (t.equals("defined")) {
            boolean paren = accept("(");
            String name = next();
            if (paren) {
                expect(")");
            }
            return new CCondition.Defined(name);
        }
        if (TESTS.contains(t) && accept("(")) {
            String name = next();
            expect(")");
            return new CCondition.Test(t, name);
        }
        if (Character.isDigit(t.charAt(0))) {
            String digits = t.replaceAll("[uUlL]+$", "");
            try {
                return new CCondition.Const(Long.decode(digits)); // C's 0x and leading-0 octal, as decode reads them
            } catch (NumberFormatException e) {
                return new CCondition.Unknown(t);
            }
        }
        if (SimpleCScanner.isWord(t.charAt(0))) {
            if (accept("(")) { // a function-like macro: skip its arguments
                int depth = 1;
                while (depth > 0) {
                    String a = next();
                    depth += a.equals("(") ? 1 : a.equals(")") ? -1 : 0;
                }
                return new CCondition.Unknown(text);
            }
            return t.startsWith(CCondition.PREFIX) ? new CCondition.Macro(t) : new CCondition.Unknown(t);
        }
        throw new IllegalStateException("unexpected " + t);
    }

    private boolean accept(String s) {
        if (pos < tokens.size() && tokens.get(pos).equals(s)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String s) {
        if (!accept(s)) {
            throw new IllegalStateException("expected " + s);
        }
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new IllegalStateException("unexpected end");
        }
        return tokens.get(pos++);
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (SimpleCScanner.isWord(c)) {
                int e = i;
                while (e < s.length() && SimpleCScanner.isWord(s.charAt(e))) {
                    e++;
                }
                out.add(s.substring(i, e));
                i = e;
            } else if (i + 1 < s.length() && Set.of("&&", "||", "==", "!=", "<=", ">=", "<<", ">>")
                    .contains(s.substring(i, i + 2))) {
                out.add(s.substring(i, i + 2));
                i += 2;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }
}

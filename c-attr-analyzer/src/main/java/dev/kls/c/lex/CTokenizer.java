package dev.kls.c.lex;

import java.util.ArrayList;
import java.util.List;

/**
 * The C preprocessing tokenizer (C11 5.1.1.2 phases 1-3). Backslash-newline
 * is removed wherever it occurs, yet every token's offsets point into the
 * original text. It never fails: an unterminated comment, string or char
 * ends at the end of the line (or file) and a stray character becomes an
 * {@link TokenKind#OTHER} token, as gcc carries on after such errors.
 */
public final class CTokenizer {

    private static final String[] PUNCT3 = {"...", "<<=", ">>="};
    private static final String[] PUNCT2 = {"->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=",
        "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##"};
    private static final String PUNCT1 = "[](){}.&*+-~!/%<>^|?:;=,#";

    private final String logical;
    /** Logical offset to original offset; null when the text has no continuation. */
    private final int[] map;
    private final int originalLength;
    private int pos;
    private boolean bol = true;
    private boolean space;

    private CTokenizer(String text) {
        originalLength = text.length();
        if (text.indexOf('\\') < 0) {
            logical = text;
            map = null;
        } else {
            StringBuilder sb = new StringBuilder(text.length());
            int[] m = new int[text.length() + 1];
            int n = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    int j = i + 1;
                    // gcc accepts white space between the backslash and the newline (with a warning)
                    while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                        j++;
                    }
                    if (j < text.length() && text.charAt(j) == '\r') {
                        j++;
                    }
                    if (j < text.length() && text.charAt(j) == '\n') {
                        i = j;
                        continue;
                    }
                }
                m[n++] = i;
                sb.append(c);
            }
            m[n] = text.length();
            logical = sb.toString();
            map = m;
        }
    }

    /** All tokens of a file, comments dropped. */
    public static List<Token> tokenize(String text) {
        CTokenizer t = new CTokenizer(text);
        List<Token> out = new ArrayList<>(text.length() / 5 + 16);
        Token tok;
        while ((tok = t.next()) != null) {
            out.add(tok);
        }
        return out;
    }

    private int orig(int logicalOffset) {
        return map == null ? logicalOffset : map[logicalOffset];
    }

    private char at(int i) {
        return i < logical.length() ? logical.charAt(i) : '\0';
    }

    private Token next() {
        skipSpaceAndComments();
        if (pos >= logical.length()) {
            return null;
        }
        int start = pos;
        char c = logical.charAt(pos);
        TokenKind kind;
        if (isStringPrefixStart(c) && stringPrefixLength() > 0) {
            int p = stringPrefixLength();
            char q = at(pos + p);
            pos += p;
            kind = q == '"' ? TokenKind.STRING : TokenKind.CHAR;
            quoted(q);
        } else if (Character.isLetter(c) || c == '_' || c == '$' || c >= 0x80) {
            pos++;
            while (pos < logical.length()) {
                char d = logical.charAt(pos);
                if (Character.isLetterOrDigit(d) || d == '_' || d == '$' || d >= 0x80) {
                    pos++;
                } else {
                    break;
                }
            }
            kind = TokenKind.IDENTIFIER;
        } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(at(pos + 1)))) {
            ppNumber();
            kind = TokenKind.NUMBER;
        } else if (c == '"' || c == '\'') {
            kind = c == '"' ? TokenKind.STRING : TokenKind.CHAR;
            quoted(c);
        } else {
            kind = punctuator() ? TokenKind.PUNCTUATOR : TokenKind.OTHER;
        }
        Token t = new Token(kind, logical.substring(start, pos), orig(start), endOffset(pos), bol, space);
        bol = false;
        space = false;
        return t;
    }

    /** The original offset just after the token (its last char + 1). */
    private int endOffset(int logicalEnd) {
        return logicalEnd == 0 ? 0 : (map == null ? logicalEnd : map[logicalEnd - 1] + 1);
    }

    private static boolean isStringPrefixStart(char c) {
        return c == 'L' || c == 'u' || c == 'U';
    }

    /** Length of an encoding prefix (L, u, U, u8) directly followed by a quote, else 0. */
    private int stringPrefixLength() {
        char c = at(pos);
        if (c == 'u' && at(pos + 1) == '8' && (at(pos + 2) == '"' || at(pos + 2) == '\'')) {
            return 2;
        }
        char q = at(pos + 1);
        return q == '"' || q == '\'' ? 1 : 0;
    }

    private void quoted(char q) {
        pos++;
        while (pos < logical.length()) {
            char d = logical.charAt(pos);
            if (d == '\\' && pos + 1 < logical.length() && logical.charAt(pos + 1) != '\n') {
                pos += 2;
            } else if (d == q) {
                pos++;
                return;
            } else if (d == '\n') {
                return; // unterminated: ends at the line, as gcc recovers
            } else {
                pos++;
            }
        }
    }

    private void ppNumber() {
        pos++;
        while (pos < logical.length()) {
            char d = logical.charAt(pos);
            if ((d == '+' || d == '-') && "eEpP".indexOf(logical.charAt(pos - 1)) >= 0) {
                pos++;
            } else if (Character.isLetterOrDigit(d) || d == '_' || d == '.') {
                pos++;
            } else if (d == '\'' && Character.isLetterOrDigit(at(pos + 1))) {
                pos++; // C23 digit separator
            } else {
                break;
            }
        }
    }

    private boolean punctuator() {
        for (String p : PUNCT3) {
            if (logical.startsWith(p, pos)) {
                pos += 3;
                return true;
            }
        }
        for (String p : PUNCT2) {
            if (logical.startsWith(p, pos)) {
                pos += 2;
                return true;
            }
        }
        boolean known = PUNCT1.indexOf(logical.charAt(pos)) >= 0;
        pos++;
        return known;
    }

    private void skipSpaceAndComments() {
        while (pos < logical.length()) {
            char c = logical.charAt(pos);
            if (c == '\n') {
                bol = true;
                space = true;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b') {
                space = true;
                pos++;
            } else if (c == '/' && at(pos + 1) == '*') {
                int e = logical.indexOf("*/", pos + 2);
                pos = e < 0 ? logical.length() : e + 2;
                space = true;
            } else if (c == '/' && at(pos + 1) == '/') {
                int e = logical.indexOf('\n', pos);
                pos = e < 0 ? logical.length() : e;
                space = true;
            } else {
                return;
            }
        }
    }

    /** Length of the original text, for callers mapping an end-of-file position. */
    int originalLength() {
        return originalLength;
    }
}

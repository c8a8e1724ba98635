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

    private final String logical;
    /**
     * Where line continuations were removed: at logical offset {@code cutAt[k]}
     * the original text had dropped {@code cutTotal[k]} characters in all so far.
     * Empty when the text has none (the usual case for most lines).
     */
    private final int[] cutAt;
    private final int[] cutTotal;
    private final int cuts;
    private final int originalLength;
    private int pos;
    private boolean bol = true;
    private boolean space;

    private CTokenizer(String text) {
        originalLength = text.length();
        int[] at = new int[8];
        int[] total = new int[8];
        int n = 0;
        StringBuilder sb = null;
        int copied = 0; // original text before this is in sb
        int removed = 0;
        for (int i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i + 1)) {
            int j = i + 1;
            // gcc accepts white space between the backslash and the newline (with a warning)
            while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j++;
            }
            if (j < text.length() && text.charAt(j) == '\r') {
                j++;
            }
            if (j >= text.length() || text.charAt(j) != '\n') {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, copied, i);
            copied = j + 1;
            removed += j + 1 - i;
            if (n == at.length) {
                at = java.util.Arrays.copyOf(at, n * 2);
                total = java.util.Arrays.copyOf(total, n * 2);
            }
            at[n] = sb.length();
            total[n] = removed;
            n++;
            i = j;
        }
        if (sb == null) {
            logical = text;
        } else {
            sb.append(text, copied, text.length());
            logical = sb.toString();
        }
        cutAt = at;
        cutTotal = total;
        cuts = n;
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

    /** The original offset of the character at a logical offset (the text's length for the end). */
    private int orig(int logicalOffset) {
        if (cuts == 0 || logicalOffset < cutAt[0]) {
            return logicalOffset;
        }
        // the last cut at or before the offset
        int lo = 0;
        int hi = cuts - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cutAt[mid] <= logicalOffset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return logicalOffset + cutTotal[lo];
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
        } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c >= 0x80) {
            pos++;
            int n = logical.length();
            while (pos < n && identifierPart(logical.charAt(pos))) {
                pos++;
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

    /** Letters, digits, '_', '$' and anything beyond ASCII (gcc takes UTF-8 in identifiers). */
    private static boolean identifierPart(char d) {
        return d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z' || d >= '0' && d <= '9' || d == '_' || d == '$' || d >= 0x80;
    }

    /** The original offset just after the token (its last char + 1). */
    private int endOffset(int logicalEnd) {
        return logicalEnd == 0 ? 0 : orig(logicalEnd - 1) + 1;
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

    /** The longest punctuator at pos (C11 6.4.6, no digraphs); false for a stray character (still consumed). */
    private boolean punctuator() {
        char c = logical.charAt(pos);
        char d = at(pos + 1);
        int len;
        switch (c) {
            case '.':
                len = d == '.' && at(pos + 2) == '.' ? 3 : 1;
                break;
            case '<':
            case '>':
                len = d == c ? (at(pos + 2) == '=' ? 3 : 2) : d == '=' ? 2 : 1;
                break;
            case '-':
                len = d == '>' || d == '-' || d == '=' ? 2 : 1;
                break;
            case '+':
            case '&':
            case '|':
                len = d == c || d == '=' ? 2 : 1;
                break;
            case '=':
            case '!':
            case '*':
            case '/':
            case '%':
            case '^':
                len = d == '=' ? 2 : 1;
                break;
            case '#':
                len = d == '#' ? 2 : 1;
                break;
            case '[':
            case ']':
            case '(':
            case ')':
            case '{':
            case '}':
            case '~':
            case '?':
            case ':':
            case ';':
            case ',':
                len = 1;
                break;
            default:
                pos++;
                return false;
        }
        pos += len;
        return true;
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

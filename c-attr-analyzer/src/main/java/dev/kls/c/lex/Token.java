package dev.kls.c.lex;

/**
 * One preprocessing token. {@code text} is its spelling with line
 * continuations removed; {@code start}/{@code end} are offsets into the
 * ORIGINAL file text (end exclusive), so a range still covers any
 * backslash-newline inside the token. {@code bol}: first token of a logical
 * line (a '#' there starts a directive); {@code space}: white space or a
 * comment comes right before it.
 */
public record Token(TokenKind kind, String text, int start, int end, boolean bol, boolean space) {

    public boolean is(String s) {
        return text.equals(s) && kind != TokenKind.STRING && kind != TokenKind.CHAR;
    }

    public boolean isIdentifier() {
        return kind == TokenKind.IDENTIFIER;
    }

    @Override
    public String toString() {
        return text;
    }
}

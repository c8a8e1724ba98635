package dev.kls.c.lex;

/** The preprocessing-token classes of C11 6.4, plus comments kept for tools that want them. */
public enum TokenKind {
    IDENTIFIER, NUMBER, CHAR, STRING, PUNCTUATOR,
    /** A character that fits no other class (a stray '\' or '@'): kept, never an error. */
    OTHER
}

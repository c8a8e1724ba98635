package dev.kls.c;

import dev.kls.c.lex.Token;

/**
 * A kind of token a caller looks for (a rule's cheap pre-filter: "a piece of
 * one of these section names", "this function's name"), for
 * {@link CProject#filesMentioning}, {@link CFile#mentions} and
 * {@link CFile#objectsMentioning}. A file mentions it when one of its tokens
 * matches, or names a macro any of whose definitions (any #if branch, any
 * header) holds a matching token or names such a macro in turn.
 *
 * <p>Implementations are values (records): equal interests share the
 * project's caches, so {@link #matches} must depend only on what
 * {@code equals} compares.
 */
public interface TokenInterest {

    /** Whether this token (of a file or of a macro body) is one looked for. */
    boolean matches(Token t);
}

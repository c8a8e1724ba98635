package dev.kls.c.pp;

import dev.kls.kconfig.SourceRange;

/**
 * One preprocessing directive: its name ("if", "define", ... ; "" for a null
 * directive), the token index of '#', the argument tokens [{@code first},
 * {@code end}), the branch enclosing the directive line (-1 top level) and,
 * for #if/#ifdef/#ifndef/#elif/#else, the branch it opens.
 */
public record Directive(String name, int hash, int first, int end, int enclosing, int opens, SourceRange range) {
}

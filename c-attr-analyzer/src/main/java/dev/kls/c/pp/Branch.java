package dev.kls.c.pp;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.SourceRange;

/**
 * One branch of a conditional block: the text after {@code #if/#ifdef/#ifndef/#elif/#else}
 * up to the next branch or {@code #endif}. {@code condition} is the directive's own test;
 * {@code effective} adds the negation of the earlier branches of the block;
 * {@code parent} is the branch enclosing the block (-1 at top level).
 * {@code bodyStart}/{@code bodyEnd} are offsets in the file text.
 */
public record Branch(int id, int block, int parent, String kind, Cond condition, Cond effective,
        SourceRange directive, int directiveIndex, int bodyStart, int bodyEnd, boolean firstLive) {
}

package dev.kls.c;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.SourceRange;
import java.util.List;

/**
 * An #if/#ifdef/#ifndef ... #endif block: its whole range, its branches in
 * order, and whether it is the file's include guard.
 */
public record ConditionalBlock(SourceRange range, List<Branch> branches, boolean includeGuard) {

    /**
     * {@code directive}: "if", "ifdef", "ifndef", "elif", "else";
     * {@code condition}: the branch's own test with earlier branches negated;
     * {@code presence}: that and every enclosing block's, i.e. when the body
     * is compiled; {@code body}: from the line after the directive to the
     * next branch or #endif.
     */
    public record Branch(String directive, Cond condition, Cond presence, SourceRange directiveRange, SourceRange body) {
    }
}

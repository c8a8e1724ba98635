package dev.kls.lsp.cfacts;

import dev.kls.kconfig.SourceRange;
import java.util.List;
import java.util.Set;

/**
 * What a C file says about configuration.
 *
 * @param refs    every CONFIG_ name in code (not in comments or strings)
 * @param blocks  every #if/#ifdef/#ifndef block, nested ones included, in order of their #endif
 * @param defines CONFIG_ names the file #defines itself (they are not Kconfig's to decide)
 */
public record CFacts(List<ConfigRef> refs, List<CondBlock> blocks, Set<String> defines) {

    /**
     * One {@code CONFIG_NAME}. {@code symbol} is NAME; {@code range} covers the
     * whole token, prefix included.
     */
    public record ConfigRef(String symbol, SourceRange range, boolean inDirective) {
    }

    /** An #if ... #endif block; {@code endLine} is the line of its #endif (1-based). */
    public record CondBlock(List<Branch> branches, int endLine) {

        public int startLine() {
            return branches.get(0).line();
        }
    }

    /**
     * One branch: its directive ({@code if}, {@code ifdef}, {@code ifndef},
     * {@code elif}, {@code else}) on {@code line}, its body up to {@code endLine}
     * (the line before the next directive of the block), and its condition
     * ({@code CCondition.TRUE} for #else).
     */
    public record Branch(String directive, int line, int endLine, CCondition condition, String text) {
    }
}

package dev.kls.diagnostics;

import dev.kls.kconfig.SourceRange;

/** Replace the text of {@code range} (end exclusive; empty for an insertion) with {@code newText}. */
public record TextEdit(SourceRange range, String newText) {

    /** Deletes whole lines {@code first..last} of {@code file}, line ends included. */
    public static TextEdit deleteLines(String file, int first, int last) {
        return new TextEdit(new SourceRange(file, first, 1, last + 1, 1), "");
    }
}

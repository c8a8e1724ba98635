package dev.kls.lsp;

import dev.kls.kconfig.SourceRange;

/**
 * One place a config symbol's name is written. {@code range} covers the name
 * only (for {@code CONFIG_X_MODULE} in C it covers {@code X_MODULE}; the
 * prefix is never part of it), so that a rename edits exactly that range.
 */
public record Occurrence(String name, SourceRange range, Kind kind) {

    public enum Kind {
        /** {@code config NAME} / {@code menuconfig NAME} in a Kconfig file. */
        DEFINITION,
        /** A use in a Kconfig expression, select, imply, range. */
        KCONFIG,
        /** {@code CONFIG_NAME} in C, assembler, a Makefile or a .config. */
        CONFIG_MACRO
    }

    /**
     * Whether this occurrence names {@code symbol}: its own name, or for C and
     * Makefiles {@code symbol_MODULE} (the macro autoconf.h defines for m).
     */
    public boolean names(String symbol) {
        return name.equals(symbol) || kind == Kind.CONFIG_MACRO && name.length() == symbol.length() + 7
                && name.startsWith(symbol) && name.endsWith("_MODULE");
    }

    /** The range of {@code symbol} inside this occurrence (the part a rename replaces). */
    public SourceRange rangeOf(String symbol) {
        return new SourceRange(range.file(), range.startLine(), range.startColumn(), range.startLine(),
                range.startColumn() + symbol.length());
    }
}

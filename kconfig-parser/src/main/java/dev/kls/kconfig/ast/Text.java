package dev.kls.kconfig.ast;

import dev.kls.kconfig.SourceRange;

/**
 * A word or a quoted string as written ({@code raw}, macros unexpanded, no
 * quotes) and as Kconfig sees it after macro expansion ({@code value}).
 * {@code unevaluated} is true when the value depends on a macro that was not
 * evaluated (a {@code $(shell,...)} that was not allowed to run); the value is
 * then not to be trusted.
 */
public record Text(String value, String raw, boolean unevaluated, SourceRange range) {

    public static Text of(String value) {
        return new Text(value, value, false, SourceRange.NONE);
    }

    public boolean hasMacros() {
        return raw.indexOf('$') >= 0;
    }
}

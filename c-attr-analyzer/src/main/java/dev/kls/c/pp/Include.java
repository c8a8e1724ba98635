package dev.kls.c.pp;

import dev.kls.kconfig.SourceRange;

/** An {@code #include}/{@code #include_next}: the header as written, or null when computed by a macro. */
public record Include(String header, boolean angled, boolean next, int directiveIndex, int branch, SourceRange range) {
}

package dev.kls.c;

import dev.kls.kconfig.SourceRange;

/** An occurrence of a CONFIG_ identifier: the Kconfig symbol it names, the identifier as written, where. */
public record ConfigReference(String symbol, String identifier, SourceRange range, boolean inDirective) {
}

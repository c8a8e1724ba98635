package dev.kls.kconfig.eval;

import dev.kls.kconfig.ast.SymbolType;

/**
 * The computed state of one config symbol.
 *
 * @param type       null when the symbol was never given a type
 * @param value      as .config writes it: n/m/y, a number, or a string without quotes
 * @param tristate   the value of a bool/tristate (NO for other types)
 * @param visibility how far the user may set it: NO when it has no visible prompt
 * @param written    whether it appears in the .config (set or "is not set")
 */
public record SymbolValue(String name, SymbolType type, String value, Tristate tristate, Tristate visibility,
        boolean written) {
}

package dev.kls.kconfig.semantics;

import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;

/** The values of one configuration, as a {@link Formula} reads them. */
public interface Valuation {

    /** A symbol's tristate value: NO for undefined words and for int, hex and string symbols, as conf. */
    Tristate tristate(String symbol);

    /** sym_get_string_value: n/m/y, the number or the string; null for an undefined or untyped word. */
    String value(String symbol);

    /** The symbol's type; null for undefined or untyped words (they then act as constants named by themselves). */
    SymbolType type(String symbol);

    /**
     * What autoconf.h makes of the symbol: its .config value when conf writes it
     * ("y", "m", a number, a string), null when it is not written or "is not set".
     * By default the value of a written-looking symbol; {@link #of} uses conf's own flag.
     */
    default String autoconf(String symbol) {
        String v = value(symbol);
        return v == null || v.isEmpty() || v.equals("n") ? null : v;
    }

    /** The configuration conf-exact evaluation computed. */
    static Valuation of(ConfigResult result) {
        return new Valuation() {
            @Override
            public Tristate tristate(String s) {
                SymbolValue v = result.symbol(s);
                return v == null ? Tristate.NO : v.tristate();
            }

            @Override
            public String value(String s) {
                SymbolValue v = result.symbol(s);
                return v == null || v.type() == null ? null : v.value();
            }

            @Override
            public String autoconf(String s) {
                SymbolValue v = result.symbol(s);
                return v == null || !v.written() || v.type() == null || v.value().equals("n") ? null : v.value();
            }

            @Override
            public SymbolType type(String s) {
                SymbolValue v = result.symbol(s);
                return v == null ? null : v.type();
            }
        };
    }
}

package dev.kls.diagnostics;

/** One step of a witness: a config symbol (without CONFIG_) and its value as .config spells it. */
public record Assignment(String symbol, String value) {

    @Override
    public String toString() {
        return symbol + "=" + value;
    }
}

package dev.kls.kconfig.ast;

/** The type of a config symbol, spelled as in Kconfig. */
public enum SymbolType {
    BOOL("bool"), TRISTATE("tristate"), INT("int"), HEX("hex"), STRING("string");

    private final String keyword;

    SymbolType(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public boolean isLogic() {
        return this == BOOL || this == TRISTATE;
    }
}

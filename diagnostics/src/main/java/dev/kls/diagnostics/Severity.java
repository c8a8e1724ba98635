package dev.kls.diagnostics;

import java.util.Locale;

/** How bad a finding is, in the four levels the LSP uses (SARIF folds info and hint into "note"). */
public enum Severity {
    ERROR, WARNING, INFO, HINT;

    /** Lower case, as printed and as written in settings: error, warning, info, hint. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is as bad as {@code other} or worse. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** The severity whose label is {@code text}, or null. */
    public static Severity ofLabel(String text) {
        for (Severity s : values()) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        return null;
    }

    /** A Kconfig front-end diagnostic's severity as a finding's. */
    public static Severity of(dev.kls.kconfig.KconfigSeverity s) {
        return switch (s) {
            case ERROR -> ERROR;
            case WARNING -> WARNING;
            case NOTE -> INFO;
        };
    }
}

package dev.kls.kconfig;

/** How bad a diagnostic is, in the words gcc and the LSP use. */
public enum KconfigSeverity {
    ERROR, WARNING, NOTE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.kls.kconfig;

/** A problem found while reading Kconfig, with where it is. */
public record Diagnostic(KconfigSeverity severity, SourceRange range, String message) {

    public static Diagnostic error(SourceRange range, String message) {
        return new Diagnostic(KconfigSeverity.ERROR, range, message);
    }

    public static Diagnostic warning(SourceRange range, String message) {
        return new Diagnostic(KconfigSeverity.WARNING, range, message);
    }

    public static Diagnostic note(SourceRange range, String message) {
        return new Diagnostic(KconfigSeverity.NOTE, range, message);
    }

    /** {@code file:line:col: severity: message}, the form gcc and editors' problem matchers read. */
    public String format() {
        return range + ": " + severity.label() + ": " + message;
    }
}

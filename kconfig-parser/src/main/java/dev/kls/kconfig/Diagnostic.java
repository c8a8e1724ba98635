package dev.kls.kconfig;

import java.util.List;
import java.util.Objects;

/**
 * A problem found while reading Kconfig or a .config, with where it is. The message is for people (the
 * kernel's wording where the kernel reports the same thing); {@link #code} and {@link #subject} are for
 * programs: rules and conf's own output decide on them, never on the words.
 *
 * @param code    what kind of problem it is; {@link Code#NONE} for those no program decides on
 * @param subject the symbol it is about, where there is one (the unmet dependency's target, the unknown
 *                symbol of a .config line); empty otherwise
 * @param related other symbols it names, as data (an unmet dependency: the symbols whose select forced the
 *                target, as its "Selected by" lists show them); empty for most
 */
public record Diagnostic(KconfigSeverity severity, SourceRange range, String message, Code code, String subject,
        List<String> related) {

    /** The kinds of problem something other than a person reads. */
    public enum Code {
        /** Everything else: reported as it is worded. */
        NONE,
        // menu.c's checks of the menu model
        SYMBOL_WITHOUT_TYPE,
        CHOICE_WITHOUT_PROMPT,
        CHOICE_VALUE_WITHOUT_PROMPT,
        /** A select (or imply, {@link #IMPLY_NON_BOOL}) where the selector or the target is not bool/tristate. */
        SELECT_NON_BOOL,
        IMPLY_NON_BOOL,
        RANGE_NOT_NUMERIC,
        RANGE_INVALID,
        // the evaluator
        /** symbol.c's "unmet direct dependencies detected for X": subject X. */
        UNMET_DIRECT_DEPENDENCIES,
        // reading a .config: what conf says nothing about, kls notes (the line is ignored or dropped)
        /** A CONFIG_ line for a symbol the tree does not define: subject the name. */
        UNKNOWN_SYMBOL,
        LINE_WITHOUT_EQUALS,
        STRING_NOT_QUOTED,
        VALUE_OF_UNTYPED_SYMBOL;

        /** Whether conf reads a .config with this problem silently (kls's own note about an ignored line). */
        public boolean confSilent() {
            return this == UNKNOWN_SYMBOL || this == LINE_WITHOUT_EQUALS || this == STRING_NOT_QUOTED
                    || this == VALUE_OF_UNTYPED_SYMBOL;
        }
    }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(subject, "subject");
        related = List.copyOf(related);
    }

    /** A problem no program decides on. */
    public Diagnostic(KconfigSeverity severity, SourceRange range, String message) {
        this(severity, range, message, Code.NONE, "", List.of());
    }

    public static Diagnostic error(SourceRange range, String message) {
        return new Diagnostic(KconfigSeverity.ERROR, range, message);
    }

    public static Diagnostic warning(SourceRange range, String message) {
        return new Diagnostic(KconfigSeverity.WARNING, range, message);
    }

    public static Diagnostic note(SourceRange range, String message) {
        return new Diagnostic(KconfigSeverity.NOTE, range, message);
    }

    /** This diagnostic with a code and the symbol it is about. */
    public Diagnostic coded(Code code, String subject) {
        return new Diagnostic(severity, range, message, code, subject, related);
    }

    /** This diagnostic with a code, the symbol it is about and the others it names. */
    public Diagnostic coded(Code code, String subject, List<String> related) {
        return new Diagnostic(severity, range, message, code, subject, related);
    }

    /** This diagnostic with a code, about no symbol in particular. */
    public Diagnostic coded(Code code) {
        return coded(code, "");
    }

    /** {@code file:line:col: severity: message}, the form gcc and editors' problem matchers read. */
    public String format() {
        return range + ": " + severity.label() + ": " + message;
    }
}

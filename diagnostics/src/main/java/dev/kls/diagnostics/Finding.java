package dev.kls.diagnostics;

import dev.kls.kconfig.SourceRange;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a rule found: a plain immutable value, free of LSP and report types, that
 * the server turns into a Diagnostic and CodeActions and the CLI into text,
 * JSON or SARIF.
 *
 * @param ruleId    the kebab-case id of the rule (also the suppression name and SARIF ruleId)
 * @param severity  after workspace settings are applied
 * @param range     where; the file is relative to the tree ("" when the finding has no place, as internal errors)
 * @param message   one line, in the kernel's wording where it has one
 * @param condition when it fires, never null ({@link Condition#ALWAYS} when it holds always; not exact
 *                  when only the rule can decide part of it)
 * @param witness   the fewest symbol assignments that make it fire, in order; empty when none is needed
 * @param related   other places that explain it
 * @param fixes     quick fixes, the preferred first
 */
public record Finding(String ruleId, Severity severity, SourceRange range, String message, Condition condition,
        List<Assignment> witness, List<RelatedLocation> related, List<Fix> fixes) {

    public Finding {
        if (condition == null) {
            throw new IllegalArgumentException("a finding's condition is never null; use Condition.ALWAYS");
        }
        witness = List.copyOf(witness);
        related = List.copyOf(related);
        fixes = List.copyOf(fixes);
    }

    /** A finding with no condition, witness, related locations or fixes yet. */
    public static Finding of(String ruleId, Severity severity, SourceRange range, String message) {
        return new Finding(ruleId, severity, range, message, Condition.ALWAYS, List.of(), List.of(), List.of());
    }

    public String file() {
        return range.file();
    }

    /** Whether it points into a file (internal errors and some settings problems do not). */
    public boolean hasLocation() {
        return !range.file().isEmpty() && range.startLine() > 0;
    }

    /** The witness as {@code X86_32=y XEN=y}, the form of the "when:" line. */
    public String witnessText() {
        return witness.stream().map(Assignment::toString).collect(Collectors.joining(" "));
    }

    public Finding withSeverity(Severity s) {
        return new Finding(ruleId, s, range, message, condition, witness, related, fixes);
    }

    public Finding withCondition(Condition c) {
        return new Finding(ruleId, severity, range, message, c, witness, related, fixes);
    }

    public Finding withWitness(List<Assignment> w) {
        return new Finding(ruleId, severity, range, message, condition, w, related, fixes);
    }

    public Finding withRelated(List<RelatedLocation> r) {
        return new Finding(ruleId, severity, range, message, condition, witness, r, fixes);
    }

    public Finding withFixes(List<Fix> f) {
        return new Finding(ruleId, severity, range, message, condition, witness, related, f);
    }
}

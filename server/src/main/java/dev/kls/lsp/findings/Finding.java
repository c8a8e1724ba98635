package dev.kls.lsp.findings;

import dev.kls.kconfig.SourceRange;
import java.util.List;

/**
 * A problem to show in the editor, LSP-free: the shape the diagnostics engine's
 * findings are turned into. {@code ruleId} becomes the diagnostic's code;
 * {@code witness} (the assignments that make it fire, or null) is shown with it.
 */
public record Finding(String ruleId, Level level, SourceRange range, String message, String witness,
        List<Fix> fixes) {

    public enum Level {
        ERROR, WARNING, INFORMATION, HINT
    }

    /** A quick fix: a title and the text edits it makes (possibly in several files). */
    public record Fix(String title, List<Edit> edits) {
    }

    /** Replace {@code range} with {@code newText}. */
    public record Edit(SourceRange range, String newText) {
    }
}

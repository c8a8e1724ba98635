package dev.kls.lsp;

import dev.kls.kconfig.SourceRange;
import dev.kls.lsp.findings.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/** Engine values to LSP types: ranges, findings, edits. */
public final class Lsp {

    private Lsp() {
    }

    /** 1-based, end-exclusive columns to 0-based LSP positions (both count UTF-16 units). */
    public static Range range(SourceRange r) {
        return new Range(new Position(Math.max(0, r.startLine() - 1), Math.max(0, r.startColumn() - 1)),
                new Position(Math.max(0, r.endLine() - 1), Math.max(0, r.endColumn() - 1)));
    }

    public static boolean contains(SourceRange r, Position p) {
        int line = p.getLine() + 1;
        int col = p.getCharacter() + 1;
        if (line < r.startLine() || line > r.endLine()) {
            return false;
        }
        if (line == r.startLine() && col < r.startColumn()) {
            return false;
        }
        return line != r.endLine() || col <= r.endColumn();
    }

    public static boolean overlaps(SourceRange r, Range q) {
        Range a = range(r);
        return !(before(a.getEnd(), q.getStart()) || before(q.getEnd(), a.getStart()));
    }

    static boolean before(Position a, Position b) {
        return a.getLine() < b.getLine() || a.getLine() == b.getLine() && a.getCharacter() < b.getCharacter();
    }

    /**
     * A finding as an LSP diagnostic: rule id as code, witness appended to the
     * message; null when the user turned the rule off.
     */
    public static Diagnostic diagnostic(Finding f, Settings settings) {
        String override = settings.rules().severity.get(f.ruleId());
        DiagnosticSeverity sev = severity(f.level());
        if (override != null) {
            if (override.equalsIgnoreCase("off")) {
                return null;
            }
            sev = switch (override.toLowerCase(java.util.Locale.ROOT)) {
                case "error" -> DiagnosticSeverity.Error;
                case "warning" -> DiagnosticSeverity.Warning;
                case "information", "info" -> DiagnosticSeverity.Information;
                case "hint" -> DiagnosticSeverity.Hint;
                default -> sev;
            };
        }
        String message = f.witness() == null ? f.message() : f.message() + "\nfires with " + f.witness();
        Diagnostic d = new Diagnostic(range(f.range()), message, sev, "kls", f.ruleId());
        return d;
    }

    static DiagnosticSeverity severity(Finding.Level l) {
        switch (l) {
            case ERROR:
                return DiagnosticSeverity.Error;
            case WARNING:
                return DiagnosticSeverity.Warning;
            case INFORMATION:
                return DiagnosticSeverity.Information;
            default:
                return DiagnosticSeverity.Hint;
        }
    }

    /** Edits grouped by file as a workspace edit. */
    public static WorkspaceEdit edit(Snapshot s, List<Finding.Edit> edits) {
        Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
        for (Finding.Edit e : edits) {
            changes.computeIfAbsent(s.uri(e.range().file()), k -> new ArrayList<>())
                    .add(new TextEdit(range(e.range()), e.newText()));
        }
        return new WorkspaceEdit(changes);
    }
}

package dev.kls.lsp;

import dev.kls.kconfig.SourceRange;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.Location;
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
     * A finding as an LSP diagnostic: the rule id as code, the witness as a
     * "when:" line under the message and the condition (unless always) as a
     * "condition:" line (as kls lint prints them), related places
     * as related information.
     */
    public static Diagnostic diagnostic(Finding f, Snapshot s) {
        StringBuilder message = new StringBuilder(f.message());
        if (!f.witness().isEmpty()) {
            message.append("\nwhen: ").append(f.witnessText());
        }
        if (!f.condition().always()) {
            message.append("\ncondition: ").append(f.condition().text());
        }
        Range at = f.hasLocation() ? range(f.range()) : new Range(new Position(0, 0), new Position(0, 0));
        Diagnostic d = new Diagnostic(at, message.toString(), severity(f.severity()), "kls", f.ruleId());
        if (!f.related().isEmpty()) {
            List<DiagnosticRelatedInformation> related = new ArrayList<>();
            for (RelatedLocation r : f.related()) {
                related.add(new DiagnosticRelatedInformation(new Location(s.uri(r.range().file()), range(r.range())),
                        r.message()));
            }
            d.setRelatedInformation(related);
        }
        return d;
    }

    static DiagnosticSeverity severity(Severity sev) {
        return switch (sev) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
            case HINT -> DiagnosticSeverity.Hint;
        };
    }

    /** Edits grouped by file as a workspace edit. */
    public static WorkspaceEdit edit(Snapshot s, List<dev.kls.diagnostics.TextEdit> edits) {
        Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
        for (dev.kls.diagnostics.TextEdit e : edits) {
            changes.computeIfAbsent(s.uri(e.range().file()), k -> new ArrayList<>())
                    .add(new TextEdit(range(e.range()), e.newText()));
        }
        return new WorkspaceEdit(changes);
    }
}

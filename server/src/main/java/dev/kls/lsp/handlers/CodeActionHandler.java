package dev.kls.lsp.handlers;

import dev.kls.lsp.Document;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Snapshot;
import dev.kls.lsp.findings.Finding;
import dev.kls.lsp.findings.FindingSource;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Quick fixes: the fixes of the findings in the range, each tied to its diagnostic. */
public final class CodeActionHandler {

    private final FindingSource findings;

    public CodeActionHandler(FindingSource findings) {
        this.findings = findings;
    }

    public List<Either<Command, CodeAction>> actions(Snapshot s, Document doc, Range range, List<String> only,
            CancelChecker cancel) {
        if (only != null && !only.isEmpty() && only.stream().noneMatch(k -> CodeActionKind.QuickFix.startsWith(k))) {
            return List.of();
        }
        List<Either<Command, CodeAction>> out = new ArrayList<>();
        for (Finding f : findings.findings(s, doc, cancel)) {
            if (f.fixes().isEmpty() || range != null && !Lsp.overlaps(f.range(), range)) {
                continue;
            }
            Diagnostic d = Lsp.diagnostic(f, s.settings());
            if (d == null) {
                continue; // the rule is off
            }
            boolean first = true;
            for (Finding.Fix fix : f.fixes()) {
                CodeAction a = new CodeAction(fix.title());
                a.setKind(CodeActionKind.QuickFix);
                a.setDiagnostics(List.of(d));
                a.setEdit(Lsp.edit(s, fix.edits()));
                a.setIsPreferred(first && f.fixes().size() == 1);
                first = false;
                out.add(Either.forRight(a));
            }
        }
        return out;
    }
}

package dev.kls.lsp.handlers;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Quick fixes: the fixes of the findings in the range, each tied to its diagnostic, the rule's preferred first. */
public final class CodeActionHandler {

    /** @param findings the document's findings, as last published for its current text */
    public List<Either<Command, CodeAction>> actions(Snapshot s, List<Finding> findings, Range range,
            List<String> only) {
        if (only != null && !only.isEmpty() && only.stream().noneMatch(k -> CodeActionKind.QuickFix.startsWith(k))) {
            return List.of();
        }
        List<Either<Command, CodeAction>> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.fixes().isEmpty() || !f.hasLocation() || range != null && !Lsp.overlaps(f.range(), range)) {
                continue;
            }
            Diagnostic d = Lsp.diagnostic(f, s);
            boolean first = true;
            for (Fix fix : f.fixes()) {
                CodeAction a = new CodeAction(fix.title());
                a.setKind(CodeActionKind.QuickFix);
                a.setDiagnostics(List.of(d));
                a.setEdit(Lsp.edit(s, fix.edits()));
                a.setIsPreferred(first); // kls lint --fix applies the first fix: the same one is preferred here
                first = false;
                out.add(Either.forRight(a));
            }
        }
        return out;
    }
}

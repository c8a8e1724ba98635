package dev.kls.lsp.findings;

import dev.kls.lsp.Document;
import dev.kls.lsp.Snapshot;
import java.util.List;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * The seam to the diagnostics engine: the findings for one document, with
 * their fixes. Diagnostics and code actions both come from here, so a fix is
 * always offered for the finding it belongs to. {@link BasicFindings} stands
 * in until the engine's rules are plugged in {@link dev.kls.lsp.Seams}.
 */
public interface FindingSource {

    /** Findings located in {@code doc}; {@code cancel} is checked between steps. */
    List<Finding> findings(Snapshot snapshot, Document doc, CancelChecker cancel);
}

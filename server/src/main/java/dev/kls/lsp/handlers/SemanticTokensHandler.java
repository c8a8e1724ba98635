package dev.kls.lsp.handlers;

import dev.kls.lsp.cfacts.Inactive;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.Snapshot;
import dev.kls.lsp.cfacts.CFileFacts;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;

/**
 * Marks the lines of #if branches that the current configuration leaves out,
 * one "comment" token with the "inactive" modifier per line (clients grey
 * them as they grey comments). A branch whose condition is not understood is
 * never marked.
 */
public final class SemanticTokensHandler {

    public static final SemanticTokensLegend LEGEND = new SemanticTokensLegend(List.of("comment"),
            List.of("inactive"));

    private final CFileFacts cFacts;

    public SemanticTokensHandler(CFileFacts cFacts) {
        this.cFacts = cFacts;
    }

    public SemanticTokens full(Snapshot s, Document doc) {
        List<Integer> data = new ArrayList<>();
        if (doc.kind() == FileKind.C && doc.path() != null && s.config() != null) {
            boolean[] inactive = Inactive.lines(cFacts.analyze(doc.path(), doc.text()), s,
                    doc.lines().lineCount());
            int prev = 0;
            for (int line = 0; line < inactive.length; line++) {
                int len = doc.lines().lineText(line).length();
                if (!inactive[line] || len == 0) {
                    continue;
                }
                data.add(line - prev);
                data.add(0);
                data.add(len);
                data.add(0);
                data.add(1);
                prev = line;
            }
        }
        return new SemanticTokens(data);
    }
}

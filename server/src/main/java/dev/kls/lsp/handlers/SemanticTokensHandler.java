package dev.kls.lsp.handlers;

import dev.kls.c.CFile;
import dev.kls.c.Configuration;
import dev.kls.kconfig.SourceRange;
import dev.kls.lsp.CSide;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;

/**
 * Marks the lines of #if branches that the current configuration leaves out,
 * one "comment" token with the "inactive" modifier per line (clients grey
 * them as they grey comments), as the C analyzer runs the file's directives
 * (headers included) under the configuration's values.
 */
public final class SemanticTokensHandler {

    public static final SemanticTokensLegend LEGEND = new SemanticTokensLegend(List.of("comment"),
            List.of("inactive"));

    private final CSide c;

    public SemanticTokensHandler(CSide c) {
        this.c = c;
    }

    public SemanticTokens full(Snapshot s, Document doc) {
        List<Integer> data = new ArrayList<>();
        if (doc.kind() != FileKind.C || doc.path() == null) {
            return new SemanticTokens(data);
        }
        CFile f = c.file(s, doc);
        Configuration cfg = c.configuration(s);
        if (f == null || cfg == null) {
            return new SemanticTokens(data);
        }
        boolean[] inactive = new boolean[doc.lines().lineCount()];
        for (SourceRange r : c.project(s).inactiveRanges(f, cfg)) {
            // A body runs from the line after its directive to the next one; a last line ending at column 1 is not in it.
            int last = r.endColumn() <= 1 ? r.endLine() - 1 : r.endLine();
            for (int line = r.startLine(); line <= last && line - 1 < inactive.length; line++) {
                if (line >= 1) {
                    inactive[line - 1] = true;
                }
            }
        }
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
        return new SemanticTokens(data);
    }
}

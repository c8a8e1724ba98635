package dev.kls.lsp.handlers;

import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Occurrence;
import dev.kls.lsp.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** All config symbols whose name contains the query (case-insensitive), at their first definition. */
public final class WorkspaceSymbolHandler {

    static final int LIMIT = 1000;

    public List<WorkspaceSymbol> symbols(Snapshot s, String query, CancelChecker cancel) {
        String q = query == null ? "" : query.toUpperCase(Locale.ROOT);
        if (q.startsWith("CONFIG_")) {
            q = q.substring("CONFIG_".length());
        }
        List<WorkspaceSymbol> out = new ArrayList<>();
        if (s.model() != null) {
            for (ConfigSymbol c : s.model().symbols().values()) {
                if (c.name().toUpperCase(Locale.ROOT).contains(q)) {
                    SourceRange r = c.definitions().get(0).entry().name().range();
                    out.add(symbol(s, c.name(), r, c.type() == null ? null : c.type().keyword()));
                    if (out.size() >= LIMIT) {
                        break;
                    }
                }
            }
            return out;
        }
        // Still reading the tree: what the index has seen so far.
        if (s.index() != null) {
            for (String f : s.index().files()) {
                cancel.checkCanceled();
                for (Occurrence o : s.index().of(f)) {
                    if (o.kind() == Occurrence.Kind.DEFINITION && o.name().toUpperCase(Locale.ROOT).contains(q)
                            && out.size() < LIMIT) {
                        out.add(symbol(s, o.name(), o.range(), null));
                    }
                }
            }
        }
        return out;
    }

    private static WorkspaceSymbol symbol(Snapshot s, String name, SourceRange r, String type) {
        WorkspaceSymbol w = new WorkspaceSymbol(name, SymbolKind.Variable,
                Either.forLeft(new Location(s.uri(r.file()), Lsp.range(r))));
        w.setContainerName(type);
        return w;
    }
}

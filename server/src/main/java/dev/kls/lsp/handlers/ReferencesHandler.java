package dev.kls.lsp.handlers;

import dev.kls.lsp.Document;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Occurrence;
import dev.kls.lsp.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** References to a symbol across Kconfig files, C, Makefiles and defconfigs. */
public final class ReferencesHandler {

    public List<Location> references(Snapshot s, Collection<Document> open, Document doc, Position pos,
            boolean includeDeclaration, CancelChecker cancel) {
        SymbolAt at = SymbolAt.find(s, doc, pos);
        if (at == null) {
            return List.of();
        }
        List<Location> out = new ArrayList<>();
        for (Occurrence o : Occurrences.of(s, open, at.name(), cancel)) {
            if (includeDeclaration || o.kind() != Occurrence.Kind.DEFINITION) {
                out.add(new Location(s.uri(o.range().file()), Lsp.range(o.rangeOf(at.name()))));
            }
        }
        return out;
    }
}

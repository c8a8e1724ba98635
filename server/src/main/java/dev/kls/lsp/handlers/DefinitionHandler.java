package dev.kls.lsp.handlers;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.model.SymbolDefinition;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Occurrence;
import dev.kls.lsp.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** Go to definition: a symbol to its config entries; a source statement to the file it reads. */
public final class DefinitionHandler {

    public List<Location> definition(Snapshot s, Document doc, Position pos) {
        if (doc.kind() == FileKind.KCONFIG) {
            Entry.Source src = DocumentLinkHandler.sourceAt(s.kconfigFile(doc), pos.getLine() + 1);
            if (src != null) {
                List<Location> out = new ArrayList<>();
                for (String target : DocumentLinkHandler.targets(s, doc, src)) {
                    out.add(new Location(s.uri(target), new Range(new Position(0, 0), new Position(0, 0))));
                }
                return out;
            }
        }
        SymbolAt at = SymbolAt.find(s, doc, pos);
        if (at == null) {
            return List.of();
        }
        List<Location> out = new ArrayList<>();
        ConfigSymbol sym = s.model() == null ? null : s.model().symbol(at.name());
        if (sym != null) {
            for (SymbolDefinition d : sym.definitions()) {
                out.add(new Location(s.uri(d.entry().name().range().file()), Lsp.range(d.entry().name().range())));
            }
            return out;
        }
        // Not for this ARCH (or the model is not read yet): other architectures' definitions.
        if (s.index() != null) {
            for (Occurrence o : s.index().occurrences(at.name(), Set.of())) {
                if (o.kind() == Occurrence.Kind.DEFINITION && o.name().equals(at.name())) {
                    out.add(new Location(s.uri(o.range().file()), Lsp.range(o.range())));
                }
            }
        }
        return out;
    }
}

package dev.kls.lsp.handlers;

import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.KconfigRefs;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Occurrence;
import dev.kls.lsp.Snapshot;
import dev.kls.c.CFile;
import dev.kls.c.ConfigReference;
import dev.kls.lsp.CSide;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** The current value after a config's name in Kconfig and after CONFIG_X in C code. */
public final class InlayHintHandler {

    private final CSide c;

    public InlayHintHandler(CSide c) {
        this.c = c;
    }

    public List<InlayHint> hints(Snapshot s, Document doc, Range range) {
        if (s.config() == null) {
            return List.of(); // values are not known yet
        }
        List<InlayHint> out = new ArrayList<>();
        if (doc.kind() == FileKind.KCONFIG) {
            for (Occurrence o : KconfigRefs.of(s.kconfigFile(doc))) {
                if (o.kind() == Occurrence.Kind.DEFINITION && Lsp.overlaps(o.range(), range)) {
                    add(out, s.value(o.name()), o.range());
                }
            }
        } else if (doc.kind() == FileKind.C && doc.path() != null) {
            CFile f = c.file(s, doc);
            for (ConfigReference r : f == null ? List.<ConfigReference>of() : f.configReferences()) {
                if (!Lsp.overlaps(r.range(), range)) {
                    continue;
                }
                String name = r.identifier().substring("CONFIG_".length());
                if (!name.equals(r.symbol()) && s.value(name) == null) {
                    continue; // CONFIG_X_MODULE, the macro of an m symbol: its value is on the symbol itself
                }
                add(out, s.value(name), r.range());
            }
        }
        return out;
    }

    private static void add(List<InlayHint> out, SymbolValue v, SourceRange after) {
        String label;
        if (v == null) {
            label = "= n";  // not a symbol of this ARCH: never set
        } else if (v.type() == SymbolType.STRING) {
            label = "= \"" + v.value() + "\"";
        } else {
            label = "= " + (v.value().isEmpty() ? "n" : v.value());
        }
        InlayHint h = new InlayHint(new Position(after.endLine() - 1, after.endColumn() - 1), Either.forLeft(label));
        h.setPaddingLeft(true);
        out.add(h);
    }
}

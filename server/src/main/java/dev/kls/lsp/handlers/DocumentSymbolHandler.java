package dev.kls.lsp.handlers;

import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/** The menu tree of a Kconfig file: menus and choices holding their configs; if blocks are see-through. */
public final class DocumentSymbolHandler {

    public List<DocumentSymbol> symbols(Snapshot s, Document doc) {
        if (doc.kind() != FileKind.KCONFIG) {
            return List.of();
        }
        KconfigFile f = s.kconfigFile(doc);
        return entries(f.entries());
    }

    private static List<DocumentSymbol> entries(List<Entry> entries) {
        List<DocumentSymbol> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e instanceof Entry.Config c) {
                String detail = null;
                for (Property p : c.properties()) {
                    if (p instanceof Property.TypeDecl t) {
                        detail = t.type().keyword() + (t.prompt() != null ? " \"" + t.prompt().value() + "\"" : "");
                    } else if (p instanceof Property.Prompt pr && detail != null && !detail.contains("\"")) {
                        detail += " \"" + pr.text().value() + "\"";
                    }
                }
                out.add(symbol(c.name().value(), detail, c.menuconfig() ? SymbolKind.Package : SymbolKind.Variable,
                        extent(e), c.name().range(), List.of()));
            } else if (e instanceof Entry.Menu m) {
                out.add(symbol(m.prompt().value(), "menu", SymbolKind.Namespace, extent(e), m.range(),
                        entries(m.body())));
            } else if (e instanceof Entry.Choice c) {
                String name = c.name() != null ? c.name().value() : prompt(c.properties());
                out.add(symbol(name != null ? name : "choice", "choice", SymbolKind.Enum, extent(e), c.range(),
                        entries(c.body())));
            } else if (e instanceof Entry.If i) {
                out.addAll(entries(i.body()));
            } else if (e instanceof Entry.Comment c) {
                out.add(symbol(c.prompt().value(), "comment", SymbolKind.String, extent(e), c.range(), List.of()));
            }
        }
        return out;
    }

    private static String prompt(List<Property> props) {
        for (Property p : props) {
            if (p instanceof Property.Prompt pr) {
                return pr.text().value();
            }
            if (p instanceof Property.TypeDecl t && t.prompt() != null) {
                return t.prompt().value();
            }
        }
        return null;
    }

    private static DocumentSymbol symbol(String name, String detail, SymbolKind kind, SourceRange range,
            SourceRange selection, List<DocumentSymbol> children) {
        DocumentSymbol d = new DocumentSymbol(name.isEmpty() ? "(unnamed)" : name, kind, Lsp.range(range),
                Lsp.range(selection), detail);
        d.setChildren(children);
        return d;
    }

    /** From an entry's first line to the end of its last property or body entry. */
    static SourceRange extent(Entry e) {
        SourceRange r = e.range();
        List<Property> props = e instanceof Entry.Config c ? c.properties()
                : e instanceof Entry.Menu m ? m.properties()
                : e instanceof Entry.Choice c ? c.properties()
                : e instanceof Entry.Comment c ? c.properties() : List.of();
        for (Property p : props) {
            r = later(r, p.range());
        }
        List<Entry> body = e instanceof Entry.Menu m ? m.body()
                : e instanceof Entry.Choice c ? c.body()
                : e instanceof Entry.If i ? i.body() : List.of();
        for (Entry b : body) {
            r = later(r, extent(b));
        }
        return r;
    }

    private static SourceRange later(SourceRange r, SourceRange o) {
        if (o.startLine() <= 0 || !o.file().equals(r.file())) {
            return r;
        }
        if (o.endLine() > r.endLine() || o.endLine() == r.endLine() && o.endColumn() > r.endColumn()) {
            return new SourceRange(r.file(), r.startLine(), r.startColumn(), o.endLine(), o.endColumn());
        }
        return r;
    }
}

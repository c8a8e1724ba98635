package dev.kls.lsp.handlers;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.KconfigSplicer;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentLink;

/** Each source statement of a Kconfig file links to the file it reads. */
public final class DocumentLinkHandler {

    public List<DocumentLink> links(Snapshot s, Document doc) {
        if (doc.kind() != FileKind.KCONFIG) {
            return List.of();
        }
        List<DocumentLink> out = new ArrayList<>();
        for (Entry.Source src : KconfigSplicer.sources(s.kconfigFile(doc).entries(), new ArrayList<>())) {
            List<String> targets = targets(s, doc, src);
            if (!targets.isEmpty()) {
                DocumentLink l = new DocumentLink(Lsp.range(src.path().range()), s.uri(targets.get(0)));
                l.setTooltip(targets.size() == 1 ? targets.get(0) : targets.get(0) + " and " + (targets.size() - 1)
                        + " more");
                out.add(l);
            }
        }
        return out;
    }

    /** The files a source statement reads: as the tree read them, else its path resolved now. */
    static List<String> targets(Snapshot s, Document doc, Entry.Source src) {
        List<String> out = new ArrayList<>();
        if (s.kconfig() != null) {
            s.kconfig().tree().filesOf(src).forEach(f -> out.add(f.path()));
        }
        if (out.isEmpty() && !src.path().unevaluated() && doc.path() != null) {
            Path base = src.kind().relative() ? s.root().resolve(doc.path()).getParent() : s.root();
            Path p = base.resolve(src.path().value()).normalize();
            if (p.startsWith(s.root()) && Files.isRegularFile(p)) {
                out.add(s.root().relativize(p).toString().replace('\\', '/'));
            }
        }
        return out;
    }

    static Entry.Source sourceAt(KconfigFile f, int line) {
        for (Entry.Source s : KconfigSplicer.sources(f.entries(), new ArrayList<>())) {
            if (s.range().startLine() == line) {
                return s;
            }
        }
        return null;
    }
}

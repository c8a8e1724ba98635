package dev.kls.lsp.handlers;

import dev.kls.lsp.ConfigTextScanner;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.KconfigRefs;
import dev.kls.lsp.Occurrence;
import dev.kls.lsp.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Every place a symbol is written: the index for files on disk, the editor's text for open ones. */
final class Occurrences {

    private Occurrences() {
    }

    static List<Occurrence> of(Snapshot s, Collection<Document> open, String symbol, CancelChecker cancel) {
        Set<String> openPaths = new HashSet<>();
        List<Occurrence> out = new ArrayList<>();
        for (Document d : open) {
            if (d.path() == null) {
                continue;
            }
            openPaths.add(d.path());
            List<Occurrence> in = d.kind() == FileKind.KCONFIG ? KconfigRefs.of(s.kconfigFile(d))
                    : ConfigTextScanner.scan(d.path(), d.text());
            for (Occurrence o : in) {
                if (o.names(symbol)) {
                    out.add(o);
                }
            }
        }
        cancel.checkCanceled();
        if (s.index() != null) {
            out.addAll(s.index().occurrences(symbol, openPaths));
        }
        // Kconfig files of the loaded tree that the index has not reached yet.
        if (s.index() == null || !s.index().complete()) {
            for (var e : s.kconfigFiles().entrySet()) {
                if (!openPaths.contains(e.getKey()) && (s.index() == null || s.index().of(e.getKey()).isEmpty())) {
                    for (Occurrence o : KconfigRefs.of(e.getValue())) {
                        if (o.names(symbol)) {
                            out.add(o);
                        }
                    }
                }
            }
        }
        out.sort((a, b) -> {
            int c = a.range().file().compareTo(b.range().file());
            if (c == 0) {
                c = Integer.compare(a.range().startLine(), b.range().startLine());
            }
            return c != 0 ? c : Integer.compare(a.range().startColumn(), b.range().startColumn());
        });
        return out;
    }
}

package dev.kls.lsp;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** The open documents, kept in step with the editor through incremental changes. */
public final class Documents {

    private final ConcurrentHashMap<String, Document> open = new ConcurrentHashMap<>();

    public Document get(String uri) {
        return open.get(uri);
    }

    public void put(Document d) {
        open.put(d.uri(), d);
    }

    public Document remove(String uri) {
        return open.remove(uri);
    }

    public Collection<Document> all() {
        return List.copyOf(open.values());
    }

    /** The open document of a workspace-relative path, or null. */
    public Document byPath(String path) {
        for (Document d : open.values()) {
            if (path.equals(d.path())) {
                return d;
            }
        }
        return null;
    }

    /** Applies the changes in order (each range refers to the text after the previous change). */
    public static String apply(String text, List<TextDocumentContentChangeEvent> changes) {
        for (TextDocumentContentChangeEvent c : changes) {
            Range r = c.getRange();
            if (r == null) {
                text = c.getText();
                continue;
            }
            LspLineMap lines = new LspLineMap(text);
            int start = lines.offset(r.getStart().getLine(), r.getStart().getCharacter());
            int end = lines.offset(r.getEnd().getLine(), r.getEnd().getCharacter());
            text = text.substring(0, start) + c.getText() + text.substring(Math.max(start, end));
        }
        return text;
    }
}

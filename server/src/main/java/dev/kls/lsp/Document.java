package dev.kls.lsp;

/**
 * One open document as the editor has it now.
 *
 * @param path the file relative to the workspace root with '/', or null when outside it
 */
public record Document(String uri, String path, FileKind kind, int version, String text, LspLineMap lines) {

    public Document(String uri, String path, FileKind kind, int version, String text) {
        this(uri, path, kind, version, text, new LspLineMap(text));
    }

    public Document withText(int newVersion, String newText) {
        return new Document(uri, path, kind, newVersion, newText);
    }

    /** The file name without directories. */
    public String name() {
        String p = path != null ? path : uri;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}

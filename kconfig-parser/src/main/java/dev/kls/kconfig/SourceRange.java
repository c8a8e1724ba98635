package dev.kls.kconfig;

/**
 * A span of text in one file. Lines and columns are 1-based; the end column is
 * exclusive. {@code file} is the path relative to the source tree, with '/'.
 */
public record SourceRange(String file, int startLine, int startColumn, int endLine, int endColumn) {

    /** Stands where a location does not matter (comparing ASTs, synthesized nodes). */
    public static final SourceRange NONE = new SourceRange("", 0, 0, 0, 0);

    public static SourceRange point(String file, int line, int column) {
        return new SourceRange(file, line, column, line, column + 1);
    }

    /** The span from the start of {@code a} to the end of {@code b}. */
    public static SourceRange span(SourceRange a, SourceRange b) {
        return new SourceRange(a.file, a.startLine, a.startColumn, b.endLine, b.endColumn);
    }

    /** gcc style: {@code file:line:col}. */
    @Override
    public String toString() {
        return file + ":" + startLine + ":" + startColumn;
    }
}

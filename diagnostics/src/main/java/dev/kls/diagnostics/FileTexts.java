package dev.kls.diagnostics;

import java.io.IOException;

/** Where the text of a tree-relative file comes from (the disk, an editor's buffer, a test). */
@FunctionalInterface
public interface FileTexts {

    String text(String file) throws IOException;

    /** The 1-based line {@code line} of {@code text} without its line end, or "" past the end. */
    static String line(String text, int line) {
        int start = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                return "";
            }
            start = nl + 1;
        }
        int end = text.indexOf('\n', start);
        String s = text.substring(start, end < 0 ? text.length() : end);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** The offset in {@code text} of 1-based (line, column), clamped to the text. */
    static int offset(String text, int line, int column) {
        int start = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                return text.length();
            }
            start = nl + 1;
        }
        int end = text.indexOf('\n', start);
        int lineEnd = end < 0 ? text.length() : end;
        return Math.min(start + Math.max(0, column - 1), lineEnd == text.length() ? text.length() : lineEnd + 1);
    }
}

package dev.kls.diagnostics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where the text of a tree-relative file comes from (the disk, an editor's buffer, a test). */
@FunctionalInterface
public interface FileTexts {

    String text(String file) throws IOException;

    /** The 1-based line {@code line} of {@code file} without its line end, or "" past the end. */
    default String lineAt(String file, int line) throws IOException {
        return line(text(file), line);
    }

    /**
     * {@code texts} read once per file, with an index of line starts, so that asking for the lines
     * of many findings in one big file costs one read, not one read and scan per finding.
     */
    static FileTexts cached(FileTexts texts) {
        Map<String, String> read = new HashMap<>();
        Map<String, int[]> starts = new HashMap<>();
        return new FileTexts() {
            @Override
            public synchronized String text(String file) throws IOException {
                String t = read.get(file);
                if (t == null) {
                    t = texts.text(file);
                    read.put(file, t);
                }
                return t;
            }

            @Override
            public synchronized String lineAt(String file, int line) throws IOException {
                String t = text(file);
                int[] s = starts.computeIfAbsent(file, f -> lineStarts(t));
                if (line < 1 || line > s.length) {
                    return "";
                }
                int end = line < s.length ? s[line] - 1 : t.length();
                String l = t.substring(s[line - 1], end);
                return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
            }
        };
    }

    private static int[] lineStarts(String text) {
        List<Integer> s = new ArrayList<>();
        s.add(0);
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            s.add(i + 1);
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

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

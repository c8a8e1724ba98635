package dev.kls.lsp;

import java.util.Arrays;

/**
 * Line starts of a text, to turn 0-based LSP positions (UTF-16 units, which
 * are Java chars) into offsets and back.
 */
public final class LspLineMap {

    private final String text;
    private final int[] starts;

    public LspLineMap(String text) {
        this.text = text;
        int[] s = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                }
                s[n++] = i + 1;
            }
        }
        starts = Arrays.copyOf(s, n);
    }

    public int lineCount() {
        return starts.length;
    }

    /** Offset of a 0-based (line, character); clamped into the text. */
    public int offset(int line, int character) {
        if (line < 0) {
            return 0;
        }
        if (line >= starts.length) {
            return text.length();
        }
        int end = lineEnd(line);
        return Math.min(starts[line] + Math.max(0, character), end);
    }

    /** Offset where line (0-based) ends, before its '\n'. */
    public int lineEnd(int line) {
        return line + 1 < starts.length ? starts[line + 1] - 1 : text.length();
    }

    public int lineStart(int line) {
        return starts[Math.max(0, Math.min(line, starts.length - 1))];
    }

    /** 0-based line of an offset. */
    public int line(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    public int character(int offset) {
        return offset - starts[line(offset)];
    }

    /** The text of a 0-based line without its line end. */
    public String lineText(int line) {
        if (line < 0 || line >= starts.length) {
            return "";
        }
        String s = text.substring(starts[line], lineEnd(line));
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}

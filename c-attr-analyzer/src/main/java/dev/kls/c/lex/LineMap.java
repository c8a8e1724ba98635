package dev.kls.c.lex;

import dev.kls.kconfig.SourceRange;
import java.util.Arrays;

/** Offsets to 1-based line/column (columns count UTF-16 chars) for one file's text. */
public final class LineMap {
    private final String file;
    private final int[] lineStarts;
    private final int length;

    public LineMap(String file, String text) {
        this.file = file;
        this.length = text.length();
        int[] starts = new int[Math.max(16, text.length() / 32)];
        int k = 1;
        // indexOf is the JDK's vectorized search: much faster than charAt over the whole text
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (k == starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[k++] = i + 1;
        }
        lineStarts = Arrays.copyOf(starts, k);
    }

    public String file() {
        return file;
    }

    /** 1-based line of an offset. */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, Math.min(Math.max(offset, 0), length));
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based column of an offset. */
    public int column(int offset) {
        int l = line(offset);
        return Math.min(Math.max(offset, 0), length) - lineStarts[l - 1] + 1;
    }

    /** The offset of a 1-based line and column. */
    public int offset(int line, int column) {
        if (line < 1) {
            return 0;
        }
        if (line > lineStarts.length) {
            return length;
        }
        return Math.min(lineStarts[line - 1] + column - 1, length);
    }

    public SourceRange range(int start, int end) {
        return new SourceRange(file, line(start), column(start), line(end), column(end));
    }
}

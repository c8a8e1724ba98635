package dev.kls.lsp;

import dev.kls.kconfig.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds every {@code CONFIG_NAME} in a text (C, assembler, Makefile, .config),
 * comments included: references and renames must reach {@code #endif /* CONFIG_X *&#47;}.
 */
public final class ConfigTextScanner {

    private static final String PREFIX = "CONFIG_";

    private ConfigTextScanner() {
    }

    public static List<Occurrence> scan(String file, CharSequence text) {
        List<Occurrence> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                continue;
            }
            if (c != 'C' || !startsWith(text, i, PREFIX) || i > 0 && isWord(text.charAt(i - 1))) {
                continue;
            }
            int s = i + PREFIX.length();
            int e = s;
            while (e < n && isWord(text.charAt(e))) {
                e++;
            }
            if (e > s) {
                int col = s - lineStart + 1;
                out.add(new Occurrence(text.subSequence(s, e).toString(),
                        new SourceRange(file, line, col, line, col + (e - s)), Occurrence.Kind.CONFIG_MACRO));
            }
            i = e - 1;
        }
        return out;
    }

    static boolean startsWith(CharSequence t, int at, String p) {
        if (at + p.length() > t.length()) {
            return false;
        }
        for (int k = 0; k < p.length(); k++) {
            if (t.charAt(at + k) != p.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    public static boolean isWord(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}

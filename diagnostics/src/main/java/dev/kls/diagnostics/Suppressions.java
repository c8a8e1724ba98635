package dev.kls.diagnostics;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kls-ignore} comments: {@code /* kls-ignore: a, b *}{@code /} or
 * {@code // kls-ignore: a} in C, {@code # kls-ignore: a} in Kconfig and the
 * other '#'-comment files, on the finding's line or the line above.
 */
public final class Suppressions {

    private static final String IDS = "([a-z0-9][a-z0-9-]*(?:\\s*,\\s*[a-z0-9][a-z0-9-]*)*)";
    private static final Pattern C_STYLE = Pattern.compile("(?://|/\\*)\\s*kls-ignore:\\s*" + IDS);
    private static final Pattern HASH_STYLE = Pattern.compile("#\\s*kls-ignore:\\s*" + IDS);

    private Suppressions() {
    }

    /** Whether {@code finding} is silenced by a comment in {@code text}, the text of its file. */
    public static boolean suppressed(Finding finding, String text) {
        return suppressed(finding, text.split("\n", -1));
    }

    /** As {@link #suppressed(Finding, String)}, with the file already split into lines (split once per file). */
    public static boolean suppressed(Finding finding, String[] lines) {
        if (!finding.hasLocation()) {
            return false;
        }
        Pattern style = isC(finding.file()) ? C_STYLE : HASH_STYLE;
        int line = finding.range().startLine();
        for (int l = line; l >= line - 1 && l >= 1; l--) {
            if (l <= lines.length && ids(style, lines[l - 1]).contains(finding.ruleId())) {
                return true;
            }
        }
        return false;
    }

    /** The rule ids a comment on this line silences. */
    static Set<String> ids(Pattern style, String line) {
        Set<String> ids = new HashSet<>();
        Matcher m = style.matcher(line);
        while (m.find()) {
            ids.addAll(Arrays.asList(m.group(1).split("\\s*,\\s*")));
        }
        return ids;
    }

    /** C sources, headers, assembler and linker scripts take C comments; everything else '#'. */
    static boolean isC(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        return f.endsWith(".c") || f.endsWith(".h") || f.endsWith(".s") || f.endsWith(".lds")
                || f.endsWith(".lds.s");
    }
}

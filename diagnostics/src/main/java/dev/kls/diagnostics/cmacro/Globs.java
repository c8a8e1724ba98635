package dev.kls.diagnostics.cmacro;

import java.util.Collection;
import java.util.regex.Pattern;

/** Name patterns as rule options write them: {@code *} for any run of characters, the rest literal. */
public final class Globs {

    private Globs() {
    }

    /** A pattern matching a whole name when one of the globs does; none matches nothing. */
    public static Pattern anyOf(Collection<String> globs) {
        StringBuilder sb = new StringBuilder();
        for (String g : globs) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(regex(g));
        }
        return Pattern.compile(sb.length() == 0 ? "(?!)" : sb.toString());
    }

    /** One glob as a regular expression. */
    public static String regex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (sb.length() > 0) {
                sb.append(".*");
            }
            sb.append(Pattern.quote(part));
        }
        return "(?:" + sb + ")";
    }
}

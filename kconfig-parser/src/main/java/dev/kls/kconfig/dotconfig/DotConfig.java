package dev.kls.kconfig.dotconfig;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * A .config file split into lines the way conf_read_simple classifies them.
 * Nothing is dropped silently: lines conf ignores without a word (a CONFIG_
 * line without '=') and lines it calls "unexpected data" are kept and
 * reported in {@code problems} with their line numbers.
 *
 * @param file  the name used in diagnostics
 * @param lines every line, in order
 */
public record DotConfig(String file, List<Line> lines, List<Diagnostic> problems) {

    public static final String PREFIX = "CONFIG_";

    /** One line of a .config; {@code number} is 1-based. */
    public sealed interface Line {
        int number();
    }

    /** {@code CONFIG_NAME=value}: value as written (quotes and escapes kept), without the line end. */
    public record Assignment(int number, String name, String value) implements Line {
    }

    /** {@code # CONFIG_NAME is not set}: the same as {@code CONFIG_NAME=n}. */
    public record NotSet(int number, String name) implements Line {
    }

    /** Another line starting with '#', or an empty line. */
    public record Comment(int number, String text) implements Line {
    }

    /** A CONFIG_ line conf skips without a word (no '='): {@code why} says so. */
    public record Malformed(int number, String text, String why) implements Line {
    }

    /** Text conf warns about as "unexpected data" (a warning that makes conf rewrite the file). */
    public record Unexpected(int number, String text) implements Line {
    }

    public static DotConfig empty(String file) {
        return new DotConfig(file, List.of(), List.of());
    }

    /** Reads .config text as conf does; lines end at '\n', a '\r' before it is dropped. */
    public static DotConfig parse(String file, String text) {
        return parse(file, text, PREFIX);
    }

    /**
     * The same with another symbol prefix than {@code CONFIG_}, as conf reads
     * a .config when the environment variable CONFIG_ names one (the names in
     * the lines are then without that prefix).
     */
    public static DotConfig parse(String file, String text, String prefix) {
        List<Line> lines = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        int number = 0;
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            String raw = text.substring(pos, end);
            pos = nl < 0 ? text.length() : nl + 1;
            number++;
            Line line = classify(number, raw, prefix);
            lines.add(line);
            if (line instanceof Malformed m) {
                problems.add(Diagnostic.warning(range(file, number, raw), m.why())
                        .coded(Diagnostic.Code.LINE_WITHOUT_EQUALS));
            } else if (line instanceof Unexpected u) {
                problems.add(Diagnostic.warning(range(file, number, raw), "unexpected data: " + stripCr(raw)));
            }
        }
        return new DotConfig(file, List.copyOf(lines), List.copyOf(problems));
    }

    private static Line classify(int number, String raw, String prefix) {
        if (raw.startsWith("#")) {
            // conf only reads "# CONFIG_X is not set" (anything may follow "set"); other # lines are comments.
            if (raw.startsWith("# " + prefix)) {
                String rest = raw.substring(2 + prefix.length());
                int sp = rest.indexOf(' ');
                if (sp >= 0 && rest.startsWith("is not set", sp + 1)) {
                    return new NotSet(number, rest.substring(0, sp));
                }
            }
            return new Comment(number, raw);
        }
        if (raw.isEmpty() || raw.charAt(0) == '\r') {
            return new Comment(number, raw);
        }
        if (raw.startsWith(prefix)) {
            int eq = raw.indexOf('=', prefix.length());
            if (eq < 0) {
                return new Malformed(number, raw, "no '=' in '" + stripCr(raw) + "': the line is ignored");
            }
            String value = raw.substring(eq + 1);
            if (value.endsWith("\r")) {
                value = value.substring(0, value.length() - 1);
            }
            return new Assignment(number, raw.substring(prefix.length(), eq), value);
        }
        return new Unexpected(number, raw);
    }

    private static String stripCr(String raw) {
        return raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    }

    /** The whole of line {@code number}, for diagnostics about it. */
    public static SourceRange range(String file, int number, String text) {
        return new SourceRange(file, number, 1, number, text.length() + 1);
    }

    /**
     * A quoted .config string value without its quotes and backslashes, as
     * conf_set_sym_val reads it; null when the closing quote is missing. Text
     * after the closing quote is ignored, as conf ignores it.
     */
    public static String unquote(String value) {
        if (value.isEmpty() || value.charAt(0) != '"') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                i++;
                if (i >= value.length()) {
                    return null;
                }
                c = value.charAt(i);
            }
            sb.append(c);
        }
        return null;
    }

    /** A string value quoted for .config: '"' and '\' get a backslash (confdata.c's escape_string_value). */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}

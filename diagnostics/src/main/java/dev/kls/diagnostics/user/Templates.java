package dev.kls.diagnostics.user;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message and fix templates: {@code $1}..{@code $9} (captures) and {@code ${name}}-style values. */
final class Templates {

    private static final Pattern VAR = Pattern.compile("\\$(?:([1-9])|\\{([a-z0-9]+)\\})");

    private Templates() {
    }

    /** The ${...} names a match of this kind provides. */
    static List<String> names(RuleSpec.Match m) {
        if (m instanceof RuleSpec.CallMatch) {
            return List.of("name", "function", "arg1", "arg2", "arg3", "arg4", "arg5", "arg6", "args");
        }
        if (m instanceof RuleSpec.ObjectMatch) {
            return List.of("name", "type", "section");
        }
        return List.of("name", "body");
    }

    /** The template with its variables replaced; an unbound one stays as written. */
    static String fill(String template, Map<Integer, String> captures, Map<String, String> values) {
        Matcher x = VAR.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (x.find()) {
            String v = x.group(1) != null ? captures.get(Integer.parseInt(x.group(1))) : values.get(x.group(2));
            x.appendReplacement(sb, Matcher.quoteReplacement(v != null ? v : x.group()));
        }
        x.appendTail(sb);
        return sb.toString();
    }
}

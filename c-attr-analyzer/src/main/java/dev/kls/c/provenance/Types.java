package dev.kls.c.provenance;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type text as written in declarations, normalized far enough to tell a
 * pointer from an array from a struct: qualifiers, sparse annotations and
 * attributes dropped, {@code typeof(T)} read as T, array bounds as "[]".
 */
final class Types {
    private Types() {
    }

    private static final Set<String> DROP = Set.of("const", "volatile", "__percpu", "__rcu", "__iomem", "__user",
            "__kernel", "__force", "__private", "restrict", "__restrict", "__restrict__", "__const", "__volatile__",
            "__volatile", "extern", "static", "inline", "__inline", "__inline__", "__always_inline", "register",
            "notrace", "__init", "__initdata", "__read_mostly", "__maybe_unused", "__cacheline_aligned",
            "__page_aligned_bss", "__page_aligned_data", "__visible", "asmlinkage", "noinstr", "__must_check");
    private static final Pattern TAG = Pattern.compile("^(?:struct|union) (\\w+)$");
    private static final Pattern TYPEOF = Pattern.compile("^(?:__typeof__|typeof|__typeof)\\s*\\((.*)\\)$");

    static String normalize(String t) {
        if (t == null) {
            return null;
        }
        String s = t.trim();
        Matcher m = TYPEOF.matcher(s);
        if (m.matches()) {
            s = m.group(1).trim();
        }
        s = dropAttributes(s);
        s = s.replaceAll("\\[[^\\]]*\\]", "[]");
        StringBuilder out = new StringBuilder();
        for (String w : s.replace("*", " * ").replace("[]", " [] ").trim().split("\\s+")) {
            if (w.isEmpty() || DROP.contains(w) || w.startsWith("____cacheline") || w.startsWith("__aligned")) {
                continue;
            }
            if (w.equals("*")) {
                out.append(out.length() == 0 ? "*" : " *");
                continue;
            }
            if (w.equals("[]")) {
                out.append("[]");
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(w);
        }
        String r = out.toString().replace("* *", "**").replace(" **", " **");
        return r.isEmpty() ? null : r;
    }

    private static String dropAttributes(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("__attribute__", i) || s.startsWith("__attribute", i)) {
                int open = s.indexOf('(', i);
                if (open < 0) {
                    break;
                }
                int depth = 0;
                int k = open;
                for (; k < s.length(); k++) {
                    if (s.charAt(k) == '(') {
                        depth++;
                    } else if (s.charAt(k) == ')' && --depth == 0) {
                        break;
                    }
                }
                i = k + 1;
                continue;
            }
            out.append(s.charAt(i++));
        }
        return out.toString();
    }

    /** What a pointer points to or an array holds; null when neither. */
    static String deref(String t) {
        if (t == null) {
            return null;
        }
        if (t.endsWith("[]")) {
            return t.substring(0, t.length() - 2).trim();
        }
        if (t.endsWith("*")) {
            String r = t.substring(0, t.length() - 1).trim();
            return r.isEmpty() ? null : r;
        }
        return null;
    }

    static String pointerTo(String t) {
        return t.endsWith("*") ? t + "*" : t + " *";
    }

    /** An array type as the pointer it decays to. */
    static String decay(String t) {
        return t.endsWith("[]") ? pointerTo(t.substring(0, t.length() - 2).trim()) : t;
    }

    /** The tag of "struct x" / "union x", else null. */
    static String tag(String t) {
        if (t == null) {
            return null;
        }
        Matcher m = TAG.matcher(t);
        return m.matches() ? m.group(1) : null;
    }

    /** Whether a cast's type text is a type (a macro's cast carries the invocation's text instead). */
    static boolean looksLikeType(String t) {
        return t != null && !t.isBlank() && t.matches("[\\w\\s*\\[\\]]+");
    }
}

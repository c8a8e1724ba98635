package dev.kls.c.provenance;

import dev.kls.c.pp.FileModel;
import dev.kls.kconfig.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The original text behind a node's range, and macro invocations read from
 * it: a node a macro produced carries the range of the whole invocation, so
 * the text there says which macro it was and what its arguments were.
 */
final class SourceText {
    private SourceText() {
    }

    /** A macro or function invocation {@code name(args)} spanning exactly a range. */
    record Invocation(String name, List<SourceRange> args, List<String> argTexts) {
    }

    static String text(FileModel f, SourceRange r) {
        if (f == null || r == null || r.startLine() <= 0) {
            return null;
        }
        try {
            int a = f.lines().offset(r.startLine(), r.startColumn());
            int b = f.lines().offset(r.endLine(), r.endColumn());
            String t = f.text();
            if (a < 0 || b > t.length() || a > b) {
                return null;
            }
            return t.substring(a, b);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The invocation the range spans, null when the text there is not one {@code name(...)}. */
    static Invocation invocation(FileModel f, SourceRange r) {
        String s = text(f, r);
        if (s == null || s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return null;
        }
        int i = 0;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        String name = s.substring(0, i);
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != '(' || s.charAt(s.length() - 1) != ')') {
            return null;
        }
        int base = f.lines().offset(r.startLine(), r.startColumn());
        List<SourceRange> args = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        int depth = 0;
        int start = i + 1;
        for (int k = i; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"' || c == '\'') {
                k = skipQuoted(s, k);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    if (k != s.length() - 1) {
                        return null; // "f(a) + g(b)": not one invocation
                    }
                    add(f, base, s, start, k, args, texts);
                }
            } else if (c == ',' && depth == 1) {
                add(f, base, s, start, k, args, texts);
                start = k + 1;
            }
        }
        return depth == 0 ? new Invocation(name, args, texts) : null;
    }

    private static void add(FileModel f, int base, String s, int from, int to, List<SourceRange> args,
            List<String> texts) {
        int a = from;
        int b = to;
        while (a < b && Character.isWhitespace(s.charAt(a))) {
            a++;
        }
        while (b > a && Character.isWhitespace(s.charAt(b - 1))) {
            b--;
        }
        if (a == b && args.isEmpty() && texts.isEmpty()) {
            return; // f(): no arguments
        }
        args.add(f.range(base + a, base + b));
        texts.add(s.substring(a, b));
    }

    private static int skipQuoted(String s, int k) {
        char q = s.charAt(k);
        for (int j = k + 1; j < s.length(); j++) {
            if (s.charAt(j) == '\\') {
                j++;
            } else if (s.charAt(j) == q) {
                return j;
            }
        }
        return s.length() - 1;
    }

    /** Whether {@code inner} lies within {@code outer} (same file). */
    static boolean within(SourceRange inner, SourceRange outer) {
        if (inner == null || outer == null || !inner.file().equals(outer.file())) {
            return false;
        }
        return compare(inner.startLine(), inner.startColumn(), outer.startLine(), outer.startColumn()) >= 0
                && compare(inner.endLine(), inner.endColumn(), outer.endLine(), outer.endColumn()) <= 0;
    }

    private static int compare(int l1, int c1, int l2, int c2) {
        return l1 != l2 ? Integer.compare(l1, l2) : Integer.compare(c1, c2);
    }
}

package dev.kls.diagnostics.user;

import dev.kls.c.lex.CTokenizer;
import dev.kls.c.lex.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pattern over C tokens, as user rules write them: tokens match the same
 * tokens (spacing does not matter), {@code _} matches any balanced run of
 * tokens (empty too), {@code $1}..{@code $9} capture a non-empty balanced run,
 * and a capture used twice must match the same text both times. "Balanced":
 * a run never splits a pair of (), [] or {}, so in {@code PFN_PHYS($1)} the
 * capture is everything between the parentheses, however nested.
 */
public final class TokenPattern {

    private sealed interface Element permits Exact, Wild, Capture {
    }

    private record Exact(String text) implements Element {
    }

    private record Wild() implements Element {
    }

    private record Capture(int n) implements Element {
    }

    private final String source;
    private final List<Element> elements;

    private TokenPattern(String source, List<Element> elements) {
        this.source = source;
        this.elements = elements;
    }

    /** The pattern of a text; a problem (an unbalanced pair) is an IllegalArgumentException saying what. */
    public static TokenPattern compile(String text) {
        List<Element> out = new ArrayList<>();
        int depth = 0;
        for (Token t : CTokenizer.tokenize(text)) {
            String s = t.text();
            if (s.equals("_")) {
                out.add(new Wild());
            } else if (s.matches("\\$[1-9]")) {
                out.add(new Capture(s.charAt(1) - '0'));
            } else {
                depth += opens(s) ? 1 : closes(s) ? -1 : 0;
                if (depth < 0) {
                    throw new IllegalArgumentException("pattern \"" + text + "\" closes a bracket it never opened");
                }
                out.add(new Exact(s));
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("pattern \"" + text + "\" leaves a bracket open");
        }
        return new TokenPattern(text, List.copyOf(out));
    }

    /** The capture numbers the pattern uses. */
    public List<Integer> captures() {
        List<Integer> out = new ArrayList<>();
        for (Element e : elements) {
            if (e instanceof Capture c && !out.contains(c.n())) {
                out.add(c.n());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return source;
    }

    /**
     * Whether the whole of {@code tokens} matches, given the captures bound so
     * far (by other patterns of the same match); on success the new captures
     * are added to {@code captures} (as source text, tokens joined by single
     * spaces where the source had space). On failure {@code captures} is unchanged.
     */
    public boolean matches(List<Token> tokens, Map<Integer, String> captures) {
        Map<Integer, String> work = new HashMap<>(captures);
        if (match(0, tokens, 0, work)) {
            captures.putAll(work);
            return true;
        }
        return false;
    }

    /** {@link #matches(List, Map)} on the tokens of a text. */
    public boolean matches(String text, Map<Integer, String> captures) {
        return matches(CTokenizer.tokenize(text), captures);
    }

    private boolean match(int pi, List<Token> toks, int ti, Map<Integer, String> caps) {
        if (pi == elements.size()) {
            return ti == toks.size();
        }
        Element e = elements.get(pi);
        if (e instanceof Exact x) {
            return ti < toks.size() && toks.get(ti).text().equals(x.text()) && match(pi + 1, toks, ti + 1, caps);
        }
        boolean wild = e instanceof Wild;
        int depth = 0;
        // Try every balanced run toks[ti, end): shortest first, so captures take as little as they can.
        for (int end = ti; end <= toks.size(); end++) {
            if (end > ti) {
                String s = toks.get(end - 1).text();
                depth += opens(s) ? 1 : closes(s) ? -1 : 0;
                if (depth < 0) {
                    return false; // the run would swallow a closing bracket of the surrounding text
                }
            }
            if (depth != 0 || !wild && end == ti) {
                continue;
            }
            if (wild) {
                if (match(pi + 1, toks, end, caps)) {
                    return true;
                }
                continue;
            }
            int n = ((Capture) e).n();
            String text = join(toks.subList(ti, end));
            String bound = caps.get(n);
            if (bound != null && !bound.equals(text)) {
                continue;
            }
            caps.put(n, text);
            if (match(pi + 1, toks, end, caps)) {
                return true;
            }
            if (bound == null) {
                caps.remove(n);
            }
        }
        return false;
    }

    /** Tokens as text: one space where the source had any. */
    public static String join(List<Token> toks) {
        StringBuilder sb = new StringBuilder();
        for (Token t : toks) {
            if (sb.length() > 0 && t.space()) {
                sb.append(' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }

    private static boolean opens(String s) {
        return s.equals("(") || s.equals("[") || s.equals("{");
    }

    private static boolean closes(String s) {
        return s.equals(")") || s.equals("]") || s.equals("}");
    }
}

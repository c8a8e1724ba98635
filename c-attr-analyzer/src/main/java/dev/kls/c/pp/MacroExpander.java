package dev.kls.c.pp;

import dev.kls.c.lex.CTokenizer;
import dev.kls.c.pp.PpToken.Hide;
import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * C macro expansion (C11 6.10.3): object-like and function-like macros,
 * variadic ones with {@code __VA_ARGS__}, GNU named variadics, {@code , ## __VA_ARGS__}
 * and {@code __VA_OPT__}, {@code #} and {@code ##}, arguments expanded before
 * substitution, and recursion blocked by hide sets (Prosser's algorithm).
 * Which definition a name has is the caller's business: a {@link Macros}
 * answers it, so one expander serves a configuration-free lookup and a
 * configuration's exact one.
 */
public final class MacroExpander {

    /** The definitions in force; {@link #used} hears of every expansion (for touched symbols). */
    public interface Macros {
        MacroDef lookup(String name);

        default void used(MacroDef def) {
        }
    }

    /** Raised when an expansion grows without bound (a runaway or hostile macro). */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String msg) {
            super(msg, null, false, false);
        }
    }

    private static final int LIMIT = 2_000_000;

    private final Macros macros;
    private int budget = LIMIT;

    public MacroExpander(Macros macros) {
        this.macros = macros;
    }

    /** Expands a token sequence completely. */
    public List<PpToken> expand(List<PpToken> input) {
        Deque<PpToken> work = new ArrayDeque<>(input);
        List<PpToken> out = new ArrayList<>(input.size());
        while (!work.isEmpty()) {
            PpToken t = work.pollFirst();
            if (--budget < 0) {
                throw new TooLarge("macro expansion exceeds " + LIMIT + " tokens");
            }
            if (!t.isIdentifier() || t.hide.contains(t.text)) {
                out.add(t);
                continue;
            }
            MacroDef m = macros.lookup(t.text);
            if (m == null) {
                out.add(t);
                continue;
            }
            if (!m.functionLike()) {
                macros.used(m);
                List<PpToken> body = substitute(m, List.of(), t.hide.add(m.name()), t, t);
                pushFront(work, body, t.space);
                continue;
            }
            PpToken open = work.peekFirst();
            if (open == null || !open.is("(")) {
                out.add(t);
                continue;
            }
            work.pollFirst();
            List<List<PpToken>> args = new ArrayList<>();
            PpToken close = readArgs(work, m, args);
            if (close == null) {
                out.add(t); // unterminated invocation: leave it as written
                out.add(open);
                for (List<PpToken> a : args) {
                    out.addAll(a);
                }
                continue;
            }
            macros.used(m);
            Hide hs = t.hide.intersect(close.hide).add(m.name());
            List<PpToken> body = substitute(m, args, hs, t, close);
            pushFront(work, body, t.space);
        }
        return out;
    }

    private static void pushFront(Deque<PpToken> work, List<PpToken> body, boolean space) {
        for (int i = body.size() - 1; i >= 0; i--) {
            PpToken b = body.get(i);
            work.addFirst(i == 0 ? b.with(b.hide, space, b.srcFirst, b.srcLast) : b);
        }
    }

    /** Reads arguments up to the matching ')'; returns it, or null when there is none. */
    private PpToken readArgs(Deque<PpToken> work, MacroDef m, List<List<PpToken>> args) {
        int depth = 0;
        List<PpToken> cur = new ArrayList<>();
        int nparams = m.params().size();
        while (!work.isEmpty()) {
            PpToken t = work.pollFirst();
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                if (depth == 0) {
                    args.add(cur);
                    if (args.size() == 1 && nparams == 0 && cur.isEmpty()) {
                        args.clear();
                    }
                    return t;
                }
                depth--;
            } else if (t.is(",") && depth == 0 && !(m.variadic() && args.size() == nparams - 1)) {
                args.add(cur);
                cur = new ArrayList<>();
                continue;
            }
            cur.add(t);
        }
        args.add(cur);
        return null;
    }

    private List<PpToken> arg(List<List<PpToken>> args, int i) {
        return i < args.size() ? args.get(i) : List.of();
    }

    private List<PpToken> substitute(MacroDef m, List<List<PpToken>> args, Hide hs, PpToken first, PpToken last) {
        List<Token> body = m.body();
        List<PpToken> out = new ArrayList<>();
        List<List<PpToken>> expandedArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            expandedArgs.add(null);
        }
        int srcFirst = first.srcFirst;
        int srcLast = last.srcLast >= 0 ? last.srcLast : first.srcLast;
        int vaIndex = m.variadic() ? m.params().size() - 1 : -1;
        final PpToken placemarker = new PpToken("", TokenKind.OTHER, Hide.EMPTY, false, -1, -1);
        for (int i = 0; i < body.size(); i++) {
            Token t = body.get(i);
            Token next = i + 1 < body.size() ? body.get(i + 1) : null;
            if (t.is("#") && m.functionLike() && next != null && m.paramIndex(next.text()) >= 0) {
                out.add(stringize(arg(args, m.paramIndex(next.text())), t.space(), srcFirst, srcLast));
                i++;
                continue;
            }
            if (t.is(",") && next != null && next.is("##") && i + 2 < body.size()
                    && m.paramIndex(body.get(i + 2).text()) == vaIndex && vaIndex >= 0) {
                List<PpToken> va = arg(args, vaIndex);
                if (va.isEmpty()) {
                    i += 2; // GNU: the comma goes when the variable arguments are empty
                } else {
                    out.add(new PpToken(",", TokenKind.PUNCTUATOR, Hide.EMPTY, t.space(), srcFirst, srcLast));
                    i++;
                }
                continue;
            }
            if (t.is("##") && i + 1 < body.size()) {
                Token rhs = body.get(++i);
                int p = m.paramIndex(rhs.text());
                List<PpToken> right = p >= 0 ? arg(args, p)
                        : List.of(new PpToken(rhs.text(), rhs.kind(), Hide.EMPTY, rhs.space(), srcFirst, srcLast));
                if (right.isEmpty()) {
                    continue;
                }
                if (out.isEmpty()) {
                    out.addAll(right);
                    continue;
                }
                PpToken l = out.remove(out.size() - 1);
                if (l == placemarker) {
                    out.addAll(right);
                    continue;
                }
                out.addAll(paste(l, right.get(0), srcFirst, srcLast));
                out.addAll(right.subList(1, right.size()));
                continue;
            }
            if (t.is("__VA_OPT__") && vaIndex >= 0 && next != null && next.is("(")) {
                int depth = 0;
                int j = i + 1;
                for (; j < body.size(); j++) {
                    if (body.get(j).is("(")) {
                        depth++;
                    } else if (body.get(j).is(")") && --depth == 0) {
                        break;
                    }
                }
                if (!arg(args, vaIndex).isEmpty()) {
                    MacroDef inner = new MacroDef(m.name(), m.params(), m.variadic(), body.subList(i + 2, Math.min(j,
                            body.size())), m.file(), m.branch(), m.range());
                    out.addAll(substitute(inner, args, Hide.EMPTY, first, last));
                }
                i = j;
                continue;
            }
            int p = m.paramIndex(t.text());
            if (p >= 0 && t.kind() == TokenKind.IDENTIFIER) {
                List<PpToken> raw = arg(args, p);
                if (next != null && next.is("##")) {
                    if (raw.isEmpty()) {
                        out.add(placemarker);
                    } else {
                        out.addAll(raw);
                    }
                    continue;
                }
                List<PpToken> ex;
                if (p >= expandedArgs.size()) {
                    ex = List.of();
                } else {
                    ex = expandedArgs.get(p);
                    if (ex == null) {
                        ex = expand(raw);
                        expandedArgs.set(p, ex);
                    }
                }
                for (int k = 0; k < ex.size(); k++) {
                    PpToken a = ex.get(k);
                    out.add(k == 0 ? a.with(a.hide, t.space(), a.srcFirst, a.srcLast) : a);
                }
                continue;
            }
            if (t.is("__VA_ARGS__") && vaIndex < 0) {
                continue;
            }
            out.add(new PpToken(t.text(), t.kind(), Hide.EMPTY, t.space(), srcFirst, srcLast));
        }
        List<PpToken> result = new ArrayList<>(out.size());
        for (PpToken t : out) {
            if (t != placemarker) {
                result.add(t.with(t.hide.union(hs), t.space, t.srcFirst, t.srcLast));
            }
        }
        return result;
    }

    private static List<PpToken> paste(PpToken l, PpToken r, int srcFirst, int srcLast) {
        String s = l.text + r.text;
        List<Token> toks = CTokenizer.tokenize(s);
        List<PpToken> out = new ArrayList<>();
        for (Token t : toks) {
            out.add(new PpToken(t.text(), t.kind(), l.hide.intersect(r.hide), out.isEmpty() ? l.space : t.space(),
                    srcFirst, srcLast));
        }
        return out;
    }

    private static PpToken stringize(List<PpToken> arg, boolean space, int srcFirst, int srcLast) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < arg.size(); i++) {
            PpToken t = arg.get(i);
            if (i > 0 && t.space) {
                sb.append(' ');
            }
            if (t.kind == TokenKind.STRING || t.kind == TokenKind.CHAR) {
                sb.append(t.text.replace("\\", "\\\\").replace("\"", "\\\""));
            } else {
                sb.append(t.text);
            }
        }
        sb.append('"');
        return new PpToken(sb.toString(), TokenKind.STRING, Hide.EMPTY, space, srcFirst, srcLast);
    }
}

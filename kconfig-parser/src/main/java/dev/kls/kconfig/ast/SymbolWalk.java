package dev.kls.kconfig.ast;

import java.util.List;

/**
 * Every symbol name a Kconfig file writes, in source order: the names its
 * {@code config}/{@code menuconfig} entries define, and the words of its
 * expressions and select/imply targets that may name symbols. The language
 * server (references, rename) and the undefined-symbol rule both read names
 * this way.
 */
public final class SymbolWalk {

    /** Receives the names; the words include constants, see {@link #isPlaceableName}. */
    public interface Visitor {
        void definition(Text name);

        void use(Text name);
    }

    private SymbolWalk() {
    }

    public static void walk(List<Entry> entries, Visitor v) {
        for (Entry e : entries) {
            if (e instanceof Entry.Config c) {
                v.definition(c.name());
                properties(c.properties(), v);
            } else if (e instanceof Entry.Choice c) {
                properties(c.properties(), v);
                walk(c.body(), v);
            } else if (e instanceof Entry.Menu m) {
                properties(m.properties(), v);
                walk(m.body(), v);
            } else if (e instanceof Entry.If i) {
                expr(i.condition(), v);
                walk(i.body(), v);
            } else if (e instanceof Entry.Comment c) {
                properties(c.properties(), v);
            }
        }
    }

    private static void properties(List<Property> props, Visitor v) {
        for (Property p : props) {
            if (p instanceof Property.TypeDecl t) {
                expr(t.condition(), v);
            } else if (p instanceof Property.Prompt pr) {
                expr(pr.condition(), v);
            } else if (p instanceof Property.Default d) {
                expr(d.value(), v);
                expr(d.condition(), v);
            } else if (p instanceof Property.Select s) {
                v.use(s.target());
                expr(s.condition(), v);
            } else if (p instanceof Property.Range r) {
                expr(r.low(), v);
                expr(r.high(), v);
                expr(r.condition(), v);
            } else if (p instanceof Property.DependsOn d) {
                expr(d.expr(), v);
            } else if (p instanceof Property.Visible vis) {
                expr(vis.condition(), v);
            }
        }
    }

    private static void expr(Expr e, Visitor v) {
        if (e instanceof Expr.Sym s) {
            if (!s.quoted()) {
                v.use(s.text());
            }
        } else if (e instanceof Expr.Not n) {
            expr(n.operand(), v);
        } else if (e instanceof Expr.And a) {
            expr(a.left(), v);
            expr(a.right(), v);
        } else if (e instanceof Expr.Or o) {
            expr(o.left(), v);
            expr(o.right(), v);
        } else if (e instanceof Expr.Compare c) {
            expr(c.left(), v);
            expr(c.right(), v);
        }
    }

    /**
     * A name with one place to edit: not built by macros, not synthesized, and
     * a word that may be a symbol rather than a tristate constant or a number.
     */
    public static boolean isPlaceableName(Text t) {
        return t != null && !t.hasMacros() && t.range().startLine() > 0 && maybeSymbol(t.value());
    }

    /** Whether a word may be a symbol: ASCII word characters, not y/n/m, not a number. */
    public static boolean maybeSymbol(String w) {
        if (w.isEmpty() || w.equals("y") || w.equals("n") || w.equals("m") || w.startsWith("0x")
                || w.startsWith("0X") || w.startsWith("-")) {
            return false;
        }
        boolean digits = true;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
            digits &= Character.isDigit(c);
        }
        return !digits;
    }
}

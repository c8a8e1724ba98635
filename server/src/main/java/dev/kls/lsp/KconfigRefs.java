package dev.kls.lsp;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.ast.Text;
import java.util.ArrayList;
import java.util.List;

/** Every symbol name a Kconfig file writes: its definitions and its uses, with ranges. */
public final class KconfigRefs {

    private final List<Occurrence> out = new ArrayList<>();

    private KconfigRefs() {
    }

    public static List<Occurrence> of(KconfigFile file) {
        KconfigRefs r = new KconfigRefs();
        r.entries(file.entries());
        return r.out;
    }

    /** Whether a word in an expression may be a symbol: not a tristate constant or a number. */
    public static boolean maybeSymbol(String w) {
        if (w.isEmpty() || w.equals("y") || w.equals("n") || w.equals("m")) {
            return false;
        }
        if (w.startsWith("0x") || w.startsWith("0X") || w.startsWith("-")) {
            return false;
        }
        boolean digits = true;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!ConfigTextScanner.isWord(c)) {
                return false;
            }
            digits &= Character.isDigit(c);
        }
        return !digits;
    }

    private void entries(List<Entry> entries) {
        for (Entry e : entries) {
            if (e instanceof Entry.Config c) {
                word(c.name(), Occurrence.Kind.DEFINITION);
                properties(c.properties());
            } else if (e instanceof Entry.Choice c) {
                properties(c.properties());
                entries(c.body());
            } else if (e instanceof Entry.Menu m) {
                properties(m.properties());
                entries(m.body());
            } else if (e instanceof Entry.If i) {
                expr(i.condition());
                entries(i.body());
            } else if (e instanceof Entry.Comment c) {
                properties(c.properties());
            }
        }
    }

    private void properties(List<Property> props) {
        for (Property p : props) {
            if (p instanceof Property.TypeDecl t) {
                expr(t.condition());
            } else if (p instanceof Property.Prompt pr) {
                expr(pr.condition());
            } else if (p instanceof Property.Default d) {
                expr(d.value());
                expr(d.condition());
            } else if (p instanceof Property.Select s) {
                word(s.target(), Occurrence.Kind.KCONFIG);
                expr(s.condition());
            } else if (p instanceof Property.Range r) {
                expr(r.low());
                expr(r.high());
                expr(r.condition());
            } else if (p instanceof Property.DependsOn d) {
                expr(d.expr());
            } else if (p instanceof Property.Visible v) {
                expr(v.condition());
            }
        }
    }

    private void expr(Expr e) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.Sym s) {
            if (!s.quoted()) {
                word(s.text(), Occurrence.Kind.KCONFIG);
            }
        } else if (e instanceof Expr.Not n) {
            expr(n.operand());
        } else if (e instanceof Expr.And a) {
            expr(a.left());
            expr(a.right());
        } else if (e instanceof Expr.Or o) {
            expr(o.left());
            expr(o.right());
        } else if (e instanceof Expr.Compare c) {
            expr(c.left());
            expr(c.right());
        }
    }

    private void word(Text t, Occurrence.Kind kind) {
        // Names built by macros have no single place to edit; a synthesized node has no place at all.
        if (t == null || t.hasMacros() || t.range().startLine() <= 0 || !maybeSymbol(t.value())) {
            return;
        }
        out.add(new Occurrence(t.value(), t.range(), kind));
    }
}

package dev.kls.kconfig;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.ast.Text;
import java.util.List;

/**
 * Prints an AST back as Kconfig text that parses to the same AST. Macros are
 * printed as written, not expanded, so the text means the same in the same
 * context. Parentheses are the fewest that keep the tree's shape.
 */
public final class KconfigPrinter {

    private final StringBuilder out = new StringBuilder();

    private KconfigPrinter() {
    }

    public static String print(KconfigFile file) {
        return print(file.entries());
    }

    public static String print(List<Entry> entries) {
        KconfigPrinter p = new KconfigPrinter();
        p.entries(entries);
        return p.out.toString();
    }

    /** One expression as Kconfig text. */
    public static String print(Expr e) {
        KconfigPrinter p = new KconfigPrinter();
        p.expr(e, 0);
        return p.out.toString();
    }

    private void entries(List<Entry> entries) {
        for (Entry e : entries) {
            entry(e);
        }
    }

    private void entry(Entry e) {
        if (e instanceof Entry.MainMenu m) {
            out.append("mainmenu ").append(quoted(m.title())).append("\n\n");
        } else if (e instanceof Entry.Config c) {
            out.append(c.menuconfig() ? "menuconfig " : "config ").append(c.name().raw()).append('\n');
            properties(c.properties());
            out.append('\n');
        } else if (e instanceof Entry.Choice c) {
            out.append("choice");
            if (c.name() != null) {
                out.append(' ').append(c.name().raw());
            }
            out.append('\n');
            properties(c.properties());
            out.append('\n');
            entries(c.body());
            out.append("endchoice\n\n");
        } else if (e instanceof Entry.Comment c) {
            out.append("comment ").append(quoted(c.prompt())).append('\n');
            properties(c.properties());
            out.append('\n');
        } else if (e instanceof Entry.Menu m) {
            out.append("menu ").append(quoted(m.prompt())).append('\n');
            properties(m.properties());
            out.append('\n');
            entries(m.body());
            out.append("endmenu\n\n");
        } else if (e instanceof Entry.If i) {
            out.append("if ");
            expr(i.condition(), 0);
            out.append("\n\n");
            entries(i.body());
            out.append("endif\n\n");
        } else if (e instanceof Entry.Source s) {
            out.append(s.kind().keyword()).append(' ').append(quoted(s.path())).append("\n\n");
        } else if (e instanceof Entry.Assignment a) {
            out.append(a.name().raw()).append(' ').append(a.flavor().token());
            if (!a.value().isEmpty()) {
                out.append(' ').append(a.value());
            }
            out.append("\n\n");
        }
    }

    private void properties(List<Property> props) {
        for (Property p : props) {
            out.append('\t');
            property(p);
            out.append('\n');
        }
    }

    private void property(Property p) {
        if (p instanceof Property.TypeDecl t) {
            out.append(t.type().keyword());
            if (t.prompt() != null) {
                out.append(' ').append(quoted(t.prompt()));
                condition(t.condition());
            }
        } else if (p instanceof Property.Prompt pr) {
            out.append("prompt ").append(quoted(pr.text()));
            condition(pr.condition());
        } else if (p instanceof Property.Default d) {
            out.append(d.kind().keyword()).append(' ');
            expr(d.value(), 0);
            condition(d.condition());
        } else if (p instanceof Property.Select s) {
            out.append(s.imply() ? "imply " : "select ").append(s.target().raw());
            condition(s.condition());
        } else if (p instanceof Property.Range r) {
            out.append("range ");
            expr(r.low(), 0);
            out.append(' ');
            expr(r.high(), 0);
            condition(r.condition());
        } else if (p instanceof Property.DependsOn d) {
            out.append("depends on ");
            expr(d.expr(), 0);
        } else if (p instanceof Property.Visible v) {
            out.append("visible");
            condition(v.condition());
        } else if (p instanceof Property.Help h) {
            out.append("help");
            if (!h.text().isEmpty()) {
                for (String line : h.text().split("\n", -1)) {
                    out.append('\n');
                    if (!line.isEmpty()) {
                        out.append("\t  ").append(line);
                    }
                }
                // The text ends with a newline; the split above printed it as an empty last line.
                out.setLength(out.length() - 1);
            }
        } else if (p instanceof Property.Modules) {
            out.append("modules");
        } else if (p instanceof Property.Optional) {
            out.append("optional");
        } else if (p instanceof Property.Transitional) {
            out.append("transitional");
        } else if (p instanceof Property.Option o) {
            out.append("option ").append(o.name());
            if (o.value() != null) {
                out.append('=');
                expr(o.value(), 0);
            }
        }
    }

    private void condition(Expr cond) {
        if (cond != null) {
            out.append(" if ");
            expr(cond, 0);
        }
    }

    private static int precedence(Expr e) {
        if (e instanceof Expr.Or) {
            return 1;
        }
        if (e instanceof Expr.And) {
            return 2;
        }
        if (e instanceof Expr.Not) {
            return 3;
        }
        return 4;
    }

    /** Prints {@code e}, in parentheses when it binds more loosely than {@code min} allows. */
    private void expr(Expr e, int min) {
        boolean parens = precedence(e) < min;
        if (parens) {
            out.append('(');
        }
        if (e instanceof Expr.Or o) {
            expr(o.left(), 1);
            out.append(" || ");
            expr(o.right(), 2);
        } else if (e instanceof Expr.And a) {
            expr(a.left(), 2);
            out.append(" && ");
            expr(a.right(), 3);
        } else if (e instanceof Expr.Not n) {
            out.append('!');
            expr(n.operand(), 3);
        } else if (e instanceof Expr.Compare c) {
            sym(c.left());
            out.append(' ').append(c.op().token()).append(' ');
            sym(c.right());
        } else if (e instanceof Expr.Sym s) {
            sym(s);
        }
        if (parens) {
            out.append(')');
        }
    }

    private void sym(Expr.Sym s) {
        out.append(s.quoted() ? quoted(s.text()) : s.text().raw());
    }

    /**
     * A string as it was written: its raw text (macros and escapes as they were)
     * in a quote character that does not occur unescaped in it, which is the
     * one it was written with. Text made up by a program, with both quote
     * characters in it, is escaped instead.
     */
    static String quoted(Text t) {
        String raw = t.raw();
        if (!hasUnescaped(raw, '"')) {
            return "\"" + raw + "\"";
        }
        if (!hasUnescaped(raw, '\'')) {
            return "'" + raw + "'";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : t.value().toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    private static boolean hasUnescaped(String s, char quote) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return true;
            }
        }
        // A trailing lone backslash would escape the closing quote.
        return s.endsWith("\\") && (s.length() - s.replaceAll("\\\\+$", "").length()) % 2 == 1;
    }
}

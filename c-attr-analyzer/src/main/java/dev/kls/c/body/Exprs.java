package dev.kls.c.body;

/** Small helpers over {@link Expr} trees. */
public final class Exprs {
    private Exprs() {
    }

    /** A compact spelling of an expression, after expansion (for messages and matching). */
    public static String text(Expr e) {
        StringBuilder sb = new StringBuilder();
        write(e, sb);
        return sb.toString();
    }

    private static void write(Expr e, StringBuilder sb) {
        if (e instanceof Expr.Ident i) {
            sb.append(i.name());
        } else if (e instanceof Expr.Literal l) {
            sb.append(l.text());
        } else if (e instanceof Expr.Call c) {
            write(c.callee(), sb);
            sb.append('(');
            for (int k = 0; k < c.args().size(); k++) {
                if (k > 0) {
                    sb.append(", ");
                }
                write(c.args().get(k), sb);
            }
            sb.append(')');
        } else if (e instanceof Expr.Member m) {
            write(m.base(), sb);
            sb.append(m.arrow() ? "->" : ".").append(m.name());
        } else if (e instanceof Expr.Index i) {
            write(i.base(), sb);
            sb.append('[');
            write(i.index(), sb);
            sb.append(']');
        } else if (e instanceof Expr.Unary u) {
            if (u.postfix()) {
                write(u.operand(), sb);
                sb.append(u.op());
            } else {
                sb.append(u.op());
                write(u.operand(), sb);
            }
        } else if (e instanceof Expr.Binary b) {
            sb.append('(');
            write(b.left(), sb);
            sb.append(b.op().equals(",") ? ", " : " " + b.op() + " ");
            write(b.right(), sb);
            sb.append(')');
        } else if (e instanceof Expr.Assign a) {
            write(a.target(), sb);
            sb.append(' ').append(a.op()).append(' ');
            write(a.value(), sb);
        } else if (e instanceof Expr.Conditional c) {
            write(c.cond(), sb);
            sb.append(" ? ");
            if (c.then() != null) {
                write(c.then(), sb);
            }
            sb.append(" : ");
            write(c.otherwise(), sb);
        } else if (e instanceof Expr.Cast c) {
            sb.append('(').append(c.type().text()).append(')');
            write(c.operand(), sb);
        } else if (e instanceof Expr.SizeofLike s) {
            sb.append(s.op()).append('(');
            if (s.type() != null) {
                sb.append(s.type().text());
            } else {
                write(s.operand(), sb);
            }
            sb.append(')');
        } else if (e instanceof Expr.InitList l) {
            sb.append(l.type().text().isEmpty() ? "" : "(" + l.type().text() + ")").append("{...}");
        } else if (e instanceof Expr.TypeArg a) {
            sb.append(a.type().text());
        } else if (e instanceof Expr.Designator d) {
            for (int k = 0; k < d.steps().size(); k++) {
                sb.append(k > 0 ? "." : "").append(d.steps().get(k).member());
                for (Expr i : d.steps().get(k).indices()) {
                    sb.append('[');
                    write(i, sb);
                    sb.append(']');
                }
            }
        } else if (e instanceof Expr.StatementExpr) {
            sb.append("({...})");
        } else if (e instanceof Expr.Opaque o) {
            sb.append(o.text());
        }
    }

    /** Strips casts and parentheses' leftovers: the expression a value comes from. */
    public static Expr strip(Expr e) {
        while (e instanceof Expr.Cast c) {
            e = c.operand();
        }
        return e;
    }
}

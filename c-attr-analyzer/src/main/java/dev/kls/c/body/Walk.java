package dev.kls.c.body;

import java.util.function.Consumer;

/** Visits every expression of a statement tree (statement expressions' bodies too), parents first. */
public final class Walk {
    private Walk() {
    }

    public static void exprs(Stmt s, Consumer<Expr> v) {
        if (s == null) {
            return;
        }
        if (s instanceof Stmt.Block b) {
            b.statements().forEach(x -> exprs(x, v));
        } else if (s instanceof Stmt.ExprStmt e) {
            exprs(e.expr(), v);
        } else if (s instanceof Stmt.Decl d) {
            d.locals().forEach(l -> exprs(l.init(), v));
        } else if (s instanceof Stmt.If i) {
            exprs(i.cond(), v);
            exprs(i.then(), v);
            exprs(i.otherwise(), v);
        } else if (s instanceof Stmt.Switch sw) {
            exprs(sw.selector(), v);
            exprs(sw.body(), v);
        } else if (s instanceof Stmt.Case c) {
            exprs(c.value(), v);
            exprs(c.high(), v);
        } else if (s instanceof Stmt.Loop l) {
            exprs(l.init(), v);
            exprs(l.cond(), v);
            exprs(l.step(), v);
            exprs(l.body(), v);
        } else if (s instanceof Stmt.Goto g) {
            exprs(g.computed(), v);
        } else if (s instanceof Stmt.Return r) {
            exprs(r.value(), v);
        } else if (s instanceof Stmt.Asm a) {
            a.operands().forEach(x -> exprs(x, v));
        }
    }

    public static void exprs(Expr e, Consumer<Expr> v) {
        if (e == null) {
            return;
        }
        v.accept(e);
        if (e instanceof Expr.Call c) {
            exprs(c.callee(), v);
            c.args().forEach(x -> exprs(x, v));
        } else if (e instanceof Expr.Member m) {
            exprs(m.base(), v);
        } else if (e instanceof Expr.Index i) {
            exprs(i.base(), v);
            exprs(i.index(), v);
        } else if (e instanceof Expr.Unary u) {
            exprs(u.operand(), v);
        } else if (e instanceof Expr.Binary b) {
            exprs(b.left(), v);
            exprs(b.right(), v);
        } else if (e instanceof Expr.Assign a) {
            exprs(a.target(), v);
            exprs(a.value(), v);
        } else if (e instanceof Expr.Conditional c) {
            exprs(c.cond(), v);
            exprs(c.then(), v);
            exprs(c.otherwise(), v);
        } else if (e instanceof Expr.Cast c) {
            exprs(c.operand(), v);
        } else if (e instanceof Expr.SizeofLike s) {
            exprs(s.operand(), v);
        } else if (e instanceof Expr.InitList l) {
            l.items().forEach(i -> exprs(i.value(), v));
        } else if (e instanceof Expr.StatementExpr s) {
            exprs(s.body(), v);
        } else if (e instanceof Expr.Designator d) {
            d.steps().forEach(st -> st.indices().forEach(x -> exprs(x, v)));
        }
    }
}

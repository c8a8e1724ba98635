package dev.kls.c.body;

import dev.kls.kconfig.SourceRange;
import java.util.ArrayList;
import java.util.List;

/** What a body reader did not understand: each opaque statement or expression, with its range and why. */
public record Unknown(SourceRange range, String text, String reason) {

    /** The opaque nodes of a function's body, in source order. */
    public static List<Unknown> of(FunctionDef f) {
        List<Unknown> out = new ArrayList<>();
        if (f.body() == null) {
            out.add(new Unknown(f.range(), f.name(), "body not read"));
            return out;
        }
        collect(f.body(), out);
        Walk.exprs(f.body(), e -> {
            if (e instanceof Expr.Opaque o) {
                out.add(new Unknown(o.range(), o.text(), "expression not understood"));
            }
        });
        out.sort(java.util.Comparator.comparingInt((Unknown u) -> u.range().startLine())
                .thenComparingInt(u -> u.range().startColumn()));
        return out;
    }

    private static void collect(Stmt s, List<Unknown> out) {
        if (s == null) {
            return;
        }
        if (s instanceof Stmt.Opaque o) {
            out.add(new Unknown(o.range(), o.text(), o.reason()));
        } else if (s instanceof Stmt.Block b) {
            b.statements().forEach(x -> collect(x, out));
        } else if (s instanceof Stmt.If i) {
            collect(i.then(), out);
            collect(i.otherwise(), out);
        } else if (s instanceof Stmt.Switch sw) {
            collect(sw.body(), out);
        } else if (s instanceof Stmt.Loop l) {
            collect(l.init(), out);
            collect(l.body(), out);
        }
        // statement expressions' bodies are reached through their expressions
        if (s instanceof Stmt.ExprStmt || s instanceof Stmt.Decl || s instanceof Stmt.Return) {
            Walk.exprs(s, e -> {
                if (e instanceof Expr.StatementExpr se) {
                    collect(se.body(), out);
                }
            });
        }
    }
}

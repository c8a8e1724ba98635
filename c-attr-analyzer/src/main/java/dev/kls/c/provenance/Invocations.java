package dev.kls.c.provenance;

import dev.kls.c.CFile;
import dev.kls.c.body.Expr;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.body.Stmt;
import dev.kls.c.cond.Cond;
import dev.kls.c.pp.FileModel;
import dev.kls.kconfig.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Calls of named macros or functions in a function body, found the same way
 * whether the name is a macro ({@code __pa(x)}, expanded in the body model)
 * or a function ({@code virt_to_phys(x)}): by the source text at each node's
 * range, which for a macro's product is the whole invocation. Only calls
 * written in the file itself are found (not those inside other macros'
 * bodies), with the node of each argument.
 */
public final class Invocations {
    private Invocations() {
    }

    /**
     * @param name     the macro or function called
     * @param range    the whole invocation
     * @param node     the outermost body node the invocation became
     * @param args     each argument's outermost node (null when the expansion dropped it)
     * @param argTexts each argument as written
     * @param argRanges where each argument stands
     * @param presence the presence of the call's branch
     */
    public record Invocation(String name, SourceRange range, Expr node, List<Expr> args, List<String> argTexts,
            List<SourceRange> argRanges, Cond presence) {
    }

    public static List<Invocation> find(CFile file, FunctionDef fn, Set<String> names) {
        List<Invocation> out = new ArrayList<>();
        if (fn.body() == null) {
            return out;
        }
        FileModel m = file.model();
        visitStmt(fn.body(), m, names, out);
        return out;
    }

    private static void visitStmt(Stmt s, FileModel m, Set<String> names, List<Invocation> out) {
        if (s == null) {
            return;
        }
        if (s instanceof Stmt.Block b) {
            b.statements().forEach(x -> visitStmt(x, m, names, out));
        } else if (s instanceof Stmt.ExprStmt e) {
            visit(e.expr(), m, names, out, null);
        } else if (s instanceof Stmt.Decl d) {
            d.locals().forEach(l -> visit(l.init(), m, names, out, null));
        } else if (s instanceof Stmt.If i) {
            visit(i.cond(), m, names, out, null);
            visitStmt(i.then(), m, names, out);
            visitStmt(i.otherwise(), m, names, out);
        } else if (s instanceof Stmt.Switch sw) {
            visit(sw.selector(), m, names, out, null);
            visitStmt(sw.body(), m, names, out);
        } else if (s instanceof Stmt.Loop l) {
            visitStmt(l.init(), m, names, out);
            visit(l.cond(), m, names, out, null);
            visit(l.step(), m, names, out, null);
            visitStmt(l.body(), m, names, out);
        } else if (s instanceof Stmt.Return r) {
            visit(r.value(), m, names, out, null);
        } else if (s instanceof Stmt.Asm a) {
            a.operands().forEach(x -> visit(x, m, names, out, null));
        }
    }

    /** A found invocation's own nodes are not visited again; its arguments are. */
    private static void visit(Expr e, FileModel m, Set<String> names, List<Invocation> out, SourceRange seen) {
        if (e == null) {
            return;
        }
        SourceRange r = e.range();
        // nodes a macro produced share its invocation's range: read the text once per range
        if (r != null && !r.equals(seen) && r.file().equals(m.path())) {
            SourceText.Invocation inv = SourceText.invocation(m, r);
            if (inv != null && names.contains(inv.name())) {
                List<Expr> args = new ArrayList<>();
                for (SourceRange a : inv.args()) {
                    args.add(outermostWithin(e, a));
                }
                out.add(new Invocation(inv.name(), r, e, args, inv.argTexts(), inv.args(), e.presence()));
                for (Expr a : args) {
                    visit(a, m, names, out, null);
                }
                return;
            }
        }
        for (Expr c : Provenance.children(e)) {
            visit(c, m, names, out, r);
        }
        if (e instanceof Expr.StatementExpr s) {
            visitStmt(s.body(), m, names, out);
        }
    }

    /** The first node (pre-order) whose range lies within {@code in}: an argument's node after expansion. */
    static Expr outermostWithin(Expr root, SourceRange in) {
        if (root.range() != null && SourceText.within(root.range(), in)) {
            return root;
        }
        for (Expr c : Provenance.children(root)) {
            Expr f = outermostWithin(c, in);
            if (f != null) {
                return f;
            }
        }
        if (root instanceof Expr.StatementExpr s) {
            Expr[] found = {null};
            Provenance.walkAll(s.body(), st -> {
            }, x -> {
                if (found[0] == null && x.range() != null && SourceText.within(x.range(), in)) {
                    found[0] = x;
                }
            });
            return found[0];
        }
        return null;
    }
}

package dev.kls.c.body;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.SourceRange;
import java.util.List;

/** A statement of a function body; ranges and presence conditions as in {@link Expr}. */
public sealed interface Stmt {

    SourceRange range();

    Cond presence();

    record Block(List<Stmt> statements, SourceRange range, Cond presence) implements Stmt {
        public Block {
            statements = List.copyOf(statements);
        }
    }

    record ExprStmt(Expr expr, SourceRange range, Cond presence) implements Stmt {
    }

    /** A local declaration: each variable with its type text and initializer (null when none). */
    record Decl(boolean isStatic, List<Local> locals, SourceRange range, Cond presence) implements Stmt {
        public Decl {
            locals = List.copyOf(locals);
        }
    }

    record Local(String name, String type, Expr init, SourceRange range) {
    }

    /** {@code otherwise} is null without an else. */
    record If(Expr cond, Stmt then, Stmt otherwise, SourceRange range, Cond presence) implements Stmt {
    }

    record Switch(Expr selector, Stmt body, SourceRange range, Cond presence) implements Stmt {
    }

    /** {@code case value:} ({@code high} set for GNU {@code case a ... b:}) or {@code default:} (value null). */
    record Case(Expr value, Expr high, SourceRange range, Cond presence) implements Stmt {
    }

    record Label(String name, SourceRange range, Cond presence) implements Stmt {
    }

    /** {@code while}, {@code do-while} ({@code doWhile}) and {@code for} (init/step may be null). */
    record Loop(Stmt init, Expr cond, Expr step, Stmt body, boolean doWhile, SourceRange range, Cond presence)
            implements Stmt {
    }

    /** {@code goto label} or, with {@code computed}, GNU {@code goto *expr}. */
    record Goto(String label, Expr computed, SourceRange range, Cond presence) implements Stmt {
    }

    /** {@code value} null for a plain {@code return;}. */
    record Return(Expr value, SourceRange range, Cond presence) implements Stmt {
    }

    record Break(SourceRange range, Cond presence) implements Stmt {
    }

    record Continue(SourceRange range, Cond presence) implements Stmt {
    }

    /** An {@code asm} statement: its text, and the expressions of its operands. */
    record Asm(String text, List<Expr> operands, SourceRange range, Cond presence) implements Stmt {
        public Asm {
            operands = List.copyOf(operands);
        }
    }

    /** A statement not understood: kept with its range and counted. */
    record Opaque(String text, String reason, SourceRange range, Cond presence) implements Stmt {
    }
}

package dev.kls.c.body;

import dev.kls.c.cond.Cond;
import dev.kls.c.types.CType;
import dev.kls.kconfig.SourceRange;
import java.util.List;

/**
 * An expression of a function body, after macro expansion. Every node keeps
 * the range of the original text it came from (a macro's whole invocation for
 * what the macro produced) and the presence condition of the #if branch it
 * stands in. Immutable. In a constant expression, type names (casts,
 * {@code sizeof}, compound literals, builtins taking types) carry their
 * parsed {@link CType}, unresolved as {@code DeclParser} reads it, so a
 * {@code Layout} can evaluate constants on the tree ({@code ConstEval}).
 */
public sealed interface Expr {

    SourceRange range();

    Cond presence();

    /** A name: a local, a parameter, a global or a function. */
    record Ident(String name, SourceRange range, Cond presence) implements Expr {
    }

    /** A number, character or (concatenated) string literal, as spelled after expansion. */
    record Literal(String text, SourceRange range, Cond presence) implements Expr {
    }

    /** {@code callee(args)}: direct when the callee is an {@link Ident}, else through a pointer or member. */
    record Call(Expr callee, List<Expr> args, SourceRange range, Cond presence) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code base.name} or, when {@code arrow}, {@code base->name}. */
    record Member(Expr base, String name, boolean arrow, SourceRange range, Cond presence) implements Expr {
    }

    /** {@code base[index]}. */
    record Index(Expr base, Expr index, SourceRange range, Cond presence) implements Expr {
    }

    /**
     * A prefix operator ({@code & * - + ! ~ ++ --}, {@code &&} for a label's
     * address) or, when {@code postfix}, {@code x++} / {@code x--}.
     */
    record Unary(String op, Expr operand, boolean postfix, SourceRange range, Cond presence) implements Expr {
    }

    /** {@code left op right} for the binary operators and the comma. */
    record Binary(String op, Expr left, Expr right, SourceRange range, Cond presence) implements Expr {
    }

    /** {@code target op value} for {@code =} and the compound assignments. */
    record Assign(String op, Expr target, Expr value, SourceRange range, Cond presence) implements Expr {
    }

    /** {@code cond ? then : otherwise}; {@code then} is null for GNU {@code cond ?: otherwise}. */
    record Conditional(Expr cond, Expr then, Expr otherwise, SourceRange range, Cond presence) implements Expr {
    }

    /**
     * A type name: its spelling after expansion and, in a constant expression
     * ({@code BodyParser.constant}, what {@code ConstEval} evaluates), its
     * parse. {@code type} is null in function bodies: their trees are kept
     * across runs by the body cache, whose codec carries records and plain
     * values, not the expansion tokens a {@link CType} holds (array sizes,
     * typeof operands), and no reader of a body needs the type yet. Null
     * too for {@link #NONE}, the missing type of a plain initializer.
     */
    record TypeName(String text, CType type) {
        public static final TypeName NONE = new TypeName("", null);
    }

    /** {@code (type) operand}. */
    record Cast(TypeName type, Expr operand, SourceRange range, Cond presence) implements Expr {
    }

    /** {@code sizeof}, {@code _Alignof}, {@code typeof} of a type ({@code type} set) or an expression. */
    record SizeofLike(String op, TypeName type, Expr operand, SourceRange range, Cond presence) implements Expr {
    }

    /**
     * A type name as the argument of a builtin that takes one
     * ({@code __builtin_offsetof}, {@code __builtin_types_compatible_p},
     * {@code __builtin_va_arg}).
     */
    record TypeArg(TypeName type, SourceRange range, Cond presence) implements Expr {
    }

    /**
     * The member designator of {@code __builtin_offsetof(T, a.b[i].c)}: one
     * step per member, each with the indices that follow it.
     */
    record Designator(List<Step> steps, SourceRange range, Cond presence) implements Expr {
        public Designator {
            steps = List.copyOf(steps);
        }
    }

    /** One member of a {@link Designator} and its {@code [index]} subscripts. */
    record Step(String member, List<Expr> indices) {
        public Step {
            indices = List.copyOf(indices);
        }
    }

    /** {@code (type){...}} or a brace initializer; {@code type} {@link TypeName#NONE} for a plain initializer. */
    record InitList(TypeName type, List<Init> items, SourceRange range, Cond presence) implements Expr {
        public InitList {
            items = List.copyOf(items);
        }
    }

    /**
     * One item of an initializer: {@code .a.b[2] = value} has designators
     * {@code [".a", ".b", "[2]"]}; a positional item has none.
     */
    record Init(List<String> designators, Expr value) {
        public Init {
            designators = List.copyOf(designators);
        }
    }

    /** GNU statement expression {@code ({ ... })}: its value is the last expression statement's. */
    record StatementExpr(Stmt.Block body, SourceRange range, Cond presence) implements Expr {
    }

    /** Text not understood (counted by the function's {@link FunctionDef#opaque()}). */
    record Opaque(String text, SourceRange range, Cond presence) implements Expr {
    }
}

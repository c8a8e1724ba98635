package dev.kls.kconfig.ast;

import dev.kls.kconfig.SourceRange;

/** A Kconfig expression: symbols, comparisons, !, && and ||. */
public sealed interface Expr {

    SourceRange range();

    /**
     * A symbol or constant. {@code quoted} constants ("y", "4096") are never
     * symbols; unquoted words may be (an undefined word is a constant, as in
     * the kernel).
     */
    record Sym(Text text, boolean quoted) implements Expr {
        public String name() {
            return text.value();
        }

        @Override
        public SourceRange range() {
            return text.range();
        }
    }

    record Not(Expr operand, SourceRange range) implements Expr {
    }

    record And(Expr left, Expr right, SourceRange range) implements Expr {
    }

    record Or(Expr left, Expr right, SourceRange range) implements Expr {
    }

    record Compare(CompareOp op, Sym left, Sym right, SourceRange range) implements Expr {
    }

    enum CompareOp {
        EQUAL("="), UNEQUAL("!="), LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">=");

        private final String token;

        CompareOp(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }
}

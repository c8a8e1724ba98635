package dev.kls.kconfig.eval;

/**
 * conf's struct expr, mutable because expr.c rewrites expressions in place.
 * The C union is split into fields: {@code left}/{@code right} hold
 * subexpressions (AND, OR, NOT, and LIST's next), {@code lsym}/{@code rsym}
 * hold symbols (SYMBOL, comparisons, RANGE, LIST's value in rsym).
 */
final class KExpr {

    /** Same order as expr.h: printing compares positions. */
    enum Type {
        NONE, OR, AND, NOT, EQUAL, UNEQUAL, LTH, LEQ, GTH, GEQ, LIST, SYMBOL, RANGE;

        boolean isComparison() {
            return this == EQUAL || this == UNEQUAL || this == LTH || this == LEQ || this == GTH || this == GEQ;
        }
    }

    Type type;
    KExpr left;
    KExpr right;
    KSymbol lsym;
    KSymbol rsym;

    private KExpr(Type type) {
        this.type = type;
    }

    static KExpr symbol(KSymbol s) {
        KExpr e = new KExpr(Type.SYMBOL);
        e.lsym = s;
        return e;
    }

    static KExpr one(Type type, KExpr operand) {
        KExpr e = new KExpr(type);
        e.left = operand;
        return e;
    }

    static KExpr two(Type type, KExpr a, KExpr b) {
        KExpr e = new KExpr(type);
        e.left = a;
        e.right = b;
        return e;
    }

    static KExpr comp(Type type, KSymbol a, KSymbol b) {
        KExpr e = new KExpr(type);
        e.lsym = a;
        e.rsym = b;
        return e;
    }

    /** expr_alloc_and: null stands for "no condition". */
    static KExpr and(KExpr a, KExpr b) {
        if (a == null) {
            return b;
        }
        return b != null ? two(Type.AND, a, b) : a;
    }

    static KExpr or(KExpr a, KExpr b) {
        if (a == null) {
            return b;
        }
        return b != null ? two(Type.OR, a, b) : a;
    }

    static KExpr copy(KExpr org) {
        if (org == null) {
            return null;
        }
        KExpr e = new KExpr(org.type);
        e.lsym = org.lsym;
        e.rsym = org.rsym;
        e.left = copy(org.left);
        e.right = copy(org.right);
        return e;
    }

    /** {@code *e = *o}: a node takes over another's contents (expr_eliminate_yn, expr_transform). */
    void become(KExpr o) {
        type = o.type;
        left = o.left;
        right = o.right;
        lsym = o.lsym;
        rsym = o.rsym;
    }
}

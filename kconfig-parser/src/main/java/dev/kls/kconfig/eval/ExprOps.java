package dev.kls.kconfig.eval;

import dev.kls.kconfig.eval.KExpr.Type;

/**
 * The rewriting half of expr.c, ported line by line: menu_finalize shapes the
 * menu tree (and so decides which symbols are choice values) with these
 * simplifications, so kls must simplify exactly as conf does to agree with it.
 * Mutates expressions in place as the C code does. Not thread-safe (the C
 * code's trans_count is a field here).
 */
final class ExprOps {

    private final KSymbol yes;
    private final KSymbol mod;
    private final KSymbol no;
    private int transCount;

    ExprOps(KSymbol yes, KSymbol mod, KSymbol no) {
        this.yes = yes;
        this.mod = mod;
        this.no = no;
    }

    /** A place holding an expression: C's {@code struct expr **}. */
    private interface Slot {
        KExpr get();

        void set(KExpr e);
    }

    private static final class Var implements Slot {
        KExpr e;

        Var(KExpr e) {
            this.e = e;
        }

        @Override
        public KExpr get() {
            return e;
        }

        @Override
        public void set(KExpr v) {
            e = v;
        }
    }

    private static Slot leftOf(KExpr p) {
        return new Slot() {
            @Override
            public KExpr get() {
                return p.left;
            }

            @Override
            public void set(KExpr v) {
                p.left = v;
            }
        };
    }

    private static Slot rightOf(KExpr p) {
        return new Slot() {
            @Override
            public KExpr get() {
                return p.right;
            }

            @Override
            public void set(KExpr v) {
                p.right = v;
            }
        };
    }

    boolean isYes(KExpr e) {
        return e == null || e.type == Type.SYMBOL && e.lsym == yes;
    }

    /** The "&& MODULES" menu.c adds to a bare 'm' in dependencies. */
    KExpr rewriteM(KExpr e, KSymbol modules) {
        if (e == null) {
            return null;
        }
        switch (e.type) {
            case NOT:
                e.left = rewriteM(e.left, modules);
                break;
            case OR:
            case AND:
                e.left = rewriteM(e.left, modules);
                e.right = rewriteM(e.right, modules);
                break;
            case SYMBOL:
                if (e.lsym == mod) {
                    return KExpr.and(e, KExpr.symbol(modules));
                }
                break;
            default:
                break;
        }
        return e;
    }

    private void eliminateEqLeaves(Type type, Slot ep1, Slot ep2) {
        if (ep1.get().type == type) {
            KExpr e1 = ep1.get();
            eliminateEqLeaves(type, leftOf(e1), ep2);
            eliminateEqLeaves(type, rightOf(e1), ep2);
            return;
        }
        if (ep2.get().type == type) {
            KExpr e2 = ep2.get();
            eliminateEqLeaves(type, ep1, leftOf(e2));
            eliminateEqLeaves(type, ep1, rightOf(e2));
            return;
        }
        KExpr e1 = ep1.get();
        KExpr e2 = ep2.get();
        if (e1.type == Type.SYMBOL && e2.type == Type.SYMBOL && e1.lsym == e2.lsym
                && (e1.lsym == yes || e1.lsym == no)) {
            return;
        }
        if (!eq(e1, e2)) {
            return;
        }
        transCount++;
        if (type == Type.OR) {
            ep1.set(KExpr.symbol(no));
            ep2.set(KExpr.symbol(no));
        } else if (type == Type.AND) {
            ep1.set(KExpr.symbol(yes));
            ep2.set(KExpr.symbol(yes));
        }
    }

    /** expr_eliminate_eq: removes operands common to both sides. */
    private void eliminateEq(Slot ep1, Slot ep2) {
        if (ep1.get() == null || ep2.get() == null) {
            return;
        }
        Type t1 = ep1.get().type;
        if (t1 == Type.OR || t1 == Type.AND) {
            eliminateEqLeaves(t1, ep1, ep2);
        }
        if (ep1.get().type != ep2.get().type) {
            Type t2 = ep2.get().type;
            if (t2 == Type.OR || t2 == Type.AND) {
                eliminateEqLeaves(t2, ep1, ep2);
            }
        }
        ep1.set(eliminateYn(ep1.get()));
        ep2.set(eliminateYn(ep2.get()));
    }

    /** Runs expr_eliminate_eq on two expressions; returns {what is left of a, what is left of b}. */
    KExpr[] eliminateEq(KExpr a, KExpr b) {
        Var va = new Var(a);
        Var vb = new Var(b);
        eliminateEq(va, vb);
        return new KExpr[] {va.e, vb.e};
    }

    boolean eq(KExpr e1, KExpr e2) {
        if (e1 == null || e2 == null) {
            return isYes(e1) && isYes(e2);
        }
        if (e1.type != e2.type) {
            return false;
        }
        switch (e1.type) {
            case EQUAL:
            case GEQ:
            case GTH:
            case LEQ:
            case LTH:
            case UNEQUAL:
                return e1.lsym == e2.lsym && e1.rsym == e2.rsym;
            case SYMBOL:
                return e1.lsym == e2.lsym;
            case NOT:
                return eq(e1.left, e2.left);
            case AND:
            case OR: {
                Var a = new Var(KExpr.copy(e1));
                Var b = new Var(KExpr.copy(e2));
                int old = transCount;
                eliminateEq(a, b);
                boolean res = a.e.type == Type.SYMBOL && b.e.type == Type.SYMBOL && a.e.lsym == b.e.lsym;
                transCount = old;
                return res;
            }
            default:
                return false;
        }
    }

    private void becomeSymbol(KExpr e, KSymbol s) {
        e.type = Type.SYMBOL;
        e.lsym = s;
        e.rsym = null;
        e.left = null;
        e.right = null;
    }

    /** expr_eliminate_yn: e && n -> n, e && y -> e, e || n -> e, e || y -> y. */
    KExpr eliminateYn(KExpr e) {
        if (e == null) {
            return null;
        }
        if (e.type == Type.AND) {
            e.left = eliminateYn(e.left);
            e.right = eliminateYn(e.right);
            if (e.left.type == Type.SYMBOL) {
                if (e.left.lsym == no) {
                    becomeSymbol(e, no);
                    return e;
                } else if (e.left.lsym == yes) {
                    e.become(e.right);
                    return e;
                }
            }
            if (e.right.type == Type.SYMBOL) {
                if (e.right.lsym == no) {
                    becomeSymbol(e, no);
                    return e;
                } else if (e.right.lsym == yes) {
                    e.become(e.left);
                    return e;
                }
            }
        } else if (e.type == Type.OR) {
            e.left = eliminateYn(e.left);
            e.right = eliminateYn(e.right);
            if (e.left.type == Type.SYMBOL) {
                if (e.left.lsym == no) {
                    e.become(e.right);
                    return e;
                } else if (e.left.lsym == yes) {
                    becomeSymbol(e, yes);
                    return e;
                }
            }
            if (e.right.type == Type.SYMBOL) {
                if (e.right.lsym == no) {
                    e.become(e.left);
                    return e;
                } else if (e.right.lsym == yes) {
                    becomeSymbol(e, yes);
                    return e;
                }
            }
        }
        return e;
    }

    private static boolean joinable(KExpr e) {
        return e.type == Type.EQUAL || e.type == Type.UNEQUAL || e.type == Type.SYMBOL || e.type == Type.NOT;
    }

    /**
     * The one bool or tristate symbol that both e1 and e2 test, or null: what
     * expr.c's expr_join_or and expr_join_and both check before joining.
     */
    private static KSymbol joinedSymbol(KExpr e1, KExpr e2) {
        if (!joinable(e1) || !joinable(e2)) {
            return null;
        }
        KSymbol sym1;
        if (e1.type == Type.NOT) {
            KExpr tmp = e1.left;
            if (tmp.type != Type.EQUAL && tmp.type != Type.UNEQUAL && tmp.type != Type.SYMBOL) {
                return null;
            }
            sym1 = tmp.lsym;
        } else {
            sym1 = e1.lsym;
        }
        KSymbol sym2;
        if (e2.type == Type.NOT) {
            if (e2.left.type != Type.SYMBOL) {
                return null;
            }
            sym2 = e2.left.lsym;
        } else {
            sym2 = e2.lsym;
        }
        if (sym1 != sym2 || sym1.type != KSymbol.Type.BOOLEAN && sym1.type != KSymbol.Type.TRISTATE) {
            return null;
        }
        return sym1;
    }

    /** e1 || e2 simplified to one expression, or null. */
    private KExpr joinOr(KExpr e1, KExpr e2) {
        if (eq(e1, e2)) {
            return KExpr.copy(e1);
        }
        KSymbol sym1 = joinedSymbol(e1, e2);
        if (sym1 == null) {
            return null;
        }
        if (sym1.type == KSymbol.Type.TRISTATE && e1.type == Type.EQUAL && e2.type == Type.EQUAL) {
            if (pair(e1.rsym, e2.rsym, yes, mod)) {
                return KExpr.comp(Type.UNEQUAL, sym1, no);
            }
            if (pair(e1.rsym, e2.rsym, yes, no)) {
                return KExpr.comp(Type.UNEQUAL, sym1, mod);
            }
            if (pair(e1.rsym, e2.rsym, mod, no)) {
                return KExpr.comp(Type.UNEQUAL, sym1, yes);
            }
        }
        if (sym1.type == KSymbol.Type.BOOLEAN) {
            if (e1.type == Type.NOT && e1.left.type == Type.SYMBOL && e2.type == Type.SYMBOL
                    || e2.type == Type.NOT && e2.left.type == Type.SYMBOL && e1.type == Type.SYMBOL) {
                return KExpr.symbol(yes);
            }
        }
        return null;
    }

    private static boolean pair(KSymbol a, KSymbol b, KSymbol x, KSymbol y) {
        return a == x && b == y || a == y && b == x;
    }

    /** e1 && e2 simplified to one expression, or null. */
    private KExpr joinAnd(KExpr e1, KExpr e2) {
        if (eq(e1, e2)) {
            return KExpr.copy(e1);
        }
        KSymbol sym1 = joinedSymbol(e1, e2);
        if (sym1 == null) {
            return null;
        }
        if (e1.type == Type.SYMBOL && e2.type == Type.EQUAL && e2.rsym == yes
                || e2.type == Type.SYMBOL && e1.type == Type.EQUAL && e1.rsym == yes) {
            return KExpr.comp(Type.EQUAL, sym1, yes);
        }
        if (e1.type == Type.SYMBOL && e2.type == Type.UNEQUAL && e2.rsym == no
                || e2.type == Type.SYMBOL && e1.type == Type.UNEQUAL && e1.rsym == no) {
            return KExpr.symbol(sym1);
        }
        if (e1.type == Type.SYMBOL && e2.type == Type.UNEQUAL && e2.rsym == mod
                || e2.type == Type.SYMBOL && e1.type == Type.UNEQUAL && e1.rsym == mod) {
            return KExpr.comp(Type.EQUAL, sym1, yes);
        }
        if (sym1.type == KSymbol.Type.TRISTATE) {
            if (e1.type == Type.EQUAL && e2.type == Type.UNEQUAL) {
                KSymbol b = e1.rsym;
                if (e2.rsym.has(KSymbol.CONST) && b.has(KSymbol.CONST)) {
                    return b != e2.rsym ? KExpr.comp(Type.EQUAL, sym1, b) : KExpr.symbol(no);
                }
            }
            if (e1.type == Type.UNEQUAL && e2.type == Type.EQUAL) {
                KSymbol b = e2.rsym;
                if (e1.rsym.has(KSymbol.CONST) && b.has(KSymbol.CONST)) {
                    return b != e1.rsym ? KExpr.comp(Type.EQUAL, sym1, b) : KExpr.symbol(no);
                }
            }
            if (e1.type == Type.UNEQUAL && e2.type == Type.UNEQUAL) {
                if (pair(e1.rsym, e2.rsym, yes, no)) {
                    return KExpr.comp(Type.EQUAL, sym1, mod);
                }
                if (pair(e1.rsym, e2.rsym, yes, mod)) {
                    return KExpr.comp(Type.EQUAL, sym1, no);
                }
                if (pair(e1.rsym, e2.rsym, mod, no)) {
                    return KExpr.comp(Type.EQUAL, sym1, yes);
                }
            }
        }
        return null;
    }

    private void eliminateDupsLeaves(Type type, Slot ep1, Slot ep2) {
        if (ep1.get().type == type) {
            KExpr e1 = ep1.get();
            eliminateDupsLeaves(type, leftOf(e1), ep2);
            eliminateDupsLeaves(type, rightOf(e1), ep2);
            return;
        }
        if (ep2.get().type == type) {
            KExpr e2 = ep2.get();
            eliminateDupsLeaves(type, ep1, leftOf(e2));
            eliminateDupsLeaves(type, ep1, rightOf(e2));
            return;
        }
        if (ep1.get() == ep2.get()) {
            return;
        }
        Type t1 = ep1.get().type;
        if (t1 == Type.OR || t1 == Type.AND) {
            eliminateDupsLeaves(t1, ep1, ep1);
        }
        if (type == Type.OR) {
            KExpr tmp = joinOr(ep1.get(), ep2.get());
            if (tmp != null) {
                ep1.set(KExpr.symbol(no));
                ep2.set(tmp);
                transCount++;
            }
        } else if (type == Type.AND) {
            KExpr tmp = joinAnd(ep1.get(), ep2.get());
            if (tmp != null) {
                ep1.set(KExpr.symbol(yes));
                ep2.set(tmp);
                transCount++;
            }
        }
    }

    /** expr_eliminate_dups: joins duplicate and redundant operands. */
    KExpr eliminateDups(KExpr e) {
        if (e == null) {
            return null;
        }
        int old = transCount;
        while (true) {
            transCount = 0;
            if (e.type == Type.OR || e.type == Type.AND) {
                Var v = new Var(e);
                eliminateDupsLeaves(e.type, v, v);
                e = v.e;
            }
            if (transCount == 0) {
                break;
            }
            e = eliminateYn(e);
        }
        transCount = old;
        return e;
    }

    /** expr_transform: comparisons of bools to n/m/y, double negation, De Morgan. */
    KExpr transform(KExpr e) {
        if (e == null) {
            return null;
        }
        switch (e.type) {
            case EQUAL:
            case GEQ:
            case GTH:
            case LEQ:
            case LTH:
            case UNEQUAL:
            case SYMBOL:
            case LIST:
                break;
            default:
                e.left = transform(e.left);
                e.right = transform(e.right);
        }
        switch (e.type) {
            case EQUAL:
                if (e.lsym.type != KSymbol.Type.BOOLEAN) {
                    break;
                }
                if (e.rsym == no) {
                    e.type = Type.NOT;
                    e.left = KExpr.symbol(e.lsym);
                    e.lsym = null;
                    e.rsym = null;
                } else if (e.rsym == mod) {
                    becomeSymbol(e, no);
                } else if (e.rsym == yes) {
                    e.type = Type.SYMBOL;
                    e.rsym = null;
                }
                break;
            case UNEQUAL:
                if (e.lsym.type != KSymbol.Type.BOOLEAN) {
                    break;
                }
                if (e.rsym == no) {
                    e.type = Type.SYMBOL;
                    e.rsym = null;
                } else if (e.rsym == mod) {
                    becomeSymbol(e, yes);
                } else if (e.rsym == yes) {
                    e.type = Type.NOT;
                    e.left = KExpr.symbol(e.lsym);
                    e.lsym = null;
                    e.rsym = null;
                }
                break;
            case NOT: {
                KExpr tmp = e.left;
                switch (tmp.type) {
                    case NOT:
                        e = transform(tmp.left);
                        break;
                    case EQUAL:
                    case UNEQUAL:
                        e = tmp;
                        e.type = e.type == Type.EQUAL ? Type.UNEQUAL : Type.EQUAL;
                        break;
                    case LEQ:
                    case GEQ:
                        e = tmp;
                        e.type = e.type == Type.LEQ ? Type.GTH : Type.LTH;
                        break;
                    case LTH:
                    case GTH:
                        e = tmp;
                        e.type = e.type == Type.LTH ? Type.GEQ : Type.LEQ;
                        break;
                    case OR:
                    case AND:
                        // !(a || b) -> !a && !b, !(a && b) -> !a || !b
                        e.type = tmp.type == Type.OR ? Type.AND : Type.OR;
                        e.right = KExpr.one(Type.NOT, tmp.right);
                        tmp.type = Type.NOT;
                        tmp.right = null;
                        e = transform(e);
                        break;
                    case SYMBOL:
                        if (tmp.lsym == yes) {
                            e = tmp;
                            e.lsym = no;
                        } else if (tmp.lsym == mod) {
                            e = tmp;
                        } else if (tmp.lsym == no) {
                            e = tmp;
                            e.lsym = yes;
                        }
                        break;
                    default:
                        break;
                }
                break;
            }
            default:
                break;
        }
        return e;
    }

    static boolean containsSymbol(KExpr dep, KSymbol sym) {
        if (dep == null) {
            return false;
        }
        switch (dep.type) {
            case AND:
            case OR:
                return containsSymbol(dep.left, sym) || containsSymbol(dep.right, sym);
            case SYMBOL:
                return dep.lsym == sym;
            case EQUAL:
            case GEQ:
            case GTH:
            case LEQ:
            case LTH:
            case UNEQUAL:
                return dep.lsym == sym || dep.rsym == sym;
            case NOT:
                return containsSymbol(dep.left, sym);
            default:
                return false;
        }
    }

    /** expr_depends_symbol: dep cannot hold unless sym is set. */
    boolean dependsSymbol(KExpr dep, KSymbol sym) {
        if (dep == null) {
            return false;
        }
        switch (dep.type) {
            case AND:
                return dependsSymbol(dep.left, sym) || dependsSymbol(dep.right, sym);
            case SYMBOL:
                return dep.lsym == sym;
            case EQUAL:
                return dep.lsym == sym && (dep.rsym == yes || dep.rsym == mod);
            case UNEQUAL:
                return dep.lsym == sym && dep.rsym == no;
            default:
                return false;
        }
    }

    /** expr_trans_compare: makes comparisons with {@code sym} explicit. Returns a new expression. */
    KExpr transCompare(KExpr e, Type type, KSymbol sym) {
        if (e == null) {
            KExpr r = KExpr.symbol(sym);
            return type == Type.UNEQUAL ? KExpr.one(Type.NOT, r) : r;
        }
        switch (e.type) {
            case AND:
            case OR: {
                KExpr e1 = transCompare(e.left, Type.EQUAL, sym);
                KExpr e2 = transCompare(e.right, Type.EQUAL, sym);
                Type inner = e.type == Type.AND ? Type.OR : Type.AND;
                KExpr r = e;
                if (sym == yes) {
                    r = KExpr.two(e.type, e1, e2);
                }
                if (sym == no) {
                    r = KExpr.two(inner, e1, e2);
                }
                if (type == Type.UNEQUAL) {
                    r = KExpr.one(Type.NOT, r);
                }
                return r;
            }
            case NOT:
                return transCompare(e.left, type == Type.EQUAL ? Type.UNEQUAL : Type.EQUAL, sym);
            case UNEQUAL:
            case LTH:
            case LEQ:
            case GTH:
            case GEQ:
            case EQUAL:
                if (type == Type.EQUAL) {
                    if (sym == yes) {
                        return KExpr.copy(e);
                    }
                    if (sym == mod) {
                        return KExpr.symbol(no);
                    }
                    if (sym == no) {
                        return KExpr.one(Type.NOT, KExpr.copy(e));
                    }
                } else {
                    if (sym == yes) {
                        return KExpr.one(Type.NOT, KExpr.copy(e));
                    }
                    if (sym == mod) {
                        return KExpr.symbol(yes);
                    }
                    if (sym == no) {
                        return KExpr.copy(e);
                    }
                }
                return null;
            case SYMBOL:
                return KExpr.comp(type, e.lsym, sym);
            default:
                return null;
        }
    }
}

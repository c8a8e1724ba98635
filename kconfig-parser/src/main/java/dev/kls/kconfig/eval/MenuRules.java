package dev.kls.kconfig.eval;

import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.SymbolType;
import java.util.function.Function;

/**
 * menu.c's rules that need expr.c's simplifications, for code that shapes
 * the menu tree from the AST (the model) and should shape it as conf does.
 */
public final class MenuRules {

    private MenuRules() {
    }

    /**
     * menu_finalize's second test for an automatic submenu: an entry whose
     * dependency mentions {@code sym} without requiring it outright still
     * nests under {@code sym} when that dependency is a superset of sym's own
     * prompt condition, as in {@code (sym || Q) && R} with sym depending on R.
     * conf compares the two after expr_transform and expr_eliminate_eq.
     *
     * @param dep           the following entry's condition (its prompt's, else its dependencies)
     * @param symVisibility sym's prompt condition including its dependencies; null when sym has no prompt
     * @param typeOf        the declared type of a symbol (null when it has none)
     */
    public static boolean supersetDependency(Expr dep, Expr symVisibility, String sym,
            Function<String, SymbolType> typeOf) {
        SymbolTable table = new SymbolTable();
        ExprOps ops = new ExprOps(table.yes, table.mod, table.no);
        KSymbol s = table.lookup(sym, 0);
        KExpr basedep = convert(symVisibility, table, typeOf);
        KExpr d = convert(dep, table, typeOf);
        type(s, typeOf);
        if (!ExprOps.containsSymbol(d, s)) {
            return false;
        }
        basedep = ops.eliminateDups(ops.transform(ops.transCompare(basedep, KExpr.Type.UNEQUAL, table.no)));
        d = ops.eliminateDups(ops.transform(ops.transCompare(d, KExpr.Type.UNEQUAL, table.no)));
        KExpr[] left = ops.eliminateEq(d, basedep);
        return ops.isYes(left[1]);
    }

    private static KExpr convert(Expr e, SymbolTable table, Function<String, SymbolType> typeOf) {
        if (e == null) {
            return null;
        }
        if (e instanceof Expr.Sym s) {
            return KExpr.symbol(symbol(s, table, typeOf));
        }
        if (e instanceof Expr.Not n) {
            return KExpr.one(KExpr.Type.NOT, convert(n.operand(), table, typeOf));
        }
        if (e instanceof Expr.And a) {
            KExpr l = convert(a.left(), table, typeOf);
            return KExpr.two(KExpr.Type.AND, l, convert(a.right(), table, typeOf));
        }
        if (e instanceof Expr.Or o) {
            KExpr l = convert(o.left(), table, typeOf);
            return KExpr.two(KExpr.Type.OR, l, convert(o.right(), table, typeOf));
        }
        Expr.Compare c = (Expr.Compare) e;
        KSymbol l = symbol(c.left(), table, typeOf);
        KSymbol r = symbol(c.right(), table, typeOf);
        return KExpr.comp(MenuBuilder.compareType(c.op()), l, r);
    }

    private static KSymbol symbol(Expr.Sym s, SymbolTable table, Function<String, SymbolType> typeOf) {
        KSymbol k = table.lookup(s.name(), s.quoted() ? KSymbol.CONST : 0);
        if (!s.quoted()) {
            type(k, typeOf);
        }
        return k;
    }

    private static void type(KSymbol k, Function<String, SymbolType> typeOf) {
        if (k.has(KSymbol.CONST) || k.type != KSymbol.Type.UNKNOWN) {
            return;
        }
        SymbolType t = typeOf.apply(k.name);
        if (t != null) {
            k.type = switch (t) {
                case BOOL -> KSymbol.Type.BOOLEAN;
                case TRISTATE -> KSymbol.Type.TRISTATE;
                case INT -> KSymbol.Type.INT;
                case HEX -> KSymbol.Type.HEX;
                case STRING -> KSymbol.Type.STRING;
            };
        }
    }
}

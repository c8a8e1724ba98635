package dev.kls.kconfig.eval;

import dev.kls.kconfig.SourceRange;

/** conf's struct property: a prompt, default, select, imply, range or choice link of a symbol or menu. */
final class KProp {

    enum Type {
        PROMPT, COMMENT, MENU, DEFAULT, CHOICE, SELECT, IMPLY, RANGE
    }

    Type type;
    /** The text of prompts, menus and comments (leading blanks stripped), else null. */
    String text;
    /** default/select/imply: E_SYMBOL or an expression; range: E_RANGE; choice: the E_LIST of values. */
    KExpr expr;
    /** The condition (if ...), after menu_finalize joined with the entry's dependencies. */
    KExpr visibleExpr;
    Tristate visibleTri = Tristate.NO;
    private Tristate savedVisibleTri;
    final KMenu menu;
    final SourceRange where;

    KProp(Type type, KExpr expr, KExpr visibleExpr, KMenu menu, SourceRange where) {
        this.type = type;
        this.expr = expr;
        this.visibleExpr = visibleExpr;
        this.menu = menu;
        this.where = where;
    }

    void save() {
        savedVisibleTri = visibleTri;
    }

    void restore() {
        visibleTri = savedVisibleTri;
    }

    /** prop_get_symbol. */
    KSymbol symbol() {
        if (expr != null && (expr.type == KExpr.Type.SYMBOL || expr.type == KExpr.Type.LIST)) {
            return expr.lsym;
        }
        return null;
    }
}

package dev.kls.kconfig.eval;

import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.Entry;

/** conf's struct menu: one node of the menu tree, linked as the kernel links it. */
final class KMenu {
    KMenu next;
    KMenu parent;
    KMenu list;
    KSymbol sym;
    KProp prompt;
    /** {@code visible if} of a menu. */
    KExpr visibility;
    KExpr dep;
    final Entry entry;
    final SourceRange where;

    KMenu(Entry entry, SourceRange where) {
        this.entry = entry;
        this.where = where;
    }
}

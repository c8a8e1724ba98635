package dev.kls.kconfig.model;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;
import java.util.List;

/**
 * A node of the menu tree as the kernel builds it: one per config, menuconfig,
 * choice, comment, menu and if entry, under the root. {@code dependsOn} is the
 * entry's own {@code depends on} joined with everything enclosing it (null
 * when nothing constrains it). Files brought in by source statements hang
 * where they were sourced.
 */
public record MenuNode(Kind kind, Entry entry, Expr dependsOn, List<MenuNode> children) {

    public enum Kind {
        ROOT, CONFIG, MENUCONFIG, CHOICE, COMMENT, MENU, IF
    }

    /** This node and all below it. */
    public int size() {
        int n = 1;
        for (MenuNode c : children) {
            n += c.size();
        }
        return n;
    }
}

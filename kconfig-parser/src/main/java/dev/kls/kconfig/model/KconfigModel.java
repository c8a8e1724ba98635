package dev.kls.kconfig.model;

import dev.kls.kconfig.Diagnostic;
import java.util.Map;
import java.util.List;

/**
 * The menu tree and symbol table of a tree, with the kernel's own warnings
 * about them. {@code symbols} is ordered by first definition.
 */
public record KconfigModel(MenuNode root, Map<String, ConfigSymbol> symbols, String modulesSymbol,
        List<Diagnostic> diagnostics) {

    public ConfigSymbol symbol(String name) {
        return symbols.get(name);
    }

    /** The symbol's type; null when it is not defined or has none (what presence conditions need of a name). */
    public dev.kls.kconfig.ast.SymbolType symbolType(String name) {
        ConfigSymbol s = symbols.get(name);
        return s == null ? null : s.type();
    }

    /** Menu nodes below the root. */
    public int menuNodeCount() {
        return root.size() - 1;
    }
}

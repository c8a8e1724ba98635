package dev.kls.lsp.symbols;

import dev.kls.lsp.Snapshot;

/**
 * The seam to the explanation API (dev.kls.kconfig.explain): "what is this
 * symbol, what is its value now and why". {@link ModelSymbolInfo} answers
 * from the model and the evaluated configuration until then; swap it in
 * {@link dev.kls.lsp.Seams}.
 */
public interface SymbolInfoProvider {

    /** Null when the snapshot has no model yet or the symbol is not defined for its ARCH. */
    SymbolInfo describe(Snapshot snapshot, String name);
}

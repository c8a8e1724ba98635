package dev.kls.lsp.symbols;

import dev.kls.kconfig.SourceRange;
import java.util.List;

/**
 * What there is to say about a config symbol: the model's facts and the
 * value the current configuration gives it.
 *
 * @param type       "bool", "tristate", ... (null when it has none)
 * @param value      as .config writes it; null while unknown (indexing) or when it is never written
 * @param why        one sentence on where the value comes from; null while unknown
 * @param dependsOn  the direct dependencies, as Kconfig text (null when none)
 * @param selectedBy symbols that select it, each "NAME [value]" (with "if cond" when conditional)
 */
public record SymbolInfo(String name, String type, List<String> prompts, String help, String value, String why,
        String dependsOn, List<String> selectedBy, List<String> impliedBy, List<SourceRange> definedAt) {
}

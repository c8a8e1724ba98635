package dev.kls.kconfig.model;

import dev.kls.kconfig.ast.SymbolType;
import java.util.List;

/** A config symbol with every place that defines it; the type is the first one declared (null if none). */
public record ConfigSymbol(String name, SymbolType type, List<SymbolDefinition> definitions) {
}

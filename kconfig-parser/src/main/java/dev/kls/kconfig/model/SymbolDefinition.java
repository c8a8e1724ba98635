package dev.kls.kconfig.model;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;

/**
 * One {@code config}/{@code menuconfig} entry of a symbol, with its full direct
 * dependency (own {@code depends on} and enclosing blocks; null = none) and the
 * choice it belongs to (null when none).
 */
public record SymbolDefinition(Entry.Config entry, Expr dependsOn, Entry.Choice choice, MenuNode node) {
}

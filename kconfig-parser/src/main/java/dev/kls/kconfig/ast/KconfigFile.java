package dev.kls.kconfig.ast;

import dev.kls.kconfig.Diagnostic;
import java.util.List;

/** One parsed Kconfig file: its statements (possibly partial) and what went wrong reading it. */
public record KconfigFile(String path, List<Entry> entries, List<Diagnostic> diagnostics) {
}

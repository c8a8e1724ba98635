package dev.kls.lsp;

import dev.kls.lsp.cfacts.CFileFacts;
import dev.kls.lsp.cfacts.SimpleCScanner;
import dev.kls.lsp.findings.BasicFindings;
import dev.kls.lsp.findings.FindingSource;
import dev.kls.lsp.symbols.ModelSymbolInfo;
import dev.kls.lsp.symbols.SymbolInfoProvider;

/**
 * The engines the server stands on, in one place: when the diagnostics
 * engine, the explanation API and the C analyzer arrive, they replace the
 * stand-ins here and nowhere else.
 */
public record Seams(FindingSource findings, SymbolInfoProvider symbols, CFileFacts cFacts) {

    public static Seams defaults() {
        CFileFacts c = new SimpleCScanner();
        return new Seams(new BasicFindings(c), new ModelSymbolInfo(), c);
    }
}

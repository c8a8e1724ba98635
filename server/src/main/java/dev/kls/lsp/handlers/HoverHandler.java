package dev.kls.lsp.handlers;

import dev.kls.kconfig.SourceRange;
import dev.kls.lsp.Document;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Snapshot;
import dev.kls.lsp.symbols.SymbolInfo;
import dev.kls.lsp.symbols.SymbolInfoProvider;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/** Hover on a symbol anywhere: type, prompts, value now and why, dependencies, selects, where defined, help. */
public final class HoverHandler {

    private final SymbolInfoProvider symbols;

    public HoverHandler(SymbolInfoProvider symbols) {
        this.symbols = symbols;
    }

    public Hover hover(Snapshot s, Document doc, Position pos) {
        SymbolAt at = SymbolAt.find(s, doc, pos);
        if (at == null) {
            return null;
        }
        if (s.model() == null) {
            return hover("**CONFIG_" + at.name() + "**\n\n_kls is still reading the Kconfig tree; ask again shortly._",
                    at);
        }
        SymbolInfo info = symbols.describe(s, at.name());
        if (info == null) {
            boolean elsewhere = s.index() != null && s.index().definedAnywhere().contains(at.name());
            return hover("**CONFIG_" + at.name() + "**\n\n" + (elsewhere
                    ? "Not defined for ARCH=" + s.settings().tree().arch + " (defined in another architecture's Kconfig)."
                    : "Not defined in any Kconfig file of the tree."), at);
        }
        return hover(markdown(info, s), at);
    }

    static String markdown(SymbolInfo i, Snapshot s) {
        StringBuilder sb = new StringBuilder();
        sb.append("**CONFIG_").append(i.name()).append("**");
        if (i.type() != null) {
            sb.append(" (").append(i.type()).append(')');
        }
        for (String p : i.prompts()) {
            sb.append(" — \"").append(p).append('"');
        }
        sb.append("\n\n");
        if (i.value() != null) {
            sb.append("Value: `").append(i.value()).append('`');
            if (i.why() != null) {
                sb.append(" — ").append(i.why());
            }
            sb.append(" (ARCH=").append(s.settings().tree().arch).append(")\n\n");
        } else {
            sb.append("Value: not known yet\n\n");
        }
        if (i.dependsOn() != null) {
            sb.append("Depends on: `").append(i.dependsOn()).append("`\n\n");
        }
        if (!i.selectedBy().isEmpty()) {
            sb.append("Selected by: ").append(String.join(", ", i.selectedBy())).append("\n\n");
        }
        if (!i.impliedBy().isEmpty()) {
            sb.append("Implied by: ").append(String.join(", ", i.impliedBy())).append("\n\n");
        }
        sb.append("Defined at: ");
        for (int k = 0; k < i.definedAt().size(); k++) {
            SourceRange r = i.definedAt().get(k);
            sb.append(k > 0 ? ", " : "").append(r.file()).append(':').append(r.startLine());
        }
        if (i.help() != null && !i.help().isBlank()) {
            sb.append("\n\n---\n\n").append(i.help().strip());
        }
        return sb.toString();
    }

    private static Hover hover(String markdown, SymbolAt at) {
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown), Lsp.range(at.range()));
    }
}

package dev.kls.lsp.handlers;

import dev.kls.kconfig.explain.Explainer;
import dev.kls.kconfig.explain.ExplanationText;
import dev.kls.kconfig.explain.SymbolExplanation;
import dev.kls.lsp.Document;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Snapshot;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/**
 * Hover on a symbol anywhere: the explanation API's account of it (type,
 * prompts, value now and why, depends on, selected/implied by, what it would
 * take to be y, where defined, help), and where the values come from.
 */
public final class HoverHandler {

    public Hover hover(Snapshot s, Document doc, Position pos) {
        SymbolAt at = SymbolAt.find(s, doc, pos);
        if (at == null) {
            return null;
        }
        Explainer explainer = s.model() == null ? null : s.derived().explainer();
        if (explainer == null) {
            return hover("**CONFIG_" + at.name() + "**\n\n_kls is still reading the Kconfig tree; ask again shortly._",
                    at);
        }
        Optional<SymbolExplanation> e = explainer.explain(at.name());
        if (e.isEmpty()) {
            boolean elsewhere = s.index() != null && s.index().definedAnywhere().contains(at.name());
            return hover("**CONFIG_" + at.name() + "**\n\n" + (s.defines(at.name())
                    ? "Defined for ARCH=" + s.settings().tree().arch + ", but without a value in this configuration."
                    : elsewhere ? "Not defined for ARCH=" + s.settings().tree().arch
                            + " (defined in another architecture's Kconfig)."
                            : "Not defined in any Kconfig file of the tree."), at);
        }
        return hover(ExplanationText.render(e.get()) + "\n_Values: " + s.configSource() + ", ARCH="
                + s.settings().tree().arch + "._", at);
    }

    private static Hover hover(String markdown, SymbolAt at) {
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown), Lsp.range(at.range()));
    }
}

package dev.kls.kconfig.explain;

import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.explain.SymbolExplanation.Change;
import dev.kls.kconfig.explain.SymbolExplanation.Dependency;
import dev.kls.kconfig.explain.SymbolExplanation.Prompt;
import dev.kls.kconfig.explain.SymbolExplanation.Reason;
import dev.kls.kconfig.explain.SymbolExplanation.Requirement;
import dev.kls.kconfig.explain.SymbolExplanation.ReverseDependency;
import dev.kls.kconfig.explain.SymbolExplanation.Route;
import dev.kls.kconfig.explain.SymbolExplanation.Unmet;
import java.util.List;

/** An explanation as Markdown-ish plain text, for a hover or a terminal. */
public final class ExplanationText {

    private ExplanationText() {
    }

    public static String render(SymbolExplanation e) {
        StringBuilder out = new StringBuilder();
        out.append("**").append(e.name()).append("** (").append(e.type() == null ? "no type" : e.type().keyword())
                .append(") = ").append(shown(e)).append('\n');
        for (Prompt p : e.prompts()) {
            out.append('\n').append('"').append(p.text()).append("\" — ").append(where(p.location()));
            if (!p.condition().always()) {
                out.append(", visible if ").append(p.condition().annotated()).append(" → ").append(
                        p.condition().value().letter());
            }
            out.append('\n');
        }
        out.append("\n**Why ").append(shown(e)).append(":** ");
        List<Reason> rs = e.reasons();
        for (int i = 0; i < rs.size(); i++) {
            Reason r = rs.get(i);
            if (i > 0) {
                out.append("\n- also: ");
            }
            out.append(r.summary());
            if (r.condition() != null && !r.condition().always()) {
                out.append(" Condition: ").append(r.condition().annotated()).append('.');
            }
            if (r.location() != null) {
                out.append(" (").append(where(r.location())).append(')');
            }
        }
        out.append('\n');
        if (!e.dependencies().isEmpty() && e.dependencies().stream().anyMatch(d -> !d.condition().always())) {
            out.append("\n**Depends on:**");
            for (Dependency d : e.dependencies()) {
                out.append(e.dependencies().size() > 1 ? "\n- " : " ").append(d.condition().always() ? "nothing"
                        : d.condition().annotated() + " → " + d.condition().value().letter());
                if (e.dependencies().size() > 1) {
                    out.append(" (").append(where(d.definition())).append(')');
                }
            }
            out.append('\n');
        }
        reverse(out, "Selected by", e.selectedBy());
        reverse(out, "Implied by", e.impliedBy());
        requirement(out, e.toBeY());
        requirement(out, e.toBeM());
        out.append("\n**Defined at:** ");
        for (int i = 0; i < e.definitions().size(); i++) {
            out.append(i > 0 ? ", " : "").append(where(e.definitions().get(i)));
        }
        out.append('\n');
        if (!e.help().isEmpty()) {
            out.append('\n').append(e.help().strip()).append('\n');
        }
        return out.toString();
    }

    private static String shown(SymbolExplanation e) {
        return e.type() == dev.kls.kconfig.ast.SymbolType.STRING ? "\"" + e.value() + "\"" : e.value();
    }

    private static void reverse(StringBuilder out, String title, List<ReverseDependency> l) {
        if (l.isEmpty()) {
            return;
        }
        out.append("\n**").append(title).append(":**\n");
        for (ReverseDependency r : l) {
            out.append("- ").append(r.symbol()).append(" [=").append(r.value() == Tristate.NO ? "n" : r.value()
                    .letter()).append(']');
            if (!r.condition().always()) {
                out.append(" if ").append(r.condition().annotated());
            }
            out.append(" (").append(where(r.location())).append(")\n");
        }
    }

    private static void requirement(StringBuilder out, Requirement req) {
        if (req == null || req.met()) {
            return;
        }
        out.append("\n**To be ").append(req.target().letter()).append(":**");
        if (req.routes().isEmpty()) {
            out.append(" no way: nothing can give it that value.\n");
            return;
        }
        out.append(" any one of\n");
        for (Route r : req.routes()) {
            route(out, r, "");
        }
        if (req.omitted() > 0) {
            out.append("- ... and ").append(req.omitted()).append(" more\n");
        }
    }

    private static void route(StringBuilder out, Route r, String indent) {
        out.append(indent).append("- ").append(r.description());
        if (r.unmet().isEmpty()) {
            out.append(r.userSettingSuffices() ? ": possible now" : ": holds already").append('\n');
            return;
        }
        out.append(", once:\n");
        for (Unmet u : r.unmet()) {
            out.append(indent).append("  - ").append(u.term()).append(" is ").append(u.value().letter())
                    .append(", needs ").append(u.needed() == Tristate.YES ? "y" : "at least m");
            if (!u.changes().isEmpty()) {
                out.append(u.anyOf() ? " (any of: " : " (");
                for (int i = 0; i < u.changes().size(); i++) {
                    Change c = u.changes().get(i);
                    out.append(i > 0 ? ", " : "").append(c.symbol()).append(" [=").append(c.current()).append("] → ")
                            .append(c.needed());
                }
                out.append(')');
            }
            out.append('\n');
            for (Change c : u.changes()) {
                if (c.requirement() != null && !c.requirement().met() && indent.length() < 8) {
                    out.append(indent).append("    ").append(c.symbol()).append(" to be ").append(
                            c.requirement().target().letter()).append(c.requirement().routes().isEmpty()
                                    ? ": no way\n" : ":\n");
                    for (Route nested : c.requirement().routes()) {
                        route(out, nested, indent + "      ");
                    }
                }
            }
        }
        if (r.userSettingSuffices()) {
            out.append(indent).append("  then setting it by hand suffices\n");
        }
    }

    private static String where(SourceRange r) {
        return r.file() + ":" + r.startLine();
    }
}

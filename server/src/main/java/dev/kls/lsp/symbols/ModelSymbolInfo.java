package dev.kls.lsp.symbols;

import dev.kls.kconfig.KconfigPrinter;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.model.SymbolDefinition;
import dev.kls.lsp.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Symbol facts from the Kconfig model, and the value from the evaluated configuration. */
public final class ModelSymbolInfo implements SymbolInfoProvider {

    /** Who selects and implies whom, for the last model asked about (built once per model). */
    private record Reverse(KconfigModel model, Map<String, List<Edge>> selects, Map<String, List<Edge>> implies) {
    }

    private record Edge(String from, Expr condition) {
    }

    private volatile Reverse reverse;

    @Override
    public SymbolInfo describe(Snapshot s, String name) {
        KconfigModel model = s.model();
        ConfigSymbol sym = model == null ? null : model.symbol(name);
        if (sym == null) {
            return null;
        }
        List<String> prompts = new ArrayList<>();
        String help = null;
        List<SourceRange> at = new ArrayList<>();
        Expr deps = null;
        for (SymbolDefinition d : sym.definitions()) {
            at.add(d.entry().name().range());
            for (Property p : d.entry().properties()) {
                if (p instanceof Property.Prompt pr) {
                    prompts.add(pr.text().value());
                } else if (p instanceof Property.TypeDecl t && t.prompt() != null) {
                    prompts.add(t.prompt().value());
                } else if (p instanceof Property.Help h) {
                    help = h.text();
                }
            }
            if (d.dependsOn() != null) {
                deps = deps == null ? d.dependsOn() : new Expr.Or(deps, d.dependsOn(), SourceRange.NONE);
            }
        }
        Reverse r = reverse(model);
        List<String> selectedBy = edges(s, r.selects.getOrDefault(name, List.of()));
        List<String> impliedBy = edges(s, r.implies.getOrDefault(name, List.of()));
        SymbolValue v = s.value(name);
        String value = v == null ? null : v.value();
        String why = v == null ? null : why(s, v, deps, r.selects.getOrDefault(name, List.of()));
        return new SymbolInfo(name, sym.type() == null ? null : sym.type().keyword(), List.copyOf(prompts), help, value,
                why, deps == null ? null : KconfigPrinter.print(deps), selectedBy, impliedBy, List.copyOf(at));
    }

    private static List<String> edges(Snapshot s, List<Edge> edges) {
        List<String> out = new ArrayList<>();
        for (Edge e : edges) {
            SymbolValue v = s.value(e.from);
            String text = e.from + (v != null ? " [" + v.value() + "]" : "");
            if (e.condition != null) {
                text += " if " + KconfigPrinter.print(e.condition);
            }
            out.add(text);
        }
        return out;
    }

    /** Where the value comes from, in the order conf decides it. */
    private static String why(Snapshot s, SymbolValue v, Expr deps, List<Edge> selects) {
        String source = s.configSource();
        if (deps != null && ExprValue.of(deps, s) == Tristate.NO && v.tristate() == Tristate.NO) {
            return "its dependencies are not met: " + KconfigPrinter.print(deps) + " is n";
        }
        for (Edge e : selects) {
            SymbolValue from = s.value(e.from);
            if (from != null && from.tristate() != Tristate.NO
                    && (e.condition == null || ExprValue.of(e.condition, s) != Tristate.NO)
                    && v.tristate() != Tristate.NO) {
                return "selected by " + e.from + "=" + from.value();
            }
        }
        if (v.visibility() == Tristate.NO) {
            return "not user-settable here (no visible prompt): its default";
        }
        if (s.assigned().contains(v.name())) {
            return "set in " + source;
        }
        return "its default (not set in " + source + ")";
    }

    private Reverse reverse(KconfigModel model) {
        Reverse r = reverse;
        if (r != null && r.model == model) {
            return r;
        }
        Map<String, List<Edge>> sel = new HashMap<>();
        Map<String, List<Edge>> imp = new HashMap<>();
        for (ConfigSymbol c : model.symbols().values()) {
            for (SymbolDefinition d : c.definitions()) {
                for (Property p : d.entry().properties()) {
                    if (p instanceof Property.Select x) {
                        (x.imply() ? imp : sel).computeIfAbsent(x.target().value(), k -> new ArrayList<>())
                                .add(new Edge(c.name(), x.condition()));
                    }
                }
            }
        }
        r = new Reverse(model, sel, imp);
        reverse = r;
        return r;
    }
}

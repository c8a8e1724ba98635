package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.diagnostics.Condition;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.kconfig.KconfigPrinter;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.eval.PropositionalEncoder.DefaultSite;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.model.SymbolDefinition;
import dev.kls.kconfig.sat.DeadDefaults;
import dev.kls.kconfig.sat.DeadSymbols;
import dev.kls.kconfig.sat.KconfigSat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dead-default: a {@code default} line of a bool/tristate symbol that conf
 * never takes in any valid configuration of this arch, proven by the SAT
 * model: its condition can never hold, or an earlier default of the same
 * symbol always applies when it does (conf takes the first default whose
 * condition is not n). Defaults of dead symbols are dead-symbol's.
 */
@AutoService(Rule.class)
public final class DeadDefaultRule implements Rule {

    @Override
    public String id() {
        return "dead-default";
    }

    @Override
    public String summary() {
        return "default line that conf never takes in any configuration of this arch";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.KCONFIG);
    }

    @Override
    public Map<String, List<String>> options() {
        // Off unless asked for, as dead-symbol: "default y if ARM64" is dead on x86 by design.
        return Map.of("all-configurations", List.of("never"), "budget", List.of("60"));
    }

    @Override
    public List<Finding> check(RuleContext context) {
        KconfigModel model = context.kconfig().model();
        if (!AllConfigurations.wanted(context, this, model.symbols().size(), DeadSymbolRule.AUTO_LIMIT)) {
            return List.of();
        }
        Duration budget = DeadSymbolRule.budget(context, this);
        KconfigSat sat = context.shared(KconfigSat.class, k -> KconfigSat.of(k.kconfig().tree()));
        DeadSymbols.Seeds seeds = context.shared(DeadSymbols.Seeds.class, c -> DeadSymbols.Seeds.of(sat));
        DeadSymbols.Result deadSymbols = context.shared(DeadSymbols.Result.class,
                c -> DeadSymbols.run(sat, seeds, budget));
        DeadDefaults.Result dead = DeadDefaults.run(sat, seeds, deadSymbols.dead(), budget);
        String arch = context.kconfig().environment().arch();
        List<Finding> out = new ArrayList<>();
        for (DeadDefaults.Dead d : dead.dead()) {
            DefaultSite site = d.site();
            if (!context.inScope(site.where().file())) {
                continue;
            }
            ConfigSymbol sym = model.symbol(site.symbol());
            List<Property.Default> lines = sym == null ? List.of() : defaults(sym);
            String text = "this default";
            List<RelatedLocation> related = new ArrayList<>();
            for (Property.Default p : lines) {
                if (p.range().equals(site.where())) {
                    text = "\"" + describe(p) + "\"";
                    break;
                }
                related.add(new RelatedLocation(p.range(), "earlier default of " + site.symbol() + ": "
                        + describe(p)));
            }
            String why = d.neverHolds()
                    ? "its condition, with " + site.symbol() + "'s dependencies, can never hold"
                    : "an earlier default of " + site.symbol() + " always applies when its condition holds";
            out.add(Finding.of(id(), defaultSeverity(), site.where(), text + " of " + site.symbol()
                    + " is never taken on " + arch + ": " + why)
                    .withCondition(Condition.ALWAYS).withRelated(d.neverHolds() ? List.of() : related));
        }
        return out;
    }

    /** The symbol's default lines in conf's order (definitions in source order, each's lines in order). */
    private static List<Property.Default> defaults(ConfigSymbol sym) {
        List<Property.Default> out = new ArrayList<>();
        for (SymbolDefinition def : sym.definitions()) {
            for (Property p : def.entry().properties()) {
                if (p instanceof Property.Default d) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    private static String describe(Property.Default d) {
        return d.kind().keyword() + " " + KconfigPrinter.print(d.value())
                + (d.condition() == null ? "" : " if " + KconfigPrinter.print(d.condition()));
    }
}

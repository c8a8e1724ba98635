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
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.model.SymbolDefinition;
import dev.kls.kconfig.sat.DeadSymbols;
import dev.kls.kconfig.sat.KconfigSat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dead-symbol: a bool/tristate symbol that no valid configuration of this
 * arch sets to y or m, proven by the SAT model (canBeTrue(X ≥ m) is
 * unsatisfiable), so every {@code #ifdef CONFIG_X} and {@code obj-$(CONFIG_X)}
 * under it is dead code on this arch. One finding per symbol, at its first
 * definition, with every {@code depends on} line as a related location.
 */
@AutoService(Rule.class)
public final class DeadSymbolRule implements Rule {

    /** Trees with more bool/tristate symbols than this are checked only with "always" (a kernel takes minutes). */
    static final int AUTO_LIMIT = 2000;

    @Override
    public String id() {
        return "dead-symbol";
    }

    @Override
    public String summary() {
        return "bool/tristate symbol that no configuration of this arch can set to y or m";
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
        // Off unless asked for: a symbol of another arch (64BIT on i386, a driver for ARM) is dead on this
        // one by design, and every tree has some.
        return Map.of("all-configurations", List.of("never"), "budget", List.of("60"));
    }

    /**
     * The "budget" option: seconds of solving after which the questions not
     * answered yet are counted as undecided, never reported.
     */
    static java.time.Duration budget(RuleContext context, Rule rule) {
        String text = context.option(rule, "budget").stream().findFirst().orElse("60");
        try {
            long s = Long.parseLong(text.trim());
            if (s > 0) {
                return java.time.Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(rule.id() + ": budget is a number of seconds above 0, not " + text);
    }

    @Override
    public List<Finding> check(RuleContext context) {
        KconfigModel model = context.kconfig().model();
        if (!AllConfigurations.wanted(context, this, model.symbols().size(), AUTO_LIMIT)) {
            return List.of();
        }
        java.time.Duration budget = budget(context, this);
        KconfigSat sat = context.shared(KconfigSat.class, k -> KconfigSat.of(k.kconfig().tree()));
        DeadSymbols.Seeds seeds = context.shared(DeadSymbols.Seeds.class, c -> DeadSymbols.Seeds.of(sat));
        DeadSymbols.Result dead = context.shared(DeadSymbols.Result.class, c -> DeadSymbols.run(sat, seeds, budget));
        String arch = context.kconfig().environment().arch();
        List<Finding> out = new ArrayList<>();
        for (String name : dead.dead()) {
            ConfigSymbol sym = model.symbol(name);
            if (sym == null || sym.definitions().isEmpty()) {
                continue;
            }
            SymbolDefinition first = sym.definitions().get(0);
            if (!context.inScope(first.entry().range().file())) {
                continue;
            }
            List<RelatedLocation> related = new ArrayList<>();
            List<String> deps = new ArrayList<>();
            for (SymbolDefinition d : sym.definitions()) {
                if (d.dependsOn() != null) {
                    String text = KconfigPrinter.print(d.dependsOn());
                    deps.add(text);
                    related.add(new RelatedLocation(dependsRange(d), name + " depends on " + text));
                }
            }
            String why = deps.isEmpty() ? "" : " (it depends on " + String.join(", or ", deps) + ")";
            out.add(Finding.of(id(), defaultSeverity(), first.entry().range(), name
                    + " can never be enabled on " + arch + ": no valid configuration sets it to y or m" + why)
                    .withCondition(Condition.ALWAYS).withRelated(related));
        }
        return out;
    }

    private static dev.kls.kconfig.SourceRange dependsRange(SymbolDefinition d) {
        for (Property p : d.entry().properties()) {
            if (p instanceof Property.DependsOn dep) {
                return dep.range();
            }
        }
        return d.entry().range();
    }
}

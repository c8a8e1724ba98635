package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.KconfigPrinter;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.semantics.Formula;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.eval.PropositionalEncoder.SelectSite;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.model.SymbolDefinition;
import dev.kls.kconfig.sat.KconfigSat;
import dev.kls.kconfig.sat.StaticSelects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * select-unmet-deps: conf's "unmet direct dependencies detected for X",
 * reported at each {@code select X} line that forces X on although X's
 * {@code depends on} is false. With a configuration: in that configuration,
 * with the values that make it so as the witness. Without one: in every
 * configuration of the arch, asked of the SAT model select line by select
 * line; a witness is shown only once the conf-exact evaluator's olddefconfig
 * of it warns for X (see {@link StaticSelects}).
 */
@AutoService(Rule.class)
public final class SelectUnmetDepsRule implements Rule {

    @Override
    public String id() {
        return "select-unmet-deps";
    }

    @Override
    public String summary() {
        return "select forces a symbol on while its direct dependencies are false (conf's \"unmet direct "
                + "dependencies detected\")";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    /** Without a configuration, trees with more select lines than this are checked only with "always". */
    static final int AUTO_LIMIT = 2000;

    @Override
    public Set<Input> inputs() {
        // The configuration is optional: without one the rule asks about every configuration.
        return Set.of(Input.KCONFIG);
    }

    @Override
    public Map<String, List<String>> options() {
        return Map.of("all-configurations", List.of("auto"));
    }

    @Override
    public List<Finding> check(RuleContext context) {
        if (context.configuration().isPresent()) {
            return inConfiguration(context);
        }
        KconfigModel model = context.kconfig().model();
        if (!AllConfigurations.wanted(context, this, selectLines(model), AUTO_LIMIT)) {
            return List.of();
        }
        return everyConfiguration(context, model);
    }

    private List<Finding> everyConfiguration(RuleContext context, KconfigModel model) {
        StaticSelects.Result result = context.shared(StaticSelects.Result.class,
                c -> StaticSelects.run(c.shared(KconfigSat.class, k -> KconfigSat.of(k.kconfig().tree()))));
        Set<String> targets = new LinkedHashSet<>();
        result.hits().forEach(h -> targets.add(h.site().target()));
        Map<String, List<Site>> sites = selectSites(model, targets);
        List<Finding> out = new ArrayList<>();
        for (StaticSelects.Hit h : result.hits()) {
            SelectSite at = h.site();
            if (!context.inScope(at.where().file())) {
                continue;
            }
            ConfigSymbol sym = model.symbol(at.target());
            if (sym == null) {
                continue;
            }
            Site site = null;
            for (Site s : sites.getOrDefault(at.target(), List.of())) {
                if (s.range.equals(at.where()) && s.selector.equals(at.selector())) {
                    site = s;
                }
            }
            Expr dirDep = directDependency(sym);
            List<Assignment> witness = new ArrayList<>();
            h.fragment().forEach((name, value) -> witness.add(new Assignment(name, value.letter())));
            String message = "unmet direct dependencies detected for " + at.target() + " in some configurations: "
                    + at.selector() + " selects it while " + (dirDep == null ? "its dependencies are"
                    : "\"" + KconfigPrinter.print(dirDep) + "\" is") + " false"
                    + (h.alone() ? "" : " (the witness lists the values off the defaults of a full configuration"
                    + " kls found; alone they do not reproduce it)");
            Finding f = Finding.of(id(), defaultSeverity(), at.where(), message)
                    .withWitness(witness).withRelated(related(sym, at.target()));
            if (site != null) {
                f = f.withCondition(condition(site, dirDep));
            }
            out.add(f);
        }
        return out;
    }

    /** Select lines (not imply) of the model, to decide whether "auto" asks the SAT model. */
    private static int selectLines(KconfigModel model) {
        int n = 0;
        for (ConfigSymbol s : model.symbols().values()) {
            for (SymbolDefinition d : s.definitions()) {
                for (Property p : d.entry().properties()) {
                    if (p instanceof Property.Select sel && !sel.imply()) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static List<RelatedLocation> related(ConfigSymbol sym, String target) {
        List<RelatedLocation> related = new ArrayList<>();
        for (SymbolDefinition d : sym.definitions()) {
            related.add(new RelatedLocation(dependsRange(d), target + " is defined here"
                    + (d.dependsOn() != null ? " and depends on " + KconfigPrinter.print(d.dependsOn()) : "")));
        }
        return related;
    }

    private List<Finding> inConfiguration(RuleContext context) {
        EvaluatedConfig config = context.configuration().orElseThrow();
        KconfigModel model = context.kconfig().model();
        ConfigValues values = new ConfigValues(config.result().symbols());
        // conf's own verdict decides which symbols are hit; the model says where they were selected.
        Map<String, Diagnostic> unmet = new LinkedHashMap<>();
        for (Diagnostic d : config.result().diagnostics()) {
            if (d.code() == Diagnostic.Code.UNMET_DIRECT_DEPENDENCIES) {
                unmet.putIfAbsent(d.subject(), d);
            }
        }
        if (unmet.isEmpty()) {
            return List.of();
        }
        Map<String, List<Site>> sites = selectSites(model, unmet.keySet());
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, Diagnostic> e : unmet.entrySet()) {
            String target = e.getKey();
            ConfigSymbol sym = model.symbol(target);
            if (sym == null) {
                continue;
            }
            Expr dirDep = directDependency(sym);
            Tristate dep = values.value(dirDep);
            String depends = dependsLine(e.getValue().message());
            List<RelatedLocation> related = related(sym, target);
            boolean reported = false;
            for (Site s : sites.getOrDefault(target, List.of())) {
                SymbolValue selector = values.symbol(s.selector);
                Tristate forced = selector == null ? Tristate.NO
                        : selector.tristate().and(values.value(s.condition)).and(values.value(s.definitionDeps));
                if (forced.ordinal() <= dep.ordinal()) {
                    continue; // this select does not force anything past the dependencies
                }
                Set<Assignment> witness = new LinkedHashSet<>();
                witness.add(new Assignment(s.selector, selector.value()));
                witness.addAll(values.why(s.condition));
                witness.addAll(values.why(dirDep));
                String message = "unmet direct dependencies detected for " + target + ": " + depends
                        + ", selected by " + s.selector + " [=" + selector.value() + "]";
                out.add(Finding.of(id(), defaultSeverity(), s.range, message)
                        .withCondition(condition(s, dirDep))
                        .withWitness(List.copyOf(witness))
                        .withRelated(related));
                reported = true;
            }
            if (!reported) {
                // Selected in a way the model cannot place (a choice, a select in a sourced macro): say it at X.
                SourceRange at = sym.definitions().get(0).entry().range();
                out.add(Finding.of(id(), defaultSeverity(), at, "unmet direct dependencies detected for " + target
                        + ": " + depends).withWitness(values.why(dirDep)).withRelated(related));
            }
        }
        return out;
    }

    /** A {@code select TARGET [if condition]} line of one definition of {@code selector}. */
    private record Site(String selector, Expr condition, Expr definitionDeps, SourceRange range) {
    }

    private static Map<String, List<Site>> selectSites(KconfigModel model, Set<String> targets) {
        Map<String, List<Site>> sites = new LinkedHashMap<>();
        for (ConfigSymbol s : model.symbols().values()) {
            for (SymbolDefinition d : s.definitions()) {
                for (Property p : d.entry().properties()) {
                    if (p instanceof Property.Select sel && !sel.imply() && targets.contains(sel.target().value())) {
                        sites.computeIfAbsent(sel.target().value(), k -> new ArrayList<>())
                                .add(new Site(s.name(), sel.condition(), d.dependsOn(), sel.range()));
                    }
                }
            }
        }
        return sites;
    }

    /** The OR of every definition's dependencies, as menu.c builds dir_dep (null: none). */
    private static Expr directDependency(ConfigSymbol sym) {
        Expr dep = null;
        for (SymbolDefinition d : sym.definitions()) {
            if (d.dependsOn() == null) {
                return null; // one unconditional definition: no direct dependency at all
            }
            dep = dep == null ? d.dependsOn() : new Expr.Or(dep, d.dependsOn(), SourceRange.NONE);
        }
        return dep;
    }

    /** Its own first {@code depends on} line, else its header. */
    private static SourceRange dependsRange(SymbolDefinition d) {
        for (Property p : d.entry().properties()) {
            if (p instanceof Property.DependsOn dep) {
                return dep.range();
            }
        }
        return d.entry().range();
    }

    /** conf's "Depends on [n]: A [=n] && B [=y]" line, lower-cased to sit inside a sentence. */
    private static String dependsLine(String confMessage) {
        for (String line : confMessage.split("\n")) {
            String t = line.trim();
            if (t.startsWith("Depends on")) {
                return "d" + t.substring(1);
            }
        }
        return "its direct dependencies are not met";
    }

    /** The presence condition: the selector and its select condition on, the target's dependencies off. */
    private static dev.kls.diagnostics.Condition condition(Site s, Expr dirDep) {
        Formula c = Formula.sym(s.selector);
        if (s.condition != null) {
            c = Formula.and(c, Formula.of(s.condition));
        }
        if (dirDep != null) {
            c = Formula.and(c, Formula.not(Formula.of(dirDep)));
        }
        return dev.kls.diagnostics.Condition.of(c);
    }
}

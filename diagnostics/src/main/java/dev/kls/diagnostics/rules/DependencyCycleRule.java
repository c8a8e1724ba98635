package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.eval.DependencyCycles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * dependency-cycle: conf's "recursive dependency detected!" (symbol.c's
 * sym_check_deps, which makes conf refuse the tree). One error per cycle
 * conf reports, at its first step, with every step as a related location
 * worded as conf words it. The cycles come from the evaluator's port of the
 * check, so they are conf's, in conf's order, for the tree's release.
 */
@AutoService(Rule.class)
public final class DependencyCycleRule implements Rule {

    @Override
    public String id() {
        return "dependency-cycle";
    }

    @Override
    public String summary() {
        return "recursive dependency between Kconfig symbols (conf's \"recursive dependency detected!\")";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.KCONFIG);
    }

    @Override
    public List<Finding> check(RuleContext context) {
        DependencyCycles cycles = DependencyCycles.of(context.kconfig().tree());
        List<Finding> out = new ArrayList<>();
        for (DependencyCycles.Cycle c : cycles.cycles()) {
            SourceRange at = c.where();
            if (at == null || at.file().isEmpty()) {
                continue; // a symbol without a definition cannot start a cycle; nothing to point at
            }
            List<RelatedLocation> related = new ArrayList<>();
            for (DependencyCycles.Step s : c.steps()) {
                SourceRange where = s.where() != null && !s.where().file().isEmpty() ? s.where() : at;
                related.add(new RelatedLocation(where, cycles.line(s).replaceFirst("^.*?\t", "")));
            }
            out.add(Finding.of(id(), defaultSeverity(), at, "recursive dependency detected!").withRelated(related));
        }
        return out;
    }
}

package dev.kls.diagnostics;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A test rule whose behaviour is given by a function (engine and sweep tests). */
public record FakeRule(String id, Function<RuleContext, List<Finding>> body, boolean findingsPerFile)
        implements Rule {

    public FakeRule(String id, Function<RuleContext, List<Finding>> body) {
        this(id, body, false);
    }

    @Override
    public String summary() {
        return "fake";
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
    public List<Finding> check(RuleContext context) {
        return body.apply(context);
    }
}

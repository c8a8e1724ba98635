package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.kconfig.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** kconfig-syntax: what stops a Kconfig file from being read (syntax errors, missing sourced files, macros). */
@AutoService(Rule.class)
public final class KconfigSyntaxRule implements Rule {

    @Override
    public String id() {
        return "kconfig-syntax";
    }

    @Override
    public String summary() {
        return "Kconfig text that cannot be read: syntax errors, bad or missing sourced files, macro errors";
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
        List<Finding> out = new ArrayList<>();
        for (Diagnostic d : KconfigWarnings.readingDiagnostics(context.kconfig())) {
            out.add(Finding.of(id(), Severity.of(d.severity()), d.range(), d.message()));
        }
        return out;
    }
}

package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.user.RuleFiles;
import java.util.List;
import java.util.Set;

/**
 * invalid-rule: what is wrong with the rule files (.kls/rules/*.json, the
 * user's folder, those shipped with kls), each problem with its file and
 * line. The caller that loaded the files for the run hands their
 * {@link RuleFiles.Loaded} in (kls lint, the server); otherwise the tree's
 * and the shipped files are read here.
 */
@AutoService(Rule.class)
public final class InvalidRuleRule implements Rule {

    @Override
    public String id() {
        return RuleFiles.RULE_ID;
    }

    @Override
    public String summary() {
        return "a rule file cannot be read as written: the rule it describes is not loaded";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.C_FILES); // rule files are about C, and a plain C tree may have them too
    }

    @Override
    public List<Finding> check(RuleContext context) {
        RuleFiles.Loaded loaded = context.shared(RuleFiles.Loaded.class, c -> RuleFiles.load(c.srctree(),
                RuleEngine.discoverRules().stream().map(Rule::id).toList(), c.workspace().overlays(), null));
        return loaded.problems();
    }
}

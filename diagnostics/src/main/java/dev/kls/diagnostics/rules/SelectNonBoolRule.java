package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.kconfig.Diagnostic;
import java.util.List;

/**
 * select-non-bool: {@code select}/{@code imply} of a symbol that is not bool or
 * tristate, or by one that is not. conf never lets such a select change a
 * value, so deleting the line changes no configuration: that is the fix.
 */
@AutoService(Rule.class)
public final class SelectNonBoolRule extends KconfigWarnings {

    @Override
    public String id() {
        return "select-non-bool";
    }

    @Override
    public String summary() {
        return "select or imply where the selecting or the selected symbol is not bool or tristate";
    }

    @Override
    boolean claims(Diagnostic d) {
        return matches(SELECT_NON_BOOL, d);
    }

    @Override
    List<Fix> fixes(Diagnostic d, RuleContext context) {
        String keyword = d.code() == Diagnostic.Code.IMPLY_NON_BOOL ? "imply" : "select";
        return List.of(deleteLines("Remove this " + keyword + ": it has no effect", d));
    }
}

package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.kconfig.Diagnostic;
import java.util.List;

/**
 * invalid-range: a {@code range} whose bounds are not numbers of the symbol's
 * type (nor int/hex symbols), or a range on a symbol that is not int or hex.
 * conf ignores a range on a bool, tristate or string symbol, so deleting it is
 * a fix that changes no configuration; a bad bound needs a person.
 */
@AutoService(Rule.class)
public final class InvalidRangeRule extends KconfigWarnings {

    @Override
    public String id() {
        return "invalid-range";
    }

    @Override
    public String summary() {
        return "A range with bounds that are not numbers of the symbol's type, or on a symbol that is not int or hex";
    }

    @Override
    boolean claims(Diagnostic d) {
        return matches(INVALID_RANGE, d);
    }

    @Override
    List<Fix> fixes(Diagnostic d, RuleContext context) {
        if (d.message().endsWith("range is only allowed for int or hex symbols")) {
            return List.of(deleteLines("Remove this range: it has no effect on this type", d));
        }
        return List.of();
    }
}

package dev.kls.diagnostics.rules;

import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;

/** The "all-configurations" option (auto, always, never) of the rules that ask the SAT model about every configuration. */
final class AllConfigurations {

    private AllConfigurations() {
    }

    /** Whether the rule runs: always, never, or (auto) when the tree's size is within the limit. */
    static boolean wanted(RuleContext context, Rule rule, int size, int autoLimit) {
        String mode = context.option(rule, "all-configurations").stream().findFirst().orElse("auto");
        return switch (mode) {
            case "never" -> false;
            case "always" -> true;
            // A kernel tree is minutes of solving, more than an editor waits.
            case "auto" -> size <= autoLimit;
            default -> throw new IllegalArgumentException(rule.id()
                    + ": all-configurations is auto, always or never, not " + mode);
        };
    }
}

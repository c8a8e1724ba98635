package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.diagnostics.Rule;
import dev.kls.kconfig.Diagnostic;

/** symbol-without-type: a config symbol none of whose definitions gives it a type. */
@AutoService(Rule.class)
public final class SymbolWithoutTypeRule extends KconfigWarnings {

    @Override
    public String id() {
        return "symbol-without-type";
    }

    @Override
    public String summary() {
        return "A config symbol that no definition gives a type (bool, tristate, int, hex or string)";
    }

    @Override
    boolean claims(Diagnostic d) {
        return matches(SYMBOL_WITHOUT_TYPE, d);
    }
}

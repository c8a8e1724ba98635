package dev.kls.diagnostics.rules;

import com.google.auto.service.AutoService;
import dev.kls.diagnostics.Rule;
import dev.kls.kconfig.Diagnostic;
import java.util.Set;

/**
 * kconfig-entry: the other checks menu.c makes on single entries (prompt
 * redefined, help text given twice or blank, menuconfig without prompt,
 * type redefinition, defaults on choice values, option modules twice), and any
 * menu-model warning no more specific rule claims.
 */
@AutoService(Rule.class)
public final class KconfigEntryRule extends KconfigWarnings {

    @Override
    public String id() {
        return "kconfig-entry";
    }

    @Override
    public String summary() {
        return "Other problems the kernel's menu.c reports on an entry: duplicate prompt or help, type "
                + "redefinition, menuconfig without prompt, defaults of choice values";
    }

    @Override
    boolean claims(Diagnostic d) {
        for (Set<Diagnostic.Code> p : CLAIMED) {
            if (matches(p, d)) {
                return false;
            }
        }
        return true;
    }
}

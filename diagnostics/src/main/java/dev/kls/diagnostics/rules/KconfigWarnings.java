package dev.kls.diagnostics.rules;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.Input;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.TextEdit;
import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.Kconfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule that surfaces some of the warnings the Kconfig front end already
 * produces (menu.c's checks, in the kernel's wording). Which warnings belong
 * to which rule is decided by their wording, the kernel's stable text; the
 * catch-all rule {@link KconfigEntryRule} takes every model warning no other
 * rule claims, so none is lost when a new one appears.
 */
abstract class KconfigWarnings implements Rule {

    /** Model warnings each specific rule claims, by the start of their message. */
    static final Pattern SYMBOL_WITHOUT_TYPE = Pattern.compile("config symbol defined without type$");
    static final Pattern CHOICE_WITHOUT_PROMPT = Pattern.compile("choice (value )?must have a prompt$");
    static final Pattern SELECT_NON_BOOL = Pattern.compile(
            "'[^']*' has wrong type\\. '(select|imply)' only accept arguments of bool and tristate type$"
                    + "|config symbol '[^']*' uses (select|imply), but is not bool or tristate$");
    static final Pattern INVALID_RANGE = Pattern.compile("range is invalid$|range is only allowed for int or hex symbols$");
    static final List<Pattern> CLAIMED = List.of(SYMBOL_WITHOUT_TYPE, CHOICE_WITHOUT_PROMPT, SELECT_NON_BOOL,
            INVALID_RANGE);

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.KCONFIG);
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    /** Whether this rule reports the menu-model warning {@code d}. */
    abstract boolean claims(Diagnostic d);

    @Override
    public List<Finding> check(RuleContext context) {
        List<Finding> out = new ArrayList<>();
        for (Diagnostic d : context.kconfig().model().diagnostics()) {
            if (claims(d)) {
                Finding f = Finding.of(id(), Severity.of(d.severity()), d.range(), d.message());
                List<Fix> fixes = fixes(d, context);
                out.add(fixes.isEmpty() ? f : f.withFixes(fixes));
            }
        }
        return out;
    }

    /** Mechanical fixes for one warning; none by default. */
    List<Fix> fixes(Diagnostic d, RuleContext context) {
        return List.of();
    }

    /** A fix that deletes the lines of the property the warning points at. */
    static Fix deleteLines(String title, Diagnostic d) {
        return new Fix(title, List.of(TextEdit.deleteLines(d.range().file(), d.range().startLine(),
                d.range().endLine())));
    }

    /** The diagnostics of reading the tree (everything but the menu model's own checks). */
    static List<Diagnostic> readingDiagnostics(Kconfig k) {
        Set<Diagnostic> model = Collections.newSetFromMap(new IdentityHashMap<>());
        model.addAll(k.model().diagnostics());
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : k.diagnostics()) {
            if (!model.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    static boolean matches(Pattern p, Diagnostic d) {
        return p.matcher(d.message()).find();
    }
}

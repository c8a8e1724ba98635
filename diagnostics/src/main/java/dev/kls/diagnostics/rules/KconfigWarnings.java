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
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A rule that surfaces some of the warnings the Kconfig front end already
 * produces (menu.c's checks, in the kernel's wording). Which warnings belong
 * to which rule is decided by their {@link Diagnostic.Code}, never by the words; the
 * catch-all rule {@link KconfigEntryRule} takes every model warning no other
 * rule claims, so none is lost when a new one appears.
 */
abstract class KconfigWarnings implements Rule {

    /** Model warnings each specific rule claims, by their code. */
    static final Set<Diagnostic.Code> SYMBOL_WITHOUT_TYPE = EnumSet.of(Diagnostic.Code.SYMBOL_WITHOUT_TYPE);
    static final Set<Diagnostic.Code> CHOICE_WITHOUT_PROMPT = EnumSet.of(Diagnostic.Code.CHOICE_WITHOUT_PROMPT,
            Diagnostic.Code.CHOICE_VALUE_WITHOUT_PROMPT);
    static final Set<Diagnostic.Code> SELECT_NON_BOOL = EnumSet.of(Diagnostic.Code.SELECT_NON_BOOL,
            Diagnostic.Code.IMPLY_NON_BOOL);
    static final Set<Diagnostic.Code> INVALID_RANGE = EnumSet.of(Diagnostic.Code.RANGE_INVALID,
            Diagnostic.Code.RANGE_NOT_NUMERIC);
    static final List<Set<Diagnostic.Code>> CLAIMED = List.of(SYMBOL_WITHOUT_TYPE, CHOICE_WITHOUT_PROMPT,
            SELECT_NON_BOOL, INVALID_RANGE);

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

    static boolean matches(Set<Diagnostic.Code> codes, Diagnostic d) {
        return codes.contains(d.code());
    }
}

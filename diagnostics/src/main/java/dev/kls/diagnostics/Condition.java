package dev.kls.diagnostics;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.semantics.Formula;

/**
 * When a finding fires: a {@link Formula} over Kconfig symbols, and whether
 * it says exactly that. A condition that is not exact is a necessary part
 * (the finding can fire only where it holds) and the rule itself must be
 * asked for the rest; {@code kls sweep} then re-runs the rule on the
 * configuration. Never null on a finding: {@link #ALWAYS} is "fires in
 * every configuration".
 *
 * @param formula the condition; it holds wherever the finding fires
 * @param exact   whether the finding fires in exactly the configurations where it holds
 */
public record Condition(Formula formula, boolean exact) {

    public static final Condition ALWAYS = new Condition(Formula.TRUE, true);

    public Condition {
        if (formula == null) {
            throw new IllegalArgumentException("a condition needs a formula; Condition.ALWAYS holds always");
        }
        // an UNKNOWN or opaque part cannot be decided from symbol values alone
        exact = exact && !formula.hasUnknown();
    }

    /** A condition that is exact unless it has UNKNOWN or opaque parts. */
    public static Condition of(Formula f) {
        return new Condition(f, true);
    }

    /** A necessary part only: the rule decides the rest in each configuration. */
    public static Condition partial(Formula f) {
        return new Condition(f, false);
    }

    /** A C presence condition, with autoconf.h's meaning given the tree's symbol types. */
    public static Condition presence(Cond c, KconfigModel model) {
        return of(formula(c, model));
    }

    /** {@link Cond#toFormula}, the types taken from the model (no model: every word is undefined). */
    public static Formula formula(Cond c, KconfigModel model) {
        return c.toFormula(name -> model == null ? null : model.symbolType(name));
    }

    public boolean always() {
        return formula == Formula.TRUE && exact;
    }

    /** The formula as Kconfig text ({@code y} for always). */
    public String text() {
        return formula.toKconfig();
    }

    @Override
    public String toString() {
        return exact ? text() : text() + " (not exact)";
    }
}

package dev.kls.kconfig.eval;

/** Kconfig's three-valued logic: n &lt; m &lt; y, with && as min, || as max and ! as 2 - x. */
public enum Tristate {
    NO, MOD, YES;

    public Tristate and(Tristate o) {
        return ordinal() <= o.ordinal() ? this : o;
    }

    public Tristate or(Tristate o) {
        return ordinal() >= o.ordinal() ? this : o;
    }

    public Tristate not() {
        return values()[2 - ordinal()];
    }

    /** "n", "m" or "y", as .config spells it. */
    public String letter() {
        return this == NO ? "n" : this == MOD ? "m" : "y";
    }
}

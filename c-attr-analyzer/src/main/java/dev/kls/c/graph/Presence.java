package dev.kls.c.graph;

import dev.kls.c.cond.Cond;
import java.util.ArrayList;
import java.util.List;

/**
 * Satisfiability of a presence condition when its symbols are free: in a
 * plain C tree (no Kconfig) every macro test ({@code defined(XEN)},
 * {@code X86_64 == 1}) is its own proposition, named by its text. Decided by
 * trying every assignment up to 16 propositions; beyond that it answers
 * true (a cycle is then reported rather than missed).
 */
public final class Presence {
    private Presence() {
    }

    private static final int MAX_ATOMS = 16;

    public static boolean freeSatisfiable(Cond c) {
        return freeWitness(c) != null;
    }

    /**
     * An assignment of the condition's propositions that makes it true, each
     * named by its text ({@code defined(XEN)}, a Kconfig symbol's
     * {@code Defined[symbol=X]} as {@code defined(CONFIG_X)}); empty when
     * there are too many to try; null when none can.
     */
    public static java.util.Map<String, Boolean> freeWitness(Cond c) {
        List<Cond> atoms = new ArrayList<>();
        collect(c, atoms);
        if (atoms.size() > MAX_ATOMS) {
            return java.util.Map.of();
        }
        for (long bits = 0; bits < 1L << atoms.size(); bits++) {
            if (eval(c, atoms, bits)) {
                java.util.Map<String, Boolean> out = new java.util.LinkedHashMap<>();
                for (int i = 0; i < atoms.size(); i++) {
                    out.put(name(atoms.get(i)), (bits >> i & 1) != 0);
                }
                return out;
            }
        }
        return null;
    }

    private static String name(Cond a) {
        if (a instanceof Cond.Opaque o) {
            return o.text();
        }
        if (a instanceof Cond.Defined d) {
            return "defined(CONFIG_" + d.symbol() + ")";
        }
        if (a instanceof Cond.Module m) {
            return "defined(CONFIG_" + m.symbol() + "_MODULE)";
        }
        return a.toKconfig();
    }

    private static void collect(Cond c, List<Cond> atoms) {
        if (c instanceof Cond.Not n) {
            collect(n.operand(), atoms);
        } else if (c instanceof Cond.And a) {
            a.operands().forEach(x -> collect(x, atoms));
        } else if (c instanceof Cond.Or o) {
            o.operands().forEach(x -> collect(x, atoms));
        } else if (!(c instanceof Cond.True) && !(c instanceof Cond.False) && !atoms.contains(key(c, atoms))) {
            atoms.add(c);
        }
    }

    /** Opaque parts are the same proposition when their text is (their ranges differ). */
    private static Cond key(Cond c, List<Cond> atoms) {
        if (c instanceof Cond.Opaque o) {
            for (Cond a : atoms) {
                if (a instanceof Cond.Opaque p && p.text().equals(o.text())) {
                    return a;
                }
            }
        }
        return c;
    }

    private static boolean eval(Cond c, List<Cond> atoms, long bits) {
        if (c instanceof Cond.True) {
            return true;
        }
        if (c instanceof Cond.False) {
            return false;
        }
        if (c instanceof Cond.Not n) {
            return !eval(n.operand(), atoms, bits);
        }
        if (c instanceof Cond.And a) {
            for (Cond x : a.operands()) {
                if (!eval(x, atoms, bits)) {
                    return false;
                }
            }
            return true;
        }
        if (c instanceof Cond.Or o) {
            for (Cond x : o.operands()) {
                if (eval(x, atoms, bits)) {
                    return true;
                }
            }
            return false;
        }
        int i = atoms.indexOf(key(c, atoms));
        return i >= 0 && (bits >> i & 1) != 0;
    }
}

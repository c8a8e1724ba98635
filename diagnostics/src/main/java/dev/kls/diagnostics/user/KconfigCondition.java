package dev.kls.diagnostics.user;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.witness.WitnessSearch;
import java.util.Map;
import java.util.Set;

/**
 * A user rule's presence condition, a Kconfig expression ({@code XEN},
 * {@code XEN && !64BIT}), read by the Kconfig parser itself and evaluated on
 * a configuration with Kconfig's three-valued logic: it holds when not n.
 */
public record KconfigCondition(String text, Expr expr) {

    /** The condition of a text; a parse problem is an IllegalArgumentException with the parser's words. */
    public static KconfigCondition parse(String text) {
        // The parser reads whole files: the expression stands as the dependency of a throw-away symbol.
        KconfigFile f = KconfigLoader.parse("when", "config KLS_RULE_CONDITION\n\tbool\n\tdepends on " + text + "\n",
                new MacroExpander(Map.of(), null));
        for (Diagnostic d : f.diagnostics()) {
            if (d.severity() == dev.kls.kconfig.KconfigSeverity.ERROR) {
                throw new IllegalArgumentException("\"" + text + "\" is not a Kconfig expression: " + d.message());
            }
        }
        if (f.entries().size() == 1 && f.entries().get(0) instanceof Entry.Config c) {
            for (Property p : c.properties()) {
                if (p instanceof Property.DependsOn d) {
                    return new KconfigCondition(text.strip(), d.expr());
                }
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a Kconfig expression");
    }

    /** The symbols it reads. */
    public Set<String> symbols() {
        return WitnessSearch.symbolsOf(expr);
    }

    /** Whether it holds (is y or m) in a configuration. */
    public boolean holds(ConfigResult r) {
        return value(expr, r) != Tristate.NO;
    }

    private static Tristate value(Expr e, ConfigResult r) {
        if (e instanceof Expr.Not n) {
            return value(n.operand(), r).not();
        }
        if (e instanceof Expr.And a) {
            return value(a.left(), r).and(value(a.right(), r));
        }
        if (e instanceof Expr.Or o) {
            return value(o.left(), r).or(value(o.right(), r));
        }
        if (e instanceof Expr.Compare c) {
            int cmp = compare(string(c.left(), r), string(c.right(), r));
            boolean b = switch (c.op()) {
                case EQUAL -> cmp == 0;
                case UNEQUAL -> cmp != 0;
                case LESS -> cmp < 0;
                case LESS_EQUAL -> cmp <= 0;
                case GREATER -> cmp > 0;
                case GREATER_EQUAL -> cmp >= 0;
            };
            return b ? Tristate.YES : Tristate.NO;
        }
        Expr.Sym s = (Expr.Sym) e;
        String v = string(s, r);
        return v.equals("y") ? Tristate.YES : v.equals("m") ? Tristate.MOD : Tristate.NO;
    }

    private static String string(Expr.Sym s, ConfigResult r) {
        SymbolValue v = s.quoted() ? null : r.symbol(s.name());
        if (v == null) {
            return s.name(); // a constant, as Kconfig reads an undefined word
        }
        return v.type() != null && v.type().isLogic() ? v.tristate().letter() : v.value();
    }

    /** Numbers as numbers (Kconfig compares int and hex values so), else as strings. */
    private static int compare(String a, String b) {
        try {
            return Long.compare(Long.decode(a), Long.decode(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}

package dev.kls.kconfig.explain;

import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.explain.KconfigFacts.ChoiceFacts;
import dev.kls.kconfig.explain.KconfigFacts.ChoiceTerm;
import dev.kls.kconfig.explain.KconfigFacts.Cond;
import dev.kls.kconfig.explain.KconfigFacts.DefaultFact;
import dev.kls.kconfig.explain.KconfigFacts.ExprTerm;
import dev.kls.kconfig.explain.KconfigFacts.PromptFact;
import dev.kls.kconfig.explain.KconfigFacts.RangeFact;
import dev.kls.kconfig.explain.KconfigFacts.ReverseFact;
import dev.kls.kconfig.explain.KconfigFacts.SymbolFacts;
import dev.kls.kconfig.explain.KconfigFacts.Term;
import dev.kls.kconfig.explain.SymbolExplanation.Change;
import dev.kls.kconfig.explain.SymbolExplanation.Condition;
import dev.kls.kconfig.explain.SymbolExplanation.Dependency;
import dev.kls.kconfig.explain.SymbolExplanation.Prompt;
import dev.kls.kconfig.explain.SymbolExplanation.Reason;
import dev.kls.kconfig.explain.SymbolExplanation.ReasonKind;
import dev.kls.kconfig.explain.SymbolExplanation.Requirement;
import dev.kls.kconfig.explain.SymbolExplanation.ReverseDependency;
import dev.kls.kconfig.explain.SymbolExplanation.Route;
import dev.kls.kconfig.explain.SymbolExplanation.RouteKind;
import dev.kls.kconfig.explain.SymbolExplanation.Unmet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Explains symbols of one configuration: {@code Explainer.of(tree, result)}
 * once, then {@link #explain} per symbol (cheap: it evaluates only that
 * symbol's conditions over the finished values).
 *
 * <p>The evaluator keeps no record of why a value came about, so the reason
 * is recomputed from the final values with the rules of conf's
 * sym_calc_value: a visible symbol with a user value takes it (bounded by its
 * visibility), otherwise the first default whose condition holds, raised by
 * imply within its dependencies; then select raises it regardless; a choice
 * value that is visible at y is y exactly when its choice picks it; int and
 * hex values are clamped to the first active range. When that does not give
 * the evaluator's value, the reason says so ({@link ReasonKind#UNEXPLAINED})
 * rather than guess.
 */
public final class Explainer {

    /** How deep "what would have to change" follows the symbols that would have to change. */
    public static final int DEFAULT_DEPTH = 2;
    /** At most this many nested requirements per explanation, so a hover stays cheap. */
    private static final int BUDGET = 40;
    /** At most this many ways to a value are spelled out for the symbol itself, and for those below it. */
    private static final int TOP_ROUTES = 40;
    private static final int NESTED_ROUTES = 6;

    private final KconfigFacts facts;
    private final Values values;
    private final ConfigResult result;
    /** The user's values by symbol (the last line wins, as conf_read_simple overrides). */
    private final Map<String, UserValue> user;
    private final boolean userKnown;
    private final int depth;

    private record UserValue(String value, SourceRange where) {
    }

    private Explainer(KconfigTree tree, ConfigResult result, DotConfig input, int depth) {
        this.facts = KconfigFacts.of(tree);
        this.values = new Values(result, facts);
        this.result = result;
        this.user = new HashMap<>();
        this.userKnown = input != null;
        this.depth = depth;
        if (input != null) {
            for (DotConfig.Line line : input.lines()) {
                if (line instanceof DotConfig.Assignment a) {
                    user.put(a.name(), new UserValue(a.value(), DotConfig.range(input.file(), a.number(),
                            DotConfig.PREFIX + a.name() + "=" + a.value())));
                } else if (line instanceof DotConfig.NotSet n) {
                    user.put(n.name(), new UserValue("n", DotConfig.range(input.file(), n.number(),
                            "# " + DotConfig.PREFIX + n.name() + " is not set")));
                }
            }
        }
    }

    /**
     * @param input the .config the configuration was computed from (its user values), or null when
     *        unknown: a visible symbol whose value no default explains is then taken as set by the user
     */
    public static Explainer of(KconfigTree tree, ConfigResult result, DotConfig input) {
        return new Explainer(tree, result, input, DEFAULT_DEPTH);
    }

    public static Explainer of(KconfigTree tree, ConfigResult result) {
        return of(tree, result, null);
    }

    public static Explainer of(Kconfig kconfig, ConfigResult result, DotConfig input) {
        return of(kconfig.tree(), result, input);
    }

    /** The same explainer following changes {@code depth} levels deep. */
    public Explainer withDepth(int depth) {
        Explainer e = new Explainer(this, depth);
        return e;
    }

    private Explainer(Explainer o, int depth) {
        this.facts = o.facts;
        this.values = o.values;
        this.result = o.result;
        this.user = o.user;
        this.userKnown = o.userKnown;
        this.depth = depth;
    }

    /** The explanation of a defined config symbol; empty for unknown names (and choices). */
    public Optional<SymbolExplanation> explain(String name) {
        SymbolFacts f = facts.symbols.get(name);
        SymbolValue v = result.symbol(name);
        if (f == null || f.definitions.isEmpty() || v == null) {
            return Optional.empty();
        }
        List<Prompt> prompts = new ArrayList<>();
        for (PromptFact p : f.prompts) {
            prompts.add(new Prompt(p.text(), condition(p.cond()), p.where()));
        }
        List<SourceRange> defs = new ArrayList<>();
        List<Dependency> deps = new ArrayList<>();
        for (KconfigFacts.Definition d : f.definitions) {
            defs.add(d.where());
            deps.add(new Dependency(d.where(), condition(d.dep())));
        }
        List<Reason> reasons = f.type == null || v.type() == null
                ? List.of(new Reason(ReasonKind.NO_TYPE, "It has no type, so it never gets a value.", null, null,
                        List.of()))
                : v.type().isLogic() ? logicReasons(f, v) : valueReasons(f, v);
        Requirement toY = null;
        Requirement toM = null;
        if (v.type() != null && v.type().isLogic()) {
            int[] budget = {BUDGET};
            toY = requirement(f, Tristate.YES, depth, new HashSet<>(), budget);
            if (v.type() == SymbolType.TRISTATE && v.tristate() == Tristate.NO && values.modules() != Tristate.NO) {
                toM = requirement(f, Tristate.MOD, depth, new HashSet<>(), budget);
            }
        }
        return Optional.of(new SymbolExplanation(name, v.type(), List.copyOf(prompts), String.join("\n\n", f.help),
                List.copyOf(defs), List.copyOf(deps), reverse(f.selectedBy), reverse(f.impliedBy), v.value(),
                v.visibility(), List.copyOf(reasons), toY, toM));
    }

    // ---- the value and why ----

    private List<ReverseDependency> reverse(List<ReverseFact> l) {
        List<ReverseDependency> out = new ArrayList<>();
        for (ReverseFact r : l) {
            out.add(new ReverseDependency(r.source(), condition(r.cond()), r.where(), termValue(r)));
        }
        return List.copyOf(out);
    }

    private Tristate termValue(ReverseFact r) {
        return symbolTri(r.source()).and(values.cond(r.cond()));
    }

    private Tristate symbolTri(String name) {
        SymbolValue v = result.symbol(name);
        return v == null ? Tristate.NO : v.tristate();
    }

    /** getType: a tristate acts as a bool without modules, and as a choice value visible at y. */
    private boolean actsAsBool(SymbolFacts f, SymbolValue v) {
        return f.type == SymbolType.BOOL || values.modules() == Tristate.NO
                || f.choice != null && v.visibility() == Tristate.YES;
    }

    private Tristate boolFix(Tristate t, boolean asBool) {
        return asBool && t == Tristate.MOD ? Tristate.YES : t;
    }

    private Tristate orOf(List<ReverseFact> l) {
        Tristate t = Tristate.NO;
        for (ReverseFact r : l) {
            t = t.or(termValue(r));
        }
        return t;
    }

    private Tristate dirDep(SymbolFacts f) {
        Tristate t = Tristate.NO;
        for (KconfigFacts.Definition d : f.definitions) {
            t = t.or(values.cond(d.dep()));
        }
        return t;
    }

    private DefaultFact activeDefault(List<DefaultFact> defaults) {
        for (DefaultFact d : defaults) {
            if (values.cond(d.cond()) != Tristate.NO) {
                return d;
            }
        }
        return null;
    }

    /** A user value conf_set_sym_val accepts for the type, or null. */
    private String userValue(String name, SymbolType type) {
        UserValue u = user.get(name);
        if (u == null) {
            return null;
        }
        String p = u.value();
        switch (type) {
            case BOOL:
            case TRISTATE:
                if (type == SymbolType.TRISTATE && p.startsWith("m")) {
                    return "m";
                }
                return p.startsWith("y") ? "y" : p.startsWith("n") ? "n" : null;
            case STRING:
                return p.startsWith("\"") ? DotConfig.unquote(p) : null;
            case INT:
                return p.matches("-?(0|[1-9][0-9]*)") ? p : null;
            default:
                return p.matches("(0[xX])?[0-9a-fA-F]+") ? p : null;
        }
    }

    private static Tristate tristateOf(String letter) {
        return letter.equals("y") ? Tristate.YES : letter.equals("m") ? Tristate.MOD : Tristate.NO;
    }

    private List<Reason> logicReasons(SymbolFacts f, SymbolValue v) {
        Tristate actual = v.tristate();
        Tristate vis = v.visibility();
        boolean asBool = actsAsBool(f, v);
        if (f.choice != null && vis == Tristate.YES) {
            return List.of(choiceReason(f, actual));
        }
        List<Reason> reasons = new ArrayList<>();
        Tristate base;
        String u = userValue(f.name, f.type);
        if (vis != Tristate.NO && u != null) {
            base = tristateOf(u).and(vis);
            String bounded = base != tristateOf(u) ? " (bounded to " + base.letter() + " by its visibility)" : "";
            reasons.add(new Reason(ReasonKind.USER, "Set to " + u + " by the user" + bounded + ".",
                    user.get(f.name).where(), null, List.of()));
        } else {
            DefaultFact d = activeDefault(f.defaults);
            if (d != null) {
                base = values.tri(d.value(), false).and(values.cond(d.cond()));
                reasons.add(defaultReason(d));
            } else {
                base = Tristate.NO;
                reasons.add(noDefault(vis, u != null));
            }
            Tristate implied = boolFix(orOf(f.impliedBy), asBool);
            if (implied != Tristate.NO) {
                Tristate raised = base.or(implied).and(boolFix(dirDep(f), asBool));
                if (raised.compareTo(base) > 0) {
                    reasons.add(0, reverseReason(ReasonKind.IMPLY, f.impliedBy, implied, "Implied"));
                }
                base = raised;
            }
        }
        Tristate revDep = boolFix(orOf(f.selectedBy), asBool);
        Tristate predicted = boolFix(base.or(revDep), asBool);
        if (revDep != Tristate.NO) {
            Reason select = reverseReason(ReasonKind.SELECT, f.selectedBy, revDep, "Selected");
            if (revDep.compareTo(boolFix(base, asBool)) > 0) {
                reasons.add(0, select);
            } else if (revDep == predicted) {
                reasons.add(select);
            }
        }
        if (predicted != actual) {
            return List.of(mismatch(v, vis, predicted.letter()));
        }
        return reasons;
    }

    private Reason mismatch(SymbolValue v, Tristate vis, String predicted) {
        if (!userKnown && vis != Tristate.NO) {
            return new Reason(ReasonKind.USER, "Set to " + v.value() + " by the user (no default gives this value).",
                    null, null, List.of());
        }
        return new Reason(ReasonKind.UNEXPLAINED, "The configuration has " + v.value() + ", but conf's rules over the "
                + "final values give " + predicted + ".", null, null, List.of());
    }

    private Reason noDefault(Tristate vis, boolean hadUserValue) {
        String why = vis == Tristate.NO
                ? (hadUserValue ? "Not visible, so the user's value does not count, and no default applies."
                        : "Not visible and no default applies.")
                : "Not set by the user and no default applies.";
        return new Reason(ReasonKind.NO_DEFAULT, why, null, null, List.of());
    }

    private Reason defaultReason(DefaultFact d) {
        Condition c = condition(d.cond());
        String value = print(d.value(), true);
        return new Reason(ReasonKind.DEFAULT, "Default " + value + (c.always() ? "" : " (its condition holds)") + ".",
                d.where(), c, List.of());
    }

    private Reason reverseReason(ReasonKind kind, List<ReverseFact> by, Tristate level, String verb) {
        // The terms that give the level; for a bool raised from m to y, every term that is not n.
        boolean exact = by.stream().anyMatch(r -> termValue(r) == level);
        List<String> who = new ArrayList<>();
        ReverseFact first = null;
        for (ReverseFact r : by) {
            Tristate t = termValue(r);
            if (exact ? t == level : t != Tristate.NO) {
                if (!who.contains(r.source())) {
                    who.add(r.source());
                }
                if (first == null) {
                    first = r;
                }
            }
        }
        return new Reason(kind, verb + " by " + String.join(", ", who) + ".", first == null ? null : first.where(),
                first == null ? null : condition(first.cond()), List.copyOf(who));
    }

    private Reason choiceReason(SymbolFacts f, Tristate actual) {
        ChoiceFacts c = f.choice;
        String title = "\"" + c.title() + "\"";
        String picked = null;
        for (String val : c.values) {
            if (symbolTri(val) == Tristate.YES) {
                picked = val;
                break;
            }
        }
        if (actual != Tristate.YES) {
            return new Reason(ReasonKind.CHOICE_SELECTION, picked == null ? "The choice " + title + " picks no value."
                    : "The choice " + title + " picks " + picked + " instead.", c.where, null,
                    picked == null ? List.of() : List.of(picked));
        }
        // calc_choice: the user's pick if visible, else the first active default that is visible, else the first
        // visible value.
        String userPick = null;
        SourceRange userWhere = null;
        for (Map.Entry<String, UserValue> e : userPicks(c).entrySet()) {
            userPick = e.getKey();
            userWhere = e.getValue().where();
        }
        if (userPick != null && visible(userPick)) {
            if (userPick.equals(f.name)) {
                return new Reason(ReasonKind.CHOICE_SELECTION, "Picked by the user in the choice " + title + ".",
                        userWhere, null, List.of(f.name));
            }
            return new Reason(ReasonKind.UNEXPLAINED, "The user picked " + userPick + " in the choice " + title
                    + ", yet this value is y.", userWhere, null, List.of(userPick));
        }
        for (DefaultFact d : c.defaults) {
            if (values.cond(d.cond()) == Tristate.NO || !(d.value() instanceof Expr.Sym s) || !visible(s.name())) {
                continue;
            }
            if (s.name().equals(f.name)) {
                Condition cond = condition(d.cond());
                return new Reason(ReasonKind.CHOICE_SELECTION, "The default of the choice " + title + ".", d.where(),
                        cond, List.of(f.name));
            }
            break;
        }
        return new Reason(ReasonKind.CHOICE_SELECTION, "The first visible value of the choice " + title
                + " (no user pick, no default applies).", c.where, null, List.of(f.name));
    }

    /** The choice's value the input sets to y last (conf_read_simple keeps the last), as a one-entry map. */
    private Map<String, UserValue> userPicks(ChoiceFacts c) {
        String pick = null;
        UserValue where = null;
        for (String val : c.values) {
            UserValue u = user.get(val);
            if (u != null && u.value().startsWith("y") && (where == null || u.where().startLine() > where.where()
                    .startLine())) {
                pick = val;
                where = u;
            }
        }
        return pick == null ? Map.of() : Map.of(pick, where);
    }

    private boolean visible(String name) {
        SymbolValue v = result.symbol(name);
        return v != null && v.visibility() != Tristate.NO;
    }

    private List<Reason> valueReasons(SymbolFacts f, SymbolValue v) {
        Tristate vis = v.visibility();
        List<Reason> reasons = new ArrayList<>();
        String u = userValue(f.name, f.type);
        String value = "";
        boolean dropped = false;
        if (vis != Tristate.NO && u != null && withinRange(f, u)) {
            value = u;
            reasons.add(new Reason(ReasonKind.USER, "Set to " + u + " by the user.", user.get(f.name).where(), null,
                    List.of()));
        } else {
            dropped = vis != Tristate.NO && u != null;
            DefaultFact d = activeDefault(f.defaults);
            if (d != null && d.value() instanceof Expr.Sym s) {
                value = values.string(s);
                reasons.add(defaultReason(d));
            } else {
                reasons.add(noDefault(vis, u != null));
            }
            if (dropped) {
                reasons.add(new Reason(reasons.get(0).kind(), "The user's value " + u
                        + " is outside the range, so conf dropped it.", user.get(f.name).where(), null, List.of()));
            }
        }
        RangeFact r = activeRange(f);
        if (r != null) {
            int base = f.type == SymbolType.HEX ? 16 : 10;
            long val = prefixStrtoll(value, base);
            String lo = values.string(r.low());
            String hi = values.string(r.high());
            String clamped = null;
            if (val < prefixStrtoll(lo, boundBase(r.low(), base))) {
                clamped = lo;
            } else if (val > prefixStrtoll(hi, boundBase(r.high(), base))) {
                clamped = hi;
            }
            if (clamped != null) {
                reasons.add(0, new Reason(ReasonKind.RANGE_CLAMP, "Clamped to " + clamped + " by range " + lo + " " + hi
                        + " (it would be " + (value.isEmpty() ? "empty" : value) + ").", r.where(),
                        condition(r.cond()), List.of()));
                value = clamped;
            }
        }
        if (!value.equals(v.value())) {
            return List.of(mismatch(v, vis, value.isEmpty() ? "\"\"" : value));
        }
        return reasons;
    }

    private RangeFact activeRange(SymbolFacts f) {
        if (f.type != SymbolType.INT && f.type != SymbolType.HEX) {
            return null;
        }
        for (RangeFact r : f.ranges) {
            if (values.cond(r.cond()) != Tristate.NO) {
                return r;
            }
        }
        return null;
    }

    private int boundBase(Expr.Sym bound, int base) {
        SymbolType t = values.type(bound);
        return t == SymbolType.INT ? 10 : t == SymbolType.HEX ? 16 : base;
    }

    /** sym_string_within_range, over the final values. */
    private boolean withinRange(SymbolFacts f, String s) {
        RangeFact r = activeRange(f);
        if (r == null) {
            return true;
        }
        int base = f.type == SymbolType.HEX ? 16 : 10;
        long val = prefixStrtoll(s, base);
        return val >= prefixStrtoll(values.string(r.low()), base) && val <= prefixStrtoll(values.string(r.high()), base);
    }

    /** strtoll as conf calls it on values: the longest number at the start, 0 if none, saturated on overflow. */
    static long prefixStrtoll(String s, int base) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (base == 16 && i + 2 < s.length() + 0 && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x'
                || s.charAt(i + 1) == 'X') && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
        }
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), base) >= 0) {
            v = v.multiply(java.math.BigInteger.valueOf(base)).add(java.math.BigInteger.valueOf(Character.digit(
                    s.charAt(i), base)));
            i++;
        }
        if (neg) {
            v = v.negate();
        }
        if (v.bitLength() > 63) {
            return v.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return v.longValue();
    }

    // ---- what would have to change ----

    private Requirement requirement(SymbolFacts f, Tristate target, int depth, Set<String> seen, int[] budget) {
        SymbolValue v = result.symbol(f.name);
        if (v != null && v.tristate().compareTo(target) >= 0) {
            return new Requirement(f.name, target, true, List.of(), 0);
        }
        seen.add(f.name);
        int max = depth == this.depth ? TOP_ROUTES : NESTED_ROUTES;
        int omitted = 0;
        boolean asBool = f.type == SymbolType.BOOL;
        // A bool shows (and defaults) at y from m, so m suffices there.
        Tristate need = asBool ? Tristate.MOD : target;
        List<Route> routes = new ArrayList<>();
        if (f.choice != null) {
            for (PromptFact p : f.prompts) {
                routes.add(new Route(RouteKind.CHOICE, "pick it in the choice \"" + f.choice.title() + "\"", p.where(),
                        unmet(p.cond(), need, depth, seen, budget), true));
            }
        } else {
            for (PromptFact p : f.prompts) {
                routes.add(new Route(RouteKind.PROMPT, "set it to " + target.letter() + " at the prompt \"" + p.text()
                        + "\"", p.where(), unmet(p.cond(), need, depth, seen, budget), true));
            }
            for (DefaultFact d : f.defaults) {
                if (Values.isConstantOf(d.value(), "n")) {
                    continue;
                }
                Cond c = d.cond().and(new KconfigFacts.ValueTerm(d.value()));
                routes.add(new Route(RouteKind.DEFAULT, "default " + print(d.value(), false)
                        + " (when the user has not set it)", d.where(), unmet(c, need, depth, seen, budget), false));
                if (values.cond(d.cond()) != Tristate.NO) {
                    break; // later defaults only count when this one's condition fails
                }
            }
        }
        for (ReverseFact r : f.selectedBy) {
            if (routes.size() >= max) {
                omitted++;
                continue;
            }
            Cond c = r.cond().and(new Expr.Sym(dev.kls.kconfig.ast.Text.of(r.source()), false));
            routes.add(new Route(RouteKind.SELECT, "selected by " + r.source(), r.where(),
                    unmet(c, need, depth, seen, budget), false));
        }
        if (f.choice == null) {
            for (ReverseFact r : f.impliedBy) {
                if (routes.size() >= max) {
                    omitted++;
                    continue;
                }
                Cond c = r.cond().and(new Expr.Sym(dev.kls.kconfig.ast.Text.of(r.source()), false));
                for (KconfigFacts.Definition d : f.definitions) {
                    c = c.and(d.dep());
                    break;
                }
                routes.add(new Route(RouteKind.IMPLY, "implied by " + r.source()
                        + " (unless the user sets it lower)", r.where(), unmet(c, need, depth, seen, budget), false));
            }
        }
        seen.remove(f.name);
        return new Requirement(f.name, target, false, List.copyOf(routes), omitted);
    }

    private List<Unmet> unmet(Cond c, Tristate need, int depth, Set<String> seen, int[] budget) {
        List<Unmet> out = new ArrayList<>();
        for (Term t : c.terms()) {
            if (t instanceof ExprTerm e) {
                atoms(e.expr(), need, depth, seen, budget, out, true);
            } else if (t instanceof KconfigFacts.ValueTerm vt) {
                atoms(vt.value(), need, depth, seen, budget, out, false);
            } else {
                ChoiceTerm ct = (ChoiceTerm) t;
                Tristate val = values.term(t);
                Tristate n = ct.mustBeY() ? Tristate.YES : need;
                if (val.compareTo(n) < 0) {
                    String title = "the choice \"" + ct.choice().title() + "\"";
                    out.add(new Unmet(title + (ct.mustBeY() ? " = y" : ""), val, n, List.of(new Change(title,
                            val.letter(), ct.mustBeY() ? "y" : atLeast(n), null)), false));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Splits conjunctions; each factor below {@code need} becomes an Unmet with the changes it asks for. */
    private void atoms(Expr e, Tristate need, int depth, Set<String> seen, int[] budget, List<Unmet> out,
            boolean rewriteM) {
        if (e instanceof Expr.And a) {
            atoms(a.left(), need, depth, seen, budget, out, rewriteM);
            atoms(a.right(), need, depth, seen, budget, out, rewriteM);
            return;
        }
        Tristate val = values.tri(e, rewriteM);
        if (val.compareTo(need) >= 0) {
            return;
        }
        List<Change> changes = new ArrayList<>();
        boolean anyOf = false;
        if (e instanceof Expr.Or) {
            anyOf = true;
            for (Expr alt : disjuncts(e)) {
                changes.addAll(changesFor(alt, need, depth, seen, budget, rewriteM));
            }
        } else {
            changes.addAll(changesFor(e, need, depth, seen, budget, rewriteM));
        }
        out.add(new Unmet(print(e, false), val, need, List.copyOf(changes), anyOf));
    }

    private static List<Expr> disjuncts(Expr e) {
        List<Expr> l = new ArrayList<>();
        if (e instanceof Expr.Or o) {
            l.addAll(disjuncts(o.left()));
            l.addAll(disjuncts(o.right()));
        } else {
            l.add(e);
        }
        return l;
    }

    private List<Change> changesFor(Expr e, Tristate need, int depth, Set<String> seen, int[] budget,
            boolean rewriteM) {
        if (values.tri(e, rewriteM).compareTo(need) >= 0) {
            return List.of();
        }
        if (e instanceof Expr.Sym s) {
            if (isConfigSymbol(s)) {
                // A bool has no m: at least m means y for it.
                Tristate t = facts.symbols.get(s.name()).type == SymbolType.BOOL ? Tristate.YES : need;
                return List.of(new Change(s.name(), values.string(s), atLeast(t), nested(s.name(), t, depth,
                        seen, budget)));
            }
            if (rewriteM && s.name().equals("m") && facts.modules != null) {
                return List.of(new Change(facts.modules, symbolTri(facts.modules).letter(), "y",
                        nested(facts.modules, Tristate.YES, depth, seen, budget)));
            }
            return List.of();
        }
        if (e instanceof Expr.Not n && n.operand() instanceof Expr.Sym s && isConfigSymbol(s)) {
            return List.of(new Change(s.name(), values.string(s), need == Tristate.YES ? "n" : "at most m", null));
        }
        if (e instanceof Expr.Compare c) {
            Expr.Sym l = c.left();
            Expr.Sym r = c.right();
            Expr.Sym sym = isConfigSymbol(l) ? l : isConfigSymbol(r) ? r : null;
            if (sym == null) {
                return List.of();
            }
            Expr.Sym other = sym == l ? r : l;
            String op = c.op().token();
            if (sym == r) {
                op = switch (c.op()) {
                    case LESS -> ">";
                    case LESS_EQUAL -> ">=";
                    case GREATER -> "<";
                    case GREATER_EQUAL -> "<=";
                    default -> op;
                };
            }
            Requirement req = null;
            String want = values.string(other);
            if (c.op() == Expr.CompareOp.EQUAL && (want.equals("y") || want.equals("m"))) {
                req = nested(sym.name(), tristateOf(want), depth, seen, budget);
            } else if (c.op() == Expr.CompareOp.UNEQUAL && want.equals("n")) {
                req = nested(sym.name(), Tristate.MOD, depth, seen, budget);
            }
            return List.of(new Change(sym.name(), values.string(sym), op + " " + want, req));
        }
        if (e instanceof Expr.Or) {
            List<Change> l = new ArrayList<>();
            for (Expr alt : disjuncts(e)) {
                l.addAll(changesFor(alt, need, depth, seen, budget, rewriteM));
            }
            return l;
        }
        if (e instanceof Expr.And a) {
            List<Change> l = new ArrayList<>(changesFor(a.left(), need, depth, seen, budget, rewriteM));
            l.addAll(changesFor(a.right(), need, depth, seen, budget, rewriteM));
            return l;
        }
        return List.of();
    }

    private Requirement nested(String name, Tristate target, int depth, Set<String> seen, int[] budget) {
        SymbolFacts f = facts.symbols.get(name);
        if (depth <= 0 || f == null || f.definitions.isEmpty() || seen.contains(name) || budget[0] <= 0
                || f.type == null || !f.type.isLogic()) {
            return null;
        }
        budget[0]--;
        return requirement(f, target, depth - 1, seen, budget);
    }

    private boolean isConfigSymbol(Expr.Sym s) {
        if (s.quoted() || s.name().length() == 1 && "ymn".contains(s.name())) {
            return false;
        }
        SymbolFacts f = facts.symbols.get(s.name());
        return f != null && !f.definitions.isEmpty();
    }

    private static String atLeast(Tristate t) {
        return t == Tristate.YES ? "y" : "at least m";
    }

    // ---- printing conditions ----

    private Condition condition(Cond c) {
        StringBuilder plain = new StringBuilder();
        StringBuilder annotated = new StringBuilder();
        for (Term t : c.terms()) {
            if (plain.length() > 0) {
                plain.append(" && ");
                annotated.append(" && ");
            }
            if (t instanceof ExprTerm e) {
                boolean parens = e.expr() instanceof Expr.Or && c.terms().size() > 1;
                plain.append(parens ? "(" : "").append(print(e.expr(), false)).append(parens ? ")" : "");
                annotated.append(parens ? "(" : "").append(print(e.expr(), true)).append(parens ? ")" : "");
            } else if (t instanceof KconfigFacts.ValueTerm vt) {
                plain.append(print(vt.value(), false));
                annotated.append(print(vt.value(), true));
            } else {
                ChoiceTerm ct = (ChoiceTerm) t;
                String s = "<choice \"" + ct.choice().title() + "\">" + (ct.mustBeY() ? " = y" : "");
                plain.append(s);
                annotated.append(s).append(" [=").append(values.choice(ct.choice()).letter()).append(']');
            }
        }
        return new Condition(plain.toString(), annotated.toString(), values.cond(c));
    }

    /** Kconfig text of an expression (names as expanded), optionally with each symbol's value after it. */
    String print(Expr e, boolean annotate) {
        StringBuilder sb = new StringBuilder();
        print(e, annotate, 0, sb);
        return sb.toString();
    }

    private static int precedence(Expr e) {
        return e instanceof Expr.Or ? 1 : e instanceof Expr.And ? 2 : e instanceof Expr.Not ? 3 : 4;
    }

    private void print(Expr e, boolean annotate, int min, StringBuilder out) {
        boolean parens = precedence(e) < min;
        if (parens) {
            out.append('(');
        }
        if (e instanceof Expr.Or o) {
            print(o.left(), annotate, 1, out);
            out.append(" || ");
            print(o.right(), annotate, 2, out);
        } else if (e instanceof Expr.And a) {
            print(a.left(), annotate, 2, out);
            out.append(" && ");
            print(a.right(), annotate, 3, out);
        } else if (e instanceof Expr.Not n) {
            out.append('!');
            print(n.operand(), annotate, 3, out);
        } else if (e instanceof Expr.Compare c) {
            sym(c.left(), annotate, out);
            out.append(' ').append(c.op().token()).append(' ');
            sym(c.right(), annotate, out);
        } else if (e instanceof Expr.Sym s) {
            sym(s, annotate, out);
        }
        if (parens) {
            out.append(')');
        }
    }

    private void sym(Expr.Sym s, boolean annotate, StringBuilder out) {
        if (s.quoted()) {
            out.append('"').append(s.name().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            return;
        }
        out.append(s.name());
        if (annotate && isConfigSymbol(s)) {
            out.append(" [=").append(values.string(s)).append(']');
        }
    }
}

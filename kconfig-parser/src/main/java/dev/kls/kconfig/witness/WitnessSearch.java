package dev.kls.kconfig.witness;

import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.model.SymbolDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the smallest configuration under which a condition holds, among the
 * configurations the kernel's conf would actually produce.
 *
 * <p>A candidate is a set of user settings (the values a developer would put
 * in a .config) over the symbols that matter and the symbols they depend on.
 * Each candidate is run through {@link ConfigEvaluator} (olddefconfig on the
 * base configuration plus the settings); it counts only when every setting
 * survives, so a witness is always a reachable configuration, never a wish.
 * Candidates are tried by the number of settings, fewest first, so the first
 * one found is minimal.
 */
public final class WitnessSearch {

    /** How far the search goes before it gives up (and says so by finding nothing). */
    public record Limits(int maxSettings, int maxRuns, int dependencyDepth, int maxSymbols) {
        public static final Limits DEFAULT = new Limits(4, 400, 4, 16);
    }

    /**
     * A configuration under which the condition holds.
     *
     * @param settings what the user sets, fewest first found, in the order of the symbols that matter
     * @param derived  the values the other symbols that matter take in that configuration
     * @param result   the whole evaluated configuration
     */
    public record Witness(Map<String, String> settings, Map<String, String> derived, ConfigResult result) {

        /** {@code 64BIT=n XEN=y X86_32=y}: the settings, then the derived values. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            settings.forEach((k, v) -> parts.add(k + "=" + v));
            derived.forEach((k, v) -> parts.add(k + "=" + v));
            return String.join(" ", parts);
        }

        /** Settings and derived values together, settings first. */
        public Map<String, String> assignments() {
            Map<String, String> all = new LinkedHashMap<>(settings);
            all.putAll(derived);
            return all;
        }
    }

    private final KconfigTree tree;
    private final KconfigModel model;
    private final DotConfig base;
    private final Limits limits;
    private final Map<Map<String, String>, ConfigResult> runs = new HashMap<>();

    /**
     * @param base the configuration candidates start from (a user's .config), or null for the
     *             defaults alone (olddefconfig on an empty .config)
     */
    public WitnessSearch(KconfigTree tree, KconfigModel model, DotConfig base, Limits limits) {
        this.tree = tree;
        this.model = model;
        this.base = base;
        this.limits = limits;
    }

    public WitnessSearch(KconfigTree tree, KconfigModel model, DotConfig base) {
        this(tree, model, base, Limits.DEFAULT);
    }

    /** The base configuration as conf evaluates it. */
    public ConfigResult baseResult() {
        return run(Map.of());
    }

    /**
     * The values worth trying for a symbol besides its value in the base
     * configuration; empty for symbols the model does not define.
     */
    public List<String> alternatives(String name) {
        return model.symbol(name) == null ? List.of() : alternativesOf(name, baseResult().symbol(name));
    }

    /** How many distinct configurations were evaluated so far (a search's cost). */
    public int evaluatorRuns() {
        return runs.size();
    }

    /**
     * The smallest reachable configuration in which {@code holds} is true.
     *
     * @param matter the symbols the condition reads (presence conditions, macro values); their
     *               dependencies are searched too, since setting a symbol needs them
     */
    public Optional<Witness> find(Set<String> matter, Predicate<ConfigResult> holds) {
        matter = inModelOrder(matter);
        List<String> settable = settableClosure(matter);
        ConfigResult start = baseResult();
        List<List<String>> alternatives = new ArrayList<>();
        for (String name : settable) {
            alternatives.add(alternativesOf(name, start.symbol(name)));
        }
        for (int k = 0; k <= Math.min(limits.maxSettings, settable.size()); k++) {
            Optional<Witness> found = tryChoose(settable, alternatives, k, 0, new LinkedHashMap<>(), matter, holds);
            if (found == null) {
                return Optional.empty(); // out of evaluator runs
            }
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Callers pass sets in any order; witnesses read the same every run, in Kconfig order. */
    private Set<String> inModelOrder(Set<String> names) {
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : model.symbols().keySet()) {
            if (names.contains(name)) {
                ordered.add(name);
            }
        }
        for (String name : new java.util.TreeSet<>(names)) {
            ordered.add(name); // not Kconfig symbols: they cannot be set, but keep them
        }
        return ordered;
    }

    /** Empty when none at this size; null when the run budget is spent. */
    private Optional<Witness> tryChoose(List<String> names, List<List<String>> alternatives, int k, int from,
            LinkedHashMap<String, String> chosen, Set<String> matter, Predicate<ConfigResult> holds) {
        if (chosen.size() == k) {
            if (!runs.containsKey(chosen) && runs.size() >= limits.maxRuns) {
                return null;
            }
            ConfigResult r = run(chosen);
            if (survives(chosen, r) && holds.test(r)) {
                return Optional.of(witness(chosen, r, matter));
            }
            return Optional.empty();
        }
        for (int i = from; i < names.size(); i++) {
            String name = names.get(i);
            for (String value : alternatives.get(i)) {
                chosen.put(name, value);
                Optional<Witness> w = tryChoose(names, alternatives, k, i + 1, chosen, matter, holds);
                chosen.remove(name);
                if (w == null || w.isPresent()) {
                    return w;
                }
            }
        }
        return Optional.empty();
    }

    private Witness witness(Map<String, String> settings, ConfigResult r, Set<String> matter) {
        Map<String, String> derived = new LinkedHashMap<>();
        for (String name : matter) {
            SymbolValue v = r.symbol(name);
            if (v != null && !settings.containsKey(name)) {
                derived.put(name, shown(v));
            }
        }
        return new Witness(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings)),
                java.util.Collections.unmodifiableMap(derived), r);
    }

    /** A value as a witness shows it: n for a logic symbol that is off, the value otherwise. */
    public static String shown(SymbolValue v) {
        if (v.type() != null && v.type().isLogic()) {
            return v.tristate().letter();
        }
        return v.value();
    }

    private static boolean survives(Map<String, String> settings, ConfigResult r) {
        for (Map.Entry<String, String> s : settings.entrySet()) {
            SymbolValue v = r.symbol(s.getKey());
            if (v == null || !s.getValue().equals(shown(v))) {
                return false;
            }
        }
        return true;
    }

    private ConfigResult run(Map<String, String> settings) {
        ConfigResult cached = runs.get(settings);
        if (cached != null) {
            return cached;
        }
        StringBuilder text = new StringBuilder();
        if (base != null) {
            for (DotConfig.Line line : base.lines()) {
                String name = line instanceof DotConfig.Assignment a ? a.name()
                        : line instanceof DotConfig.NotSet ns ? ns.name() : null;
                if (name != null && !settings.containsKey(name)) {
                    text.append(lineText(name, line)).append('\n');
                }
            }
        }
        settings.forEach((name, value) -> text.append(setting(name, value)).append('\n'));
        String file = base == null ? "witness" : base.file();
        ConfigResult r = ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG, DotConfig.parse(file, text.toString()));
        runs.put(Map.copyOf(settings), r);
        return r;
    }

    private static String lineText(String name, DotConfig.Line line) {
        if (line instanceof DotConfig.Assignment a) {
            return DotConfig.PREFIX + name + "=" + a.value();
        }
        return "# " + DotConfig.PREFIX + name + " is not set";
    }

    private String setting(String name, String value) {
        ConfigSymbol sym = model.symbol(name);
        if (sym != null && sym.type() != null && sym.type().isLogic() && value.equals("n")) {
            return "# " + DotConfig.PREFIX + name + " is not set";
        }
        if (sym != null && sym.type() == SymbolType.STRING) {
            return DotConfig.PREFIX + name + "=" + DotConfig.quote(value);
        }
        return DotConfig.PREFIX + name + "=" + value;
    }

    /**
     * The symbols a user can set among those that matter and what they depend on
     * (dependencies, prompt conditions, and for promptless symbols their defaults),
     * breadth first so nearer symbols come first.
     */
    private List<String> settableClosure(Set<String> matter) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> frontier = new ArrayList<>();
        for (String name : matter) {
            if (model.symbol(name) != null && seen.add(name)) {
                frontier.add(name);
            }
        }
        for (int depth = 0; depth < limits.dependencyDepth && !frontier.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            for (String name : frontier) {
                for (String dep : dependenciesOf(model.symbol(name))) {
                    if (seen.size() < limits.maxSymbols && model.symbol(dep) != null && seen.add(dep)) {
                        next.add(dep);
                    }
                }
            }
            frontier = next;
        }
        List<String> settable = new ArrayList<>();
        for (String name : seen) {
            if (hasPrompt(model.symbol(name))) {
                settable.add(name);
            }
        }
        return settable;
    }

    private static Set<String> dependenciesOf(ConfigSymbol sym) {
        Set<String> out = new LinkedHashSet<>();
        boolean prompt = hasPrompt(sym);
        for (SymbolDefinition def : sym.definitions()) {
            symbolsIn(def.dependsOn(), out);
            for (Property p : def.entry().properties()) {
                if (p instanceof Property.TypeDecl t && t.prompt() != null) {
                    symbolsIn(t.condition(), out);
                } else if (p instanceof Property.Prompt pr) {
                    symbolsIn(pr.condition(), out);
                } else if (p instanceof Property.Default d && !prompt) {
                    symbolsIn(d.value(), out);
                    symbolsIn(d.condition(), out);
                }
            }
        }
        out.remove(sym.name());
        return out;
    }

    private static void symbolsIn(Expr e, Set<String> out) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.Sym s) {
            if (!s.quoted()) {
                out.add(s.name());
            }
        } else if (e instanceof Expr.Not n) {
            symbolsIn(n.operand(), out);
        } else if (e instanceof Expr.And a) {
            symbolsIn(a.left(), out);
            symbolsIn(a.right(), out);
        } else if (e instanceof Expr.Or o) {
            symbolsIn(o.left(), out);
            symbolsIn(o.right(), out);
        } else if (e instanceof Expr.Compare c) {
            symbolsIn(c.left(), out);
            symbolsIn(c.right(), out);
        }
    }

    private static boolean hasPrompt(ConfigSymbol sym) {
        for (SymbolDefinition def : sym.definitions()) {
            for (Property p : def.entry().properties()) {
                if (p instanceof Property.Prompt || p instanceof Property.TypeDecl t && t.prompt() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The values worth trying for a symbol other than the one it has in the base:
     * the other tristate values, or for int/hex the defaults and range bounds
     * written in its definitions (the values a developer meets in practice).
     */
    private List<String> alternativesOf(String name, SymbolValue now) {
        ConfigSymbol sym = model.symbol(name);
        String current = now == null ? null : shown(now);
        Set<String> values = new LinkedHashSet<>();
        if (sym.type() == SymbolType.BOOL) {
            values.add("y");
            values.add("n");
        } else if (sym.type() == SymbolType.TRISTATE) {
            values.add("y");
            values.add("m");
            values.add("n");
        } else if (sym.type() == SymbolType.INT || sym.type() == SymbolType.HEX) {
            for (SymbolDefinition def : sym.definitions()) {
                for (Property p : def.entry().properties()) {
                    if (p instanceof Property.Default d && d.value() instanceof Expr.Sym s && isNumber(s.name())) {
                        values.add(s.name());
                    } else if (p instanceof Property.Range r) {
                        if (isNumber(r.low().name())) {
                            values.add(r.low().name());
                        }
                        if (isNumber(r.high().name())) {
                            values.add(r.high().name());
                        }
                    }
                }
            }
        }
        values.remove(current);
        return List.copyOf(values);
    }

    private static boolean isNumber(String s) {
        return s.matches("-?[0-9]+|0[xX][0-9a-fA-F]+");
    }

    /** Symbols defined in the model that an expression mentions (for callers building {@code matter}). */
    public static Set<String> symbolsOf(Expr e) {
        Set<String> out = new LinkedHashSet<>();
        symbolsIn(e, out);
        return out;
    }
}

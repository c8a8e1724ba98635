package dev.kls.kconfig.testing;

import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.SymbolValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The value pairs a configuration has, written as the pairwise sampler names them ("A=y B=n", A first). */
public final class ConfigPairs {

    private ConfigPairs() {
    }

    /** Every pair of the values of {@code symbols} (in their order) in an evaluator's result; absent is n. */
    public static Set<String> in(ConfigResult r, List<String> symbols) {
        return in(symbols, s -> letter(r, s));
    }

    /** A bool/tristate symbol's value in an evaluator's result as y, m or n (absent: n). */
    public static String letter(ConfigResult r, String symbol) {
        SymbolValue v = r.symbol(symbol);
        return v == null ? "n" : v.tristate().letter();
    }

    /** The same for a .config's text (conf's or kls's): y/m as written, n for "is not set" or absent. */
    public static Set<String> in(String dotConfig, List<String> symbols) {
        Map<String, String> values = new HashMap<>();
        for (DotConfig.Line l : DotConfig.parse(".config", dotConfig).lines()) {
            if (l instanceof DotConfig.Assignment a) {
                values.put(a.name(), a.value());
            } else if (l instanceof DotConfig.NotSet n) {
                values.put(n.name(), "n");
            }
        }
        return in(symbols, s -> values.getOrDefault(s, "n"));
    }

    private static Set<String> in(List<String> symbols, Function<String, String> letter) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < symbols.size(); i++) {
            for (int j = i + 1; j < symbols.size(); j++) {
                out.add(symbols.get(i) + "=" + letter.apply(symbols.get(i)) + " " + symbols.get(j) + "="
                        + letter.apply(symbols.get(j)));
            }
        }
        return out;
    }
}

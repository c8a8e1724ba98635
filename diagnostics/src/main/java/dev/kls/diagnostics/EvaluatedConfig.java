package dev.kls.diagnostics;

import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigResult;
import java.util.HashMap;
import java.util.Map;

/**
 * A configuration the rules look at: the .config it came from (path as given,
 * for messages) and the values the evaluator computed from it.
 */
public record EvaluatedConfig(String file, ConfigResult result) {

    /**
     * The symbol values a configuration gives C, as the .config conf writes them
     * (what autoconf.h is made from): name without CONFIG_, "n" for "is not set".
     * This is the map {@code dev.kls.c.CProject#configuration} takes.
     */
    public static Map<String, String> writtenValues(ConfigResult r) {
        Map<String, String> vals = new HashMap<>();
        for (DotConfig.Line l : DotConfig.parse(".config", r.text()).lines()) {
            if (l instanceof DotConfig.Assignment a) {
                vals.put(a.name(), a.value());
            } else if (l instanceof DotConfig.NotSet n) {
                vals.put(n.name(), "n");
            }
        }
        return vals;
    }
}

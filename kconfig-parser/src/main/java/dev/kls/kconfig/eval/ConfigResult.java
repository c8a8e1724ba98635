package dev.kls.kconfig.eval;

import dev.kls.kconfig.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run.
 *
 * @param text        the .config conf would write, header included
 * @param symbols     every defined config symbol by name, in order of first mention in the Kconfig files
 * @param diagnostics problems with the input .config (with line numbers) and unmet dependencies, as conf warns
 */
public record ConfigResult(String text, Map<String, SymbolValue> symbols, List<Diagnostic> diagnostics) {

    public SymbolValue symbol(String name) {
        return symbols.get(name);
    }

    /** The .config without conf's leading comment block (it names the tree and version). */
    public String body() {
        return withoutHeader(text);
    }

    /**
     * A .config text without the comment block conf writes first: a line "#",
     * lines "# ...", and a closing "#". Text without that block is returned whole.
     */
    public static String withoutHeader(String config) {
        if (!config.startsWith("#\n")) {
            return config;
        }
        int pos = 2;
        while (config.startsWith("# ", pos)) {
            int nl = config.indexOf('\n', pos);
            if (nl < 0) {
                return config;
            }
            pos = nl + 1;
        }
        return config.startsWith("#\n", pos) ? config.substring(pos + 2) : config;
    }
}

package dev.kls.kconfig.testing;

import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.SymbolValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An autoconf.h like the one kconfig writes (include/generated/autoconf.h),
 * from config values written as a .config writes them, without the CONFIG_
 * prefix: {@code y}, {@code m}, {@code n}, a decimal number, a {@code 0x}
 * hex number, or a double-quoted string with {@code \"} and {@code \\} escapes.
 */
public final class Autoconf {

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    private Autoconf() {
    }

    /**
     * The header text: {@code #define CONFIG_X 1} for y, {@code CONFIG_X_MODULE 1}
     * for m, nothing for n, numbers as they are, strings quoted, in the map's order.
     *
     * @throws IllegalArgumentException for a name that is not a symbol name or a
     *         value that is none of the forms above (an unquoted word, say)
     */
    public static String header(Map<String, String> config) {
        StringBuilder sb = new StringBuilder("/*\n * Automatically generated file; DO NOT EDIT.\n"
                + " * Written by kls's test support from a map of config values.\n */\n");
        for (Map.Entry<String, String> e : config.entrySet()) {
            String name = e.getKey();
            String v = e.getValue();
            if (!NAME.matcher(name).matches() || name.startsWith("CONFIG_")) {
                throw new IllegalArgumentException("bad symbol name '" + name + "' (give it without CONFIG_)");
            }
            if (v.equals("n")) {
                continue;
            }
            if (v.equals("y")) {
                sb.append("#define CONFIG_").append(name).append(" 1\n");
            } else if (v.equals("m")) {
                sb.append("#define CONFIG_").append(name).append("_MODULE 1\n");
            } else if (DECIMAL.matcher(v).matches() || HEX.matcher(v).matches()) {
                sb.append("#define CONFIG_").append(name).append(' ').append(v).append('\n');
            } else if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                sb.append("#define CONFIG_").append(name).append(' ').append(v).append('\n');
            } else {
                throw new IllegalArgumentException("CONFIG_" + name + "=" + v
                        + ": not y, m, n, a number, a 0x hex number or a quoted string");
            }
        }
        return sb.toString();
    }

    /**
     * The values of an evaluator run in the form {@link #header} takes: every
     * symbol conf writes, strings quoted and escaped, hex values given the 0x
     * prefix that autoconf.h adds when the .config lacks it.
     */
    public static Map<String, String> values(ConfigResult result) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SymbolValue s : result.symbols().values()) {
            if (!s.written() || s.type() == null) {
                continue;
            }
            String v = s.value();
            if (s.type() == SymbolType.STRING) {
                v = "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            } else if (s.type() == SymbolType.HEX && !v.isEmpty() && !HEX.matcher(v).matches()) {
                v = "0x" + v;
            }
            if (v.isEmpty()) {
                continue; // an int/hex without a value: conf writes nothing usable for C
            }
            out.put(s.name(), v);
        }
        return out;
    }
}

package dev.kls.c;

import dev.kls.c.types.Abi;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configuration: symbol values as in a .config without the CONFIG_
 * prefix ("y", "m", "n", a number, a string; a missing symbol is unset) and
 * the ABI they build for.
 */
public record Configuration(Map<String, String> values, Abi abi) {

    public Configuration {
        values = Map.copyOf(values);
    }

    /** The configuration with the ABI its values choose for SRCARCH ({@link Abi#of}). */
    public static Configuration of(Map<String, String> values, String srcarch) {
        return new Configuration(values, Abi.of(srcarch, values));
    }

    @Override
    public String toString() {
        return abi.name() + " " + new TreeMap<>(values);
    }
}

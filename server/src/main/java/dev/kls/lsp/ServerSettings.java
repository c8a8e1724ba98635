package dev.kls.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the user can set, from initializationOptions or the "kls" section of
 * workspace/configuration. Absent fields take their defaults. A value of the wrong shape (an array where a string
 * belongs, "rules" as a string, ...) is not an error: it keeps the default and
 * is named in {@link #problems()}, which the server shows to the user.
 */
public record ServerSettings(Tree tree, Rules rules, List<String> problems) {

    public ServerSettings {
        problems = List.copyOf(problems);
    }

    public ServerSettings(Tree tree, Rules rules) {
        this(tree, rules, List.of());
    }

    /** The kernel tree: which ARCH, which configuration, whether commands may run. */
    public static final class Tree {
        /** ARCH as kbuild takes it; default $ARCH, else x86. */
        public String arch;
        /** The .config to evaluate against, relative to the root or absolute; default see {@link ServerWorkspace}. */
        public String config;
        /** Run $(shell,...) macros; default false: a workspace never runs commands unless its user says so. */
        public Boolean allowShell;
        /** The kernel release whose Kconfig rules apply ("6.12"); default: the tree's top Makefile. */
        public String kernelVersion;
    }

    /** Rule id to "off", "error", "warning", "information" or "hint"; the engine's rules read the same map. */
    public static final class Rules {
        public Map<String, String> severity = new LinkedHashMap<>();
    }

    public static ServerSettings defaults() {
        return parse(null, Map.of());
    }

    /**
     * @param json an object with the fields of {@link Tree} and a "rules" object; may be nested under "kls"
     */
    public static ServerSettings parse(JsonElement json, Map<String, String> env) {
        JsonObject o = json != null && json.isJsonObject() ? json.getAsJsonObject() : new JsonObject();
        if (o.has("kls") && o.get("kls").isJsonObject()) {
            o = o.getAsJsonObject("kls");
        }
        List<String> problems = new ArrayList<>();
        // Field by field rather than Gson's binding: one wrong value must not throw away the others.
        Tree tree = new Tree();
        tree.arch = string(o, "arch", problems);
        tree.config = string(o, "config", problems);
        tree.kernelVersion = string(o, "kernelVersion", problems);
        JsonElement shell = o.get("allowShell");
        if (shell != null && !shell.isJsonNull()) {
            if (shell instanceof JsonPrimitive p && p.isBoolean()) {
                tree.allowShell = p.getAsBoolean();
            } else {
                problems.add(wrong("allowShell", "true or false", shell, "false"));
            }
        }
        if (tree.arch == null || tree.arch.isBlank()) {
            String a = env.get("ARCH");
            tree.arch = a != null && !a.isBlank() ? a : "x86";
        }
        if (tree.allowShell == null) {
            tree.allowShell = false;
        }
        Rules rules = new Rules();
        JsonElement r = o.get("rules");
        if (r != null && !r.isJsonNull()) {
            if (!r.isJsonObject()) {
                problems.add(wrong("rules", "an object of rule id to severity", r, "every rule's own severity"));
            } else {
                r.getAsJsonObject().entrySet().forEach(e -> {
                    if (e.getValue() instanceof JsonPrimitive p && p.isString()) {
                        rules.severity.put(e.getKey(), p.getAsString());
                    } else if (!e.getValue().isJsonNull()) {
                        problems.add(wrong("rules." + e.getKey(), "a severity string (\"off\", \"error\", \"warning\","
                                + " \"information\", \"hint\")", e.getValue(), "the rule's own severity"));
                    }
                });
            }
        }
        return new ServerSettings(tree, rules, problems);
    }

    /** A string field: absent or null is null; any other shape is a problem and null (the default). */
    private static String string(JsonObject o, String key, List<String> problems) {
        JsonElement v = o.get(key);
        if (v == null || v.isJsonNull()) {
            return null;
        }
        if (v instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        problems.add(wrong(key, "a string", v, "the default"));
        return null;
    }

    private static String wrong(String key, String expected, JsonElement got, String kept) {
        String shape = got.isJsonArray() ? "an array" : got.isJsonObject() ? "an object"
                : got.getAsJsonPrimitive().isBoolean() ? "a boolean"
                : got.getAsJsonPrimitive().isNumber() ? "a number" : "a string";
        return "setting kls." + key + " should be " + expected + ", not " + shape + "; using " + kept;
    }

    /**
     * initializationOptions overlaid with the editor's configuration section:
     * a field the editor sets wins, one it leaves out (or null) keeps its value.
     */
    public static ServerSettings merged(JsonElement initOptions, JsonElement configuration, Map<String, String> env) {
        JsonObject out = section(initOptions).deepCopy();
        section(configuration).entrySet().forEach(e -> {
            if (!e.getValue().isJsonNull()) {
                out.add(e.getKey(), e.getValue());
            }
        });
        return parse(out, env);
    }

    private static JsonObject section(JsonElement json) {
        if (json == null || !json.isJsonObject()) {
            return new JsonObject();
        }
        JsonObject o = json.getAsJsonObject();
        return o.has("kls") && o.get("kls").isJsonObject() ? o.getAsJsonObject("kls") : o;
    }

    /** Whether a change needs the tree read again (not just diagnostics redone). */
    public boolean sameTree(ServerSettings o) {
        return java.util.Objects.equals(tree.arch, o.tree.arch) && java.util.Objects.equals(tree.config, o.tree.config)
                && java.util.Objects.equals(tree.allowShell, o.tree.allowShell)
                && java.util.Objects.equals(tree.kernelVersion, o.tree.kernelVersion);
    }
}

package dev.kls.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the user can set, from initializationOptions or the "kls" section of
 * workspace/configuration. Absent fields take their defaults; Gson fills the
 * small per-area classes.
 */
public record Settings(Tree tree, Rules rules) {

    /** The kernel tree: which ARCH, which configuration, whether commands may run. */
    public static final class Tree {
        /** ARCH as kbuild takes it; default $ARCH, else x86. */
        public String arch;
        /** The .config to evaluate against, relative to the root or absolute; default see {@link Workspace}. */
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

    private static final Gson GSON = new Gson();

    public static Settings defaults() {
        return parse(null, Map.of());
    }

    /**
     * @param json an object with the fields of {@link Tree} and a "rules" object; may be nested under "kls"
     */
    public static Settings parse(JsonElement json, Map<String, String> env) {
        JsonObject o = json != null && json.isJsonObject() ? json.getAsJsonObject() : new JsonObject();
        if (o.has("kls") && o.get("kls").isJsonObject()) {
            o = o.getAsJsonObject("kls");
        }
        Tree tree = GSON.fromJson(o, Tree.class);
        if (tree.arch == null || tree.arch.isBlank()) {
            String a = env.get("ARCH");
            tree.arch = a != null && !a.isBlank() ? a : "x86";
        }
        if (tree.allowShell == null) {
            tree.allowShell = false;
        }
        Rules rules = new Rules();
        if (o.has("rules") && o.get("rules").isJsonObject()) {
            o.getAsJsonObject("rules").entrySet().forEach(e -> {
                if (e.getValue().isJsonPrimitive()) {
                    rules.severity.put(e.getKey(), e.getValue().getAsString());
                }
            });
        }
        return new Settings(tree, rules);
    }

    /**
     * initializationOptions overlaid with the editor's configuration section:
     * a field the editor sets wins, one it leaves out (or null) keeps its value.
     */
    public static Settings merged(JsonElement initOptions, JsonElement configuration, Map<String, String> env) {
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
    public boolean sameTree(Settings o) {
        return java.util.Objects.equals(tree.arch, o.tree.arch) && java.util.Objects.equals(tree.config, o.tree.config)
                && java.util.Objects.equals(tree.allowShell, o.tree.allowShell)
                && java.util.Objects.equals(tree.kernelVersion, o.tree.kernelVersion);
    }
}

package dev.kls.diagnostics.sweep;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.Finding;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sweep report, JSON (documented in the README, "kls sweep"), and its
 * text form. The JSON holds no times and has a fixed key order, and every
 * per-finding total is derived from the configurations it lists, so the merge
 * of the shards of a sweep is byte for byte the report of one run.
 */
public final class SweepReport {

    public static final int VERSION = 1;

    /**
     * What was swept.
     *
     * @param sampler        random, defconfigs or files
     * @param seed           the sweep's seed (random), else null
     * @param configurations how many configurations the whole sweep has (all shards)
     * @param probability    KCONFIG_PROBABILITY as given, or null
     * @param shard          "i/n" for one shard of several, else null
     * @param partial        the sweep was stopped (Ctrl-C) before all its configurations were tried
     */
    public record Header(String srctree, String arch, String srcarch, String sampler, Long seed, int configurations,
            String probability, String shard, boolean partial) {

        public Header(String srctree, String arch, String srcarch, String sampler, Long seed, int configurations,
                String probability, String shard) {
            this(srctree, arch, srcarch, sampler, seed, configurations, probability, shard, false);
        }

        Header whole(boolean isPartial) {
            return new Header(srctree, arch, srcarch, sampler, seed, configurations, probability, null, isPartial);
        }
    }

    /** A finding as the report describes it, and the configurations (by index) where it fires. */
    public record Item(JsonObject finding, List<Integer> fires) {
    }

    /** A report as data: the header, the findings' descriptions, the configurations tried. */
    public record Data(Header header, List<JsonObject> findings, List<Sweep.Outcome> outcomes) {
    }

    private SweepReport() {
    }

    /** The report's data from a sweep. */
    public static Data data(Header h, Sweep.Result r) {
        List<JsonObject> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            findings.add(describe(f));
        }
        return new Data(h, findings, r.outcomes());
    }

    private static JsonObject describe(Finding f) {
        JsonObject j = new JsonObject();
        j.addProperty("ruleId", f.ruleId());
        j.addProperty("severity", f.severity().label());
        j.addProperty("file", f.hasLocation() ? f.file() : null);
        j.addProperty("line", f.hasLocation() ? f.range().startLine() : null);
        j.addProperty("column", f.hasLocation() ? f.range().startColumn() : null);
        j.addProperty("message", f.message());
        j.addProperty("condition", f.condition().text());
        j.addProperty("conditionExact", f.condition().exact());
        // how a configuration is decided: the condition alone, or the rule run again on it
        j.addProperty("decidedBy", f.condition().exact() ? "condition" : "rule");
        JsonArray w = new JsonArray();
        for (Assignment a : f.witness()) {
            JsonObject x = new JsonObject();
            x.addProperty("symbol", a.symbol());
            x.addProperty("value", a.value());
            w.add(x);
        }
        j.add("witness", w);
        return j;
    }

    public static JsonObject toJson(Data d) {
        List<Sweep.Outcome> outcomes = new ArrayList<>(d.outcomes());
        outcomes.sort(Comparator.comparingInt(Sweep.Outcome::index));
        JsonObject o = new JsonObject();
        o.addProperty("version", VERSION);
        Header h = d.header();
        o.addProperty("srctree", h.srctree());
        o.addProperty("arch", h.arch());
        o.addProperty("srcarch", h.srcarch());
        o.addProperty("sampler", h.sampler());
        o.addProperty("seed", h.seed() == null ? null : hex(h.seed()));
        o.addProperty("probability", h.probability());
        o.addProperty("total", h.configurations());
        if (h.shard() != null) {
            o.addProperty("shard", h.shard());
        }
        if (h.partial()) {
            o.addProperty("partial", true);
        }
        o.addProperty("tried", outcomes.size());
        JsonArray findings = new JsonArray();
        for (int i = 0; i < d.findings().size(); i++) {
            JsonObject f = d.findings().get(i).deepCopy();
            JsonObject out = new JsonObject();
            out.addProperty("id", i);
            f.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
            JsonArray fires = new JsonArray();
            for (Sweep.Outcome c : outcomes) {
                if (c.fires().contains(i)) {
                    fires.add(ref(c));
                }
            }
            out.addProperty("firesIn", fires.size());
            out.addProperty("tried", outcomes.size());
            out.add("fires", fires);
            findings.add(out);
        }
        o.add("findings", findings);
        JsonArray configs = new JsonArray();
        for (Sweep.Outcome c : outcomes) {
            JsonObject j = ref(c);
            JsonArray ids = new JsonArray();
            c.fires().forEach(ids::add);
            j.add("findings", ids);
            JsonObject values = new JsonObject();
            c.values().forEach(values::addProperty);
            j.add("values", values);
            configs.add(j);
        }
        o.add("configurations", configs);
        return o;
    }

    private static JsonObject ref(Sweep.Outcome c) {
        JsonObject j = new JsonObject();
        j.addProperty("index", c.index());
        j.addProperty("seed", c.seed() == null ? null : hex(c.seed()));
        if (c.name() != null) {
            j.addProperty("name", c.name());
        }
        return j;
    }

    static String hex(long seed) {
        return "0x" + Long.toHexString(seed);
    }

    public static String write(Data d) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create()
                .toJson(toJson(d)) + "\n";
    }

    /** A report read back (a shard's). */
    public static Data read(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        if (o.get("version").getAsInt() != VERSION) {
            throw new IllegalArgumentException("not a version " + VERSION + " sweep report");
        }
        Header h = new Header(str(o, "srctree"), str(o, "arch"), str(o, "srcarch"), str(o, "sampler"),
                o.get("seed").isJsonNull() ? null : Long.decode(o.get("seed").getAsString()),
                o.get("total").getAsInt(),
                str(o, "probability"), str(o, "shard"), o.has("partial") && o.get("partial").getAsBoolean());
        List<JsonObject> findings = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("findings")) {
            JsonObject f = e.getAsJsonObject().deepCopy();
            for (String derived : List.of("id", "firesIn", "tried", "fires")) {
                f.remove(derived);
            }
            findings.add(f);
        }
        List<Sweep.Outcome> outcomes = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("configurations")) {
            JsonObject c = e.getAsJsonObject();
            List<Integer> ids = new ArrayList<>();
            c.getAsJsonArray("findings").forEach(x -> ids.add(x.getAsInt()));
            Map<String, String> values = new TreeMap<>();
            if (c.has("values")) {
                c.getAsJsonObject("values").entrySet().forEach(v -> values.put(v.getKey(), v.getValue().getAsString()));
            }
            outcomes.add(new Sweep.Outcome(c.get("index").getAsInt(),
                    c.get("seed").isJsonNull() ? null : Long.decode(c.get("seed").getAsString()),
                    c.has("name") ? c.get("name").getAsString() : null, ids, values));
        }
        return new Data(h, findings, outcomes);
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e instanceof JsonNull ? null : e.getAsString();
    }

    /**
     * Joins shard reports: the same sweep (header but the shard), the same
     * findings, disjoint configurations.
     *
     * @throws IllegalArgumentException when they are not shards of one sweep
     */
    public static Data merge(List<Data> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        Data first = shards.get(0);
        Header h = first.header().whole(false);
        boolean partial = false;
        TreeMap<Integer, Sweep.Outcome> byIndex = new TreeMap<>();
        for (Data d : shards) {
            Header same = d.header().whole(false);
            partial |= d.header().partial();
            if (!same.equals(h)) {
                throw new IllegalArgumentException("not shards of one sweep: " + same + " and " + h);
            }
            if (!d.findings().equals(first.findings())) {
                throw new IllegalArgumentException("the shards have different findings (another tree or rules?)");
            }
            for (Sweep.Outcome c : d.outcomes()) {
                if (byIndex.put(c.index(), c) != null) {
                    throw new IllegalArgumentException("configuration " + c.index() + " is in two shards");
                }
            }
        }
        return new Data(h.whole(partial), first.findings(), new ArrayList<>(byIndex.values()));
    }

    /** Text: each finding with how often it fires and its first configuration, then a summary line. */
    public static void writeText(Data d, PrintWriter out) {
        JsonObject o = toJson(d);
        int tried = o.get("tried").getAsInt();
        for (JsonElement e : o.getAsJsonArray("findings")) {
            JsonObject f = e.getAsJsonObject();
            String where = f.get("file").isJsonNull() ? "kls" : f.get("file").getAsString() + ":"
                    + f.get("line").getAsInt() + ":" + f.get("column").getAsInt();
            out.println(where + ": " + f.get("severity").getAsString() + ": " + f.get("message").getAsString()
                    + " [" + f.get("ruleId").getAsString() + "]");
            out.println("  fires in " + f.get("firesIn").getAsInt() + " of " + tried + " configurations");
            out.println("  condition: " + f.get("condition").getAsString()
                    + (f.get("conditionExact").getAsBoolean() ? "" : " (not exact: the rule decided each one)"));
            JsonArray fires = f.getAsJsonArray("fires");
            if (!fires.isEmpty()) {
                JsonObject c = fires.get(0).getAsJsonObject();
                out.println("  first: configuration " + c.get("index").getAsInt()
                        + (c.get("seed").isJsonNull() ? "" : " (KCONFIG_SEED=" + c.get("seed").getAsString() + ")")
                        + (c.has("name") ? " (" + c.get("name").getAsString() + ")" : ""));
            }
        }
        long firing = o.getAsJsonArray("configurations").asList().stream()
                .filter(c -> !c.getAsJsonObject().getAsJsonArray("findings").isEmpty()).count();
        out.println(String.format(Locale.ROOT, "sweep: %d configurations tried, %d findings, %d configurations "
                + "with at least one", tried, o.getAsJsonArray("findings").size(), firing));
        if (o.has("partial")) {
            out.println("sweep: partial: stopped (Ctrl-C) after " + tried + " of " + o.get("total").getAsInt()
                    + " configurations" + (o.has("shard") ? " (shard " + o.get("shard").getAsString() + ")" : ""));
        }
        out.flush();
    }
}

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
     * @param sampler        random, pairwise, defconfigs, cover:PATCH or files
     * @param seed           the sweep's seed (random), else null
     * @param configurations how many configurations the whole sweep has (all shards)
     * @param probability    KCONFIG_PROBABILITY as given, or null
     * @param shard          "i/n" for one shard of several, else null
     * @param partial        the sweep was stopped (Ctrl-C) before all its configurations were tried
     * @param pairwise       the pairwise sampler's coverage of its plan (all shards), else null
     */
    public record Header(String srctree, String arch, String srcarch, String sampler, Long seed, int configurations,
            String probability, String shard, boolean partial, Coverage pairwise) {

        public Header(String srctree, String arch, String srcarch, String sampler, Long seed, int configurations,
                String probability, String shard, boolean partial) {
            this(srctree, arch, srcarch, sampler, seed, configurations, probability, shard, partial, null);
        }

        public Header(String srctree, String arch, String srcarch, String sampler, Long seed, int configurations,
                String probability, String shard) {
            this(srctree, arch, srcarch, sampler, seed, configurations, probability, shard, false, null);
        }

        Header whole(boolean isPartial) {
            return new Header(srctree, arch, srcarch, sampler, seed, configurations, probability, null, isPartial,
                    pairwise);
        }
    }

    /**
     * The pairwise sampler's figures: the symbols paired, the names left out
     * (int, hex and string symbols, and names the model does not have), the
     * SAT budget (conflicts per question), how many pairs of values there are,
     * and the pairs that are not covered, by reason. Every pair is covered or
     * in exactly one list, so {@code covered} is derived.
     *
     * @param infeasible pairs SAT proves no configuration has
     * @param uncovered  pairs SAT found but conf's result did not keep (the model and conf disagree)
     * @param undecided  pairs whose SAT question ran out of the budget
     * @param notTried   pairs still open when the --configs limit was reached
     */
    public record Coverage(List<String> symbols, List<String> leftOut, int budget, int targets,
            List<String> infeasible, List<String> uncovered, List<String> undecided, List<String> notTried) {
        public Coverage {
            symbols = List.copyOf(symbols);
            leftOut = List.copyOf(leftOut);
            infeasible = List.copyOf(infeasible);
            uncovered = List.copyOf(uncovered);
            undecided = List.copyOf(undecided);
            notTried = List.copyOf(notTried);
            if (targets - infeasible.size() - uncovered.size() - undecided.size() - notTried.size() < 0) {
                throw new IllegalArgumentException("more pairs are not covered than there are pairs (" + targets
                        + ")");
            }
        }

        public int covered() {
            return targets - infeasible.size() - uncovered.size() - undecided.size() - notTried.size();
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
        if (h.pairwise() != null) {
            o.add("pairwise", coverage(h.pairwise()));
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

    private static JsonObject coverage(Coverage c) {
        JsonObject j = new JsonObject();
        j.add("symbols", strings(c.symbols()));
        j.add("leftOut", strings(c.leftOut()));
        j.addProperty("budget", c.budget());
        j.addProperty("targets", c.targets());
        j.addProperty("covered", c.covered());
        j.addProperty("infeasible", c.infeasible().size());
        j.addProperty("uncovered", c.uncovered().size());
        j.addProperty("undecided", c.undecided().size());
        j.addProperty("notTried", c.notTried().size());
        j.add("infeasiblePairs", strings(c.infeasible()));
        j.add("uncoveredPairs", strings(c.uncovered()));
        j.add("undecidedPairs", strings(c.undecided()));
        j.add("notTriedPairs", strings(c.notTried()));
        return j;
    }

    private static JsonArray strings(List<String> xs) {
        JsonArray a = new JsonArray();
        xs.forEach(a::add);
        return a;
    }

    /** The "pairwise" member read back; its counts must be those of its lists. */
    private static Coverage coverage(JsonElement e) {
        JsonObject o = object(e, "\"pairwise\"");
        String what = "\"pairwise\"";
        List<List<String>> lists = new ArrayList<>();
        for (String key : List.of("symbols", "leftOut", "infeasiblePairs", "uncoveredPairs", "undecidedPairs",
                "notTriedPairs")) {
            List<String> xs = new ArrayList<>();
            for (JsonElement x : array(o, key, what)) {
                xs.add(text(x, what + "'s " + key + " entry"));
            }
            lists.add(xs);
        }
        Coverage c;
        try {
            c = new Coverage(lists.get(0), lists.get(1), integer(o, "budget", what), integer(o, "targets", what),
                    lists.get(2), lists.get(3), lists.get(4), lists.get(5));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(what + ": " + ex.getMessage());
        }
        int[] counts = {c.covered(), c.infeasible().size(), c.uncovered().size(), c.undecided().size(),
            c.notTried().size()};
        List<String> keys = List.of("covered", "infeasible", "uncovered", "undecided", "notTried");
        for (int i = 0; i < counts.length; i++) {
            if (integer(o, keys.get(i), what) != counts[i]) {
                throw new IllegalArgumentException(what + ": \"" + keys.get(i) + "\" is not " + counts[i]
                        + ", the count its pairs give");
            }
        }
        return c;
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
        return "0x" + Long.toHexString(seed); // two's complement for a negative --seed: read back unsigned
    }

    public static String write(Data d) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create()
                .toJson(toJson(d)) + "\n";
    }

    /**
     * A report read back (a shard's).
     *
     * @throws IllegalArgumentException when the text is not a version-1 sweep report: the message says where
     *     (JSON line and column) or which member is missing or wrong, in kls's words
     */
    public static Data read(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (com.google.gson.JsonParseException | StackOverflowError e) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+) column (\\d+)")
                    .matcher(String.valueOf(e.getMessage()));
            throw new IllegalArgumentException(m.find() ? "not valid JSON at line " + m.group(1) + ", column "
                    + m.group(2) : "not valid JSON");
        }
        JsonObject o = object(root, "the report");
        JsonElement version = o.get("version");
        if (version == null || !version.isJsonPrimitive() || !version.getAsJsonPrimitive().isNumber()
                || !version.getAsString().equals(String.valueOf(VERSION))) {
            throw new IllegalArgumentException("not a version " + VERSION + " kls sweep report (\"version\")");
        }
        int total = integer(o, "total", "the report");
        JsonElement pw = o.get("pairwise");
        Header h = new Header(str(o, "srctree"), str(o, "arch"), str(o, "srcarch"), str(o, "sampler"),
                seed(o, "the report", false), total, str(o, "probability"), str(o, "shard"), flag(o, "partial"),
                pw == null || pw.isJsonNull() ? null : coverage(pw));
        List<JsonObject> findings = new ArrayList<>();
        for (JsonElement e : array(o, "findings", "the report")) {
            JsonObject f = object(e, "a finding").deepCopy();
            finding(f, "finding " + findings.size());
            for (String derived : List.of("id", "firesIn", "tried", "fires")) {
                f.remove(derived);
            }
            findings.add(f);
        }
        List<Sweep.Outcome> outcomes = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (JsonElement e : array(o, "configurations", "the report")) {
            JsonObject c = object(e, "a configuration");
            int index = integer(c, "index", "a configuration");
            if (index < 0 || index >= total) {
                throw new IllegalArgumentException("configuration " + index + " is outside the sweep's " + total);
            }
            if (!seen.add(index)) {
                throw new IllegalArgumentException("configuration " + index + " is listed twice");
            }
            List<Integer> ids = new ArrayList<>();
            for (JsonElement x : array(c, "findings", "configuration " + index)) {
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                    throw new IllegalArgumentException("configuration " + index + ": a finding id is not a number");
                }
                int id;
                try {
                    id = x.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
                } catch (ArithmeticException ex) {
                    id = -1;
                }
                if (id < 0 || id >= findings.size()) {
                    throw new IllegalArgumentException("configuration " + index + " names finding " + x
                            + ", but the report has " + findings.size());
                }
                ids.add(id);
            }
            Map<String, String> values = new TreeMap<>();
            JsonElement vs = c.get("values");
            if (vs != null && !vs.isJsonNull()) {
                for (Map.Entry<String, JsonElement> v : object(vs, "configuration " + index + "'s values").entrySet()) {
                    values.put(v.getKey(), text(v.getValue(), "configuration " + index + "'s value of " + v.getKey()));
                }
            }
            JsonElement name = c.get("name");
            outcomes.add(new Sweep.Outcome(index, seed(c, "configuration " + index, true),
                    name == null || name.isJsonNull() ? null : text(name, "configuration " + index + "'s name"), ids,
                    values));
        }
        return new Data(h, findings, outcomes);
    }

    /** The members the report's readers (text, HTML, SARIF) rely on, with their types. */
    private static void finding(JsonObject f, String what) {
        for (String key : List.of("ruleId", "severity", "message", "condition")) {
            JsonElement e = f.get(key);
            if (e == null) {
                throw new IllegalArgumentException(what + " has no \"" + key + "\"");
            }
            text(e, what + "'s \"" + key + "\"");
        }
        JsonElement exact = f.get("conditionExact");
        if (exact == null || !exact.isJsonPrimitive() || !exact.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException(what + ": \"conditionExact\" is not true or false");
        }
        JsonElement file = f.get("file");
        if (file == null) {
            throw new IllegalArgumentException(what + " has no \"file\" (null for a finding with no place)");
        }
        if (!file.isJsonNull()) {
            text(file, what + "'s \"file\"");
            integer(f, "line", what);
            integer(f, "column", what);
        }
        JsonElement witness = f.get("witness");
        if (witness != null && !witness.isJsonNull()) {
            if (!witness.isJsonArray()) {
                throw new IllegalArgumentException(what + ": \"witness\" is not an array");
            }
            for (JsonElement a : witness.getAsJsonArray()) {
                JsonObject v = object(a, what + "'s witness entry");
                for (String key : List.of("symbol", "value")) {
                    JsonElement x = v.get(key);
                    if (x == null) {
                        throw new IllegalArgumentException(what + "'s witness entry has no \"" + key + "\"");
                    }
                    text(x, what + "'s witness " + key);
                }
            }
        }
        JsonElement decided = f.get("decidedBy");
        if (decided != null && !decided.isJsonNull()) {
            text(decided, what + "'s \"decidedBy\"");
        }
    }

    /** An optional true/false member (absent: false). */
    private static boolean flag(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("\"" + key + "\" is not true or false");
        }
        return e.getAsBoolean();
    }

    private static JsonObject object(JsonElement e, String what) {
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonObject o, String key, String what) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException(what + " has no \"" + key + "\" array");
        }
        return e.getAsJsonArray();
    }

    private static int integer(JsonObject o, String key, String what) {
        JsonElement e = o.get(key);
        try {
            if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return e.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
            }
        } catch (ArithmeticException | NumberFormatException ex) {
            // falls through to the message
        }
        throw new IllegalArgumentException(what + ": \"" + key + "\" is not a whole number");
    }

    /**
     * A seed as the report writes it ("0x" and up to 16 hex digits, {@link #hex}), or null; a
     * configuration's seed is a KCONFIG_SEED, which conf reads as 32 bits.
     */
    private static Long seed(JsonObject o, String what, boolean kconfigSeed) {
        JsonElement e = o.get("seed");
        if (e == null || e.isJsonNull()) {
            return null;
        }
        String t = text(e, what + "'s seed");
        if (!t.matches("0x[0-9a-f]{1,16}")) {
            throw new IllegalArgumentException(what + ": \"seed\" is not a number such as 0x1f");
        }
        long v = Long.parseUnsignedLong(t.substring(2), 16);
        if (kconfigSeed && (v & ~0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException(what + ": \"seed\" " + t + " is not a KCONFIG_SEED (32 bits)");
        }
        return v;
    }

    private static String text(JsonElement e, String what) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(what + " is not a string");
        }
        return e.getAsString();
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e instanceof JsonNull ? null : text(e, "\"" + key + "\"");
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

    /** One line of the pairwise figures (text and HTML). */
    static String pairwiseLine(JsonObject p) {
        return String.format(Locale.ROOT, "pairwise: %d pairs of values of %d symbols: %d covered, %d infeasible, "
                + "%d uncovered (SAT and conf disagree), %d undecided (SAT budget), %d not tried (--configs)%s",
                p.get("targets").getAsInt(), p.getAsJsonArray("symbols").size(), p.get("covered").getAsInt(),
                p.get("infeasible").getAsInt(), p.get("uncovered").getAsInt(), p.get("undecided").getAsInt(),
                p.get("notTried").getAsInt(), p.getAsJsonArray("leftOut").isEmpty() ? ""
                        : "; left out (not bool/tristate): " + String.join(" ", p.getAsJsonArray("leftOut").asList()
                                .stream().map(JsonElement::getAsString).toList()));
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
        if (o.has("pairwise")) {
            out.println("sweep: " + pairwiseLine(o.getAsJsonObject("pairwise")));
        }
        if (o.has("partial")) {
            out.println("sweep: partial: stopped (Ctrl-C) after " + tried + " of " + o.get("total").getAsInt()
                    + " configurations" + (o.has("shard") ? " (shard " + o.get("shard").getAsString() + ")" : ""));
        }
        out.flush();
    }
}

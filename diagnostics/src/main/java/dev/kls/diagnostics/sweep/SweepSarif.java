package dev.kls.diagnostics.sweep;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.report.SarifReport;
import dev.kls.kconfig.SourceRange;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sweep report as SARIF 2.1.0, through the lint report's writer
 * ({@link SarifReport}): one run, one result per finding, and in each
 * result's {@code properties} the configurations it fires in (index and seed
 * or name), {@code firesIn} and {@code tried}, with its condition and witness.
 */
public final class SweepSarif {

    private SweepSarif() {
    }

    public static String write(SweepReport.Data d) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create()
                .toJson(toJson(d)) + "\n";
    }

    public static JsonObject toJson(SweepReport.Data d) {
        JsonObject o = SweepReport.toJson(d);
        Map<String, Rule> known = new LinkedHashMap<>();
        for (Rule r : RuleEngine.discoverRules()) {
            known.put(r.id(), r);
        }
        JsonArray rules = new JsonArray();
        Map<String, Integer> index = new LinkedHashMap<>();
        JsonArray results = new JsonArray();
        for (JsonElement e : o.getAsJsonArray("findings")) {
            JsonObject f = e.getAsJsonObject();
            String id = f.get("ruleId").getAsString();
            Severity severity = Severity.ofLabel(f.get("severity").getAsString());
            if (!index.containsKey(id)) {
                index.put(id, index.size());
                Rule r = known.get(id);
                // a rule of the tree's own rule files is not on the class path: its id stands for its summary
                rules.add(SarifReport.descriptor(id, r != null ? r.summary() : id,
                        r != null ? r.defaultSeverity() : severity));
            }
            SourceRange range = null;
            if (!f.get("file").isJsonNull()) {
                int line = f.get("line").getAsInt();
                int column = f.get("column").getAsInt();
                range = new SourceRange(f.get("file").getAsString(), line, column, line, column);
            }
            JsonObject res = SarifReport.result(id, index.get(id), severity, f.get("message").getAsString(), range);
            JsonObject props = new JsonObject();
            props.addProperty("klsSeverity", severity.label());
            props.addProperty("condition", f.get("condition").getAsString());
            props.addProperty("conditionExact", f.get("conditionExact").getAsBoolean());
            props.addProperty("decidedBy", f.get("decidedBy").getAsString());
            props.add("witness", f.get("witness"));
            props.add("firesIn", f.get("firesIn"));
            props.add("tried", f.get("tried"));
            props.add("configurations", f.get("fires"));
            res.add("properties", props);
            results.add(res);
        }
        JsonObject props = new JsonObject();
        for (String key : new String[] {"arch", "srcarch", "sampler", "seed", "probability", "total", "shard",
                "partial", "tried"}) {
            if (o.has(key)) {
                props.add(key, o.get(key));
            }
        }
        String uri = Path.of(o.get("srctree").getAsString()).toAbsolutePath().normalize().toUri().toString();
        return SarifReport.log(rules, results, uri.endsWith("/") ? uri : uri + "/", true, props);
    }
}

package dev.kls.diagnostics.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleDocs;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.TextEdit;
import dev.kls.kconfig.SourceRange;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: the rules with their
 * doc pages as help, results with fixes and related locations, paths relative
 * to SRCROOT (the tree), and kls's presence condition and witness in each
 * result's {@code properties}.
 */
public final class SarifReport {

    public static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String SRCROOT = "SRCROOT";

    private SarifReport() {
    }

    public static void write(LintResult r, PrintWriter out) {
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJson(r)));
        out.flush();
    }

    public static JsonObject toJson(LintResult r) {
        JsonArray rules = new JsonArray();
        Map<String, Integer> index = new HashMap<>();
        for (Rule rule : r.rules()) {
            index.put(rule.id(), index.size());
            rules.add(descriptor(rule.id(), rule.summary(), rule.defaultSeverity(), rule.documentation(),
                    rule.documentationPath()));
        }
        index.put(RuleEngine.INTERNAL_ERROR, index.size());
        rules.add(descriptor(RuleEngine.INTERNAL_ERROR, "A rule failed or ran out of time; its findings are missing",
                Severity.ERROR));
        index.put(RuleSettings.RULE_ID, index.size());
        rules.add(descriptor(RuleSettings.RULE_ID, "A problem in the workspace settings file " + RuleSettings.FILE,
                Severity.ERROR));
        JsonArray results = new JsonArray();
        boolean internalError = false;
        for (int i = 0; i < r.findings().size(); i++) {
            Finding f = r.findings().get(i);
            internalError |= f.ruleId().equals(RuleEngine.INTERNAL_ERROR);
            results.add(result(f, r.fingerprints().get(i), index.get(f.ruleId())));
        }
        JsonObject props = new JsonObject();
        props.addProperty("arch", r.arch());
        props.addProperty("srcarch", r.srcarch());
        if (r.config() != null) {
            props.addProperty("config", r.config());
        }
        props.addProperty("suppressed", r.suppressed());
        props.addProperty("baselined", r.baselined());
        return log(rules, results, r.srctreeUri(), !internalError, props);
    }

    /**
     * A SARIF log of one run of kls: the tool with these rule descriptors, the
     * results, SRCROOT at {@code srctreeUri}, and the run's properties. Shared
     * by lint and sweep reports.
     */
    public static JsonObject log(JsonArray rules, JsonArray results, String srctreeUri, boolean successful,
            JsonObject properties) {
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "kls");
        driver.addProperty("version", "0.1.0");
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);

        JsonObject run = new JsonObject();
        run.add("tool", tool);
        JsonObject invocation = new JsonObject();
        invocation.addProperty("executionSuccessful", successful);
        JsonArray invocations = new JsonArray();
        invocations.add(invocation);
        run.add("invocations", invocations);
        JsonObject base = new JsonObject();
        JsonObject root = new JsonObject();
        root.addProperty("uri", srctreeUri);
        base.add(SRCROOT, root);
        run.add("originalUriBaseIds", base);
        run.addProperty("columnKind", "utf16CodeUnits");
        run.add("results", results);
        run.add("properties", properties);

        JsonObject log = new JsonObject();
        log.addProperty("$schema", SCHEMA);
        log.addProperty("version", "2.1.0");
        JsonArray runs = new JsonArray();
        runs.add(run);
        log.add("runs", runs);
        return log;
    }

    /** The descriptor of a built-in rule (or engine note) known by id: its docs page as help. */
    public static JsonObject descriptor(String id, String summary, Severity severity) {
        return descriptor(id, summary, severity, RuleDocs.markdown(id), RuleDocs.path(id));
    }

    /** A rule's metadata; a user's rule brings its own doc text and the path of its rule file. */
    private static JsonObject descriptor(String id, String summary, Severity severity, String doc, String docPage) {
        JsonObject d = new JsonObject();
        d.addProperty("id", id);
        d.addProperty("name", camel(id));
        d.add("shortDescription", message(summary));
        if (doc != null) {
            JsonObject help = new JsonObject();
            help.addProperty("text", doc);
            help.addProperty("markdown", doc);
            d.add("help", help);
        }
        JsonObject config = new JsonObject();
        config.addProperty("level", level(severity));
        d.add("defaultConfiguration", config);
        JsonObject props = new JsonObject();
        props.addProperty("docPage", docPage);
        d.add("properties", props);
        return d;
    }

    /** A result's rule, level, message and location (null: none); the caller adds the rest. */
    public static JsonObject result(String ruleId, Integer ruleIndex, Severity severity, String text,
            SourceRange range) {
        JsonObject res = new JsonObject();
        res.addProperty("ruleId", ruleId);
        if (ruleIndex != null) {
            res.addProperty("ruleIndex", ruleIndex);
        }
        res.addProperty("level", level(severity));
        res.add("message", message(text));
        if (range != null) {
            JsonArray locations = new JsonArray();
            JsonObject loc = new JsonObject();
            loc.add("physicalLocation", physical(range));
            locations.add(loc);
            res.add("locations", locations);
        }
        return res;
    }

    private static JsonObject result(Finding f, String fingerprint, Integer ruleIndex) {
        JsonObject res = result(f.ruleId(), ruleIndex, f.severity(), f.message(), f.hasLocation() ? f.range() : null);
        if (!f.related().isEmpty()) {
            JsonArray related = new JsonArray();
            int id = 1;
            for (RelatedLocation rel : f.related()) {
                JsonObject loc = new JsonObject();
                loc.addProperty("id", id++);
                loc.add("physicalLocation", physical(rel.range()));
                loc.add("message", message(rel.message()));
                related.add(loc);
            }
            res.add("relatedLocations", related);
        }
        if (!f.fixes().isEmpty()) {
            JsonArray fixes = new JsonArray();
            for (Fix fix : f.fixes()) {
                fixes.add(fix(fix));
            }
            res.add("fixes", fixes);
        }
        JsonObject fp = new JsonObject();
        fp.addProperty("klsContentHash/v1", fingerprint);
        res.add("partialFingerprints", fp);
        JsonObject props = new JsonObject();
        props.addProperty("klsSeverity", f.severity().label());
        props.addProperty("condition", f.condition().text());
        props.addProperty("conditionExact", f.condition().exact());
        if (!f.witness().isEmpty()) {
            JsonArray witness = new JsonArray();
            for (Assignment a : f.witness()) {
                JsonObject w = new JsonObject();
                w.addProperty("symbol", a.symbol());
                w.addProperty("value", a.value());
                witness.add(w);
            }
            props.add("witness", witness);
            props.addProperty("witnessText", f.witnessText());
        }
        res.add("properties", props);
        return res;
    }

    private static JsonObject fix(Fix fix) {
        Map<String, JsonArray> byFile = new LinkedHashMap<>();
        for (TextEdit e : fix.edits()) {
            JsonObject rep = new JsonObject();
            rep.add("deletedRegion", region(e.range()));
            JsonObject inserted = new JsonObject();
            inserted.addProperty("text", e.newText());
            rep.add("insertedContent", inserted);
            byFile.computeIfAbsent(e.range().file(), k -> new JsonArray()).add(rep);
        }
        JsonArray changes = new JsonArray();
        for (Map.Entry<String, JsonArray> e : byFile.entrySet()) {
            JsonObject change = new JsonObject();
            change.add("artifactLocation", artifact(e.getKey()));
            change.add("replacements", e.getValue());
            changes.add(change);
        }
        JsonObject o = new JsonObject();
        o.add("description", message(fix.title()));
        o.add("artifactChanges", changes);
        return o;
    }

    private static JsonObject physical(SourceRange r) {
        JsonObject p = new JsonObject();
        p.add("artifactLocation", artifact(r.file()));
        p.add("region", region(r));
        return p;
    }

    private static JsonObject artifact(String file) {
        JsonObject a = new JsonObject();
        a.addProperty("uri", uri(file));
        a.addProperty("uriBaseId", SRCROOT);
        return a;
    }

    private static JsonObject region(SourceRange r) {
        JsonObject g = new JsonObject();
        g.addProperty("startLine", Math.max(1, r.startLine()));
        g.addProperty("startColumn", Math.max(1, r.startColumn()));
        g.addProperty("endLine", Math.max(Math.max(1, r.startLine()), r.endLine()));
        g.addProperty("endColumn", Math.max(1, r.endColumn()));
        return g;
    }

    private static JsonObject message(String text) {
        JsonObject m = new JsonObject();
        m.addProperty("text", text);
        return m;
    }

    /** A tree-relative path as a relative URI reference (spaces and the like escaped). */
    static String uri(String file) {
        try {
            return new URI(null, null, file, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + file, e);
        }
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO, HINT -> "note";
        };
    }

    /** kebab-case id as the UpperCamelCase name SARIF viewers show. */
    static String camel(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

}

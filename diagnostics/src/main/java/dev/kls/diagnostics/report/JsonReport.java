package dev.kls.diagnostics.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.TextEdit;
import dev.kls.kconfig.SourceRange;
import java.io.PrintWriter;
import java.util.Map;

/** The JSON report: one object whose shape is documented in the README ("kls lint", JSON) and kept stable. */
public final class JsonReport {

    /** Bumped only when a field changes meaning or disappears; new fields may appear without it. */
    public static final int VERSION = 1;

    private JsonReport() {
    }

    public static void write(LintResult r, PrintWriter out) {
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create()
                .toJson(toJson(r)));
        out.flush();
    }

    public static JsonObject toJson(LintResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("version", VERSION);
        o.addProperty("srctree", r.srctree());
        o.addProperty("arch", r.arch());
        o.addProperty("srcarch", r.srcarch());
        o.addProperty("config", r.config());
        JsonArray findings = new JsonArray();
        for (int i = 0; i < r.findings().size(); i++) {
            findings.add(finding(r.findings().get(i), r.fingerprints().get(i)));
        }
        o.add("findings", findings);
        JsonObject summary = new JsonObject();
        for (Severity s : Severity.values()) {
            summary.addProperty(s.label(), r.findings().stream().filter(f -> f.severity() == s).count());
        }
        summary.addProperty("suppressed", r.suppressed());
        summary.addProperty("baselined", r.baselined());
        o.add("summary", summary);
        JsonArray skipped = new JsonArray();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(r.skipped()).entrySet()) {
            JsonObject j = new JsonObject();
            j.addProperty("ruleId", e.getKey());
            j.addProperty("reason", e.getValue());
            skipped.add(j);
        }
        o.add("skipped", skipped);
        return o;
    }

    static JsonObject finding(Finding f, String fingerprint) {
        JsonObject j = new JsonObject();
        j.addProperty("ruleId", f.ruleId());
        j.addProperty("severity", f.severity().label());
        range(j, f.hasLocation() ? f.range() : null);
        j.addProperty("message", f.message());
        j.addProperty("condition", f.condition().text());
        j.addProperty("conditionExact", f.condition().exact());
        JsonArray witness = new JsonArray();
        for (Assignment a : f.witness()) {
            JsonObject w = new JsonObject();
            w.addProperty("symbol", a.symbol());
            w.addProperty("value", a.value());
            witness.add(w);
        }
        j.add("witness", witness);
        JsonArray related = new JsonArray();
        for (RelatedLocation rel : f.related()) {
            JsonObject x = new JsonObject();
            range(x, rel.range());
            x.addProperty("message", rel.message());
            related.add(x);
        }
        j.add("related", related);
        JsonArray fixes = new JsonArray();
        for (Fix fix : f.fixes()) {
            JsonObject x = new JsonObject();
            x.addProperty("title", fix.title());
            JsonArray edits = new JsonArray();
            for (TextEdit e : fix.edits()) {
                JsonObject ed = new JsonObject();
                range(ed, e.range());
                ed.addProperty("newText", e.newText());
                edits.add(ed);
            }
            x.add("edits", edits);
            fixes.add(x);
        }
        j.add("fixes", fixes);
        j.addProperty("fingerprint", fingerprint);
        return j;
    }

    /** file, line, column, endLine, endColumn (1-based, end exclusive); all null when there is no place. */
    private static void range(JsonObject j, SourceRange r) {
        if (r == null) {
            j.add("file", JsonNull.INSTANCE);
            j.add("line", JsonNull.INSTANCE);
            j.add("column", JsonNull.INSTANCE);
            j.add("endLine", JsonNull.INSTANCE);
            j.add("endColumn", JsonNull.INSTANCE);
            return;
        }
        j.addProperty("file", r.file());
        j.addProperty("line", r.startLine());
        j.addProperty("column", r.startColumn());
        j.addProperty("endLine", r.endLine());
        j.addProperty("endColumn", r.endColumn());
    }
}

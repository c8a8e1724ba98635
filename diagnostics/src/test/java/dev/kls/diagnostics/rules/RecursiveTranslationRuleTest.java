package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** recursive-translation on seed 003's crash tree, its look-alikes, and small trees. */
class RecursiveTranslationRuleTest {

    private final RecursiveTranslationRule rule = new RecursiveTranslationRule();

    @Test
    void seed003IsOneFindingCoveringTheCycleInOrder(@TempDir Path dir) {
        List<Finding> found = RuleFixture.scenario("crash-xen-m2p-2015", dir).run(rule);
        assertEquals(1, found.size(), found::toString);
        Finding f = found.get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("kernel.c", f.file());
        assertEquals(27, f.range().startLine());
        assertTrue(f.message().contains("readmem -> kvtop -> machdep->kvtop (x86_64_kvtop) -> x86_64_kvtop_xen_wpt"
                + " -> xen_m2p -> __xen_m2p -> __xen_pvops_m2p_vma -> readmem"), f.message());
        List<String> sites = f.related().stream().map(r -> r.range().file() + ":" + r.range().startLine()).toList();
        assertEquals(List.of("memory.c:21", "memory.c:47", "x86_64.c:26", "x86_64.c:40", "kernel.c:14",
                "kernel.c:20", "kernel.c:27"), sites);
        RelatedLocation member = f.related().get(1);
        assertTrue(member.message().contains("machdep->kvtop") && member.message().contains("x86_64.c:14"),
                member.message());
        assertEquals("XEN=defined", f.witnessText());
        assertTrue(f.condition().text().contains("XEN"), f.condition().text());
        assertEquals(List.of(), f.fixes(), "no mechanical fix: the doc page says what to do");
    }

    @Test
    void theRuleReadsTheRunsOneGraphAndAPresetOneWins(@TempDir Path dir) {
        RuleFixture t = RuleFixture.scenario("crash-xen-m2p-2015", dir);
        RuleContext context = new RuleContext(t.workspace(null));
        dev.kls.c.graph.CallGraph g = context.callGraph();
        assertTrue(g == context.callGraph(), "built once per run");
        assertTrue(g.functions().stream().anyMatch(f -> f.name().equals("readmem")), "the tree's functions");
        // a graph handed in (as the server hands in the one it keeps) is the one the rule reads: here one
        // of no file, so seed 003's cycle is not there to find
        dev.kls.c.graph.CallGraph empty = dev.kls.c.graph.CallGraph.build(new dev.kls.c.graph.ProjectIndex());
        assertEquals(List.of(), t.run(rule, t.workspace(null), Map.of(dev.kls.c.graph.CallGraph.class, empty)));
        assertEquals(1, t.run(rule).size());
    }

    @Test
    void theInnerPhysicalReadIsPrunedByItsConstant(@TempDir Path dir) {
        assertEquals(List.of(), RuleFixture.scenario("crash-xen-m2p-2015-clean", dir).run(rule));
    }

    @Test
    void aReentrancyFlagIsADepthGuard(@TempDir Path dir) {
        assertEquals(List.of(), RuleFixture.scenario("crash-xen-m2p-2015-guarded", dir).run(rule));
    }

    @Test
    void legitimateRecursionOutsideTranslationIsSilent(@TempDir Path dir) {
        assertEquals(List.of(), RuleFixture.scenario("recursive-walkers", dir).run(rule));
    }

    @Test
    void patternsFromTheSettingsChooseTheFunctions(@TempDir Path dir) {
        RuleFixture t = RuleFixture.scenario("recursive-walkers", dir);
        RuleSettings s = RuleSettings.parse("{\"rules\": {\"recursive-translation\": {\"options\": {\"patterns\": [\"parse_*\"]}}}}",
                List.of(rule.id()), RuleSettings.optionNames(List.of(rule)));
        assertEquals(List.of(), s.problems());
        Report r = new RuleEngine(List.of(rule), s, new RuleEngine.Options(Duration.ofMinutes(1), 1)).run(t.workspace(null));
        List<String> cycles = r.findings().stream().map(Finding::message).toList();
        assertEquals(1, cycles.size(), cycles::toString);
        assertTrue(cycles.get(0).contains("parse_expr -> parse_term -> parse_factor"), cycles::toString);
    }

    @Test
    void aDecreasingDepthArgumentIsADepthGuard(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.c"), """
                int kvtop(unsigned long a, int depth);
                int readmem(unsigned long a, int depth)
                {
                	if (depth <= 0)
                		return -1;
                	return kvtop(a, depth - 1);
                }
                int kvtop(unsigned long a, int depth)
                {
                	return readmem(a >> 12, depth);
                }
                """);
        assertEquals(List.of(), RuleFixture.scenario("recursive-walkers", dir.resolve("w")).run(rule));
        RuleFixture t = RuleFixture.scenario("recursive-walkers", dir.resolve("x"));
        Files.writeString(t.dir().resolve("a.c"), Files.readString(dir.resolve("a.c")));
        assertEquals(List.of(), t.run(rule));
        Files.writeString(t.dir().resolve("a.c"), Files.readString(dir.resolve("a.c")).replace("depth - 1",
                "depth"));
        assertEquals(1, t.run(rule).size(), "the same cycle without a decreasing depth is reported");
    }

    @Test
    void excludingPresenceConditionsBreakTheCycle(@TempDir Path dir) throws Exception {
        RuleFixture t = RuleFixture.scenario("recursive-walkers", dir);
        Files.writeString(t.dir().resolve("m.c"), """
                int kvtop(unsigned long a);
                int readmem(unsigned long a)
                {
                #ifdef XEN
                	return kvtop(a);
                #else
                	return 0;
                #endif
                }
                #ifndef XEN
                int kvtop(unsigned long a) { return readmem(a); }
                #endif
                """);
        assertEquals(List.of(), t.run(rule));
        Files.writeString(t.dir().resolve("m.c"), Files.readString(t.dir().resolve("m.c")).replace("#ifndef XEN",
                "#ifdef XEN"));
        List<Finding> found = t.run(rule);
        assertEquals(1, found.size(), found::toString);
        assertEquals("XEN=defined", found.get(0).witnessText());
    }

    @Test
    void declaresOnlyCFiles() {
        assertEquals(Set.of(dev.kls.diagnostics.Input.C_FILES), rule.inputs());
    }
}

package dev.kls.diagnostics.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.rules.InvalidRuleRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pattern rules through the engine: macro, object and call matches, unless, fixes, and invalid-rule. */
class PatternRuleTest {

    private static PatternRule rule(String json) {
        RuleFiles.Loaded l = RuleFiles.parse(".kls/rules/t.json", json, List.of());
        assertEquals(List.of(), l.problems());
        return new PatternRule(l.rules().get(0));
    }

    private static String one(String id, String extra, String match) {
        return "{\"rules\": [{\"id\": \"" + id + "\", \"severity\": \"warning\", \"message\": \"${name} matched\","
                + " \"doc\": \"d\"" + extra + ", \"match\": " + match + "}]}";
    }

    @Test
    void theShippedRuleFindsSeed001AndNotTheLookAlike(@TempDir Path dir) {
        Rule shipped = null;
        for (Rule r : FileRules.discover(dir, Map.of(), null).rules()) {
            if (r.id().equals("pgtable-buffer-reserve")) {
                shipped = r;
            }
        }
        assertTrue(shipped instanceof PatternRule, "shipped as a rule file");
        List<Finding> found = RuleFixture.scenario("pgtbuf-2011", dir.resolve("a")).run(shipped);
        assertEquals(List.of(43, 55), found.stream().map(f -> f.range().startLine()).toList(), found.toString());
        assertEquals("XEN", found.get(0).condition().text());
        assertTrue(found.get(0).witnessText().contains("XEN=y"), found.get(0).witnessText());
        assertEquals(List.of(), RuleFixture.scenario("pgtbuf-2011-clean", dir.resolve("b")).run(shipped));
    }

    @Test
    void theReadmeExampleWorksAsTheReadmeSays(@TempDir Path dir) throws IOException {
        RuleFiles.Loaded l = RuleFiles.parse(".kls/rules/house.json", RuleFilesTest.readmeExample(), List.of());
        PatternRule calls = new PatternRule(l.rules().get(0));
        RuleFixture t = RuleFixture.scenario("pgtbuf-2011", dir.resolve("a"));
        List<Finding> found = t.run(calls);
        assertEquals(1, found.size(), "init_memory_mapping only (reserve_early_pgtables is not init_*): " + found);
        Finding f = found.get(0);
        assertEquals("init_memory_mapping reserves pgt_buf_start..pgt_buf_end with memblock_x86_reserve_range; under"
                + " Xen use x86_init.mapping.pagetable_reserve", f.message());
        assertTrue(f.witnessText().contains("XEN=y"), f.witnessText());
        String fixed = t.applyFirstFix(calls, f);
        assertTrue(fixed.contains("x86_init.mapping.pagetable_reserve(PFN_PHYS(pgt_buf_start), PFN_PHYS(pgt_buf_end));"),
                fixed);

        PatternRule macros = new PatternRule(l.rules().get(1));
        RuleFixture c = RuleFixture.scenario("xen-compat-2006", dir.resolve("b"));
        List<Finding> prot = c.run(macros);
        assertEquals(List.of("__PAGE_KERNEL", "__PAGE_KERNEL_RO"), prot.stream()
                .map(x -> x.message().substring(0, x.message().indexOf(' '))).toList(), prot.toString());
        c.applyFirstFix(macros, prot.get(0));
    }

    @Test
    void aMacroPatternCapturesAndItsFixReplacesTheBody(@TempDir Path dir) {
        RuleFixture t = RuleFixture.scenario("xen-compat-2006", dir);
        PatternRule r = rule(one("kernel-prot", "", "{\"macro\": {\"name\": \"__PAGE_KERNEL_R*\", \"body\": \"( $1 | _PAGE_NX )\"},"
                + " \"fix\": {\"title\": \"OR in the term\", \"replace\": \"($1 | _PAGE_NX | __kernel_page_user)\"}}"));
        List<Finding> found = t.run(r);
        assertEquals(List.of("arch/x86/include/asm/pgtable_64.h"), found.stream().map(Finding::file).toList(),
                "pgtable_32.h's __PAGE_KERNEL_RO ends in _PAGE_USER: " + found);
        assertEquals("__PAGE_KERNEL_RO matched", found.get(0).message());
        String fixed = t.applyFirstFix(r, found.get(0));
        assertTrue(fixed.contains("#define __PAGE_KERNEL_RO \\\n\t(_PAGE_PRESENT | _PAGE_DIRTY | _PAGE_ACCESSED | _PAGE_NX"
                + " | __kernel_page_user)\n"), fixed);
    }

    @Test
    void aMacroUnderAnIfdefNeedsItsConditionWithTheRulesWhen(@TempDir Path dir) {
        RuleFixture t = RuleFixture.scenario("xen-compat-2006", dir);
        // KERNPG_NATIVE_* exist only without the compat option: with "when" needing it, nothing can fire.
        PatternRule r = rule(one("native", ", \"when\": \"XEN_COMPAT_030002\"", "{\"macro\": {\"name\": \"KERNPG_NATIVE_*\"}}"));
        assertEquals(List.of(), t.run(r));
        PatternRule any = rule(one("native-any", ", \"when\": \"!XEN\"", "{\"macro\": {\"name\": \"KERNPG_NATIVE_*\"}}"));
        List<Finding> found = t.run(any);
        assertEquals(2, found.size(), found.toString());
        // one formula: the #ifndef's presence and the rule's "when", printed with only the parentheses needed
        assertEquals("!XEN_COMPAT_030002 && !XEN", found.get(0).condition().text());
        assertTrue(found.get(0).condition().exact());
        assertTrue(found.get(0).witnessText().contains("XEN=n"), found.get(0).witnessText());
    }

    @Test
    void callsMatchInsideAndUnlessInTheSameFunctionOrBlock(@TempDir Path dir) throws IOException {
        RuleFixture t = RuleFixture.scenario("pgtbuf-2011", dir);
        Path c = t.dir().resolve("arch/x86/mm/extra.c");
        Files.writeString(c, """
                extern void memblock_reserve(unsigned long a, unsigned long b);
                extern void set_memory_rw(unsigned long a, int n);
                extern unsigned long pgt_buf_start, pgt_buf_end;

                void init_one(void)
                {
                	memblock_reserve(pgt_buf_start, pgt_buf_end);
                }

                void init_two(int x)
                {
                	if (x) {
                		set_memory_rw(pgt_buf_end, 1);
                	}
                	memblock_reserve(pgt_buf_start, pgt_buf_end);
                }

                void other(void)
                {
                	memblock_reserve(pgt_buf_start, pgt_buf_end);
                }
                """);
        String call = "{\"call\": {\"function\": \"memblock_reserve\", \"args\": [\"pgt_buf_start\", \"$1\"],"
                + " \"inside\": \"init_*\", \"unless\": {\"function\": \"set_memory_rw\", \"scope\": \"%s\"}}}";
        List<Finding> byFunction = t.run(rule(one("narrow", "", String.format(call, "function"))));
        assertEquals(List.of("arch/x86/mm/extra.c:7"), byFunction.stream().filter(f -> f.file().endsWith("extra.c"))
                .map(f -> f.file() + ":" + f.range().startLine()).toList(), byFunction.toString());
        List<Finding> byBlock = t.run(rule(one("narrow-block", "", String.format(call, "block"))));
        assertEquals(List.of(7, 15), byBlock.stream().filter(f -> f.file().endsWith("extra.c"))
                .map(f -> f.range().startLine()).toList(), "set_memory_rw is in another block: " + byBlock);
    }

    @Test
    void anObjectPatternSeesTheTypeWithoutAttributeMacros(@TempDir Path dir) {
        RuleFixture t = RuleFixture.scenario("pgtbuf-2011", dir);
        List<Finding> found = t.run(rule(one("bounds", "", "{\"object\": {\"name\": \"pgt_buf_*\", \"type\": \"unsigned long\"}}")));
        assertEquals(List.of("pgt_buf_start matched", "pgt_buf_end matched", "pgt_buf_top matched"),
                found.stream().map(Finding::message).toList());
        assertEquals(List.of(), t.run(rule(one("ints", "", "{\"object\": {\"name\": \"pgt_buf_*\", \"type\": \"int\"}}"))));
    }

    @Test
    void invalidRuleReportsTheTreesRuleFilesThroughTheEngine(@TempDir Path dir) throws IOException {
        RuleFixture t = RuleFixture.scenario("pgtbuf-2011", dir);
        Files.createDirectories(t.dir().resolve(".kls/rules"));
        Files.writeString(t.dir().resolve(".kls/rules/x.json"), "{\n \"rules\": [\n  {\"id\": \"x\"}\n ]\n}\n");
        Report r = new RuleEngine(List.of(new InvalidRuleRule()), RuleSettings.none(),
                new RuleEngine.Options(Duration.ofMinutes(1), 1)).run(t.workspace(null));
        assertEquals(4, r.findings().size(), "severity, message, doc and match are missing: " + r.findings());
        for (Finding f : r.findings()) {
            assertEquals("invalid-rule", f.ruleId());
            assertEquals(".kls/rules/x.json", f.file());
            assertEquals(3, f.range().startLine());
        }
        assertTrue(r.findings().stream().anyMatch(f -> f.message().equals("rule \"x\" needs \"severity\"")),
                r.findings().toString());
    }
}

package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** percpu-pa on seed 004's tree, its fixed look-alike, and small bodies next to the seed's headers. */
class PercpuPaRuleTest {

    private final PercpuPaRule rule = new PercpuPaRule();

    private static final String COMMON = "arch/x86/kernel/cpu/common.c";

    @Test
    void seed004IsFoundWithTheInlineFunctionAsRelatedLocation(@TempDir Path dir) {
        RuleFixture t = RuleFixture.scenario("percpu-gdt-2017", dir);
        List<Finding> found = t.run(rule);
        assertEquals(1, found.size(), "only the GDT, not vmxarea's stored pointer: " + found);
        Finding f = found.get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(COMMON, f.file());
        assertEquals(20, f.range().startLine());
        assertEquals(8, f.range().startColumn());
        assertTrue(f.message().startsWith("__pa() of a per-cpu address: get_cpu_gdt_rw(cpu) points into the per-cpu "
                + "area (from per_cpu(gdt_page, cpu) at arch/x86/include/asm/desc.h:25)"), f.message());
        assertEquals("arch/x86/include/asm/desc.h", f.related().get(0).range().file());
        assertEquals(25, f.related().get(0).range().startLine());
        assertEquals(COMMON, f.related().get(1).range().file());
        assertEquals("per_cpu_ptr_to_phys(get_cpu_gdt_rw(cpu))", f.fixes().get(0).edits().get(0).newText());
        assertEquals("slow_virt_to_phys(get_cpu_gdt_rw(cpu))", f.fixes().get(1).edits().get(0).newText());
        assertEquals(2, rule.examined.get(), "the __pa() of common.c and the one of vmx.c");
    }

    @Test
    void theFunctionsOptionChoosesTheConversions(@TempDir Path dir) {
        RuleFixture t = RuleFixture.scenario("percpu-gdt-2017", dir);
        RuleSettings s = RuleSettings.parse("{\"rules\": {\"percpu-pa\": {\"options\": {\"functions\": [\"virt_to_phys\"]}}}}",
                List.of(rule.id()), RuleSettings.optionNames(List.of(rule)));
        assertEquals(List.of(), s.problems());
        Report r = new RuleEngine(List.of(rule), s, new RuleEngine.Options(Duration.ofMinutes(2), 1)).run(t.workspace(null));
        assertEquals(List.of(), r.findings(), "the seed's __pa() is not a conversion this workspace names");
    }

    @Test
    void theFixedLookAlikeIsSilent(@TempDir Path dir) {
        assertEquals(List.of(), RuleFixture.scenario("percpu-gdt-2017-clean", dir).run(rule));
    }

    @Test
    void bothFixesSilenceTheErrorAndKeepTheArgument(@TempDir Path dir) {
        for (int i = 0; i < 2; i++) {
            RuleFixture t = RuleFixture.scenario("percpu-gdt-2017", dir.resolve("fix" + i));
            Finding f = t.run(rule).get(0);
            String fixed = t.applyFirstFix(rule, f.withFixes(List.of(f.fixes().get(i))));
            assertTrue(fixed.contains(i == 0 ? "per_cpu_ptr_to_phys(get_cpu_gdt_rw(cpu))"
                    : "slow_virt_to_phys(get_cpu_gdt_rw(cpu))"), fixed);
            assertEquals(List.of(), t.run(rule), "the finding is gone after the fix");
        }
    }

    @Test
    void aConditionNoConfigurationSatisfiesIsSilentAndOneThatIsGetsAWitness(@TempDir Path dir) throws Exception {
        RuleFixture t = RuleFixture.scenario("percpu-gdt-2017-clean", dir);
        Files.writeString(t.dir().resolve("arch/x86/kernel/smp.c"), String.join("\n",
                "#include <asm/desc.h>",
                "DEFINE_PER_CPU(unsigned long, counter);",
                "#if defined(CONFIG_X86_32) && defined(CONFIG_KVM_INTEL)",
                "unsigned long never(int cpu) { return __pa(&per_cpu(counter, cpu)); }",
                "#endif",
                "#ifdef CONFIG_X86_32",
                "static unsigned long *mine(int cpu) { return per_cpu_ptr(&counter, cpu); }",
                "#endif",
                "unsigned long on32(int cpu) { unsigned long v = (unsigned long)mine(cpu); return virt_to_phys(v); }",
                "unsigned long *moved(int cpu) { return (unsigned long *)__pa(this_cpu_ptr(&counter) + 1); }",
                ""));
        Files.writeString(t.dir().resolve("arch/x86/include/asm/io.h"), String.join("\n",
                "#include <asm/page.h>",
                "static inline phys_addr_t virt_to_phys(volatile void *address) { return __pa(address); }",
                ""));
        Files.writeString(t.dir().resolve("arch/x86/kernel/smp.c"),
                "#include <asm/io.h>\n" + Files.readString(t.dir().resolve("arch/x86/kernel/smp.c")));
        List<Finding> found = t.run(rule);
        assertEquals(2, found.size(), found.toString());
        Finding on32 = found.get(0);
        assertTrue(on32.message().startsWith("virt_to_phys() of a per-cpu address: v points"), on32.message());
        assertEquals("X86_32", on32.condition().text());
        assertEquals("64BIT=n", on32.witnessText());
        assertEquals("per_cpu_ptr_to_phys((void *)(v))", on32.fixes().get(0).edits().get(0).newText());
        Finding moved = found.get(1);
        assertTrue(moved.condition().always());
        assertEquals("slow_virt_to_phys(this_cpu_ptr(&counter) + 1)", moved.fixes().get(0).edits().get(0).newText(),
                "an address moved into the allocation: the page-table walk first");
        // under a configuration: 32-bit has the X86_32 finding, 64-bit only the other
        assertEquals(List.of(moved.range()), t.run(rule, "CONFIG_SMP=y\n").stream().map(Finding::range).toList());
        assertEquals(List.of(on32.range(), moved.range()), t.run(rule, "CONFIG_64BIT=n\nCONFIG_SMP=y\n").stream()
                .map(Finding::range).toList());
    }
}

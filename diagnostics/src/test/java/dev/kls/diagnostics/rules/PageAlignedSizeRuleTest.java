package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.Severity;
import dev.kls.kconfig.testing.CompiledObjects;
import dev.kls.kconfig.testing.ObjectSymbol;
import dev.kls.kconfig.testing.Scenarios;
import dev.kls.kconfig.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** page-aligned-size on seed 000's tree, its fixed look-alike, and small trees. */
class PageAlignedSizeRuleTest {

    private final PageAlignedSizeRule rule = new PageAlignedSizeRule();

    private static final String MMU = "arch/x86/xen/mmu.c";

    @Test
    void seed000IsFoundWithAWitnessOf32BitXen(@TempDir Path dir) {
        RuleFixture t = RuleFixture.scenario("xen-p2m-2008", dir);
        List<Finding> found = t.run(rule);
        System.out.println(found);
        assertEquals(1, found.size(), "exactly one finding: " + found);
        Finding f = found.get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(MMU, f.file());
        assertTrue(f.message().startsWith("p2m_top_mfn_list is 8 bytes in .bss.page_aligned"), f.message());
        String when = f.witnessText();
        assertTrue(when.contains("XEN=y"), when);
        assertTrue(when.contains("64BIT=n") || when.contains("X86_32=y"), when);
        assertTrue(when.contains("XEN_MAX_DOMAIN_MEMORY=8"), when);
        assertEquals(List.of(), found.get(0).related().stream()
                .filter(r -> !r.range().file().equals(MMU)).toList(), "the section attribute is in mmu.c");
        assertEquals(3, f.fixes().size(), f.fixes().toString());
    }

    @Test
    void theFixedLookAlikeIsSilent(@TempDir Path dir) {
        assertEquals(List.of(), RuleFixture.scenario("xen-p2m-2008-clean", dir).run(rule));
    }

    @Test
    void aConcreteConfigurationGivesWhatItGives(@TempDir Path dir) {
        RuleFixture t = RuleFixture.scenario("xen-p2m-2008", dir);
        String i386 = t.text("arch/x86/configs/i386_defconfig");
        List<Finding> found = t.run(rule, i386);
        assertEquals(1, found.size(), found.toString());
        String when = found.get(0).witnessText();
        assertTrue(when.contains("XEN=y") && when.contains("64BIT=n") && when.contains("XEN_MAX_DOMAIN_MEMORY=8"),
                when);
        // The 64-bit defconfig cannot have XEN: nothing to report there.
        assertEquals(List.of(), t.run(rule, t.text("arch/x86/configs/x86_64_defconfig")));
    }

    @Test
    void kernelFixRoundsTheLengthUpAndCompiles(@TempDir Path dir) {
        RuleFixture t = RuleFixture.scenario("xen-p2m-2008", dir);
        Finding f = t.run(rule).get(0);
        String fixed = t.applyFirstFix(rule, f);
        assertTrue(fixed.contains("p2m_top_mfn_list[PAGE_ALIGN(TOP_ENTRIES / P2M_ENTRIES_PER_PAGE)]"), fixed);
        assertEquals(List.of(), t.run(rule), "the finding is gone after the fix");
        assertFixedFileCompiles(t.dir());
    }

    @Test
    void otherFixesAlsoSilenceTheError(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 2; i++) {
            RuleFixture t = RuleFixture.scenario("xen-p2m-2008", dir.resolve("fix" + i));
            Finding f = t.run(rule).get(0);
            Finding only = f.withFixes(List.of(f.fixes().get(i)));
            t.applyFirstFix(rule, only);
            List<Finding> after = t.run(rule);
            assertTrue(after.stream().noneMatch(g -> g.severity() == Severity.ERROR), f.fixes().get(i).title()
                    + " leaves " + after);
            assertFixedFileCompiles(t.dir());
        }
    }

    @Test
    void pageAlignedItselfIsAHintWithTheWaste(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\n",
                "include/asm/page.h", "#define PAGE_SIZE 4096\n",
                "arch/x86/kernel/idt.c", "#include <asm/page.h>\nstruct gate { unsigned long long a, b; };\n"
                        + "static struct gate bringup_idt[32] __attribute__((section(\".bss..page_aligned\")))"
                        + " __attribute__((aligned(PAGE_SIZE)));\n");
        List<Finding> found = t.run(rule);
        assertEquals(1, found.size(), found.toString());
        assertEquals(Severity.HINT, found.get(0).severity());
        assertTrue(found.get(0).message().contains("3584 bytes of padding"), found.get(0).message());
        assertEquals(List.of(), found.get(0).fixes());
    }

    @Test
    void wholePageObjectsAreNotFlagged(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\nconfig X86_PAE\n\tbool \"PAE\"\n",
                "include/asm/page.h", "#define PAGE_SIZE (1UL << 12)\n#ifdef CONFIG_X86_PAE\n"
                        + "typedef struct { unsigned long long pte; } pte_t;\n#else\n"
                        + "typedef struct { unsigned long pte; } pte_t;\n#endif\n"
                        + "typedef struct { unsigned long pud; } pud_t;\n#define PTRS_PER_PUD 512\n"
                        + "#define __page_aligned_bss __attribute__((section(\".bss..page_aligned\"))) "
                        + "__attribute__((aligned(PAGE_SIZE)))\n",
                "arch/x86/mm/pages.c", "#include <asm/page.h>\n"
                        + "static pte_t bm_pte[PAGE_SIZE/sizeof(pte_t)] __page_aligned_bss;\n"
                        + "unsigned long empty_zero_page[PAGE_SIZE / sizeof(unsigned long)] __page_aligned_bss;\n"
                        + "pud_t level3_user_vsyscall[PTRS_PER_PUD] __page_aligned_bss;\n"
                        + "extern char not_here[3] __page_aligned_bss;\n");
        List<Finding> found = t.run(rule);
        assertTrue(found.stream().noneMatch(f -> f.severity() == Severity.ERROR), found.toString());
    }

    @Test
    void withoutPageSizeNothingIsGuessed(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config X86\n\tdef_bool y\n",
                "arch/x86/kernel/odd.c", "static char odd[10] __attribute__((section(\".data..page_aligned\")));\n");
        assertEquals(List.of(), t.run(rule));
    }

    @Test
    void suppressedOnTheLineAbove(@TempDir Path dir) throws Exception {
        RuleFixture t = RuleFixture.scenario("xen-p2m-2008", dir);
        Path mmu = t.dir().resolve(MMU);
        String text = Files.readString(mmu);
        Files.writeString(mmu, text.replace("static unsigned long p2m_top_mfn_list",
                "/* kls-ignore: page-aligned-size */\nstatic unsigned long p2m_top_mfn_list"));
        assertEquals(List.of(), t.run(rule));
    }

    /** The fixed mmu.c still compiles, and gcc puts a whole page (or a page-aligned object) there. */
    private static void assertFixedFileCompiles(Path tree) {
        Map<String, String> cfg = Scenarios.defconfig(tree, "i386", "i386_defconfig");
        CompiledObjects objs = CompiledObjects.compile(tree, Toolchain.Abi.M32, cfg, List.of(MMU),
                tree.resolve("build"));
        ObjectSymbol s = objs.symbol(MMU, "p2m_top_mfn_list");
        assertTrue(s == null || s.wholePages() || s.placementAlignment() >= ObjectSymbol.PAGE_SIZE
                || !s.inPageAlignedSection(), "after the fix gcc gives " + s);
    }
}

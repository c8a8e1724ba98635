package dev.kls.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.testing.LinuxTree;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seed 000: the 2008 p2m arrays, sized as gcc sizes them for i386 and x86_64. */
class XenP2mScenarioTest {

    static final CProject P = CProject.open(LinuxTree.repoRoot().resolve("test-workspace/xen-p2m-2008"), "x86");
    static final Configuration I386 = Configuration.of(Map.of("64BIT", "n", "X86_32", "y", "X86", "y", "XEN", "y",
            "XEN_MAX_DOMAIN_MEMORY", "8", "PARAVIRT", "y"), "x86");
    static final Configuration X86_64 = Configuration.of(Map.of("64BIT", "y", "X86_64", "y", "X86", "y", "XEN", "y",
            "XEN_MAX_DOMAIN_MEMORY", "8"), "x86");

    static ObjectDecl decl(String file, String name) {
        return P.file(file).objects().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void mmuObjectsAreListedWithSectionsAndRanges() {
        List<ObjectDecl> objs = P.file("arch/x86/xen/mmu.c").objects();
        assertEquals(List.of("p2m_missing", "p2m_top", "p2m_top_mfn", "p2m_top_mfn_list"),
                objs.stream().map(ObjectDecl::name).toList());
        ObjectDecl list = decl("arch/x86/xen/mmu.c", "p2m_top_mfn_list");
        assertEquals(".bss.page_aligned", list.section());
        assertEquals("static", list.storage());
        assertEquals(1, list.dimensions().size());
        assertEquals("TOP_ENTRIES / P2M_ENTRIES_PER_PAGE", list.dimensions().get(0).text());
        assertEquals(25, list.dimensions().get(0).range().startLine());
        assertEquals(39, list.dimensions().get(0).range().startColumn());
        assertEquals(25, list.nameRange().startLine());
        assertEquals(22, list.nameRange().startColumn());
        assertEquals(null, list.alignment());
        ObjectDecl.Attribute sec = list.attributes().get(0);
        assertEquals("section", sec.name());
        assertEquals(26, sec.range().startLine());
        assertEquals(null, sec.macro());
        assertEquals(26, list.range().endLine());
    }

    @Test
    void p2mTopMfnListIsEightBytesOnI386() {
        ObjectEvaluation e = P.evaluate(decl("arch/x86/xen/mmu.c", "p2m_top_mfn_list"), I386);
        assertTrue(e.present());
        assertEquals(8, e.size().getAsLong(), e.unknownReason());
        assertEquals(".bss.page_aligned", e.section());
        assertTrue(e.explicitAlignment().isEmpty());
        assertEquals(Set.of("64BIT", "XEN_MAX_DOMAIN_MEMORY"), e.touchedSymbols());
    }

    @Test
    void theOtherP2mArrays() {
        assertEquals(4096, P.evaluate(decl("arch/x86/xen/mmu.c", "p2m_missing"), I386).size().getAsLong());
        assertEquals(8192, P.evaluate(decl("arch/x86/xen/mmu.c", "p2m_top"), I386).size().getAsLong());
        assertEquals(8192, P.evaluate(decl("arch/x86/xen/mmu.c", "p2m_top_mfn"), I386).size().getAsLong());
        // x86_64: 512 entries per page, 4096 top entries of 8 bytes
        assertEquals(4096, P.evaluate(decl("arch/x86/xen/mmu.c", "p2m_missing"), X86_64).size().getAsLong());
        assertEquals(32768, P.evaluate(decl("arch/x86/xen/mmu.c", "p2m_top_mfn"), X86_64).size().getAsLong());
        assertEquals(64, P.evaluate(decl("arch/x86/xen/mmu.c", "p2m_top_mfn_list"), X86_64).size().getAsLong());
    }

    @Test
    void pageAlignedBssMacroGivesSectionAlignmentAndItsRange() {
        ObjectDecl bm = decl("arch/x86/mm/ioremap.c", "bm_pte");
        assertEquals(".bss.page_aligned", bm.section());
        ObjectDecl.Attribute a = bm.attributes().get(0);
        assertEquals("__page_aligned_bss", a.macro());
        assertEquals(4, a.range().startLine());
        assertEquals(46, a.range().startColumn());
        assertEquals(64, a.range().endColumn());
        ObjectEvaluation e = P.evaluate(bm, I386);
        assertEquals(4096, e.size().getAsLong());
        assertEquals(4096, e.explicitAlignment().getAsLong());
        assertTrue(e.touchedSymbols().contains("X86_PAE"), e.touchedSymbols().toString());
        ObjectEvaluation pae = P.evaluate(bm, Configuration.of(Map.of("64BIT", "n", "X86_32", "y", "X86_PAE", "y"), "x86"));
        assertEquals(4096, pae.size().getAsLong());
        ObjectEvaluation stack = P.evaluate(decl("arch/x86/kernel/irq_32.c", "softirq_stack"), I386);
        assertEquals(8192, stack.size().getAsLong());
    }

    @Test
    void unsavedBufferIsReadInsteadOfTheFile() {
        CFile buf = P.file("arch/x86/xen/mmu.c", P.file("arch/x86/xen/mmu.c").model().text().replace(
                "[TOP_ENTRIES / P2M_ENTRIES_PER_PAGE]", "[PAGE_ALIGN(TOP_ENTRIES / P2M_ENTRIES_PER_PAGE)]"));
        ObjectDecl d = buf.objects().stream().filter(o -> o.name().equals("p2m_top_mfn_list")).findFirst().orElseThrow();
        ObjectEvaluation e = P.evaluate(buf, d, I386);
        assertEquals(16384, e.size().getAsLong(), "PAGE_ALIGN(2) entries of 4 bytes... is 4096 entries");
        assertNotNull(e.section());
        assertFalse(e.touchedSymbols().isEmpty());
    }
}

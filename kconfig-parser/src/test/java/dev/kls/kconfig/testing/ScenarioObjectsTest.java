package dev.kls.kconfig.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.testing.Toolchain.Abi;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gcc's sizes for the page-aligned objects of the seed 000 scenario
 * (test-workspace/xen-p2m-2008), compiled from a copy of the tree.
 */
class ScenarioObjectsTest {

    private static final String MMU = "arch/x86/xen/mmu.c";
    private static final String IRQ = "arch/x86/kernel/irq_32.c";
    private static final String IOREMAP = "arch/x86/mm/ioremap.c";

    @TempDir
    Path tmp;

    @Test
    void on32BitWithXenTheListIsEightBytesInBssPageAligned() {
        Path tree = Scenarios.copy("xen-p2m-2008", tmp);
        // The configuration of the bisected randconfig, computed by the evaluator from the scenario's defconfig.
        Map<String, String> config = Scenarios.defconfig(tree, "i386", "i386_defconfig");
        assertEquals("y", config.get("X86_32"), config.toString());
        assertEquals("y", config.get("XEN"), config.toString());
        assertEquals("8", config.get("XEN_MAX_DOMAIN_MEMORY"), config.toString());
        assertFalse(config.containsKey("64BIT") && config.get("64BIT").equals("y"), config.toString());

        CompiledObjects objs = CompiledObjects.compile(tree, Abi.M32, config, List.of(MMU, IRQ, IOREMAP),
                tmp.resolve("out32"));
        System.out.println("xen-p2m-2008, gcc -m32, X86_32=y XEN=y XEN_MAX_DOMAIN_MEMORY=8:");
        System.out.print(ObjectSymbol.table(objs.pageAligned()));

        ObjectSymbol list = objs.symbol(MMU, "p2m_top_mfn_list");
        assertEquals(8, list.size());
        assertEquals(".bss.page_aligned", list.section());
        // 8 GiB / 4 KiB pages = 2M entries; 1024 per page on ILP32: 2048 top entries, 2 list entries.
        assertSizes(objs, Map.of("p2m_missing", 4096L, "p2m_top", 8192L, "p2m_top_mfn", 8192L,
                "p2m_top_mfn_list", 8L, "softirq_stack", 8192L, "hardirq_stack", 8192L, "bm_pte", 4096L));
        assertEquals(".data.page_aligned", objs.symbol(MMU, "p2m_top").section());
        // Exactly one object breaks the section: neither whole pages nor page-aligned itself.
        assertEquals(List.of("p2m_top_mfn_list"), breaking(objs));
    }

    @Test
    void on64BitXenIsNotAllowedAndGccGivesTheLp64Sizes() {
        Path tree = Scenarios.copy("xen-p2m-2008", tmp);
        // The scenario's Kconfig: XEN depends on X86_32, so asking for it on 64BIT loses it.
        ConfigResult asked = Scenarios.configure(tree, "x86_64",
                "CONFIG_64BIT=y\nCONFIG_PARAVIRT_GUEST=y\nCONFIG_XEN=y\nCONFIG_XEN_MAX_DOMAIN_MEMORY=8\n", false);
        assertEquals("y", asked.symbol("X86_64").value());
        assertEquals("n", asked.symbol("XEN").value());
        Map<String, String> valid = Autoconf.values(asked);
        assertFalse(valid.containsKey("XEN_MAX_DOMAIN_MEMORY"), valid.toString());

        // Without XEN the p2m arrays have no size at all: gcc rejects mmu.c (kbuild would not build it).
        CompiledObjects.CompileException noXen = assertThrows(CompiledObjects.CompileException.class,
                () -> CompiledObjects.compile(tree, Abi.M64, valid, List.of(MMU), tmp.resolve("noxen")));
        assertTrue(noXen.getMessage().contains("mmu.c") && noXen.getMessage().contains("CONFIG_XEN_MAX_DOMAIN_MEMORY"),
                noXen.getMessage());

        CompiledObjects others = CompiledObjects.compile(tree, Abi.M64, valid, List.of(IRQ, IOREMAP),
                tmp.resolve("out64"));
        // mmu.c under LP64 with XEN forced on: outside what this Kconfig allows, but the ABI the analyzer must model.
        Map<String, String> forced = new LinkedHashMap<>(valid);
        forced.putAll(Map.of("XEN", "y", "XEN_MAX_DOMAIN_MEMORY", "8"));
        CompiledObjects mmu = CompiledObjects.compile(tree, Abi.M64, forced, List.of(MMU), tmp.resolve("forced64"));
        System.out.println("xen-p2m-2008, gcc -m64, 64BIT=y X86_64=y (irq_32.c, ioremap.c):");
        System.out.print(ObjectSymbol.table(others.pageAligned()));
        System.out.println("xen-p2m-2008, gcc -m64, 64BIT=y X86_64=y XEN=y XEN_MAX_DOMAIN_MEMORY=8 forced (mmu.c):");
        System.out.print(ObjectSymbol.table(mmu.pageAligned()));

        // 2M entries, 512 per page on LP64: 4096 top entries of 8 bytes, 8 list entries.
        assertSizes(mmu, Map.of("p2m_missing", 4096L, "p2m_top", 32768L, "p2m_top_mfn", 32768L,
                "p2m_top_mfn_list", 64L));
        assertSizes(others, Map.of("softirq_stack", 8192L, "hardirq_stack", 8192L, "bm_pte", 4096L));
        assertEquals(List.of("p2m_top_mfn_list"), breaking(mmu));
        assertEquals(List.of(), breaking(others));
    }

    /** Every named object is in a page-aligned section with exactly that nm size, and no other one is. */
    static void assertSizes(CompiledObjects objs, Map<String, Long> expected) {
        Map<String, Long> actual = new LinkedHashMap<>();
        objs.pageAligned().forEach(s -> actual.put(s.name(), s.size()));
        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(actual));
    }

    /** Page-aligned objects that are neither a whole number of pages nor page-aligned themselves. */
    static List<String> breaking(CompiledObjects objs) {
        return objs.pageAligned().stream().filter(s -> !s.wholePages() && s.alignment() < ObjectSymbol.PAGE_SIZE)
                .map(ObjectSymbol::name).toList();
    }
}

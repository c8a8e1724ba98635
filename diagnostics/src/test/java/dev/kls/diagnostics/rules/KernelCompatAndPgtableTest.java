package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.Rule;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.CheckedTree;
import dev.kls.diagnostics.cmacro.HeaderMacros;
import dev.kls.diagnostics.user.FileRules;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.testing.LinuxTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 on Linux 6.1: no XEN_COMPAT option exists any more, so
 * compat-pgprot-constant says nothing although the constant protections are
 * all there; and the shipped pgtable-buffer-reserve finds no narrow
 * reservation of the early page-table buffer (6.1 reserves through the brk).
 */
@Tag("kernel")
class KernelCompatAndPgtableTest {

    @Test
    void linux61HasNoCompatOptionAndTheRuleNotices() throws Exception {
        Path linux = LinuxTree.dir();
        Kconfig k = Kconfig.load(linux, "x86_64", false, Map.of());
        assertTrue(k.model().symbols().containsKey("XEN"), "the tree is read: XEN is defined");
        // Its only XEN_COMPAT_* symbol is the /proc/xen mount point, which the rule's defaults exclude.
        assertEquals(List.of("XEN_COMPAT_XENFS"), k.model().symbols().keySet().stream()
                .filter(n -> n.startsWith("XEN_COMPAT")).toList());
        assertTrue(new CompatPgprotConstantRule().options().get("excludeOptions").contains("XEN_COMPAT_XENFS"));
        // The macros the rule looks at are there, as constants: the silence is the compat option's absence.
        String types = Files.readString(linux.resolve("arch/x86/include/asm/pgtable_types.h"));
        assertTrue(types.contains("#define _KERNPG_TABLE") && types.contains("#define __PAGE_KERNEL"), "pgtable_types.h");

        long t0 = System.nanoTime();
        Report r = run(linux, k, new CompatPgprotConstantRule(), List.of());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("compat-pgprot-constant on Linux 6.1 x86_64: " + r.findings().size() + " finding(s) in "
                + ms + " ms");
        assertEquals(List.of(), r.findings());
    }

    @Test
    void theRuleWouldReadTheHeadersOf61WereThereAnOption() throws Exception {
        // The same index the rule uses reads 6.1's headers without failing, and finds the x86 definitions.
        Path linux = LinuxTree.dir();
        Kconfig k = Kconfig.load(linux, "x86_64", false, Map.of());
        CheckedTree ws = new CheckedTree(linux, k, null, List.of("arch/x86/include"), Map.of());
        HeaderMacros index = HeaderMacros.of(new dev.kls.diagnostics.RuleContext(ws));
        assertTrue(index.definitions("_KERNPG_TABLE").stream()
                .anyMatch(d -> d.path().equals("arch/x86/include/asm/pgtable_types.h")), "no _KERNPG_TABLE found");
    }

    @Test
    void noNarrowPageTableReservationIn61() throws Exception {
        Path linux = LinuxTree.dir();
        Kconfig k = Kconfig.load(linux, "x86_64", false, Map.of());
        Rule shipped = FileRules.discover(linux, Map.of(), null).rules().stream()
                .filter(x -> x.id().equals("pgtable-buffer-reserve")).findFirst().orElseThrow();
        long t0 = System.nanoTime();
        Report r = run(linux, k, shipped, List.of());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("pgtable-buffer-reserve on all of Linux 6.1: " + r.findings().size()
                + " finding(s) in " + ms + " ms");
        assertEquals(List.of(), r.findings());

        // Not for want of reading: the calls are there, a rule for any memblock_reserve call finds them.
        var any = dev.kls.diagnostics.user.RuleFiles.parse("t.json", "{\"rules\": [{\"id\": \"any-reserve\","
                + " \"severity\": \"hint\", \"message\": \"${function}: ${name}(${args})\", \"doc\": \"d\","
                + " \"match\": {\"call\": {\"function\": [\"memblock_reserve\", \"memblock_phys_free\"]}}}]}",
                List.of());
        Report calls = run(linux, k, new dev.kls.diagnostics.user.PatternRule(any.rules().get(0)),
                List.of("arch/x86", "mm", "drivers/xen"));
        System.out.println("memblock_reserve/memblock_phys_free calls there: " + calls.findings().size());
        assertTrue(calls.findings().size() >= 10, calls.findings().toString());
        assertTrue(calls.findings().stream().anyMatch(f -> f.file().equals("arch/x86/kernel/e820.c")
                && f.message().equals("e820__memblock_setup: memblock_reserve(entry->addr, entry->size)")),
                calls.findings().toString());
    }

    private static Report run(Path linux, Kconfig k, Rule rule, List<String> scope) {
        CheckedTree ws = new CheckedTree(linux, k, null, scope, Map.of());
        Report r = new RuleEngine(List.of(rule), RuleSettings.none(), new RuleEngine.Options(Duration.ofMinutes(15), 1)).run(ws);
        for (Finding f : r.findings()) {
            assertFalse(f.ruleId().equals(RuleEngine.INTERNAL_ERROR), f.message());
        }
        return r;
    }
}

package dev.kls.kconfig.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.testing.KernelObjects.Result;
import dev.kls.kconfig.testing.KernelObjects.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Linux 6.1's page-aligned objects under arch/x86, mm and drivers/xen, built
 * by the kernel's own make for x86_64_defconfig and i386_defconfig.
 */
@Tag("kernel")
class KernelObjectsTest {

    @ParameterizedTest
    @EnumSource(Target.class)
    void everyPageAlignedObjectWithItsNmSize(Target target) {
        Result r = KernelObjects.collect(target);
        System.out.printf("%s %s: %s run in %.1f s, build folder %s%n", target.arch(), target.defconfig(),
                r.cached() ? "cached" : "cold", r.elapsed().toMillis() / 1000.0, r.buildDir());
        System.out.println("candidates (grep): " + r.candidates());
        System.out.println("built: " + r.built());
        System.out.println("not enabled in " + target.defconfig() + ", skipped: " + r.notEnabled());
        System.out.print(ObjectSymbol.table(r.symbols()));
        System.out.printf("%d objects in page-aligned sections from %d files (%d candidates, %d not enabled)%n",
                r.symbols().size(), r.built().size(), r.candidates().size(), r.notEnabled().size());

        assertFalse(r.symbols().isEmpty());
        Set<String> all = new TreeSet<>(r.built());
        all.addAll(r.notEnabled());
        assertEquals(new TreeSet<>(r.candidates()), all);
        // Files every x86 configuration builds: the IDT and the early ioremap page table.
        assertTrue(r.built().containsAll(List.of("arch/x86/kernel/idt.c", "arch/x86/mm/ioremap.c")), r.built().toString());
        // KASAN is off in both defconfigs, so its shadow tables are not built.
        assertTrue(r.notEnabled().contains("mm/kasan/init.c"), r.notEnabled().toString());
        List<String> names = r.symbols().stream().map(ObjectSymbol::name).toList();
        assertTrue(names.containsAll(List.of("idt_table", "bm_pte")), names.toString());

        List<String> problems = new ArrayList<>();
        for (ObjectSymbol s : r.symbols()) {
            assertEquals(target.arch(), s.arch());
            assertTrue(s.inPageAlignedSection(), s.row());
            // The size is nm's: nm -S of the object kbuild wrote has this symbol with exactly this size.
            String nm = Exec.output(List.of("nm", "-S", r.object(s.file()).toString()), null);
            boolean found = nm.lines().map(String::trim).anyMatch(l -> l.matches("[0-9a-f]+ 0*"
                    + Long.toHexString(s.size()) + " [a-zA-Z] " + java.util.regex.Pattern.quote(s.name())));
            assertTrue(found || s.size() == 0, "nm -S of " + r.object(s.file()) + " does not give " + s.row());
            // 6.1's __page_aligned_bss/data carry __aligned(PAGE_SIZE).
            if (s.alignment() < ObjectSymbol.PAGE_SIZE) {
                problems.add(s.row());
            }
        }
        assertEquals(List.of(), problems, "page-aligned objects gcc did not page-align");
    }
}

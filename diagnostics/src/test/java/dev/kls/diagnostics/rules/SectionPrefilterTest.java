package dev.kls.diagnostics.rules;

import dev.kls.c.CProject;
import dev.kls.c.Configuration;
import dev.kls.c.ObjectDecl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** page-aligned-size's pre-filter for objects in given sections, checked against the full reading of each file. */
class SectionPrefilterTest {

    static final Set<String> PAGE_ALIGNED = Set.of(".bss..page_aligned", ".data..page_aligned");

    @TempDir
    Path tree;

    static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @BeforeEach
    void kernelStyleTree() throws IOException {
        write(tree, "include/linux/cache.h", """
                #ifndef _LINUX_CACHE_H
                #define _LINUX_CACHE_H
                #define __section(s) __attribute__((__section__(s)))
                #define __aligned(x) __attribute__((__aligned__(x)))
                #define __page_aligned_bss __section(".bss..page_aligned") __aligned(4096)
                #define __page_aligned_data __section(".data..page_aligned") __aligned(4096)
                #ifdef CONFIG_X86_VSMP
                #define __cacheline_aligned_in_smp __page_aligned_data
                #else
                #define __cacheline_aligned_in_smp __aligned(64)
                #endif
                #ifdef __ASSEMBLY__
                #define ASM_ONLY __section(".bss..page_aligned")
                #endif
                #endif
                """);
        write(tree, "include/linux/percpu.h", """
                #ifdef CONFIG_SMP
                #define PER_CPU_BASE_SECTION ".data..percpu"
                #else
                #define PER_CPU_BASE_SECTION ".data"
                #endif
                #define DEFINE_PER_CPU_SECTION(type, name, sec) \\
                        __attribute__((section(PER_CPU_BASE_SECTION sec))) type name
                #define DEFINE_PER_CPU_PAGE_ALIGNED(type, name) DEFINE_PER_CPU_SECTION(type, name, "..page_aligned")
                """);
        write(tree, "a.c", "#include <linux/cache.h>\nstatic char pgd[4096] __page_aligned_bss;\nint plain;\n");
        write(tree, "b.c", "#include <linux/cache.h>\nint plain2;\nstatic int x __aligned(64);\n"
                + "static const char *why = \"a\" \"d\";\nstatic int y ASM_ONLY;\n");
        write(tree, "c.c", "#include <linux/percpu.h>\nDEFINE_PER_CPU_PAGE_ALIGNED(int, pcpu);\nint other;\n");
        write(tree, "d.c", "#include <linux/cache.h>\nstatic int lock __cacheline_aligned_in_smp;\n");
        write(tree, "e.c", "static char raw[64] __attribute__((section(\".bss\" \"..page_aligned\")));\n");
        write(tree, "f.c", "#include <linux/cache.h>\n#define MYSEC __page_aligned_bss\nint before;\n"
                + "static char mine[8] MYSEC;\n");
    }

    static final List<String> FILES = List.of("a.c", "b.c", "c.c", "d.c", "e.c", "f.c");

    static boolean inSections(ObjectDecl d) {
        return d.possibleSections().stream().anyMatch(PAGE_ALIGNED::contains);
    }

    @Test
    void keepsExactlyTheFilesThatCanHoldSuchAnObject() {
        CProject p = CProject.open(tree, "x86");
        assertEquals(List.of("a.c", "c.c", "d.c", "e.c", "f.c"),
                SectionPrefilter.filesPossiblyIn(p, PAGE_ALIGNED, FILES));
        assertEquals(List.of("a.c"),
                SectionPrefilter.filesPossiblyIn(p, PAGE_ALIGNED, List.of("missing.c", "a.c", "b.c")));
        assertTrue(SectionPrefilter.mayHoldSection(p.file("d.c"), PAGE_ALIGNED));
        assertFalse(SectionPrefilter.mayHoldSection(p.file("b.c"), PAGE_ALIGNED));
        // an editor buffer is read as it stands
        assertTrue(SectionPrefilter.mayHoldSection(
                p.file("b.c", "#include <linux/cache.h>\nstatic char z[4096] __page_aligned_data;\n"), PAGE_ALIGNED));
        assertFalse(SectionPrefilter.mayHoldSection(p.file("a.c"), Set.of(".init.data")));
    }

    @Test
    void theFilterIsSoundAgainstTheFullReading() {
        CProject full = CProject.open(tree, "x86");
        CProject p = CProject.open(tree, "x86");
        List<String> kept = SectionPrefilter.filesPossiblyIn(p, PAGE_ALIGNED, FILES);
        for (String f : FILES) {
            List<ObjectDecl> all = full.file(f).objects();
            List<ObjectDecl> some = SectionPrefilter.objectsPossiblyIn(p.file(f), PAGE_ALIGNED);
            assertTrue(all.containsAll(some), f);
            for (ObjectDecl d : all) {
                if (inSections(d)) {
                    assertTrue(kept.contains(f), f + " holds " + d.name());
                    assertTrue(some.contains(d), f + ": " + d.name());
                }
            }
            // with objects() read first, the same answer from the cached list
            CProject q = CProject.open(tree, "x86");
            q.file(f).objects();
            assertEquals(some, SectionPrefilter.objectsPossiblyIn(q.file(f), PAGE_ALIGNED), f);
        }
        assertEquals(List.of("pgd"), names(SectionPrefilter.objectsPossiblyIn(p.file("a.c"), PAGE_ALIGNED)));
        assertEquals(List.of("pcpu"), names(SectionPrefilter.objectsPossiblyIn(p.file("c.c"), PAGE_ALIGNED)));
        assertEquals(List.of("lock"), names(SectionPrefilter.objectsPossiblyIn(p.file("d.c"), PAGE_ALIGNED)));
        assertEquals(List.of("raw"), names(SectionPrefilter.objectsPossiblyIn(p.file("e.c"), PAGE_ALIGNED)));
        assertEquals(List.of("mine"), names(SectionPrefilter.objectsPossiblyIn(p.file("f.c"), PAGE_ALIGNED)));
        assertEquals(List.of(), SectionPrefilter.objectsPossiblyIn(p.file("b.c"), PAGE_ALIGNED));
        // the uniprocessor per-CPU section is ".data" "..page_aligned": the pieces are seen
        ObjectDecl pcpu = full.file("c.c").objects().get(0);
        assertTrue(pcpu.possibleSections().contains(".data..page_aligned"), pcpu.possibleSections().toString());
        assertEquals(".data..page_aligned",
                full.evaluate(pcpu, Configuration.of(Map.of("64BIT", "y", "SMP", "n"), "x86")).section());
        assertEquals(".data..percpu..page_aligned",
                full.evaluate(pcpu, Configuration.of(Map.of("64BIT", "y", "SMP", "y"), "x86")).section());
    }

    @Test
    void aChangedHeaderIsSeenAfterInvalidate() throws IOException {
        CProject p = CProject.open(tree, "x86");
        assertEquals(List.of("a.c", "c.c", "d.c", "e.c", "f.c"),
                SectionPrefilter.filesPossiblyIn(p, PAGE_ALIGNED, FILES));
        write(tree, "include/linux/cache.h", "#define __aligned(x) __attribute__((__aligned__(x)))\n"
                + "#define __page_aligned_bss __aligned(4096)\n#define __cacheline_aligned_in_smp __aligned(64)\n");
        p.invalidate("include/linux/cache.h");
        assertEquals(List.of("c.c", "e.c"),
                SectionPrefilter.filesPossiblyIn(p, PAGE_ALIGNED, List.of("a.c", "b.c", "c.c", "d.c", "e.c")));
    }

    static List<String> names(List<ObjectDecl> l) {
        return l.stream().map(ObjectDecl::name).toList();
    }
}

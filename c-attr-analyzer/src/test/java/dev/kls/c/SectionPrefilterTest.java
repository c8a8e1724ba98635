package dev.kls.c;

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

/** The cheap pre-filter for objects in given sections, checked against the full reading of every file. */
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
        assertEquals(List.of("a.c", "c.c", "d.c", "e.c", "f.c"), p.filesPossiblyIn(PAGE_ALIGNED, FILES));
        assertEquals(List.of("a.c"), p.filesPossiblyIn(PAGE_ALIGNED, List.of("missing.c", "a.c", "b.c")));
        assertTrue(p.file("d.c").mayHoldSection(PAGE_ALIGNED));
        assertFalse(p.file("b.c").mayHoldSection(PAGE_ALIGNED));
        // an editor buffer is read as it stands
        assertTrue(p.file("b.c", "#include <linux/cache.h>\nstatic char z[4096] __page_aligned_data;\n")
                .mayHoldSection(PAGE_ALIGNED));
        assertFalse(p.file("a.c").mayHoldSection(Set.of(".init.data")));
    }

    @Test
    void theFilterIsSoundAgainstTheFullReading() {
        CProject full = CProject.open(tree, "x86");
        CProject p = CProject.open(tree, "x86");
        List<String> kept = p.filesPossiblyIn(PAGE_ALIGNED, FILES);
        for (String f : FILES) {
            List<ObjectDecl> all = full.file(f).objects();
            List<ObjectDecl> some = p.file(f).objectsPossiblyIn(PAGE_ALIGNED);
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
            assertEquals(some, q.file(f).objectsPossiblyIn(PAGE_ALIGNED), f);
        }
        assertEquals(List.of("pgd"), names(p.file("a.c").objectsPossiblyIn(PAGE_ALIGNED)));
        assertEquals(List.of("pcpu"), names(p.file("c.c").objectsPossiblyIn(PAGE_ALIGNED)));
        assertEquals(List.of("lock"), names(p.file("d.c").objectsPossiblyIn(PAGE_ALIGNED)));
        assertEquals(List.of("raw"), names(p.file("e.c").objectsPossiblyIn(PAGE_ALIGNED)));
        assertEquals(List.of("mine"), names(p.file("f.c").objectsPossiblyIn(PAGE_ALIGNED)));
        assertEquals(List.of(), p.file("b.c").objectsPossiblyIn(PAGE_ALIGNED));
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
        assertEquals(List.of("a.c", "c.c", "d.c", "e.c", "f.c"), p.filesPossiblyIn(PAGE_ALIGNED, FILES));
        write(tree, "include/linux/cache.h", "#define __aligned(x) __attribute__((__aligned__(x)))\n"
                + "#define __page_aligned_bss __aligned(4096)\n#define __cacheline_aligned_in_smp __aligned(64)\n");
        p.invalidate("include/linux/cache.h");
        assertEquals(List.of("c.c", "e.c"), p.filesPossiblyIn(PAGE_ALIGNED, List.of("a.c", "b.c", "c.c", "d.c",
                "e.c")));
    }

    static List<String> names(List<ObjectDecl> l) {
        return l.stream().map(ObjectDecl::name).toList();
    }

    @Test
    void generatedHeadersComeFromTheObjectTree(@TempDir Path obj) throws IOException {
        write(tree, "include/linux/things.h", "#include <generated/bounds.h>\n#include <asm/gen.h>\n");
        write(tree, "arch/x86/include/asm/page.h", "#define PAGE_SIZE 4096\n");
        write(tree, "g.c", "#include <linux/things.h>\n"
                + "static char buf[NR_THINGS * 2] __attribute__((section(\".bss..page_aligned\")));\n"
                + "static char gen[GEN_PAGES * 4096] __attribute__((section(\".bss..page_aligned\")));\n");
        write(obj, "include/generated/bounds.h", "#define NR_THINGS 2048\n");
        write(obj, "arch/x86/include/generated/asm/gen.h", "#define GEN_PAGES 3\n");
        Configuration cfg = Configuration.of(Map.of("64BIT", "y"), "x86");

        CProject src = CProject.open(tree, "x86");
        ObjectDecl buf = src.file("g.c").objects().get(0);
        ObjectEvaluation without = src.evaluate(buf, cfg);
        assertFalse(without.sizeKnown());
        assertTrue(without.missingHeaders().stream().anyMatch(h -> h.contains("<generated/bounds.h>")),
                without.missingHeaders().toString());

        CProject built = CProject.open(tree, "x86", obj);
        List<ObjectDecl> objs = built.file("g.c").objects();
        ObjectEvaluation with = built.evaluate(objs.get(0), cfg);
        assertEquals(4096, with.size().getAsLong(), with.unknownReason());
        assertEquals(List.of(), with.missingHeaders());
        assertEquals(3 * 4096, built.evaluate(objs.get(1), cfg).size().getAsLong());
        assertEquals(obj.toAbsolutePath().normalize(), built.tree().objtree());
        // the source tree given as its own object tree is an in-tree build
        assertEquals(null, CProject.open(tree, "x86", tree).tree().objtree());
    }
}

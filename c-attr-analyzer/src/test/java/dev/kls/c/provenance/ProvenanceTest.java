package dev.kls.c.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.cond.Cond;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where pointer values point, on seed 004's tree and on small bodies written next to its headers. */
class ProvenanceTest {

    static final Path SEED = LinuxTree.repoRoot().resolve("test-workspace/percpu-gdt-2017");

    @TempDir
    static Path tree;

    static CProject project;

    @BeforeAll
    static void copy() throws IOException {
        try (Stream<Path> s = Files.walk(SEED)) {
            for (Path p : s.toList()) {
                Path to = tree.resolve(SEED.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Files.writeString(tree.resolve("arch/x86/kernel/flow.c"), String.join("\n",
                "#include <asm/desc.h>",
                "struct holder { void *p; unsigned long v; };",
                "struct counters { unsigned long hits[4]; unsigned long *where; };",
                "DEFINE_PER_CPU(struct counters, counters);",
                "DEFINE_PER_CPU(unsigned long, plain);",
                "extern unsigned long some_global[8];",
                "static void *pick(int c, int cpu) { return c ? (void *)&per_cpu(plain, cpu) : (void *)0; }",
                "static unsigned long through_local(int cpu) {",
                "\tunsigned long a = (unsigned long)per_cpu_ptr(&counters, cpu);",
                "\tvoid *b = (void *)a;",
                "\treturn __pa(b);",
                "}",
                "static unsigned long through_member(int cpu) {",
                "\tstruct holder h;",
                "\th.p = this_cpu_ptr(&counters)->hits;",
                "\treturn __pa(h.p);",
                "}",
                "static unsigned long value_not_slot(int cpu) {",
                "\treturn __pa(per_cpu(counters, cpu).where) + __pa(per_cpu(plain, cpu));",
                "}",
                "static unsigned long callee(void *q) { return __pa(q); }",
                "static unsigned long caller(int cpu) {",
                "\treturn callee(pick(1, cpu)) + callee(some_global) + __pa(&plain);",
                "}",
                "#ifdef CONFIG_X86_32",
                "static void *only32(int cpu) { return raw_cpu_ptr(&plain); }",
                "#endif",
                "static unsigned long cond32(int cpu) { return __pa(only32(cpu)); }",
                ""));
        project = CProject.open(tree, "x86");
    }

    record Seen(String name, Set<Place> places) {
    }

    /** Every __pa() in a function with the places its argument may point into (callers resolved). */
    static List<Seen> pas(String file, String function) {
        CFile f = project.file(file);
        Provenance prov = new Provenance(project);
        prov.index(List.of(file));
        FunctionDef fn = f.functions().functions(function).get(0);
        return Invocations.find(f, fn, Set.of("__pa")).stream()
                .map(i -> new Seen(i.argTexts().get(0), prov.valueWithCallers(f, fn, i.args().get(0), 2)))
                .toList();
    }

    static Set<Place.Region> regions(Set<Place> ps) {
        return ps.stream().map(Place::region).collect(Collectors.toSet());
    }

    @Test
    void inlineFunctionReturnsTheDecayedPerCpuArrayMember() {
        CFile desc = project.file("arch/x86/include/asm/desc.h");
        FunctionDef fn = desc.functions().functions("get_cpu_gdt_rw").get(0);
        dev.kls.c.body.Stmt.Return r = (dev.kls.c.body.Stmt.Return) fn.body().statements().get(0);
        Set<Place> ps = new Provenance(project).valueOf(desc, fn, r.value());
        assertEquals(1, ps.size(), ps::toString);
        Place p = ps.iterator().next();
        assertEquals(Place.Region.PER_CPU, p.region());
        assertEquals("gdt_page", p.name());
        assertEquals("per_cpu(gdt_page, cpu) at arch/x86/include/asm/desc.h:25", p.describe());
    }

    @Test
    void seedCallSiteSeesThePerCpuAddressThroughTheInlineFunction() {
        List<Seen> s = pas("arch/x86/kernel/cpu/common.c", "setup_fixmap_gdt");
        assertEquals(1, s.size());
        assertEquals("get_cpu_gdt_rw(cpu)", s.get(0).name());
        Place p = s.get(0).places().iterator().next();
        assertEquals(Place.Region.PER_CPU, p.region());
        assertEquals("arch/x86/include/asm/desc.h", p.at().file());
        assertEquals(1, p.via().size(), "through the call of get_cpu_gdt_rw");
        assertEquals(20, p.via().get(0).startLine());
    }

    @Test
    void theValueStoredInAPerCpuPointerIsNotAPerCpuAddress() {
        List<Seen> s = pas("arch/x86/kvm/vmx.c", "hardware_enable");
        assertEquals(1, s.size());
        assertEquals("per_cpu(vmxarea, cpu)", s.get(0).name());
        assertEquals(Set.of(), s.get(0).places());
        List<Seen> v = pas("arch/x86/kernel/flow.c", "value_not_slot");
        assertEquals(2, v.size());
        assertEquals(Set.of(), v.get(0).places(), "a pointer member's value");
        assertEquals(Set.of(), v.get(1).places(), "a scalar slot's value");
    }

    @Test
    void flowsThroughLocalsAndCastsToUnsignedLongAndBack() {
        List<Seen> s = pas("arch/x86/kernel/flow.c", "through_local");
        assertEquals(Set.of(Place.Region.PER_CPU), regions(s.get(0).places()));
        assertEquals("per_cpu_ptr(&counters, cpu)", s.get(0).places().iterator().next().origin());
    }

    @Test
    void flowsThroughStructMembersAndArrowMemberArrays() {
        List<Seen> s = pas("arch/x86/kernel/flow.c", "through_member");
        assertEquals(Set.of(Place.Region.PER_CPU), regions(s.get(0).places()));
    }

    @Test
    void parametersTakeWhatCallersPassAndPerCpuObjectsThemselves() {
        List<Seen> s = pas("arch/x86/kernel/flow.c", "callee");
        assertEquals(1, s.size());
        // pick(1, cpu) gives &per_cpu(plain, cpu) through ?:, some_global is a plain global array
        assertEquals(Set.of(Place.Region.PER_CPU, Place.Region.GLOBAL), regions(s.get(0).places()));
        List<Seen> c = pas("arch/x86/kernel/flow.c", "caller");
        assertEquals(1, c.size());
        Place own = c.get(0).places().iterator().next();
        assertEquals(Place.Region.PER_CPU, own.region(), "&plain is the per-cpu object itself");
        assertEquals("plain", own.name());
    }

    @Test
    void aFactHoldsUnderTheConditionOfTheCodeThatMadeIt() {
        List<Seen> s = pas("arch/x86/kernel/flow.c", "cond32");
        Place p = s.get(0).places().iterator().next();
        assertEquals(Place.Region.PER_CPU, p.region());
        assertTrue(p.presence().toString().contains("X86_32"), p.presence()::toString);
        assertEquals(dev.kls.c.cond.Truth.FALSE, p.presence().evaluate(java.util.Map.of("X86_32", "n")));
        assertEquals(dev.kls.c.cond.Truth.TRUE, p.presence().evaluate(java.util.Map.of("X86_32", "y")));
        assertTrue(!(p.presence() instanceof Cond.True));
    }
}

package dev.kls.c.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.CProject;
import dev.kls.c.body.FileBodies;
import dev.kls.c.body.FunctionDef;
import dev.kls.kconfig.testing.LinuxTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project index and call graph over seed 003's crash tree and small trees written here. */
class CallGraphTest {

    static final List<String> CRASH_FILES = List.of("memory.c", "x86_64.c", "kernel.c");

    static CallGraph crash() {
        CProject p = CProject.open(LinuxTree.repoRoot().resolve("test-workspace/crash-xen-m2p-2015"), "x86");
        return CallGraph.build(ProjectIndex.of(p, CRASH_FILES));
    }

    static FunctionDef fn(CallGraph g, String name) {
        return g.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    static List<String> callees(CallGraph g, String name) {
        return g.outgoing(fn(g, name)).stream().map(e -> e.callee().name()).toList();
    }

    @Test
    void indexKnowsDefinitionsAndStoredFunctionPointers() {
        CallGraph g = crash();
        ProjectIndex ix = g.index();
        assertEquals("x86_64.c", ix.definitions("x86_64_kvtop", "x86_64.c").get(0).file());
        assertTrue(ix.definitions("x86_64_kvtop", "memory.c").isEmpty(), "static: not visible from memory.c");
        assertEquals(List.of("x86_64_kvtop"), ix.functionPointerMembers().get("machdep_table.kvtop"));
        assertEquals(List.of("x86_64_uvtop"), ix.functionPointerMembers().get("machdep_table.uvtop"));
    }

    @Test
    void directAndMemberCallsAcrossFiles() {
        CallGraph g = crash();
        assertEquals(List.of("uvtop", "kvtop", "read_physical"), callees(g, "readmem"));
        assertEquals(List.of("x86_64_kvtop"), callees(g, "kvtop"));
        assertEquals(List.of("x86_64_kvtop_xen_wpt"), callees(g, "x86_64_kvtop"));
        assertEquals(List.of("readmem"), callees(g, "__xen_pvops_m2p_vma"));
        assertEquals(List.of("__xen_pvops_m2p_vma"), g.incoming(fn(g, "readmem")).stream().map(e -> e.caller().name())
                .distinct().filter(n -> !n.equals("module_init")).toList());
        assertTrue(g.unresolved().isEmpty(), () -> g.unresolved().toString());
    }

    @Test
    void theSeedCycleIsFoundOnceInOrder() {
        CallGraph g = crash();
        List<Cycles.Cycle> cs = new Cycles(g, Presence::freeSatisfiable, 16, 100).find(f -> f.name().equals(
                "readmem"));
        assertEquals(1, cs.size(), () -> cs.stream().map(Cycles.Cycle::describe).toList().toString());
        assertEquals("readmem -> kvtop -> machdep->kvtop (x86_64_kvtop) -> x86_64_kvtop_xen_wpt -> xen_m2p"
                + " -> __xen_m2p -> __xen_pvops_m2p_vma -> readmem", cs.get(0).describe());
        assertFalse(new Cycles(g, Presence::freeSatisfiable, 16, 100).depthGuarded(cs.get(0)));
    }

    @Test
    void aConstantArgumentPrunesTheGuardedPath() {
        CallGraph g = crash();
        FileBodies before = g.index().file("kernel.c");
        CProject p = CProject.open(LinuxTree.repoRoot().resolve("test-workspace/crash-xen-m2p-2015"), "x86");
        String text = p.file("kernel.c").model().text().replace("readmem(xen_p2m_addr, KVADDR",
                "readmem(xen_p2m_addr, PHYSADDR");
        g.index().put(p.file("kernel.c", text).functions());
        CallGraph g2 = g.update("kernel.c", before);
        assertEquals(List.of("readmem"), callees(g2, "__xen_pvops_m2p_vma"), "the edge stays");
        assertTrue(new Cycles(g2, Presence::freeSatisfiable, 16, 100).find(f -> true).isEmpty(),
                "but PHYSADDR never reaches kvtop");
        // the incremental graph is the graph built afresh
        CallGraph fresh = CallGraph.build(g2.index());
        assertEquals(edges(fresh), edges(g2));
        assertEquals(fresh.edgeCount(), g2.edgeCount());
    }

    @Test
    void anEditedDefinitionIsReachedAgainThroughStoresInOtherFiles(@TempDir Path dir) throws Exception {
        // a.c defines the function; b.c stores it into a member and a pointer variable; c.c calls through both.
        Files.writeString(dir.resolve("a.c"), "int foo_read(int x) { return x; }\n");
        Files.writeString(dir.resolve("b.c"), """
                struct ops { int (*read)(int); };
                int foo_read(int);
                struct ops o = { .read = foo_read };
                int (*hook)(int) = foo_read;
                """);
        Files.writeString(dir.resolve("c.c"), """
                struct ops { int (*read)(int); };
                extern int (*hook)(int);
                int call(struct ops *p, int x) { return p->read(x) + hook(x); }
                """);
        CProject p = CProject.open(dir, "x86");
        CallGraph g = CallGraph.build(ProjectIndex.of(p, List.of("a.c", "b.c", "c.c")));
        assertEquals(List.of("foo_read", "foo_read"), callees(g, "call"));
        FileBodies before = g.index().file("a.c");
        g.index().put(p.file("a.c", "/* moved down a line */\nint foo_read(int x) { return x; }\n").functions());
        CallGraph g2 = g.update("a.c", before);
        assertEquals(2, g2.incoming(fn(g2, "foo_read")).size(), "the edited definition is the callee now");
        assertEquals(edges(CallGraph.build(g2.index())), edges(g2));
    }

    /** Every edge as "caller -> callee @ line", both directions, sorted. */
    static List<String> edges(CallGraph g) {
        List<String> out = new java.util.ArrayList<>();
        for (FunctionDef f : g.functions()) {
            g.outgoing(f).forEach(e -> out.add("out " + e.caller().name() + " -> " + e.callee().name() + " @ "
                    + e.site().range()));
            g.incoming(f).forEach(e -> out.add("in " + e.caller().name() + " -> " + e.callee().name() + " @ "
                    + e.site().range()));
        }
        out.sort(null);
        return out;
    }

    @Test
    void cyclesNeedSatisfiablePresence(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.c"), """
                int b(int);
                int a(int x)
                {
                #ifdef FOO
                	return b(x);
                #endif
                	return 0;
                }
                """);
        Files.writeString(dir.resolve("b.c"), """
                int a(int);
                #ifndef FOO
                int b(int x) { return a(x); }
                #else
                int b(int x) { return x; }
                #endif
                """);
        CProject p = CProject.open(dir, "x86");
        CallGraph g = CallGraph.build(ProjectIndex.of(p, List.of("a.c", "b.c")));
        assertEquals(1, new Cycles(g, c -> true, 8, 10).find(f -> true).size(), "without presence: a cycle");
        assertTrue(new Cycles(g, Presence::freeSatisfiable, 8, 10).find(f -> true).isEmpty(),
                "FOO && !FOO cannot hold");
    }

    @Test
    void designatedInitializersAndArraysOfStructsAndPointerVariables(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ops.c"), """
                struct ops { int (*open)(int); int (*close)(int); };
                static int o1(int x) { return x; }
                static int c1(int x) { return x; }
                static int o2(int x) { return x; }
                static int hook(int x) { return x; }
                static const struct ops one = { .open = o1, .close = &c1 };
                static struct ops table[] = { { .open = o2 }, [1] = { .close = c1 } };
                int (*handler)(int) = hook;
                int run(struct ops *o, int x)
                {
                	return o->open(x) + (*o->close)(x) + handler(x) + (*handler)(x) + table[0].open(x);
                }
                """);
        CProject p = CProject.open(dir, "x86");
        CallGraph g = CallGraph.build(ProjectIndex.of(p, List.of("ops.c")));
        assertEquals(List.of("o1", "o2", "c1", "hook", "hook", "o1", "o2"), callees(g, "run"));
    }
}

package dev.kls.c.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.cond.Cond;
import dev.kls.kconfig.testing.LinuxTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Function definitions and their bodies, read configuration-free with every #if branch. */
class FunctionBodiesTest {

    static final CProject CRASH = CProject.open(LinuxTree.repoRoot().resolve("test-workspace/crash-xen-m2p-2015"),
            "x86");

    static FunctionDef fn(CFile f, String name) {
        List<FunctionDef> l = f.functions().functions(name);
        assertEquals(1, l.size(), name + " defined once in " + f.path());
        return l.get(0);
    }

    @Test
    void definitionsWithStorageParametersAndRanges() {
        CFile x = CRASH.file("x86_64.c");
        List<String> names = x.functions().functions().stream().map(FunctionDef::name).toList();
        assertEquals(List.of("x86_64_init", "x86_64_kvtop", "x86_64_kvtop_xen_wpt", "x86_64_uvtop"), names);
        FunctionDef kv = fn(x, "x86_64_kvtop");
        assertEquals("static", kv.storage());
        assertEquals("static int", kv.returnType());
        assertEquals(List.of("tc", "kvaddr", "paddr", "verbose"), kv.params().stream().map(FunctionDef.Param::name)
                .toList());
        assertEquals("struct task_context *", kv.params().get(0).type());
        assertEquals("physaddr_t *", kv.params().get(2).type());
        assertEquals(19, kv.nameRange().startLine());
        assertEquals(18, kv.range().startLine());
        assertEquals(30, kv.range().endLine());
        assertTrue(kv.parsedFully(), () -> "opaque: " + kv.opaque());
        assertFalse(fn(x, "x86_64_init").isStatic());
    }

    @Test
    void callSitesKeepTheirBranchPresenceAndArguments() {
        FunctionDef kv = fn(CRASH.file("x86_64.c"), "x86_64_kvtop");
        assertEquals(1, kv.calls().size());
        CallSite c = kv.calls().get(0);
        assertEquals(CallSite.Kind.DIRECT, c.callee().kind());
        assertEquals("x86_64_kvtop_xen_wpt", c.callee().name());
        assertEquals("x86_64_kvtop", c.function());
        // XEN is no CONFIG_ symbol: in a tree without Kconfig it stays a free (opaque) symbol
        assertTrue(c.presence() instanceof Cond.Opaque o && o.text().equals("defined(XEN)"), c.presence()::toString);
        assertEquals(List.of("tc", "kvaddr", "paddr", "verbose"), c.args().stream().map(CallSite.Arg::text).toList());
        assertEquals(26, c.range().startLine());
        // the early return under the first if guards the call
        assertEquals(1, c.guards().size());
        assertFalse(c.guards().get(0).positive());
    }

    @Test
    void callsThroughStructMembersNameTheMemberAndType() {
        FunctionDef kv = fn(CRASH.file("memory.c"), "kvtop");
        CallSite c = kv.calls().get(0);
        assertEquals(CallSite.Kind.MEMBER, c.callee().kind());
        assertEquals("kvtop", c.callee().member());
        assertEquals("machdep_table", c.callee().structType());
    }

    @Test
    void argumentsAreReadThroughMacrosWithTheirSourceText() {
        FunctionDef vma = fn(CRASH.file("kernel.c"), "__xen_pvops_m2p_vma");
        CallSite rd = vma.calls().stream().filter(c -> "readmem".equals(c.callee().name())).findFirst().orElseThrow();
        assertEquals("KVADDR", rd.args().get(1).text());
        assertEquals("0x2", Exprs.text(rd.args().get(1).expr()));
        assertEquals("PAGESIZE()", rd.args().get(3).text());
        assertTrue(rd.args().get(3).expr() instanceof Expr.Member m && m.name().equals("pagesize"));
    }

    @Test
    void switchCasesGuardTheirCalls() {
        FunctionDef rd = fn(CRASH.file("memory.c"), "readmem");
        CallSite kv = rd.calls().stream().filter(c -> "kvtop".equals(c.callee().name())).findFirst().orElseThrow();
        CallSite.Guard g = kv.guards().stream().filter(x -> Exprs.text(x.cond()).contains("memtype == "))
                .findFirst().orElseThrow();
        assertTrue(g.positive());
        assertEquals("(memtype == 0x2)", Exprs.text(g.cond()));
        assertTrue(rd.parsedFully(), () -> "opaque: " + rd.opaque());
    }

    @Test
    void unsavedTextIsReadAndBrokenStatementsAreOpaqueAndCounted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.c"), "int f(void) { return 0; }\n");
        CProject p = CProject.open(dir, "x86");
        String text = """
                struct ops { int (*go)(int); };
                static int g(int x) { return x; }
                int f(struct ops *o, int n)
                {
                	int k = n @ 3;
                	if (n > 0)
                		return (*o->go)(n - 1) + g(n);
                #ifdef CONFIG_SMP
                	k += h(k);
                #endif
                	return ({ int z = k; z; });
                }
                int after(void) { return f(0, 1); }
                """;
        CFile f = p.file("a.c", text);
        FileBodies b = f.functions();
        assertEquals(List.of("g", "f", "after"), b.functions().stream().map(FunctionDef::name).toList());
        FunctionDef fd = b.functions(("f")).get(0);
        assertEquals(1, fd.opaque());
        assertFalse(fd.parsedFully());
        List<CallSite> calls = fd.calls();
        assertEquals(3, calls.size());
        assertEquals(CallSite.Kind.MEMBER, calls.get(0).callee().kind());
        assertEquals("go", calls.get(0).callee().member());
        assertEquals("ops", calls.get(0).callee().structType());
        assertEquals("n - 1", calls.get(0).args().get(0).text());
        assertEquals("g", calls.get(1).callee().name());
        CallSite h = calls.get(2);
        assertEquals("h", h.callee().name());
        assertEquals(new Cond.Defined("SMP"), h.presence());
        assertNotNull(b.functions("after").get(0).calls().get(0));
    }
}

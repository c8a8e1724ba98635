package dev.kls.lsp;

import static dev.kls.lsp.TestTree.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.lsp.handlers.CallHierarchyHandler;
import dev.kls.lsp.handlers.HoverHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CallHierarchyIncomingCall;
import org.eclipse.lsp4j.CallHierarchyItem;
import org.eclipse.lsp4j.CallHierarchyOutgoingCall;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 003 in the editor: the crash utility's files in a kernel-style tree;
 * recursive-translation with the cycle as related information, the call
 * hierarchy from the call graph, and hover counts of callers and callees.
 */
class CallHierarchyTest {

    static final String DIR = "tools/crash/";

    static TestTree crash(Path dir) throws Exception {
        List<String> files = new ArrayList<>();
        for (String f : List.of("defs.h", "memory.c", "x86_64.c", "kernel.c")) {
            files.add(DIR + f);
            files.add(Files.readString(TestTree.repo().resolve("test-workspace/crash-xen-m2p-2015/" + f)));
        }
        return TestTree.xen(dir, files.toArray(String[]::new));
    }

    @Test
    void theCycleIsADiagnosticWithEveryCallSiteAsRelatedInformation(@TempDir Path dir) throws Exception {
        try (TestTree t = crash(dir)) {
            Document k = t.open(DIR + "kernel.c");
            Diagnostic d = t.diagnostics(k).stream().filter(x -> x.getCode().getLeft().equals("recursive-translation"))
                    .findFirst().orElseThrow(() -> new AssertionError(t.diagnostics(k).toString()));
            assertEquals(DiagnosticSeverity.Warning, d.getSeverity());
            assertEquals(26, d.getRange().getStart().getLine());
            assertTrue(d.getMessage().contains("readmem -> kvtop -> machdep->kvtop (x86_64_kvtop)"), d.getMessage());
            List<String> where = d.getRelatedInformation().stream().map(DiagnosticRelatedInformation::getLocation)
                    .map(l -> l.getUri().substring(l.getUri().lastIndexOf('/') + 1) + ":"
                            + (l.getRange().getStart().getLine() + 1)).toList();
            assertEquals(List.of("memory.c:21", "memory.c:47", "x86_64.c:26", "x86_64.c:40", "kernel.c:14",
                    "kernel.c:20", "kernel.c:27"), where);
        }
    }

    @Test
    void callHierarchyAnswersFromTheGraph(@TempDir Path dir) throws Exception {
        try (TestTree t = crash(dir)) {
            Document k = t.open(DIR + "kernel.c");
            CallHierarchyHandler h = new CallHierarchyHandler(t.ws.cSide());
            List<Document> open = List.copyOf(t.ws.documents().all());
            // on a call of readmem: the definition in memory.c
            List<CallHierarchyItem> items = h.prepare(t.snapshot(), k, open, at(k, "readmem(xen_p2m_addr", 2));
            assertEquals(1, items.size(), items.toString());
            CallHierarchyItem readmem = items.get(0);
            assertEquals("readmem", readmem.getName());
            assertTrue(readmem.getUri().endsWith("tools/crash/memory.c"), readmem.getUri());
            List<CallHierarchyIncomingCall> in = h.incoming(t.snapshot(), open, readmem);
            assertEquals(List.of("__xen_pvops_m2p_vma", "module_init"), in.stream().map(c -> c.getFrom().getName())
                    .sorted().toList());
            List<CallHierarchyOutgoingCall> out = h.outgoing(t.snapshot(), open, readmem);
            assertEquals(List.of("uvtop", "kvtop", "read_physical"), out.stream().map(c -> c.getTo().getName())
                    .toList());
            // kvtop calls through machdep->kvtop: field-based resolution gives x86_64_kvtop
            CallHierarchyItem kvtop = out.get(1).getTo();
            List<CallHierarchyOutgoingCall> viaMember = h.outgoing(t.snapshot(), open, kvtop);
            assertEquals(List.of("x86_64_kvtop"), viaMember.stream().map(c -> c.getTo().getName()).toList());
            assertEquals(46, viaMember.get(0).getFromRanges().get(0).getStart().getLine());
            // on a definition's name
            List<CallHierarchyItem> self = h.prepare(t.snapshot(), k, open, at(k, "xen_m2p(ulonglong machine)", 1));
            assertEquals("xen_m2p", self.get(0).getName());
        }
    }

    @Test
    void hoverOnAFunctionCountsCallersAndCallees(@TempDir Path dir) throws Exception {
        try (TestTree t = crash(dir)) {
            Document k = t.open(DIR + "kernel.c");
            CallHierarchyHandler calls = new CallHierarchyHandler(t.ws.cSide());
            HoverHandler h = new HoverHandler(t.ws.cSide(), calls, () -> t.ws.documents().all());
            String md = h.hover(t.snapshot(), k, at(k, "xen_m2p(ulonglong machine)", 2)).getContents().getRight()
                    .getValue();
            assertTrue(md.contains("**xen_m2p**"), md);
            assertTrue(md.contains("1 caller, 1 callee"), md);
            String rd = h.hover(t.snapshot(), k, at(k, "__xen_pvops_m2p_vma(ulonglong machine, ulong mfn)\n{", 3))
                    .getContents().getRight().getValue();
            assertTrue(rd.contains("1 caller, 1 callee"), rd);
        }
    }
}

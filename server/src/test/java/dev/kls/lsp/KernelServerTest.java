package dev.kls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.testing.LinuxTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Linux 6.1 as the workspace (ARCH=x86), through the protocol. The tree is only read. */
@Tag("kernel")
class KernelServerTest {

    @Test
    void indexesLinuxAndHoversConfigXenInCAndKconfig() throws Exception {
        Path linux = LinuxTree.dir();
        try (InProcessClient c = new InProcessClient()) {
            c.start(linux, "x86");
            c.progressEnded.get(10, TimeUnit.MINUTES);
            assertEquals("begin", c.progress.get(0));
            assertTrue(c.progress.contains("report"), c.progress.toString());
            assertEquals("end", c.progress.get(c.progress.size() - 1));

            String cFile = "arch/x86/kernel/process.c";
            String cText = Files.readString(linux.resolve(cFile));
            String cUri = open(c, linux, cFile, "c", cText);
            Position inC = position(cText, "#ifdef CONFIG_XEN\n", 10);
            String md = hover(c, cUri, inC);
            // The explanation API: type and value, prompt, why, where, help.
            assertTrue(md.startsWith("**XEN** (bool) = "), md);
            assertTrue(md.contains("\"Xen guest support\""), md);
            assertTrue(md.contains("**Why "), md);
            assertTrue(md.contains("**Defined at:** arch/x86/xen/Kconfig:"), md);
            assertTrue(md.contains("This is the Linux Xen port."), md);

            String kFile = "arch/x86/xen/Kconfig";
            String kText = Files.readString(linux.resolve(kFile));
            String kUri = open(c, linux, kFile, "kconfig", kText);
            String mk = hover(c, kUri, position(kText, "config XEN\n", 8));
            assertTrue(mk.startsWith("**XEN** (bool) = ") && mk.contains("**Why ")
                    && mk.contains("**Depends on:** ") && mk.contains("This is the Linux Xen port."), mk);

            // The rules run on an open C file of the tree: diagnostics come, and no rule fails on it.
            String pv = "arch/x86/xen/mmu_pv.c";
            String pvText = Files.readString(linux.resolve(pv));
            java.util.concurrent.CompletableFuture<org.eclipse.lsp4j.PublishDiagnosticsParams> pvDiags =
                    new java.util.concurrent.CompletableFuture<>();
            String pvUri = linux.resolve(pv).toUri().toString();
            c.onDiagnostics = p -> {
                if (p.getUri().equals(pvUri)) {
                    pvDiags.complete(p);
                }
            };
            open(c, linux, pv, "c", pvText);
            List<org.eclipse.lsp4j.Diagnostic> found = pvDiags.get(5, TimeUnit.MINUTES).getDiagnostics();
            System.out.println(pv + ": " + found.size() + " diagnostics " + found.stream()
                    .map(d -> d.getCode().getLeft() + "@" + (d.getRange().getStart().getLine() + 1)).toList());
            assertTrue(found.stream().noneMatch(d -> d.getCode().getLeft().equals("internal-error")), found.toString());

            // The index reaches every architecture and every kind of file.
            ReferenceParams rp = new ReferenceParams(new TextDocumentIdentifier(kUri), position(kText, "config XEN\n", 8),
                    new ReferenceContext(true));
            List<String> uris = c.server.getTextDocumentService().references(rp).get().stream()
                    .map(l -> l.getUri()).toList();
            // grep -rhow CONFIG_XEN over *.[chS], Makefile*, Kbuild*, *defconfig and *.config counts 21
            // (19, and kernel/configs/{xen,nopm}.config); there is no CONFIG_XEN_MODULE.
            List<String> macros = uris.stream().filter(u -> !u.contains("/Kconfig")).toList();
            assertEquals(21, macros.size(), macros.toString());
            for (String f : List.of("arch/x86/kernel/process.c", "drivers/Makefile", "arch/arm64/Kbuild",
                    "arch/arm64/configs/defconfig", "arch/x86/xen/xen-head.S", "arch/x86/xen/Kconfig",
                    "arch/arm64/Kconfig", "drivers/xen/Kconfig", "kernel/configs/xen.config")) {
                assertTrue(uris.contains(linux.resolve(f).toUri().toString()), f + " among the references");
            }
        }
    }

    private static String open(InProcessClient c, Path root, String path, String lang, String text) {
        String uri = root.resolve(path).toUri().toString();
        c.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, lang, 1, text)));
        return uri;
    }

    private static String hover(InProcessClient c, String uri, Position p) throws Exception {
        return c.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), p)).get()
                .getContents().getRight().getValue();
    }

    static Position position(String text, String needle, int offset) {
        int i = text.indexOf(needle);
        assertTrue(i >= 0, needle);
        LineMap m = new LineMap(text);
        return new Position(m.line(i + offset), m.character(i + offset));
    }
}

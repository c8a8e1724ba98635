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

    /**
     * Seed 004 typed into Linux 6.1: desc.h's get_cpu_gdt_paddr() gets the
     * 2017 __pa() back; the percpu-pa error comes with its quick fix, and the
     * hover on the argument says where it points.
     */
    @Test
    void percpuPaAppearsAsTheLineIsTypedInDescH() throws Exception {
        Path linux = LinuxTree.dir();
        try (InProcessClient c = new InProcessClient()) {
            c.start(linux, "x86");
            c.progressEnded.get(10, TimeUnit.MINUTES);
            String h = "arch/x86/include/asm/desc.h";
            String text = Files.readString(linux.resolve(h));
            String uri = linux.resolve(h).toUri().toString();
            java.util.concurrent.BlockingQueue<org.eclipse.lsp4j.PublishDiagnosticsParams> got =
                    new java.util.concurrent.LinkedBlockingQueue<>();
            c.onDiagnostics = p -> {
                if (p.getUri().equals(uri)) {
                    got.add(p);
                }
            };
            open(c, linux, h, "c", text);
            String line = "return per_cpu_ptr_to_phys(get_cpu_gdt_rw(cpu));";
            Position at = position(text, line, "return ".length());
            org.eclipse.lsp4j.Range word = new org.eclipse.lsp4j.Range(at,
                    new Position(at.getLine(), at.getCharacter() + "per_cpu_ptr_to_phys".length()));
            c.server.getTextDocumentService().didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
                    new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(uri, 2),
                    List.of(new org.eclipse.lsp4j.TextDocumentContentChangeEvent(word, "__pa"))));
            org.eclipse.lsp4j.Diagnostic e = null;
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (e == null && System.nanoTime() < until) {
                org.eclipse.lsp4j.PublishDiagnosticsParams p = got.poll(10, TimeUnit.SECONDS);
                if (p != null) {
                    // desc.h as shipped has none: the first one is the typed line's
                    e = p.getDiagnostics().stream().filter(d -> d.getCode().getLeft().equals("percpu-pa"))
                            .findFirst().orElse(null);
                }
            }
            assertTrue(e != null, "diagnostics for the typed version");
            assertEquals(at.getLine(), e.getRange().getStart().getLine());
            assertTrue(e.getMessage().startsWith("__pa() of a per-cpu address: get_cpu_gdt_rw(cpu) points into the "
                    + "per-cpu area (from per_cpu(gdt_page, cpu) at arch/x86/include/asm/desc.h:53)"), e.getMessage());
            List<org.eclipse.lsp4j.jsonrpc.messages.Either<org.eclipse.lsp4j.Command, org.eclipse.lsp4j.CodeAction>> acts =
                    c.server.getTextDocumentService().codeAction(new org.eclipse.lsp4j.CodeActionParams(
                            new TextDocumentIdentifier(uri), e.getRange(),
                            new org.eclipse.lsp4j.CodeActionContext(List.of(e)))).get();
            org.eclipse.lsp4j.CodeAction fix = acts.stream().filter(a -> a.isRight()).map(a -> a.getRight())
                    .filter(a -> "Use per_cpu_ptr_to_phys() instead of __pa()".equals(a.getTitle())).findFirst()
                    .orElseThrow(() -> new AssertionError(acts.toString()));
            assertEquals("per_cpu_ptr_to_phys(get_cpu_gdt_rw(cpu))",
                    fix.getEdit().getChanges().get(uri).get(0).getNewText());
            String md = hover(c, uri, new Position(at.getLine(), at.getCharacter() + "__pa(".length() + 2));
            assertTrue(md.contains("`get_cpu_gdt_rw(cpu)` points into the per-cpu area (from per_cpu(gdt_page, cpu) "
                    + "at arch/x86/include/asm/desc.h:53)"), md);
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
        LspLineMap m = new LspLineMap(text);
        return new Position(m.line(i + offset), m.character(i + offset));
    }
}

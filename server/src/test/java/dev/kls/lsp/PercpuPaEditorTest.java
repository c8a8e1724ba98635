package dev.kls.lsp;

import static dev.kls.lsp.TestTree.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.lsp.handlers.HoverHandler;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004 in the editor: on the fixed tree, typing the 2017 line back
 * gives the percpu-pa error with its quick fixes; applying the preferred one
 * clears it; a hover on the pointer says where it points.
 */
class PercpuPaEditorTest {

    static final String COMMON = "arch/x86/kernel/cpu/common.c";

    private static List<Diagnostic> percpu(TestTree t, Document d) throws Exception {
        return t.diagnostics(d).stream().filter(x -> x.getCode().getLeft().equals("percpu-pa")).toList();
    }

    @Test
    void theErrorAppearsAsTheLineIsTypedWithItsFixAndTheHoverSaysWhereThePointerPoints(@TempDir Path dir)
            throws Exception {
        TestTree.copy(TestTree.repo().resolve("test-workspace/percpu-gdt-2017-clean"), dir);
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\"}")) {
            Document d = t.open(COMMON);
            assertEquals(List.of(), percpu(t, d), "the fixed tree is silent");

            // type __pa over per_cpu_ptr_to_phys, as the 2017 patch had it
            Position p = at(d, "per_cpu_ptr_to_phys(get_cpu_gdt_rw", 0);
            Range word = new Range(p, new Position(p.getLine(), p.getCharacter() + "per_cpu_ptr_to_phys".length()));
            t.ws.change(d.uri(), d.version() + 1, List.of(new TextDocumentContentChangeEvent(word, "__pa")));
            t.settle();
            Document typed = t.ws.documents().get(d.uri());
            assertTrue(typed.text().contains("__pa(get_cpu_gdt_rw(cpu))"), typed.text());
            List<Diagnostic> diags = percpu(t, typed);
            assertEquals(1, diags.size(), diags.toString());
            Diagnostic e = diags.get(0);
            assertEquals(DiagnosticSeverity.Error, e.getSeverity());
            assertEquals(p.getLine(), e.getRange().getStart().getLine());
            assertTrue(e.getMessage().startsWith("__pa() of a per-cpu address: get_cpu_gdt_rw(cpu) points into the "
                    + "per-cpu area (from per_cpu(gdt_page, cpu) at arch/x86/include/asm/desc.h:25)"), e.getMessage());
            assertTrue(e.getRelatedInformation().get(0).getLocation().getUri().endsWith("arch/x86/include/asm/desc.h"),
                    e.getRelatedInformation().toString());

            List<CodeAction> fixes = t.actions(typed, e.getRange(), List.of("quickfix"));
            assertEquals(List.of("Use per_cpu_ptr_to_phys() instead of __pa()",
                    "Use slow_virt_to_phys() instead of __pa()"), fixes.stream().map(CodeAction::getTitle).toList());
            assertTrue(fixes.get(0).getIsPreferred());

            // hover on the argument: where it points
            String md = new HoverHandler(t.ws.cSide()).hover(t.snapshot(), typed, at(typed, "get_cpu_gdt_rw(cpu))", 16))
                    .getContents().getRight().getValue();
            assertTrue(md.contains("`get_cpu_gdt_rw(cpu)` points into the per-cpu area (from per_cpu(gdt_page, cpu) "
                    + "at arch/x86/include/asm/desc.h:25)"), md);

            TextEdit fix = fixes.get(0).getEdit().getChanges().get(typed.uri()).get(0);
            t.ws.change(typed.uri(), typed.version() + 1,
                    List.of(new TextDocumentContentChangeEvent(fix.getRange(), fix.getNewText())));
            t.settle();
            Document fixed = t.ws.documents().get(d.uri());
            assertTrue(fixed.text().contains("per_cpu_ptr_to_phys(get_cpu_gdt_rw(cpu))"), fixed.text());
            assertEquals(List.of(), percpu(t, fixed));
        }
    }
}

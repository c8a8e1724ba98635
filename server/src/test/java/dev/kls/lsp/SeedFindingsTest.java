package dev.kls.lsp;

import static dev.kls.lsp.TestTree.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.lsp.handlers.HoverHandler;
import java.nio.file.Files;
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
 * The engine's rules in the editor: seed 000's page-aligned-size error on
 * mmu.c with its witness and fixes, the fix applied as a client applies it,
 * and the rules' settings from .kls.json and the editor.
 */
class SeedFindingsTest {

    static final String MMU = "arch/x86/xen/mmu.c";

    private static Diagnostic pageAligned(List<Diagnostic> diags) {
        return diags.stream().filter(d -> d.getCode().getLeft().equals("page-aligned-size")).findFirst()
                .orElseThrow(() -> new AssertionError("no page-aligned-size diagnostic: " + diags));
    }

    @Test
    void withoutAConfigurationTheWitnessIsSearchedAsKlsLintDoes(@TempDir Path dir) throws Exception {
        TestTree.copy(TestTree.repo().resolve("test-workspace/xen-p2m-2008"), dir);
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\"}")) {
            assertEquals(null, t.snapshot().checked(), "values from x86_64_defconfig, but no configuration checked");
            Document d = t.open(MMU);
            Diagnostic p = pageAligned(t.diagnostics(d));
            assertEquals(DiagnosticSeverity.Error, p.getSeverity());
            assertEquals(new Range(new Position(24, 21), new Position(24, 37)), p.getRange());
            // The same lines kls lint prints (test-workspace/xen-p2m-2008/EXPECTED).
            assertEquals("p2m_top_mfn_list is 8 bytes in .bss.page_aligned, not a whole number of pages (4096): every "
                    + "object after it in the section loses its page alignment\n"
                    + "when: 64BIT=n PARAVIRT_GUEST=y XEN=y XEN_MAX_DOMAIN_MEMORY=8\n"
                    + "condition: [c: sizeof(p2m_top_mfn_list) % PAGE_SIZE != 0]", p.getMessage());
            assertEquals(1, p.getRelatedInformation().size());
            assertEquals(t.uri(MMU), p.getRelatedInformation().get(0).getLocation().getUri());
            assertEquals("placed in .bss.page_aligned here", p.getRelatedInformation().get(0).getMessage());

            List<CodeAction> fixes = t.actions(d, p.getRange(), List.of("quickfix"));
            assertEquals(List.of("Round the length of p2m_top_mfn_list up to whole pages",
                    "Align p2m_top_mfn_list to a page of its own", "Move p2m_top_mfn_list out of the page-aligned section"),
                    fixes.stream().map(CodeAction::getTitle).toList());
            assertTrue(fixes.get(0).getIsPreferred());
            assertFalse(fixes.get(1).getIsPreferred());

            // Applied as an editor applies a workspace edit: the edits become a didChange.
            List<TextEdit> edits = fixes.get(0).getEdit().getChanges().get(d.uri());
            assertEquals(1, edits.size());
            TextEdit e = edits.get(0);
            t.ws.change(d.uri(), d.version() + 1, List.of(new TextDocumentContentChangeEvent(e.getRange(), e.getNewText())));
            t.settle();
            Document fixed = t.ws.documents().get(d.uri());
            assertTrue(fixed.text().contains("p2m_top_mfn_list[PAGE_ALIGN(TOP_ENTRIES / P2M_ENTRIES_PER_PAGE)]"),
                    fixed.text());
            assertTrue(t.diagnostics(fixed).stream().noneMatch(x -> x.getCode().getLeft().equals("page-aligned-size")),
                    t.diagnostics(fixed).toString());
        }
    }

    @Test
    void aConfigurationSettingIsWhatTheRulesCheck(@TempDir Path dir) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("tree"));
        TestTree.copy(TestTree.repo().resolve("test-workspace/xen-p2m-2008"), copy);
        try (TestTree t = TestTree.of(copy, "{\"arch\":\"i386\",\"config\":\"arch/x86/configs/i386_defconfig\"}")) {
            assertTrue(t.snapshot().checked() != null, "the configured file is checked");
            Diagnostic p = pageAligned(t.diagnostics(t.open(MMU)));
            assertTrue(p.getMessage().contains("\nwhen: ") && p.getMessage().contains("XEN=y")
                    && p.getMessage().contains("64BIT=n") && p.getMessage().contains("XEN_MAX_DOMAIN_MEMORY=8"),
                    p.getMessage());
        }
        try (TestTree t = TestTree.of(copy, "{\"arch\":\"x86\",\"config\":\"arch/x86/configs/x86_64_defconfig\"}")) {
            // 64-bit: 512 pointers of 8 bytes fill the page; nothing to say in this configuration.
            assertTrue(t.diagnostics(t.open(MMU)).stream()
                    .noneMatch(x -> x.getCode().getLeft().equals("page-aligned-size")));
        }
    }

    @Test
    void klsJsonSettingsApplyAndTheEditorsRulesSettingWins(@TempDir Path dir) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("tree"));
        TestTree.copy(TestTree.repo().resolve("test-workspace/xen-p2m-2008"), copy);
        Files.writeString(copy.resolve(".kls.json"), "{\"rules\": {\"page-aligned-size\": {\"severity\": \"warning\"}}}\n");
        try (TestTree t = TestTree.of(copy, "{\"arch\":\"i386\"}")) {
            assertEquals(DiagnosticSeverity.Warning, pageAligned(t.diagnostics(t.open(MMU))).getSeverity());
        }
        try (TestTree t = TestTree.of(copy, "{\"arch\":\"i386\",\"rules\":{\"page-aligned-size\":\"hint\"}}")) {
            assertEquals(DiagnosticSeverity.Hint, pageAligned(t.diagnostics(t.open(MMU))).getSeverity());
        }
        Files.writeString(copy.resolve(".kls.json"), "{\"rules\": {\"page-aligned-size\": {\"enabled\": false}}}\n");
        try (TestTree t = TestTree.of(copy, "{\"arch\":\"i386\"}")) {
            assertTrue(t.diagnostics(t.open(MMU)).isEmpty());
            // A broken settings file is reported in it, with its line, when it is open.
            Document s = t.open(".kls.json", "{\"rules\": {\"page-aligned-sise\": {}}}\n");
            Diagnostic bad = t.diagnostics(s).get(0);
            assertEquals("invalid-settings", bad.getCode().getLeft());
            assertTrue(bad.getMessage().contains("did you mean \"page-aligned-size\"?"), bad.getMessage());
        }
    }

    @Test
    void hoverOnACConfigNameAndOnAnObject(@TempDir Path dir) throws Exception {
        try (TestTree t = TestTree.xen(dir, "arch/x86/xen/grant.c", "int pages = CONFIG_XEN_MAX_DOMAIN_MEMORY;\n")) {
            Document d = t.open("arch/x86/xen/grant.c");
            String md = new HoverHandler(t.ws.cSide()).hover(t.snapshot(), d, at(d, "CONFIG_XEN_MAX", 9)).getContents().getRight()
                    .getValue();
            assertTrue(md.startsWith("**XEN_MAX_DOMAIN_MEMORY** (int) = 8\n"), md);
            assertTrue(md.contains("**Depends on:** PARAVIRT_GUEST [=y] && XEN [=y] → y"), md);
            // On an object: its size and section under the current values (i386_defconfig: 32-bit, 8 GiB).
            Document mmu = t.open(MMU);
            String obj = new HoverHandler(t.ws.cSide()).hover(t.snapshot(), mmu, at(mmu, "p2m_top_mfn_list[", 3))
                    .getContents().getRight().getValue();
            assertTrue(obj.startsWith("**p2m_top_mfn_list**: `static unsigned long`"), obj);
            assertTrue(obj.contains("8 bytes in `.bss.page_aligned`."), obj);
            String top = new HoverHandler(t.ws.cSide()).hover(t.snapshot(), mmu, at(mmu, "p2m_top_mfn[", 3))
                    .getContents().getRight().getValue();
            assertTrue(top.contains("8192 bytes in `.bss.page_aligned`."), top);
        }
    }
}

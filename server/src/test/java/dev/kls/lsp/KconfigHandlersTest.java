package dev.kls.lsp;

import static dev.kls.lsp.TestTree.NEVER;
import static dev.kls.lsp.TestTree.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.lsp.handlers.CompletionHandler;
import dev.kls.lsp.handlers.DefinitionHandler;
import dev.kls.lsp.handlers.DocumentLinkHandler;
import dev.kls.lsp.handlers.DocumentSymbolHandler;
import dev.kls.lsp.handlers.FoldingRangeHandler;
import dev.kls.lsp.handlers.HoverHandler;
import dev.kls.lsp.handlers.InlayHintHandler;
import dev.kls.lsp.handlers.ReferencesHandler;
import dev.kls.lsp.handlers.RenameHandler;
import dev.kls.lsp.handlers.WorkspaceSymbolHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every feature on Kconfig files, on seed 000's tree (ARCH=i386, its i386_defconfig: XEN=y). */
class KconfigHandlersTest {

    @TempDir
    static Path dir;
    static TestTree t;

    @BeforeAll
    static void read() throws Exception {
        t = XenFixture.tree(dir);
    }

    @AfterAll
    static void close() {
        t.close();
    }

    @Test
    void valuesComeFromTheArchDefconfig() {
        assertEquals("arch/x86/configs/i386_defconfig (defconfig)", t.snapshot().configSource());
        assertEquals("y", t.snapshot().value("XEN").value());
    }

    @Test
    void hoverOnConfigGivesTypePromptValueWhyDependsSelectsHelpAndPlace() throws Exception {
        Document d = t.open("arch/x86/xen/Kconfig");
        Hover h = new HoverHandler(t.ws.cSide()).hover(t.snapshot(), d, at(d, "config XEN", 8));
        String md = h.getContents().getRight().getValue();
        // The explanation API's account: type, value, prompt, why, dependencies with values, place, help.
        assertTrue(md.startsWith("**XEN** (bool) = y\n"), md);
        assertTrue(md.contains("\"Xen guest support\" — arch/x86/xen/Kconfig:7"), md);
        assertTrue(md.contains("**Why y:** Set to y by the user. (arch/x86/configs/i386_defconfig:3)"), md);
        assertTrue(md.contains("**Depends on:** PARAVIRT_GUEST [=y] && X86_32 [=y] && X86_CMPXCHG [=y] && X86_TSC [=y] → y"),
                md);
        assertTrue(md.contains("**Defined at:** arch/x86/xen/Kconfig:6"), md);
        assertTrue(md.contains("This is the Linux Xen port."), md);
        assertTrue(md.contains("_Values: arch/x86/configs/i386_defconfig (defconfig), ARCH=i386._"), md);
        assertEquals(new Range(new Position(5, 7), new Position(5, 10)), h.getRange());

        // PARAVIRT is selected by XEN, and that is why it is y.
        Document x86 = t.open("arch/x86/Kconfig");
        String pv = new HoverHandler(t.ws.cSide()).hover(t.snapshot(), x86, at(x86, "config PARAVIRT\n", 8))
                .getContents().getRight().getValue();
        assertTrue(pv.contains("**Selected by:**\n- XEN [=y]"), pv);
        assertTrue(pv.contains("**Why y:** Selected by XEN"), pv);
    }

    /** The values a symbol can take over every configuration: worked out off the hover, then shown. */
    @Test
    void hoverSaysWhichValuesEveryConfigurationAllows() throws Exception {
        HoverHandler hover = new HoverHandler(t.ws.cSide());
        Document d = t.open("arch/x86/xen/Kconfig");
        String first = hover.hover(t.snapshot(), d, at(d, "config XEN", 8)).getContents().getRight().getValue();
        String md = first;
        for (int i = 0; i < 1200 && !md.contains("**In every configuration of i386**"); i++) {
            assertTrue(md.contains("kls is working out which values XEN can take on i386; ask again shortly."), md);
            Thread.sleep(50);
            md = hover.hover(t.snapshot(), d, at(d, "config XEN", 8)).getContents().getRight().getValue();
        }
        assertTrue(md.contains("**In every configuration of i386**\n"
                + "- `y`: can be, e.g. `make allyesconfig`\n"
                + "- `n`: can be, e.g. `make alldefconfig`\n"), md);
        assertTrue(!md.contains("- `m`"), "XEN is bool: " + md);
        System.out.println(md);
    }

    @Test
    void hoverOnAUseInAnExpression() throws Exception {
        Document d = t.open("drivers/xen/Kconfig");
        String md = new HoverHandler(t.ws.cSide()).hover(t.snapshot(), d, at(d, "depends on XEN", 11))
                .getContents().getRight().getValue();
        assertTrue(md.startsWith("**XEN** (bool) = y"), md);
        assertNull(new HoverHandler(t.ws.cSide()).hover(t.snapshot(), d, at(d, "menu \"Xen", 1)));
    }

    @Test
    void definitionOfASymbolAndOfASourceStatement() throws Exception {
        Document d = t.open("drivers/xen/Kconfig");
        List<Location> defs = new DefinitionHandler().definition(t.snapshot(), d, at(d, "depends on XEN", 12));
        assertEquals(1, defs.size());
        assertEquals(t.uri("arch/x86/xen/Kconfig"), defs.get(0).getUri());
        assertEquals(5, defs.get(0).getRange().getStart().getLine());

        Document x86 = t.open("arch/x86/Kconfig");
        List<Location> src = new DefinitionHandler().definition(t.snapshot(), x86, at(x86, "source \"arch/x86/xen"));
        assertEquals(List.of(t.uri("arch/x86/xen/Kconfig")), src.stream().map(Location::getUri).toList());
    }

    @Test
    void referencesAcrossKconfigCMakefilesAndDefconfigs() throws Exception {
        Document d = t.open("arch/x86/xen/Kconfig");
        List<Location> refs = new ReferencesHandler().references(t.snapshot(), t.ws.documents().all(), d,
                at(d, "config XEN", 8), true, NEVER);
        Set<String> where = refs.stream().map(l -> t.root.relativize(Path.of(java.net.URI.create(l.getUri())))
                + ":" + (l.getRange().getStart().getLine() + 1)).collect(Collectors.toSet());
        assertEquals(Set.of("arch/x86/xen/Kconfig:6", "arch/x86/xen/Kconfig:19", "drivers/xen/Kconfig:3",
                "arch/x86/configs/i386_defconfig:3", XenFixture.C_FILE + ":1", XenFixture.C_FILE + ":3",
                XenFixture.C_FILE + ":7", XenFixture.MAKEFILE + ":1"), where);
        List<Location> noDecl = new ReferencesHandler().references(t.snapshot(), t.ws.documents().all(), d,
                at(d, "config XEN", 8), false, NEVER);
        assertEquals(refs.size() - 1, noDecl.size());
    }

    @Test
    void completionOfStatementsAttributesAndSymbols() throws Exception {
        Document d = t.open("init/Kconfig");
        CompletionHandler c = new CompletionHandler();
        List<String> top = labels(c.complete(t.snapshot(), d, new Position(2, 0)).getItems());
        assertTrue(top.contains("config") && top.contains("menuconfig") && top.contains("source"), top.toString());
        List<CompletionItem> inside = c.complete(t.snapshot(), d, at(d, "\tdefault y", 1)).getItems();
        CompletionItem dep = inside.stream().filter(i -> i.getLabel().equals("depends on")).findFirst().orElseThrow();
        CompletionItem cfg = inside.stream().filter(i -> i.getLabel().equals("config")).findFirst().orElseThrow();
        assertTrue(dep.getSortText().compareTo(cfg.getSortText()) < 0, "attributes first inside an entry");

        Document x = t.open("drivers/xen/Kconfig.new", "config FOO\n\tbool\n\tdepends on XEN_\n");
        List<String> syms = labels(c.complete(t.snapshot(), x, new Position(2, 16)).getItems());
        assertEquals(List.of("XEN_MAX_DOMAIN_MEMORY", "XEN_SAVE_RESTORE", "XEN_BALLOON", "XEN_BLKDEV_FRONTEND",
                "XEN_NETDEV_FRONTEND"), syms);
    }

    @Test
    void renameEverywhere() throws Exception {
        Document d = t.open("arch/x86/xen/Kconfig");
        WorkspaceEdit e = new RenameHandler().rename(t.snapshot(), t.ws.documents().all(), d, at(d, "config XEN", 7),
                "XEN_GUEST", NEVER);
        // Not the top Kconfig: it names CONFIG_XEN only in a comment.
        assertEquals(Set.of(t.uri("arch/x86/xen/Kconfig"), t.uri("drivers/xen/Kconfig"),
                t.uri("arch/x86/configs/i386_defconfig"), t.uri(XenFixture.C_FILE), t.uri(XenFixture.MAKEFILE)),
                e.getChanges().keySet());
        for (List<TextEdit> edits : e.getChanges().values()) {
            for (TextEdit te : edits) {
                assertEquals("XEN_GUEST", te.getNewText());
                assertEquals(3, te.getRange().getEnd().getCharacter() - te.getRange().getStart().getCharacter());
            }
        }
        assertEquals(new Range(new Position(0, 13), new Position(0, 16)),
                e.getChanges().get(t.uri(XenFixture.MAKEFILE)).get(0).getRange());
        assertNotNull(new RenameHandler().prepare(t.snapshot(), d, at(d, "config XEN", 7)));
        assertNull(new RenameHandler().prepare(t.snapshot(), d, at(d, "config XEN", 2)));
    }

    @Test
    void quickFixForAnUndefinedSymbol() {
        Document d = t.open("drivers/xen/Kconfig.typo", "config XEN_TEST\n\tbool \"t\"\n\tdepends on XEN_BALOON\n");
        List<Diagnostic> diags = t.diagnostics(d);
        assertEquals(1, diags.size(), diags.toString());
        assertEquals("undefined-symbol", diags.get(0).getCode().getLeft());
        List<CodeAction> actions = t.actions(d, diags.get(0).getRange(), null);
        assertEquals(1, actions.size());
        assertEquals("Change to 'XEN_BALLOON'", actions.get(0).getTitle());
        TextEdit te = actions.get(0).getEdit().getChanges().get(d.uri()).get(0);
        assertEquals(new Range(new Position(2, 12), new Position(2, 22)), te.getRange());
        assertEquals("XEN_BALLOON", te.getNewText());
    }

    @Test
    void kconfigProblemsKeepTheKernelWording() throws Exception {
        Document d = t.open("drivers/xen/Kconfig");
        t.edit("drivers/xen/Kconfig", d.text() + "config BROKEN\n\tdefault y\nfoo bar\n");
        Document now = t.ws.documents().get(d.uri());
        int foo = now.lines().line(now.text().indexOf("foo bar"));
        List<Diagnostic> diags = t.diagnostics(now);
        assertTrue(diags.stream().anyMatch(x -> x.getCode().getLeft().equals("kconfig-syntax")
                && x.getMessage().contains("unknown statement \"foo\"") && x.getRange().getStart().getLine() == foo),
                diags.toString());
        assertTrue(diags.stream().anyMatch(x -> x.getCode().getLeft().equals("symbol-without-type")
                && x.getMessage().equals("config symbol defined without type")), diags.toString());
        t.edit("drivers/xen/Kconfig", d.text());
        assertEquals(List.of(), t.diagnostics(d));
    }

    @Test
    void documentSymbolsAreTheMenuTree() throws Exception {
        Document d = t.open("drivers/xen/Kconfig");
        List<DocumentSymbol> syms = new DocumentSymbolHandler().symbols(t.snapshot(), d);
        assertEquals(1, syms.size());
        assertEquals("Xen driver support", syms.get(0).getName());
        assertEquals(List.of("XEN_BALLOON", "XEN_BLKDEV_FRONTEND", "XEN_NETDEV_FRONTEND", "HVC_XEN"),
                syms.get(0).getChildren().stream().map(DocumentSymbol::getName).toList());
        assertEquals("bool \"Xen memory balloon driver\"", syms.get(0).getChildren().get(0).getDetail());
    }

    @Test
    void workspaceSymbols() {
        List<String> names = new WorkspaceSymbolHandler().symbols(t.snapshot(), "xen_b", NEVER).stream()
                .map(WorkspaceSymbol::getName).toList();
        assertEquals(List.of("XEN_BALLOON", "XEN_BLKDEV_FRONTEND"), names);
    }

    @Test
    void inlayHintsShowValuesAfterConfigNames() throws Exception {
        Document d = t.open("drivers/xen/Kconfig");
        List<InlayHint> hints = new InlayHintHandler(t.ws.cSide()).hints(t.snapshot(), d,
                new Range(new Position(0, 0), new Position(100, 0)));
        assertEquals(List.of("= n@4:18", "= n@11:26", "= n@15:26", "= y@19:14"), hints.stream()
                .map(h -> h.getLabel().getLeft() + "@" + h.getPosition().getLine() + ":"
                        + h.getPosition().getCharacter()).toList());
    }

    @Test
    void foldingOfBlocksEntriesAndHelp() throws Exception {
        Document d = t.open("arch/x86/Kconfig");
        List<FoldingRange> folds = new FoldingRangeHandler(t.ws.cSide()).ranges(t.snapshot(), d);
        Set<String> spans = folds.stream().map(f -> f.getStartLine() + 1 + "-" + (f.getEndLine() + 1))
                .collect(Collectors.toSet());
        assertTrue(spans.contains("40-50"), "if PARAVIRT_GUEST ... endif: " + spans);
        assertTrue(spans.contains("3-8"), "config 64BIT with its help: " + spans);
        assertTrue(spans.contains("6-8"), "the help text of 64BIT: " + spans);
    }

    @Test
    void documentLinksForSourceStatements() throws Exception {
        Document d = t.open("Kconfig");
        List<String> targets = new DocumentLinkHandler().links(t.snapshot(), d).stream().map(l -> l.getTarget())
                .toList();
        assertEquals(List.of(t.uri("init/Kconfig"), t.uri("arch/x86/Kconfig"), t.uri("drivers/xen/Kconfig")),
                targets);
    }

    private static List<String> labels(List<CompletionItem> items) {
        return items.stream().map(CompletionItem::getLabel).toList();
    }
}

package dev.kls.lsp;

import static dev.kls.lsp.TestTree.NEVER;
import static dev.kls.lsp.TestTree.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.lsp.handlers.CompletionHandler;
import dev.kls.lsp.handlers.DefinitionHandler;
import dev.kls.lsp.handlers.FoldingRangeHandler;
import dev.kls.lsp.handlers.HoverHandler;
import dev.kls.lsp.handlers.InlayHintHandler;
import dev.kls.lsp.handlers.ReferencesHandler;
import dev.kls.lsp.handlers.RenameHandler;
import dev.kls.lsp.handlers.SemanticTokensHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every feature on C files and .config/defconfig files, on seed 000's tree (ARCH=i386, XEN=y, 64BIT=n). */
class CAndDotConfigHandlersTest {

    @TempDir
    static Path dir;
    static TestTree t;
    static Document c;
    static Document defconfig;

    @BeforeAll
    static void read() throws Exception {
        t = XenFixture.tree(dir);
        c = t.open(XenFixture.C_FILE);
        defconfig = t.open("arch/x86/configs/i386_defconfig");
    }

    @AfterAll
    static void close() {
        t.close();
    }

    @Test
    void hoverOnConfigXAndInsideIsEnabled() {
        HoverHandler h = new HoverHandler(t.ws.cSide());
        String md = h.hover(t.snapshot(), c, at(c, "#ifdef CONFIG_XEN", 10)).getContents().getRight().getValue();
        assertTrue(md.startsWith("**XEN** (bool) = y\n"), md);
        String pm = h.hover(t.snapshot(), c, at(c, "IS_ENABLED(CONFIG_PM)", 14)).getContents().getRight().getValue();
        assertTrue(pm.startsWith("**PM** (bool) = y\n") && pm.contains("**Why y:** Default"), pm);
        assertEquals(new Range(new Position(9, 24), new Position(9, 26)),
                h.hover(t.snapshot(), c, at(c, "IS_ENABLED(CONFIG_PM)", 14)).getRange());
        String typo = h.hover(t.snapshot(), c, at(c, "CONFIG_XEN_BALLON", 3)).getContents().getRight().getValue();
        assertTrue(typo.contains("Not defined in any Kconfig file of the tree."), typo);
    }

    @Test
    void hoverAndDefinitionOnADefconfigLine() {
        String md = new HoverHandler(t.ws.cSide()).hover(t.snapshot(), defconfig,
                at(defconfig, "CONFIG_XEN_MAX_DOMAIN_MEMORY=8", 29)).getContents().getRight().getValue();
        assertTrue(md.startsWith("**XEN_MAX_DOMAIN_MEMORY** (int) = 8\n")
                && md.contains("**Why 8:** Set to 8 by the user. (arch/x86/configs/i386_defconfig:4)"), md);
        List<Location> l = new DefinitionHandler().definition(t.snapshot(), defconfig,
                at(defconfig, "# CONFIG_64BIT is not set", 20));
        assertEquals(t.uri("arch/x86/Kconfig"), l.get(0).getUri());
        assertEquals(2, l.get(0).getRange().getStart().getLine());
    }

    @Test
    void definitionFromC() {
        List<Location> l = new DefinitionHandler().definition(t.snapshot(), c, at(c, "CONFIG_XEN_MAX_DOMAIN_MEMORY", 8));
        assertEquals(List.of(t.uri("arch/x86/xen/Kconfig")), l.stream().map(Location::getUri).toList());
        assertEquals(15, l.get(0).getRange().getStart().getLine());
    }

    @Test
    void referencesFromCIncludeKconfigAndDefconfig() {
        List<Location> refs = new ReferencesHandler().references(t.snapshot(), t.ws.documents().all(), c,
                at(c, "CONFIG_XEN_MAX_DOMAIN_MEMORY", 8), true, NEVER);
        Set<String> files = refs.stream().map(x -> t.root.relativize(Path.of(java.net.URI.create(x.getUri())))
                .toString()).collect(Collectors.toSet());
        assertEquals(Set.of("arch/x86/xen/Kconfig", "arch/x86/configs/i386_defconfig", XenFixture.C_FILE,
                "arch/x86/include/asm/xen/page.h"), files);
    }

    @Test
    void completionOfConfigNamesAndDotconfigValues() {
        CompletionHandler h = new CompletionHandler();
        Document d = t.open("arch/x86/xen/new.c", "int x = CONFIG_XEN_M\n");
        List<String> names = h.complete(t.snapshot(), d, new Position(0, 20)).getItems().stream()
                .map(CompletionItem::getLabel).toList();
        assertEquals(List.of("CONFIG_XEN_MAX_DOMAIN_MEMORY"), names);
        Document cfg = t.open("arch/x86/configs/new_defconfig", "CONFIG_XEN_BLK\nCONFIG_XEN_BLKDEV_FRONTEND=\n");
        assertEquals(List.of("CONFIG_XEN_BLKDEV_FRONTEND"), h.complete(t.snapshot(), cfg, new Position(0, 14))
                .getItems().stream().map(CompletionItem::getLabel).toList());
        assertEquals(List.of("y", "m", "n"), h.complete(t.snapshot(), cfg, new Position(1, 27)).getItems().stream()
                .map(CompletionItem::getLabel).toList());
    }

    @Test
    void renameFromCReachesKconfigMakefileDefconfigAndComments() {
        WorkspaceEdit e = new RenameHandler().rename(t.snapshot(), t.ws.documents().all(), c,
                at(c, "#ifdef CONFIG_XEN", 9), "CONFIG_XENIFIED", NEVER);
        List<String> inC = e.getChanges().get(c.uri()).stream()
                .map(x -> x.getRange().getStart().getLine() + 1 + ":" + x.getNewText()).toList();
        assertEquals(List.of("1:XENIFIED", "3:XENIFIED", "7:XENIFIED"), inC);
        assertTrue(e.getChanges().containsKey(t.uri("arch/x86/xen/Kconfig")));
        assertTrue(e.getChanges().containsKey(t.uri(XenFixture.MAKEFILE)));
        assertTrue(e.getChanges().containsKey(t.uri("arch/x86/configs/i386_defconfig")));
    }

    @Test
    void renameCoversTheModuleMacroOfATristate() {
        Document d = t.open("drivers/xen/blk.c", "#ifdef CONFIG_XEN_BLKDEV_FRONTEND_MODULE\n#endif\n");
        WorkspaceEdit e = new RenameHandler().rename(t.snapshot(), t.ws.documents().all(), d,
                at(d, "CONFIG_XEN_BLKDEV", 10), "XEN_BLK", NEVER);
        assertEquals(new Range(new Position(0, 14), new Position(0, 33)), e.getChanges().get(d.uri()).get(0).getRange());
        assertTrue(e.getChanges().containsKey(t.uri("drivers/xen/Kconfig")));
    }

    @Test
    void undefinedConfigNameInCHasAFix() {
        List<Diagnostic> diags = t.diagnostics(c);
        assertEquals(1, diags.size(), diags.toString());
        Diagnostic d = diags.get(0);
        assertEquals("undefined-symbol", d.getCode().getLeft());
        assertEquals(16, d.getRange().getStart().getLine());
        List<CodeAction> a = t.actions(c, d.getRange(), List.of("quickfix"));
        assertEquals("Change to 'CONFIG_XEN_BALLOON'", a.get(0).getTitle());
        assertEquals("XEN_BALLOON", a.get(0).getEdit().getChanges().get(c.uri()).get(0).getNewText());
        assertEquals(List.of(), t.actions(c, d.getRange(), List.of("refactor")));
    }

    @Test
    void dotconfigProblemsAsConfWarnsThemWithAFixForUnknownNames() {
        Document d = t.open("arch/x86/configs/bad_defconfig", "CONFIG_XEN=y\nCONFIG_XEN_BALOON=y\nCONFIG_PM\n"
                + "CONFIG_NR_CPUS=lots\n");
        List<Diagnostic> diags = t.diagnostics(d);
        List<String> got = diags.stream().map(x -> x.getRange().getStart().getLine() + 1 + ":" + x.getCode().getLeft()
                + ":" + x.getMessage()).toList();
        assertEquals(List.of("2:dotconfig-line:unknown symbol: XEN_BALOON",
                "3:dotconfig-line:no '=' in 'CONFIG_PM': the line is ignored",
                "4:dotconfig-line:symbol value 'lots' invalid for NR_CPUS"), sorted(got));
        Diagnostic unknown = diags.stream().filter(x -> x.getMessage().startsWith("unknown")).findFirst().orElseThrow();
        CodeAction fix = t.actions(d, unknown.getRange(), null).get(0);
        assertEquals("Change to 'CONFIG_XEN_BALLOON'", fix.getTitle());
        assertEquals(new Range(new Position(1, 7), new Position(1, 17)),
                fix.getEdit().getChanges().get(d.uri()).get(0).getRange());
    }

    @Test
    void inlayHintsAfterConfigNamesInCodeOnly() {
        List<String> hints = new InlayHintHandler(t.ws.cSide()).hints(t.snapshot(), c,
                new Range(new Position(0, 0), new Position(30, 0))).stream()
                .map(h -> h.getPosition().getLine() + 1 + ":" + h.getLabel().getLeft()).toList();
        assertEquals(List.of("3:= y", "8:= n", "8:= n", "10:= y", "16:= 8", "17:= n"), hints);
    }

    @Test
    void semanticTokensMarkInactiveBranchesOnly() {
        List<Integer> data = new SemanticTokensHandler(t.ws.cSide()).full(t.snapshot(), c).getData();
        List<Integer> lines = new ArrayList<>();
        int line = 0;
        for (int i = 0; i < data.size(); i += 5) {
            line += data.get(i);
            lines.add(line + 1);
            assertEquals(0, data.get(i + 3), "token type: comment");
            assertEquals(1, data.get(i + 4), "modifier: inactive");
        }
        // #else of an active #ifdef, a false #if, an #elif false because SOMETHING_ELSE is no macro (0, as cpp
        // takes it), #if 0 and an undefined name.
        assertEquals(List.of(6, 9, 11, 14, 18), lines);
    }

    @Test
    void foldingOfIfBranches() {
        Set<String> folds = new FoldingRangeHandler(t.ws.cSide()).ranges(t.snapshot(), c).stream()
                .map(f -> f.getStartLine() + 1 + "-" + (f.getEndLine() + 1)).collect(Collectors.toSet());
        assertEquals(Set.of("3-4", "5-6", "8-9", "10-11", "13-14", "17-18"), folds);
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        java.util.Collections.sort(s);
        return s;
    }
}

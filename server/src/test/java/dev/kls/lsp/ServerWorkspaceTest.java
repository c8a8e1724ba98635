package dev.kls.lsp;

import static dev.kls.lsp.TestTree.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.kls.lsp.handlers.CompletionHandler;
import dev.kls.lsp.handlers.HoverHandler;
import dev.kls.lsp.handlers.ReferencesHandler;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.MacroCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace itself: reading, progress, edits, settings, cancellation. */
class ServerWorkspaceTest {

    static final String[] SMALL = {
        "Kconfig", "mainmenu \"Test\"\nsource \"arch/$(SRCARCH)/Kconfig\"\n",
        "arch/x86/Kconfig", "config X86\n\tdef_bool y\n\nconfig A\n\tbool \"A\"\n\tdefault y\n\nconfig B\n\tbool \"B\"\n"
            + "\tdepends on A\n\tdefault y\n\tselect C\n\nconfig C\n\tbool\n",
    };

    @Test
    void readingReportsProgressFromBeginToEnd(@TempDir Path dir) throws Exception {
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\"}", SMALL)) {
            assertTrue(t.progress.get(0).startsWith("begin"), t.progress.toString());
            assertTrue(t.progress.stream().anyMatch(p -> p.startsWith("report")), t.progress.toString());
            assertTrue(t.progress.get(t.progress.size() - 1).startsWith("end indexed"), t.progress.toString());
            assertEquals("alldefconfig (no .config and no defconfig for ARCH=x86)", t.snapshot().configSource());
            assertEquals("y", t.snapshot().value("C").value());
        }
    }

    @Test
    void requestsBeforeTheTreeIsReadGetPartialAnswers(@TempDir Path dir) {
        ServerWorkspace ws = new ServerWorkspace(dir, Map.of(), p -> { }, () -> ProgressReporter.NONE);
        Document d = new Document(dir.resolve("a.c").toUri().toString(), "a.c", FileKind.C, 1, "int x = CONFIG_A;\n");
        String md = new HoverHandler(ws.cSide()).hover(ws.snapshot(), d, new Position(0, 10))
                .getContents().getRight().getValue();
        assertTrue(md.contains("still reading"), md);
        assertTrue(new CompletionHandler().complete(ws.snapshot(), d, new Position(0, 16)).isIncomplete());
        assertEquals(List.of(), new ReferencesHandler().references(ws.snapshot(), List.of(d), d, new Position(0, 10),
                true, TestTree.NEVER).stream().filter(l -> !l.getUri().equals(d.uri())).toList());
        ws.shutdown();
    }

    @Test
    void anEditOfAKconfigFileReachesTheModelAndTheValues(@TempDir Path dir) throws Exception {
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\"}", SMALL)) {
            Document d = t.open("arch/x86/Kconfig");
            String edited = d.text().replace("config A\n\tbool \"A\"\n\tdefault y", "config A\n\tbool \"A\"\n\tdefault n")
                    + "\nconfig NEW\n\tint \"new\"\n\tdefault 42\n";
            t.edit("arch/x86/Kconfig", edited);
            assertEquals("n", t.snapshot().value("A").value());
            assertEquals("n", t.snapshot().value("B").value(), "B depends on A");
            assertEquals("n", t.snapshot().value("C").value(), "C was selected by B");
            assertEquals("42", t.snapshot().value("NEW").value());
            Document now = t.ws.documents().get(t.uri("arch/x86/Kconfig"));
            String md = new HoverHandler(t.ws.cSide()).hover(t.snapshot(), now, at(now, "config NEW", 8))
                    .getContents().getRight().getValue();
            assertTrue(md.startsWith("**NEW** (int) = 42\n") && md.contains("**Why 42:** Default 42."), md);
            // Diagnostics went out for the new version.
            assertEquals(2, t.published.get(now.uri()).getVersion());
            // Closing goes back to the disk's text.
            t.ws.close(now.uri());
            t.settle();
            assertEquals("y", t.snapshot().value("A").value());
        }
    }

    @Test
    void aNewSourceStatementInAnEditReadsItsFile(@TempDir Path dir) throws Exception {
        String[] files = {SMALL[0], SMALL[1], SMALL[2], SMALL[3], "drivers/Kconfig", "config DRV\n\tbool \"d\"\n\tdefault y\n"};
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\"}", files)) {
            assertNull(t.snapshot().value("DRV"));
            t.open("Kconfig");
            t.edit("Kconfig", SMALL[1] + "source \"drivers/Kconfig\"\nsource \"missing/Kconfig\"\n");
            assertEquals("y", t.snapshot().value("DRV").value());
            assertTrue(t.published.get(t.uri("Kconfig")).getDiagnostics().stream()
                    .anyMatch(x -> x.getMessage().equals("can't open file \"missing/Kconfig\"")
                            && x.getRange().getStart().getLine() == 3));
        }
    }

    /** What `kls lint --allow-shell` recorded in .kls/macro-cache.json, the editor uses too: one value per tree. */
    @Test
    void theEditorReadsTheMacroCacheTheCommandLineWrites(@TempDir Path dir) throws Exception {
        String[] files = {SMALL[0], SMALL[1], "arch/x86/Kconfig", "config X86\n\tdef_bool y\n\n"
                + "config CC_HAS_X\n\tdef_bool $(shell,echo y)\n"};
        for (int i = 0; i < files.length; i += 2) {
            Files.createDirectories(dir.resolve(files[i]).getParent());
            Files.writeString(dir.resolve(files[i]), files[i + 1]);
        }
        // Without the cache (and without shell) the command is not run: CC_HAS_X has no y.
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\"}")) {
            assertEquals("n", t.snapshot().value("CC_HAS_X").value());
        }
        Kconfig.load(dir, "x86", true, Map.of(), MacroCache.defaultFile(dir));
        assertTrue(Files.isRegularFile(MacroCache.defaultFile(dir)), "the allowed run wrote the cache");
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\"}")) {
            assertEquals("y", t.snapshot().value("CC_HAS_X").value(), "the cached result of $(shell,echo y)");
        }
    }

    /** A source statement typed in the editor follows the loader's rule: nothing outside the tree is read. */
    @Test
    void aNewSourceThroughASymbolicLinkOutOfTheTreeIsNotRead(@TempDir Path dir) throws Exception {
        Path tree = dir.resolve("tree");
        Path outside = dir.resolve("outside/Kconfig");
        Files.createDirectories(outside.getParent());
        Files.writeString(outside, "config OUTSIDE_SECRET\n\tdef_bool y\n");
        try (TestTree t = TestTree.of(tree, "{\"arch\":\"x86\"}", SMALL)) {
            Files.createSymbolicLink(tree.resolve("arch/x86/Kconfig.link"), outside);
            t.open("Kconfig");
            t.edit("Kconfig", SMALL[1] + "source \"arch/x86/Kconfig.link\"\n");
            assertNull(t.snapshot().value("OUTSIDE_SECRET"), "a file outside the tree was read");
            assertTrue(t.published.get(t.uri("Kconfig")).getDiagnostics().stream()
                    .anyMatch(x -> x.getMessage().equals("\"arch/x86/Kconfig.link\" leads outside the source tree "
                            + "through a symbolic link; not reading it") && x.getRange().getStart().getLine() == 2),
                    t.published.get(t.uri("Kconfig")).getDiagnostics().toString());
        }
    }

    @Test
    void aCEditIsAnalysedAlone(@TempDir Path dir) throws Exception {
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\"}", SMALL)) {
            Snapshot before = t.snapshot();
            t.open("a.c", "int a = CONFIG_A;\n");
            t.edit("a.c", "int a = CONFIG_AA;\n");
            assertTrue(before == t.snapshot(), "a C edit leaves the Kconfig snapshot alone");
            assertEquals("undefined-symbol", t.published.get(t.uri("a.c")).getDiagnostics().get(0).getCode().getLeft());
            assertEquals(List.of(new Range(new Position(0, 15), new Position(0, 17))),
                    t.snapshot().index().of("a.c").stream().map(o -> Lsp.range(o.range())).toList());
        }
    }

    @Test
    void theConfigSettingAndItsOpenDocumentDecideTheValues(@TempDir Path dir) throws Exception {
        String[] files = {SMALL[0], SMALL[1], SMALL[2], SMALL[3], "my.config", "# CONFIG_A is not set\n"};
        try (TestTree t = TestTree.of(dir, "{\"kls\":{\"arch\":\"x86\",\"config\":\"my.config\"}}", files)) {
            assertEquals("my.config", t.snapshot().configSource());
            assertEquals("n", t.snapshot().value("A").value());
            t.open("my.config");
            t.edit("my.config", "CONFIG_A=y\n");
            assertEquals("y", t.snapshot().value("A").value());
        }
    }

    @Test
    void theIndexKeepsItsDefinedNamesAsFilesComeAndGo() {
        TreeIndex i = new TreeIndex();
        dev.kls.kconfig.SourceRange r = new dev.kls.kconfig.SourceRange("a/Kconfig", 1, 8, 1, 9);
        i.put("a/Kconfig", List.of(new Occurrence("A", r, Occurrence.Kind.DEFINITION),
                new Occurrence("B", r, Occurrence.Kind.KCONFIG)));
        i.put("b/Kconfig", List.of(new Occurrence("A", r, Occurrence.Kind.DEFINITION)));
        Set<String> first = i.definedAnywhere();
        assertEquals(Set.of("A"), first);
        i.put("a/Kconfig", List.of(new Occurrence("A", r, Occurrence.Kind.DEFINITION)));
        i.put("x.c", List.of(new Occurrence("B", r, Occurrence.Kind.CONFIG_MACRO)));
        assertTrue(first == i.definedAnywhere(), "the same names: the same set, not a new one");
        i.put("a/Kconfig", List.of());
        assertEquals(Set.of("A"), i.definedAnywhere(), "b/Kconfig still defines A");
        i.put("b/Kconfig", List.of(new Occurrence("C", r, Occurrence.Kind.DEFINITION)));
        assertEquals(Set.of("C"), i.definedAnywhere());
    }

    @Test
    void settingsDefaultsAndOverlay() {
        ServerSettings d = ServerSettings.parse(null, Map.of("ARCH", "arm64"));
        assertEquals("arm64", d.tree().arch);
        assertEquals(false, d.tree().allowShell);
        assertNull(d.tree().config);
        assertEquals("x86", ServerSettings.parse(null, Map.of()).tree().arch);
        ServerSettings m = ServerSettings.merged(JsonParser.parseString("{\"arch\":\"i386\",\"rules\":{\"kconfig\":\"off\"}}"),
                JsonParser.parseString("{\"kls\":{\"config\":\".config\",\"arch\":null}}"), Map.of());
        assertEquals("i386", m.tree().arch);
        assertEquals(".config", m.tree().config);
        assertEquals("off", m.rules().severity.get("kconfig"));
    }

    @Test
    void ruleSettingsTurnOffOrChangeSeverity(@TempDir Path dir) throws Exception {
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\",\"rules\":{\"undefined-symbol\":\"hint\"}}", SMALL)) {
            Document d = t.open("a.c", "int a = CONFIG_AA;\n");
            assertEquals(org.eclipse.lsp4j.DiagnosticSeverity.Hint,
                    t.diagnostics(d).get(0).getSeverity());
        }
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\",\"rules\":{\"undefined-symbol\":\"off\"}}")) {
            Document d = t.open("a.c", "int a = CONFIG_AA;\n");
            assertEquals(List.of(), t.diagnostics(d));
        }
    }

    @Test
    void cancellationStopsARequest(@TempDir Path dir) throws Exception {
        try (TestTree t = TestTree.of(dir, "{\"arch\":\"x86\"}", SMALL)) {
            Document d = t.open("a.c", "int a = CONFIG_A;\n");
            assertThrows(CancellationException.class, () -> new ReferencesHandler().references(t.snapshot(),
                    t.ws.documents().all(), d, new Position(0, 10), true, () -> {
                        throw new CancellationException("cancelled by the client");
                    }));
        }
    }

    @Test
    void incrementalChangesApplyInOrder() {
        String text = "config A\n\tbool\n";
        TextDocumentContentChangeEvent a = new TextDocumentContentChangeEvent(
                new Range(new Position(0, 7), new Position(0, 8)), "AB");
        TextDocumentContentChangeEvent b = new TextDocumentContentChangeEvent(
                new Range(new Position(1, 1), new Position(1, 5)), "tristate");
        assertEquals("config AB\n\ttristate\n", Documents.apply(text, List.of(a, b)));
        assertNotNull(Documents.apply(text, List.of(new TextDocumentContentChangeEvent("x"))));
    }
}

package dev.kls.kconfig;

import static dev.kls.kconfig.Fixtures.assertDiagnostic;
import static dev.kls.kconfig.Fixtures.assertNoDiagnostics;
import static dev.kls.kconfig.Fixtures.config;
import static dev.kls.kconfig.Fixtures.load;
import static dev.kls.kconfig.Fixtures.paths;
import static dev.kls.kconfig.Fixtures.prop;
import static dev.kls.kconfig.Fixtures.sx;
import static dev.kls.kconfig.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a tree from its root file: source statements of each kind, globs, and what goes wrong. */
class TreeLoadingTest {

    @TempDir
    Path dir;

    private static Entry.Source sourceAt(KconfigFile f, int index) {
        return (Entry.Source) f.entries().get(index);
    }

    @Test
    void sourceIsFollowedAndLinkedToItsStatement() {
        KconfigTree t = load(dir,
                "Kconfig", "config TOP\n\tbool\nsource \"sub/Kconfig\"\n",
                "sub/Kconfig", "config SUB\n\tbool\n");
        assertNoDiagnostics(t.diagnostics());
        assertEquals("Kconfig", t.root().path());
        assertEquals(List.of("sub/Kconfig", "Kconfig"), paths(t), "a sourced file is finished before its parent");
        List<KconfigFile> sub = t.filesOf(sourceAt(t.root(), 1));
        assertEquals(1, sub.size());
        assertEquals("sub/Kconfig", sub.get(0).path());
        config(sub.get(0), "SUB");
        assertEquals(dir.toAbsolutePath().normalize(), t.srctree());
    }

    @Test
    void sourceIsRelativeToTheTopOfTheTreeEvenFromASubfolder() {
        KconfigTree t = load(dir,
                "Kconfig", "source \"a/Kconfig\"\n",
                "a/Kconfig", "source \"b/Kconfig\"\n",
                "b/Kconfig", "config B\n\tbool\n",
                "a/b/Kconfig", "config WRONG\n\tbool\n");
        assertNoDiagnostics(t.diagnostics());
        assertEquals(List.of("b/Kconfig", "a/Kconfig", "Kconfig"), paths(t));
    }

    @Test
    void rsourceIsRelativeToTheFileThatSaysIt() {
        KconfigTree t = load(dir,
                "Kconfig", "source \"a/Kconfig\"\n",
                "a/Kconfig", "rsource \"b/Kconfig\"\n",
                "a/b/Kconfig", "config AB\n\tbool\n");
        assertNoDiagnostics(t.diagnostics());
        assertTrue(paths(t).contains("a/b/Kconfig"), paths(t).toString());
    }

    @Test
    void rsourceMayClimbInsideTheTree() {
        KconfigTree t = load(dir,
                "Kconfig", "source \"a/x/Kconfig\"\n",
                "a/x/Kconfig", "rsource \"../../common/Kconfig\"\n",
                "common/Kconfig", "config COMMON\n\tbool\n");
        assertNoDiagnostics(t.diagnostics());
        assertEquals(List.of("common/Kconfig", "a/x/Kconfig", "Kconfig"), paths(t));
    }

    @Test
    void osourceOfAMissingFileIsSilent() {
        KconfigTree t = load(dir, "Kconfig", "osource \"missing/Kconfig\"\norsource \"missing/Kconfig\"\n");
        assertNoDiagnostics(t.diagnostics());
        assertEquals(List.of(), t.filesOf(sourceAt(t.root(), 0)));
        assertEquals(List.of("Kconfig"), paths(t));
    }

    @Test
    void osourceOfAnExistingFileIsFollowed() {
        KconfigTree t = load(dir, "Kconfig", "osource \"x/Kconfig\"\n", "x/Kconfig", "config X\n\tbool\n");
        assertEquals(List.of("x/Kconfig", "Kconfig"), paths(t));
    }

    @Test
    void missingSourcedFileIsAnErrorAtTheSourceStatement() {
        KconfigTree t = load(dir,
                "Kconfig", "config A\n\tbool\n  source \"missing/Kconfig\"\nconfig B\n\tbool\n");
        assertDiagnostic(t.diagnostics(), "Kconfig:3:3: error: can't open file \"missing/Kconfig\"");
        assertEquals(1, t.count(KconfigSeverity.ERROR));
        config(t.root(), "B");
    }

    @Test
    void missingRootFile() {
        KconfigTree t = KconfigLoader.load(dir, "Kconfig", Fixtures.noShell());
        assertNull(t.root());
        assertDiagnostic(t.diagnostics(), "Kconfig:1:1: error: can't open file \"Kconfig\"");
    }

    @Test
    void globsAreSortedAndEachMatchIsRead() {
        KconfigTree t = load(dir,
                "Kconfig", "source \"drivers/*/Kconfig\"\n",
                "drivers/usb/Kconfig", "config USB\n\tbool\n",
                "drivers/net/Kconfig", "config NET\n\tbool\n",
                "drivers/net/Kconfig.extra", "config NOT_MATCHED\n\tbool\n");
        assertNoDiagnostics(t.diagnostics());
        assertEquals(List.of("drivers/net/Kconfig", "drivers/usb/Kconfig"),
                t.filesOf(sourceAt(t.root(), 0)).stream().map(KconfigFile::path).toList());
    }

    @Test
    void orsourceWithAGlob() {
        KconfigTree t = load(dir,
                "Kconfig", "source \"boards/Kconfig\"\n",
                "boards/Kconfig", "orsource \"*/Kconfig.board\"\norsource \"none/*.nothing\"\n",
                "boards/a/Kconfig.board", "config BOARD_A\n\tbool\n",
                "boards/b/Kconfig.board", "config BOARD_B\n\tbool\n");
        assertNoDiagnostics(t.diagnostics());
        assertEquals(List.of("boards/a/Kconfig.board", "boards/b/Kconfig.board", "boards/Kconfig", "Kconfig"), paths(t));
    }

    @Test
    void sourceOfAGlobWithoutMatchIsAnError() {
        KconfigTree t = load(dir, "Kconfig", "source \"nothing/*/Kconfig\"\n");
        assertDiagnostic(t.diagnostics(), "Kconfig:1:1: error: can't open file \"nothing/*/Kconfig\"");
    }

    @Test
    void globCharactersGlob3TakesLiterally() {
        // glob(3), as conf calls it: an unclosed '[' is a plain character, and braces are not alternatives
        KconfigTree t = load(dir,
                "Kconfig", "source \"odd/a[b\"\nsource \"odd/{c,d}\"\nsource \"odd/e[\"\n",
                "odd/a[b", "config A\n\tbool\n",
                "odd/{c,d}", "config CD\n\tbool\n",
                "odd/c", "config NOT_C\n\tbool\n");
        assertDiagnostic(t.diagnostics(), "Kconfig:3:1: error: can't open file \"odd/e[\"");
        assertEquals(1, t.count(KconfigSeverity.ERROR));
        assertEquals(List.of("odd/a[b", "odd/{c,d}", "Kconfig"), paths(t));
    }

    @Test
    void recursiveInclusionIsReportedAndStops() {
        KconfigTree t = load(dir,
                "Kconfig", "source \"a/Kconfig\"\n",
                "a/Kconfig", "config A\n\tbool\nsource \"b/Kconfig\"\n",
                "b/Kconfig", "source \"a/Kconfig\"\n");
        // conf's listing: the sourcing statements innermost first, without the root file's.
        Diagnostic d = assertDiagnostic(t.diagnostics(), "b/Kconfig:1:1: error: Recursive inclusion detected.");
        assertEquals("Recursive inclusion detected.\nInclusion path:\n  current file : a/Kconfig\n"
                + "  included from: b/Kconfig:1\n  included from: a/Kconfig:3", d.message());
        assertEquals(1, t.count(KconfigSeverity.ERROR));
        assertEquals(List.of("b/Kconfig", "a/Kconfig", "Kconfig"), paths(t));
    }

    @Test
    void aFileSourcingItself() {
        KconfigTree t = load(dir, "Kconfig", "source \"Kconfig\"\n");
        Diagnostic d = assertDiagnostic(t.diagnostics(), "Kconfig:1:1: error: Recursive inclusion detected.");
        assertEquals("Recursive inclusion detected.\nInclusion path:\n  current file : Kconfig\n"
                + "  included from: Kconfig:1", d.message());
    }

    @Test
    void theSameFileSourcedTwiceIsReadTwice() {
        KconfigTree t = load(dir,
                "Kconfig", "source \"common/Kconfig\"\nsource \"common/Kconfig\"\n",
                "common/Kconfig", "config C\n\tbool\n");
        assertNoDiagnostics(t.diagnostics());
        assertEquals(List.of("common/Kconfig", "common/Kconfig", "Kconfig"), paths(t));
        assertEquals(1, t.filesOf(sourceAt(t.root(), 1)).size());
    }

    @Test
    void sourceOutsideTheTree() {
        write(dir, "outside/Kconfig", "config OUTSIDE\n\tbool\n");
        Path tree = dir.resolve("tree");
        KconfigTree t = load(tree, "Kconfig", "source \"../outside/Kconfig\"\n");
        assertDiagnostic(t.diagnostics(),
                "Kconfig:1:1: error: \"../outside/Kconfig\" is outside the source tree; not reading it");
        assertEquals(List.of("Kconfig"), paths(t));
    }

    @Test
    void rsourceOutsideTheTree() {
        write(dir, "outside/Kconfig", "config OUTSIDE\n\tbool\n");
        Path tree = dir.resolve("tree");
        KconfigTree t = load(tree, "Kconfig", "rsource \"../outside/Kconfig\"\n");
        assertDiagnostic(t.diagnostics(), "Kconfig:1:1: error: \"../outside/Kconfig\" is outside the source tree");
    }

    @Test
    void symbolicLinkLeadingOutsideTheTree() throws Exception {
        write(dir, "outside/Kconfig", "config OUTSIDE\n\tbool\n");
        Path tree = dir.resolve("tree");
        write(tree, "Kconfig", "source \"link/Kconfig\"\nsource \"*/Kconfig\"\n");
        Files.createSymbolicLink(tree.resolve("link"), dir.resolve("outside"));
        KconfigTree t = KconfigLoader.load(tree, "Kconfig", Fixtures.noShell());
        assertDiagnostic(t.diagnostics(),
                "Kconfig:1:1: error: \"link/Kconfig\" leads outside the source tree through a symbolic link");
        assertEquals(List.of("Kconfig"), paths(t), "neither the link nor a glob through it is read");
    }

    @Test
    void absolutePathOutsideTheTree() {
        KconfigTree t = load(dir, "Kconfig", "source \"/etc/passwd\"\n");
        assertDiagnostic(t.diagnostics(), "Kconfig:1:1: error: \"/etc/passwd\" is outside the source tree");
    }

    @Test
    void oneBrokenFileDoesNotStopTheOthers() {
        KconfigTree t = load(dir,
                "Kconfig", "source \"a/Kconfig\"\nsource \"b/Kconfig\"\nconfig TOP\n\tbool\n",
                "a/Kconfig", "config A\n\tbool\n\tdepends on &&\nmenu \"never closed\"\n",
                "b/Kconfig", "config B\n\tbool\n");
        assertDiagnostic(t.diagnostics(), "a/Kconfig:3:13: error:");
        assertEquals(List.of("a/Kconfig", "b/Kconfig", "Kconfig"), paths(t));
        config(t.files().get(1), "B");
        config(t.root(), "TOP");
        assertTrue(t.diagnostics().stream().noneMatch(d -> d.range().file().equals("b/Kconfig")));
    }

    @Test
    void macrosOfASourcedFileAreSeenAfterTheSourceLine() {
        KconfigTree t = load(dir,
                "Kconfig", "source \"defs/Kconfig\"\nconfig A\n\tstring\n\tdefault \"$(FROM_SUB)\"\n",
                "defs/Kconfig", "FROM_SUB := yes\n");
        Entry.Config a = config(t.root(), "A");
        assertEquals("\"yes\"", sx(prop(a, Property.Default.class).value()));
    }

    @Test
    void macrosOfTheParentAreSeenInTheSourcedFile() {
        KconfigTree t = load(dir,
                "Kconfig", "DIR := sub\nsource \"$(DIR)/Kconfig\"\n",
                "sub/Kconfig", "config S\n\tstring\n\tdefault \"$(DIR) $(filename):$(lineno)\"\n");
        assertNoDiagnostics(t.diagnostics());
        Entry.Config s = config(t.files().get(0), "S");
        assertEquals("\"sub sub/Kconfig:3\"", sx(prop(s, Property.Default.class).value()));
    }

    @Test
    void sourceInsideBlocksIsLinkedToo() {
        KconfigTree t = load(dir,
                "Kconfig", "if X\nmenu \"m\"\nsource \"in/Kconfig\"\nendmenu\nendif\n",
                "in/Kconfig", "config IN\n\tbool\n");
        Entry.Menu m = (Entry.Menu) ((Entry.If) t.root().entries().get(0)).body().get(0);
        Entry.Source s = (Entry.Source) m.body().get(0);
        assertEquals("in/Kconfig", t.filesOf(s).get(0).path());
    }

    @Test
    void diagnosticsOfASourcedFileNameThatFile() {
        KconfigTree t = load(dir,
                "Kconfig", "source \"sub/Kconfig\"\n",
                "sub/Kconfig", "config A\n\tbool @\n");
        assertDiagnostic(t.diagnostics(), "sub/Kconfig:2:7: warning: ignoring unsupported character '@'");
        assertEquals(1, t.count(KconfigSeverity.WARNING));
    }

    @Test
    void sourcePathNeedingACommandIsNotFollowed() {
        KconfigTree t = load(dir, "Kconfig", "source \"$(shell,echo sub)/Kconfig\"\n", "sub/Kconfig", "");
        assertDiagnostic(t.diagnostics(), "Kconfig:1:1: warning: not following source \"$(shell,echo sub)/Kconfig\"");
        assertEquals(1, t.unevaluated().size());
        assertEquals("echo sub", t.unevaluated().get(0).text());
    }

    @Test
    void sourcePathFromACommandWhenAllowed() {
        write(dir, "Kconfig", "source \"$(shell,echo sub)/Kconfig\"\n", "sub/Kconfig", "config S\n\tbool\n");
        KconfigTree t = KconfigLoader.load(dir, "Kconfig",
                new MacroExpander(Map.of(), cmd -> cmd.equals("echo sub") ? "sub" : ""));
        assertNoDiagnostics(t.diagnostics());
        assertEquals(List.of("sub/Kconfig", "Kconfig"), paths(t));
        assertEquals(List.of(), t.unevaluated());
    }

    @Test
    void emptySourcePath() {
        KconfigTree t = load(dir, "Kconfig", "source \"$(NOTHING)\"\n");
        assertDiagnostic(t.diagnostics(), "Kconfig:1:1: error: source with an empty file name");
    }

    @Test
    void macroDiagnosticsAreInTheTree() {
        KconfigTree t = load(dir, "Kconfig", "source \"sub/Kconfig\"\n", "sub/Kconfig", "$(warning-if,y,from sub)\n");
        assertDiagnostic(t.diagnostics(), "sub/Kconfig:1:1: warning: from sub");
    }

    @Test
    void treeRootElsewhere() throws Exception {
        write(dir, "arch/x86/Kconfig", "config X86\n\tdef_bool y\n", "Kconfig.test", "source \"arch/x86/Kconfig\"\n");
        KconfigTree t = KconfigLoader.load(dir, "Kconfig.test", Fixtures.noShell());
        assertEquals("Kconfig.test", t.root().path());
        assertEquals(2, t.files().size());
        assertSame(t.root(), t.files().get(1));
        assertTrue(Files.isDirectory(t.srctree()));
    }
}

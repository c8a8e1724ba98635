package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KconfigCheckCommandTest {

    @TempDir
    Path tree;

    private void write(String path, String text) throws IOException {
        Path p = tree.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void minimalTree(String archKconfig) throws IOException {
        write("Kconfig", "mainmenu \"Linux/$(ARCH) Kernel Configuration\"\nsource \"arch/$(SRCARCH)/Kconfig\"\n");
        write("arch/x86/Kconfig", archKconfig);
    }

    @Test
    void cleanTreeExitsZeroWithSummary() throws IOException {
        minimalTree("config X86\n\tdef_bool y\n\nconfig XEN\n\tbool \"Xen\"\n\tdepends on X86\n");
        CliRun run = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "i386");
        assertEquals(0, run.status(), run.err());
        assertEquals("files=2 symbols=2 menu-nodes=2 errors=0 warnings=0 unevaluated-macros=0 cached-macros=0", run.out().strip());
    }

    @Test
    void aTreeThatIsNotLinuxIsReadWithKconfig() throws IOException {
        write("Kconfig", "mainmenu \"App\"\nrsource \"sub/Kconfig\"\n");
        write("sub/Kconfig", "config A\n\tbool \"a\"\n\tdepends on B\nconfig B\n\tdef_bool y\n");
        CliRun run = CliRun.of("kconfig", "check", "--kconfig", tree.resolve("Kconfig").toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertEquals("files=2 symbols=2 menu-nodes=2 errors=0 warnings=0 unevaluated-macros=0 cached-macros=0",
                run.out().strip());
        CliRun noArch = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "x86");
        assertEquals(2, noArch.status());
        assertTrue(noArch.err().contains("there is no arch/x86/Kconfig"), noArch.err());
    }

    @Test
    void errorsArePrintedGccStyleAndExitOne() throws IOException {
        minimalTree("config X86\n\tdef_bool y\n\nfrobnicate X86\n");
        CliRun run = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "x86");
        assertEquals(1, run.status());
        assertTrue(run.out().contains("arch/x86/Kconfig:4:1: error: unknown statement \"frobnicate\""), run.out());
        assertTrue(run.out().strip().endsWith("errors=1 warnings=0 unevaluated-macros=0 cached-macros=0"), run.out());
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        minimalTree("config UNTYPED\n\tdefault y\n");
        CliRun run = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "x86");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("arch/x86/Kconfig:1:1: warning: config symbol defined without type"), run.out());
    }

    @Test
    void shellIsNotRunWithoutPermissionAndIsReported() throws IOException {
        Path marker = tree.resolve("ran");
        minimalTree("config CC_OK\n\tdef_bool $(shell,touch " + marker + " && echo y)\n");
        CliRun run = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "x86");
        assertEquals(0, run.status(), run.out());
        assertFalse(Files.exists(marker), "a command ran without --allow-shell");
        assertTrue(run.out().contains("arch/x86/Kconfig:2:11: note: not evaluated: touch " + marker), run.out());
        assertTrue(run.out().strip().endsWith("unevaluated-macros=1 cached-macros=0"), run.out());
        assertFalse(Files.exists(tree.resolve(".kls")), "a run without --allow-shell writes no cache");

        CliRun allowed = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "x86",
                "--allow-shell");
        assertEquals(0, allowed.status(), allowed.out());
        assertTrue(Files.exists(marker), "--allow-shell must run the command");
        assertTrue(allowed.out().strip().endsWith("unevaluated-macros=0 cached-macros=0"), allowed.out());

        // The allowed run recorded the result in the tree; a run without permission reuses it and runs nothing.
        Path cache = tree.resolve(".kls/macro-cache.json");
        assertTrue(Files.readString(cache).contains("touch " + marker + " && echo y"), Files.readString(cache));
        Files.delete(marker);
        CliRun reused = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "x86");
        assertEquals(0, reused.status(), reused.out());
        assertFalse(Files.exists(marker), "a command ran without --allow-shell");
        assertFalse(reused.out().contains("not evaluated"), reused.out());
        assertTrue(reused.out().strip().endsWith("unevaluated-macros=0 cached-macros=1"), reused.out());
    }

    @Test
    void macroCacheLocationCanBeChosen(@TempDir Path elsewhere) throws IOException {
        minimalTree("config CC_OK\n\tdef_bool $(shell,echo y)\n");
        Path cache = elsewhere.resolve("cache.json");
        CliRun allowed = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "x86",
                "--allow-shell", "--macro-cache", cache.toString());
        assertEquals(0, allowed.status(), allowed.out());
        assertTrue(Files.isRegularFile(cache));
        assertFalse(Files.exists(tree.resolve(".kls")), "the cache went to --macro-cache, not into the tree");
        CliRun reused = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "x86",
                "--macro-cache", cache.toString(), "--format", "json");
        JsonObject o = JsonParser.parseString(reused.out()).getAsJsonObject();
        assertEquals(0, o.get("unevaluatedMacros").getAsInt(), reused.out());
        assertEquals(1, o.get("cachedMacros").getAsInt(), reused.out());
    }

    @Test
    void corruptMacroCacheIsAnErrorWithFileAndLine() throws IOException {
        minimalTree("config CC_OK\n\tdef_bool $(shell,echo y)\n");
        write(".kls/macro-cache.json", "{\n  \"version\": 1,\n  \"environments\": [ {\"env\": 3 ]\n}\n");
        CliRun run = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "x86");
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains(".kls/macro-cache.json:3:"), run.out());
        assertTrue(run.out().contains("error: corrupt macro cache"), run.out());
        // Still reported as not evaluated: the broken cache is not taken for an empty one.
        assertTrue(run.out().contains("unevaluated-macros=1"), run.out());
    }

    @Test
    void jsonHasTheCountsAndTheLists() throws IOException {
        minimalTree("config A\n\tbool \"a\"\n\tselect B\n\nconfig B\n\tint\n\n$(error-if,y,stop here)\n");
        CliRun run = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "x86", "--format", "json");
        assertEquals(1, run.status());
        JsonObject o = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals("x86", o.get("srcarch").getAsString());
        assertEquals(2, o.get("files").getAsInt());
        assertEquals(2, o.get("symbols").getAsInt());
        assertEquals(1, o.get("errors").getAsInt());
        assertEquals(1, o.get("warnings").getAsInt());
        String all = o.get("diagnostics").toString();
        assertTrue(all.contains("stop here"), all);
        assertTrue(all.contains("'B' has wrong type. 'select' only accept arguments of bool and tristate type"), all);
        JsonObject first = o.getAsJsonArray("diagnostics").get(0).getAsJsonObject();
        assertEquals("arch/x86/Kconfig", first.get("file").getAsString());
        assertTrue(first.get("line").getAsInt() > 0);
    }

    @Test
    void nothingIsReadOutsideTheTree(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("Kconfig.secret"), "config SECRET\n\tbool \"secret\"\n");
        Files.createSymbolicLink(tree.resolve("Kconfig.link"), outside.resolve("Kconfig.secret"));
        minimalTree("source \"../../" + tree.relativize(outside.resolve("Kconfig.secret")).toString().replace("\\", "/")
                + "\"\nsource \"Kconfig.link\"\n");
        CliRun run = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "x86");
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("arch/x86/Kconfig:1:1: error: ") && run.out().contains("outside the source tree"),
                run.out());
        assertTrue(run.out().contains("arch/x86/Kconfig:2:1: error: \"Kconfig.link\" leads outside the source tree"),
                run.out());
        assertTrue(run.out().contains("symbols=0"), "nothing from outside may be read: " + run.out());
    }

    @Test
    void missingTreeIsAUsageError() {
        CliRun run = CliRun.of("kconfig", "check", "--srctree", tree.resolve("nope").toString(), "--arch", "x86");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("not a kernel source tree"), run.err());
    }

    @Test
    void unknownArchIsAUsageError() throws IOException {
        minimalTree("config X86\n\tdef_bool y\n");
        CliRun run = CliRun.of("kconfig", "check", "--srctree", tree.toString(), "--arch", "vax");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("unknown arch 'vax'"), run.err());
    }

    @Test
    void badOptionIsAUsageError() {
        CliRun run = CliRun.of("kconfig", "check", "--no-such-option");
        assertEquals(2, run.status());
    }

    @Test
    void theBundledSeedScenarioReadsCleanly() {
        Path scenario = LinuxTree.repoRoot().resolve("test-workspace/xen-p2m-2008");
        CliRun run = CliRun.of("kconfig", "check", "--srctree", scenario.toString(), "--arch", "i386");
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("errors=0 warnings=0"), run.out());
    }
}

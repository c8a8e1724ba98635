package dev.kls.kconfig;

import static dev.kls.kconfig.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macro cache: an allowed run records what each $(shell,...) gave, a run
 * that is not allowed reuses it and runs nothing. Commands are run by a fake
 * that counts them.
 */
class MacroCacheTest {

    @TempDir
    Path dir;

    Path cache;

    /** The commands the fake shell was asked to run, in order. */
    final List<String> ran = new ArrayList<>();

    /** A fake /bin/sh: "echo X" gives X, "false-start" cannot run, anything else gives "n". */
    final ProcessShell.Executor fake = command -> {
        ran.add(command);
        if (command.contains("false-start")) {
            return null;
        }
        if (command.contains("--version")) {
            return "gcc (Fake) 12.2.0";
        }
        int echo = command.lastIndexOf("echo ");
        return echo >= 0 ? command.substring(echo + 5) : "n";
    };

    /** A shell that must not be asked for anything. */
    static final ProcessShell.Executor NEVER = command -> fail("ran without permission: " + command);

    @BeforeEach
    void tree() {
        write(dir,
                "Makefile", "VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\n",
                "Kconfig", """
                        success = $(shell,{ $(1); } >/dev/null 2>&1 && echo y || echo n)
                        cc-option = $(success,$(CC) -Werror $(1) -c -x c /dev/null -o /dev/null)

                        config CC_VERSION_TEXT
                        \tstring
                        \tdefault "$(CC_VERSION_TEXT)"

                        config HAS_FOO
                        \tdef_bool $(shell,echo y)

                        config FLAG_OK
                        \tdef_bool $(cc-option,-mfoo)

                        config NAME
                        \tstring
                        \tdefault "$(shell,echo hello)"

                        source "arch/$(SRCARCH)/Kconfig"
                        """,
                "arch/x86/Kconfig", "config X86\n\tdef_bool y\n",
                "arch/arm64/Kconfig", "config ARM64\n\tdef_bool y\n");
        cache = dir.resolve(".kls/macro-cache.json");
    }

    private Kconfig load(boolean allowShell, Map<String, String> env, ProcessShell.Executor shell) throws Exception {
        return Kconfig.load(dir, "x86_64", allowShell, env, cache, shell);
    }

    private static Map<String, String> values(Kconfig k) {
        ConfigResult r = ConfigEvaluator.run(k.tree(), ConfigTarget.OLDDEFCONFIG, null);
        Map<String, String> v = new HashMap<>();
        r.symbols().forEach((name, s) -> v.put(name, s.value()));
        return v;
    }

    @Test
    void allowedRunRecordsAndALaterRunReusesWithoutRunningAnything() throws Exception {
        Kconfig allowed = load(true, Map.of("PATH", "/usr/bin"), fake);
        assertTrue(allowed.tree().unevaluated().isEmpty(), allowed.tree().unevaluated().toString());
        // CC_VERSION_TEXT, echo y, the cc-option probe, echo hello: each command once.
        assertEquals(4, ran.size(), ran.toString());
        assertTrue(Files.isRegularFile(cache));
        assertTrue(allowed.cachedMacros().isEmpty(), "an allowed run runs, it does not reuse");

        Kconfig replay = load(false, Map.of("PATH", "/usr/bin"), NEVER);
        assertEquals(4, ran.size(), "nothing may run without --allow-shell");
        assertTrue(replay.tree().unevaluated().isEmpty(), replay.tree().unevaluated().toString());
        assertEquals(3, replay.cachedMacros().size(), replay.cachedMacros().toString());
        assertTrue(replay.diagnostics().isEmpty(), replay.diagnostics().toString());
        Map<String, String> v = values(replay);
        assertEquals(values(allowed), v);
        assertEquals("y", v.get("HAS_FOO"));
        assertEquals("hello", v.get("NAME"));
        assertEquals("gcc (Fake) 12.2.0", v.get("CC_VERSION_TEXT"), "CC_VERSION_TEXT comes from the cache too");
        // Where each cached macro was expanded, for the report.
        assertTrue(replay.cachedMacros().stream().anyMatch(c -> c.command().equals("echo hello")
                && c.range().file().equals("Kconfig") && c.range().startLine() == 16), replay.cachedMacros().toString());
    }

    @Test
    void withoutACacheNothingIsKnownAndEachMacroIsReported() throws Exception {
        Kconfig k = load(false, Map.of(), NEVER);
        assertEquals(3, k.tree().unevaluated().size(), k.tree().unevaluated().toString());
        assertTrue(k.tree().unevaluated().stream().allMatch(u -> u.reason().contains("macro cache has no result")),
                k.tree().unevaluated().toString());
        assertFalse(Files.exists(cache), "a run without --allow-shell writes nothing");
    }

    @Test
    void aChangedCcOrArchDoesNotReuseAStaleResult() throws Exception {
        load(true, Map.of(), fake);
        // CC is part of the cc-option command and of the key; echo commands only differ by the key.
        Kconfig clang = load(false, Map.of("CC", "clang"), NEVER);
        assertEquals(3, clang.tree().unevaluated().size(), clang.tree().unevaluated().toString());
        assertEquals(0, clang.cachedMacros().size());
        Kconfig arm = Kconfig.load(dir, "arm64", false, Map.of(), cache, NEVER);
        assertEquals(3, arm.tree().unevaluated().size(), arm.tree().unevaluated().toString());
        Kconfig otherPath = load(false, Map.of("PATH", "/opt/cross/bin"), NEVER);
        assertEquals(3, otherPath.tree().unevaluated().size(), "PATH decides which compiler runs");
        // A variable outside the key (an editor's environment differs from a shell's) does not matter.
        Kconfig editor = load(false, Map.of("TERM", "dumb", "EDITOR", "vi"), NEVER);
        assertEquals(0, editor.tree().unevaluated().size(), editor.tree().unevaluated().toString());
    }

    @Test
    void savingMergesWithWhatTheFileHolds() throws Exception {
        load(true, Map.of(), fake);
        load(true, Map.of("CC", "clang"), fake);
        String text = Files.readString(cache);
        assertTrue(text.contains("\"CC\": \"gcc\"") && text.contains("\"CC\": \"clang\""), text);
        // Both environments replay.
        assertEquals(0, load(false, Map.of(), NEVER).tree().unevaluated().size());
        assertEquals(0, load(false, Map.of("CC", "clang"), NEVER).tree().unevaluated().size());
        // No temporary file is left next to it.
        try (Stream<Path> s = Files.list(cache.getParent())) {
            assertEquals(List.of(cache), s.toList());
        }
    }

    @Test
    void anEntryWrittenMeanwhileByAnotherRunSurvives() throws Exception {
        MacroCache first = MacroCache.load(cache, "c.json");
        MacroCache second = MacroCache.load(cache, "c.json");
        first.record(Map.of("ARCH", "x86"), "echo a", "a");
        second.record(Map.of("ARCH", "x86"), "echo b", "b");
        first.save();
        second.save();
        MacroCache after = MacroCache.load(cache, "c.json");
        assertEquals("a", after.lookup(Map.of("ARCH", "x86"), "echo a"));
        assertEquals("b", after.lookup(Map.of("ARCH", "x86"), "echo b"));
        assertNull(after.lookup(Map.of("ARCH", "arm64"), "echo a"));
    }

    @Test
    void aNewResultReplacesTheOldOneOfTheSameCommandAndEnvironment() throws Exception {
        MacroCache a = MacroCache.load(cache, "c.json");
        a.record(Map.of("ARCH", "x86"), "date", "monday");
        a.save();
        MacroCache b = MacroCache.load(cache, "c.json");
        b.record(Map.of("ARCH", "x86"), "date", "tuesday");
        b.save();
        assertEquals("tuesday", MacroCache.load(cache, "c.json").lookup(Map.of("ARCH", "x86"), "date"));
    }

    @Test
    void aCommandThatCouldNotRunIsNotRecorded() throws Exception {
        write(dir, "arch/x86/Kconfig", "config BROKEN\n\tdef_bool $(shell,false-start)\n");
        load(true, Map.of(), fake);
        Kconfig replay = load(false, Map.of(), NEVER);
        assertEquals(1, replay.tree().unevaluated().size(), replay.tree().unevaluated().toString());
        assertEquals("false-start", replay.tree().unevaluated().iterator().next().text());
    }

    @Test
    void aCorruptCacheIsAnErrorWithFileAndLineAndIsLeftAlone() throws Exception {
        String broken = "{\n  \"version\": 1,\n  \"environments\": [\n    {\"env\": {\"ARCH\": \"x86_64\"}, \"results\": ]\n";
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, broken);
        Kconfig k = load(false, Map.of(), NEVER);
        List<Diagnostic> errors = k.diagnostics().stream().filter(d -> d.severity() == KconfigSeverity.ERROR).toList();
        assertEquals(1, errors.size(), k.diagnostics().toString());
        assertEquals(".kls/macro-cache.json", errors.get(0).range().file());
        assertEquals(4, errors.get(0).range().startLine(), errors.get(0).format());
        assertTrue(errors.get(0).message().startsWith("corrupt macro cache"), errors.get(0).message());
        assertEquals(3, k.tree().unevaluated().size(), "a broken cache is not an empty one: all is reported");

        // An allowed run neither trusts nor overwrites it (that would lose whatever it held).
        Kconfig allowed = load(true, Map.of(), fake);
        assertTrue(allowed.diagnostics().stream().anyMatch(d -> d.message().startsWith("corrupt macro cache")));
        assertEquals(broken, Files.readString(cache));
    }

    @Test
    void wrongShapesAndVersionsAreErrorsToo() throws IOException {
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "{\"version\": 1, \"environments\": [{\"env\": {\"CC\": 3}}]}");
        MacroCache.CacheException e = assertThrows(MacroCache.CacheException.class,
                () -> MacroCache.load(cache, "c.json"));
        assertTrue(e.getMessage().startsWith("c.json:1:"), e.getMessage());
        Files.writeString(cache, "{\"version\": 7, \"environments\": []}");
        e = assertThrows(MacroCache.CacheException.class, () -> MacroCache.load(cache, "c.json"));
        assertTrue(e.getMessage().contains("version 7"), e.getMessage());
        Files.writeString(cache, "[]");
        assertThrows(MacroCache.CacheException.class, () -> MacroCache.load(cache, "c.json"));
        Files.writeString(cache, "");
        assertThrows(MacroCache.CacheException.class, () -> MacroCache.load(cache, "c.json"));
    }

    @Test
    void theKeyHoldsEveryVariableKbuildDefines() {
        for (String arch : List.of("x86_64", "um", "arm64")) {
            Map<String, String> vars = KbuildEnvironment.of(dir, arch, Map.of()).variables();
            assertTrue(MacroCache.KEY_VARIABLES.containsAll(vars.keySet()),
                    "not in the cache key: " + vars.keySet().stream().filter(n -> !MacroCache.KEY_VARIABLES.contains(n))
                            .toList());
        }
    }
}

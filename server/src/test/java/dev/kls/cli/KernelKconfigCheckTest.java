package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.testing.LinuxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ARCH of Linux 6.1 reads with no error, with and without running
 * $(shell). Each run has its own macro cache in a temporary folder, so runs
 * do not feed each other and nothing is written into the kernel tree.
 */
@Tag("kernel")
class KernelKconfigCheckTest {

    @TempDir
    static Path caches;

    private static final Pattern SUMMARY = Pattern.compile(
            "files=(\\d+) symbols=(\\d+) menu-nodes=(\\d+) errors=(\\d+) warnings=(\\d+) unevaluated-macros=(\\d+) cached-macros=(\\d+)");

    static Stream<String> arches() {
        List<String> all = new ArrayList<>(LinuxTree.arches());
        // kbuild's other spellings of x86, mapped to SRCARCH as the top Makefile does
        all.add("i386");
        all.add("x86_64");
        return all.stream();
    }

    @ParameterizedTest(name = "ARCH={0}")
    @MethodSource("arches")
    void noErrorsWithoutShell(String arch) {
        Matcher m = check(arch, false);
        assertTrue(Integer.parseInt(m.group(6)) > 0, "without --allow-shell, the $(shell) macros must be reported");
    }

    @ParameterizedTest(name = "ARCH={0}")
    @MethodSource("arches")
    void noErrorsWithShell(String arch) {
        Matcher m = check(arch, true);
        assertEquals("0", m.group(6), "with --allow-shell every macro is evaluated");
    }

    /** The cache an allowed check writes lets a check and a kls config without --allow-shell run nothing. */
    @Test
    void macroCacheReplaysTheAllowedRun() throws Exception {
        Path cache = caches.resolve("replay.json");
        String tree = LinuxTree.dir().toString();
        CliRun allowed = CliRun.of("kconfig", "check", "--srctree", tree, "--arch", "x86_64", "--allow-shell",
                "--macro-cache", cache.toString());
        assertEquals(0, allowed.status(), allowed.out());
        assertTrue(Files.isRegularFile(cache));
        CliRun replay = CliRun.of("kconfig", "check", "--srctree", tree, "--arch", "x86_64", "--macro-cache",
                cache.toString());
        assertEquals(0, replay.status(), replay.out());
        Matcher m = SUMMARY.matcher(replay.out().strip().lines().reduce((a, b) -> b).orElse(""));
        assertTrue(m.matches(), replay.out());
        assertEquals("0", m.group(6), "nothing left unevaluated");
        assertTrue(Integer.parseInt(m.group(7)) > 50, "cached macros: " + m.group(7));

        String defconfig = LinuxTree.dir().resolve("arch/x86/configs/x86_64_defconfig").toString();
        Path withShell = caches.resolve("with-shell.config");
        Path fromCache = caches.resolve("from-cache.config");
        CliRun a = CliRun.of("config", "olddefconfig", "--srctree", tree, "--arch", "x86_64", "--config", defconfig,
                "--out", withShell.toString(), "--allow-shell", "--macro-cache", caches.resolve("other.json").toString());
        assertEquals(0, a.status(), a.err());
        CliRun b = CliRun.of("config", "olddefconfig", "--srctree", tree, "--arch", "x86_64", "--config", defconfig,
                "--out", fromCache.toString(), "--macro-cache", cache.toString());
        assertEquals(0, b.status(), b.err());
        assertFalse(b.err().contains("were not run"), b.err());
        assertEquals(Files.readString(withShell), Files.readString(fromCache));
        System.out.println("x86_64 replay: " + m.group(0));
    }

    private static Matcher check(String arch, boolean shell) {
        List<String> args = new ArrayList<>(List.of("kconfig", "check", "--srctree", LinuxTree.dir().toString(),
                "--arch", arch, "--macro-cache", caches.resolve(arch + (shell ? "-shell" : "") + ".json").toString()));
        if (shell) {
            args.add("--allow-shell");
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        String[] lines = run.out().strip().split("\n");
        String last = lines[lines.length - 1];
        Matcher m = SUMMARY.matcher(last);
        assertTrue(m.matches(), "summary line expected, got: " + last);
        List<String> errors = Stream.of(lines).filter(l -> l.contains(": error: ")).limit(20).toList();
        assertEquals("0", m.group(4), "errors for ARCH=" + arch + ":\n" + String.join("\n", errors));
        assertEquals(0, run.status(), run.err());
        // A real tree: thousands of symbols in over a thousand files, under a real menu tree.
        assertTrue(Integer.parseInt(m.group(1)) > 1000, last);
        assertTrue(Integer.parseInt(m.group(2)) > 10000, last);
        assertTrue(Integer.parseInt(m.group(3)) > Integer.parseInt(m.group(2)), last);
        System.out.println("ARCH=" + arch + (shell ? " --allow-shell: " : ": ") + last);
        return m;
    }
}

package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel's own Kconfig tests (scripts/kconfig/tests, what {@code make
 * testconfig} runs with pytest) of each release, with {@code kls conf} in
 * place of scripts/kconfig/conf. Every test must pass except those listed in
 * {@link #CANNOT_PASS}, each with the reason; a listed one that starts to
 * pass fails this test too, so the list stays true. Needs python3 with
 * pytest (python3-pytest); fails, never skips, without it.
 */
@Tag("kernel")
class KernelConfTestsTest {

    /** The kernel tests kls cannot pass yet, and why. */
    static final Set<String> CANNOT_PASS = Set.of();

    private static final Pattern RESULT = Pattern.compile("^scripts/kconfig/tests/(\\S+) (PASSED|FAILED|ERROR)",
            Pattern.MULTILINE);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"6.1", "6.12"})
    void theKernelsKconfigTestsPassWithKlsAsConf(String release) throws Exception {
        Path tree = LinuxTree.dir(release);
        Path work = Files.createTempDirectory("kls-conftests-" + release + "-");
        try {
            copy(tree.resolve("scripts/kconfig/tests"), work.resolve("scripts/kconfig/tests"));
            Path conf = work.resolve("scripts/kconfig/conf");
            // conftest.py keeps writing newlines until conf exits. The C conf exits before the pipe
            // fills; a JVM does not, so what is left is drained once kls is done (dash gives a
            // background job /dev/null unless the pipe comes through another descriptor).
            // The suites' Kconfig files have no Makefile to tell the release: it is the suite's own.
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Files.writeString(conf, "#!/bin/sh\n'" + java + "' -XX:TieredStopAtLevel=1 -cp '"
                    + System.getProperty("java.class.path") + "' dev.kls.cli.Main conf --allow-shell --kernel-version " + release + " \"$@\"\n"
                    + "s=$?\nexec 3<&0\ncat <&3 >/dev/null 2>&1 &\nexit $s\n");
            Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rwxr-xr-x"));
            Process p = new ProcessBuilder("python3", "-m", "pytest", "scripts/kconfig/tests", "-v", "-p",
                    "no:cacheprovider").directory(work.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("pytest did not finish in 20 minutes");
            }
            if (output.contains("No module named pytest")) {
                fail("the kernel's Kconfig tests need pytest: apt-get install python3-pytest");
            }
            TreeSet<String> passed = new TreeSet<>();
            TreeSet<String> failed = new TreeSet<>();
            Matcher m = RESULT.matcher(output);
            while (m.find()) {
                (m.group(2).equals("PASSED") ? passed : failed).add(m.group(1));
            }
            System.out.println(release + " scripts/kconfig/tests with kls conf: passed " + passed.size() + ", failed "
                    + failed.size() + " " + failed);
            assertTrue(passed.size() >= 10, () -> "pytest ran too few tests:\n" + output);
            assertEquals(new TreeSet<>(CANNOT_PASS), failed, () -> "unexpected results:\n" + output);
        } finally {
            delete(work);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    static List<String> releases() {
        return LinuxTree.RELEASES;
    }
}

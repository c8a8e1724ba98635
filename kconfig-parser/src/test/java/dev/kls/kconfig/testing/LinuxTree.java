package dev.kls.kconfig.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the real Linux trees are, for tests tagged "kernel": 6.1 in
 * $KLS_LINUX_DIR or ~/.cache/kls/linux-6.1, 6.12 in $KLS_LINUX_612_DIR or
 * ~/.cache/kls/linux-6.12 (Debian's linux-source-6.1 and -6.12), fetched
 * with the project's own scripts/fetch-linux-source.sh VERSION when missing.
 * A test that needs one fails (never skips) when it cannot be had, and says why.
 */
public final class LinuxTree {

    private LinuxTree() {
    }

    /** The releases the kernel tests compare against (Debian's linux-source packages). */
    public static final List<String> RELEASES = List.of("6.1", "6.12");

    /** The 6.1 tree. */
    public static Path dir() {
        return dir("6.1");
    }

    /** The tree of a release in {@link #RELEASES}. */
    public static synchronized Path dir(String release) {
        String var = release.equals("6.1") ? "KLS_LINUX_DIR" : "KLS_LINUX_" + release.replace(".", "") + "_DIR";
        String env = System.getenv(var);
        Path dir = env != null && !env.isEmpty() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "kls", "linux-" + release);
        if (Files.isRegularFile(dir.resolve(".kls-unpacked"))) {
            return dir;
        }
        Path script = repoRoot().resolve("scripts/fetch-linux-source.sh");
        try {
            Process p = new ProcessBuilder("bash", script.toString(), release).inheritIO().start();
            if (p.waitFor() != 0 || !Files.isRegularFile(dir.resolve(".kls-unpacked"))) {
                fail("the Linux " + release + " tree is not available at " + dir + ": " + script + " " + release
                        + " failed (exit " + p.exitValue() + "); it needs Debian's linux-source-" + release
                        + " package");
            }
        } catch (IOException e) {
            fail("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while fetching the Linux tree");
        }
        return dir;
    }

    /** The folders under arch/ that hold a Kconfig: each is an ARCH kbuild accepts. */
    public static List<String> arches() {
        try (Stream<Path> s = Files.list(dir().resolve("arch"))) {
            return s.filter(p -> Files.isRegularFile(p.resolve("Kconfig"))).map(p -> p.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's top folder: the one holding scripts/fetch-linux-source.sh. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("scripts/fetch-linux-source.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("not inside the kls repository: " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}

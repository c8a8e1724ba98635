package dev.kls.kconfig.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the real Linux 6.1 tree is, for tests tagged "kernel": $KLS_LINUX_DIR
 * or ~/.cache/kls/linux-6.1, fetched with the project's own
 * scripts/fetch-linux-source.sh when missing. A test that needs it fails
 * (never skips) when it cannot be had, and says why.
 */
public final class LinuxTree {

    private LinuxTree() {
    }

    public static synchronized Path dir() {
        String env = System.getenv("KLS_LINUX_DIR");
        Path dir = env != null && !env.isEmpty() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "kls", "linux-6.1");
        if (Files.isRegularFile(dir.resolve(".kls-unpacked"))) {
            return dir;
        }
        Path script = repoRoot().resolve("scripts/fetch-linux-source.sh");
        try {
            Process p = new ProcessBuilder("bash", script.toString()).inheritIO().start();
            if (p.waitFor() != 0 || !Files.isRegularFile(dir.resolve(".kls-unpacked"))) {
                fail("the Linux 6.1 tree is not available at " + dir + ": " + script + " failed (exit "
                        + p.exitValue() + "); it needs Debian's linux-source-6.1 package");
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

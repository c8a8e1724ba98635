package dev.kls.cli;

import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The test-workspace scenarios, always copied before a test touches them. */
final class Scenarios {

    private Scenarios() {
    }

    static Path root() {
        return LinuxTree.repoRoot().resolve("test-workspace");
    }

    /** A copy of scenario {@code name} inside {@code dir} (a test's temporary folder). */
    static Path copy(String name, Path dir) {
        Path from = root().resolve(name);
        Path to = dir.resolve(name);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}

package dev.kls.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A folder made unwritable for a test. As root (CI runs as root) permissions do not stop writes, so it
 * is made immutable with chattr; a file system that cannot do that fails the test with the reason.
 */
public final class ReadOnly implements AutoCloseable {

    private final Path folder;
    private final boolean immutable;

    private ReadOnly(Path folder, boolean immutable) {
        this.folder = folder;
        this.immutable = immutable;
    }

    public static ReadOnly folder(Path folder) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
            return new ReadOnly(folder, false);
        }
        chattr("+i", folder);
        return new ReadOnly(folder, true);
    }

    private static void chattr(String flag, Path folder) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("chattr", flag, folder.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("cannot make " + folder + " read-only as root: chattr " + flag
                    + " failed: " + out.trim() + " (the test needs a file system with immutable files, e.g. ext4)");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (immutable) {
                chattr("-i", folder);
            } else {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.kls.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A folder made unwritable for a test. Root (CI runs as root) is not stopped by permissions, so there
 * the folder is made immutable with chattr; when that is impossible the test fails saying why.
 */
final class ReadOnlyFolder implements AutoCloseable {

    private final Path folder;
    private final boolean immutable;

    private ReadOnlyFolder(Path folder, boolean immutable) {
        this.folder = folder;
        this.immutable = immutable;
    }

    static ReadOnlyFolder of(Path folder) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
            return new ReadOnlyFolder(folder, false);
        }
        chattr("+i", folder);
        return new ReadOnlyFolder(folder, true);
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

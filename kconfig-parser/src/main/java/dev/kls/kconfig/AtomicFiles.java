package dev.kls.kconfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every file kls writes goes through here: the new content is written to a temporary file next to its
 * file and renamed over it, so no reader (make, an editor, a second kls) ever sees half a file, and a
 * failure leaves the old file as it was.
 *
 * <p>The temporary file is created the way {@code fopen} creates one, so a new file gets the mode the
 * user's umask gives (as conf's .config would), not the private mode of {@link Files#createTempFile};
 * a file that is replaced keeps its own mode.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** A file that could not be written: the user's file (never a temporary name) and why. */
    public static final class WriteFailure extends IOException {
        private final Path file;

        public WriteFailure(Path file, IOException cause) {
            super("cannot write " + file + ": " + reason(cause), cause);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    /** The system's words for an I/O failure, without the temporary file's name Java puts in its message. */
    public static String reason(IOException e) {
        if (e instanceof WriteFailure w) {
            return reason((IOException) w.getCause());
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Writes one file (its folder is created when missing). */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one file (its folder is created when missing). */
    public static void write(Path file, byte[] content) throws IOException {
        Path abs = file.toAbsolutePath();
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
        } catch (IOException e) {
            throw new WriteFailure(file, e);
        }
        writeAll(Map.of(file, content));
    }

    /**
     * As conf_write does for a .config: an identical file is left untouched (its time stamp too, which
     * make looks at); otherwise the file it replaces is kept as {@code NAME.old}.
     *
     * @return whether the file was written (false: it already had this content)
     */
    public static boolean writeKeepingOld(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path abs = file.toAbsolutePath();
        byte[] before = Files.isRegularFile(abs) ? Files.readAllBytes(abs) : null;
        if (before != null && Arrays.equals(before, bytes)) {
            return false;
        }
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            if (before != null) {
                Path old = abs.resolveSibling(abs.getFileName() + ".old");
                Path tmp = stage(old, before, abs);
                rename(tmp, old);
            }
        } catch (IOException e) {
            throw new WriteFailure(file, e);
        }
        writeAll(Map.of(file, bytes));
        return true;
    }

    /**
     * Writes several files all or nothing: every new content goes to a temporary file next to its file
     * first, and only when all are written are they renamed over the old ones. A failure names the
     * user's file and the reason, and leaves every file as it was.
     */
    public static void writeAll(Map<Path, byte[]> files) throws IOException {
        Map<Path, Path> staged = new LinkedHashMap<>();
        Map<Path, Path> backups = new LinkedHashMap<>();
        List<Path> renamed = new ArrayList<>();
        try {
            for (Map.Entry<Path, byte[]> e : files.entrySet()) {
                Path abs = e.getKey().toAbsolutePath();
                try {
                    if (Files.isDirectory(abs)) {
                        throw new FileSystemException(abs.toString(), null, "Is a directory");
                    }
                    if (Files.exists(abs) && !Files.isWritable(abs)) {
                        throw new AccessDeniedException(abs.toString());
                    }
                    staged.put(abs, stage(abs, e.getValue(), abs));
                } catch (IOException x) {
                    throw new WriteFailure(e.getKey(), x);
                }
            }
            if (staged.size() > 1) {
                // A rename can still fail after others succeeded: keep each old file under a second name
                // (a hard link, no copy) so the ones already replaced can be put back.
                for (Map.Entry<Path, Path> e : staged.entrySet()) {
                    Path abs = e.getKey();
                    if (Files.exists(abs)) {
                        try {
                            backups.put(abs, backup(abs));
                        } catch (IOException x) {
                            throw new WriteFailure(abs, x);
                        }
                    }
                }
            }
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                try {
                    rename(e.getValue(), e.getKey());
                    renamed.add(e.getKey());
                } catch (IOException x) {
                    restore(renamed, backups);
                    throw new WriteFailure(e.getKey(), x);
                }
            }
        } finally {
            for (Path tmp : staged.values()) {
                Files.deleteIfExists(tmp);
            }
            for (Path b : backups.values()) {
                Files.deleteIfExists(b);
            }
        }
    }

    private static Path backup(Path abs) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path b = abs.resolveSibling("." + abs.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".bak");
            try {
                try {
                    Files.createLink(b, abs);
                } catch (UnsupportedOperationException | FileSystemException noLinks) {
                    if (noLinks instanceof FileAlreadyExistsException) {
                        throw (FileAlreadyExistsException) noLinks;
                    }
                    Files.copy(abs, b, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return b;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Puts the old files back over the ones already replaced; a file that was new is removed again. */
    private static void restore(List<Path> renamed, Map<Path, Path> backups) {
        for (Path abs : renamed) {
            try {
                Path b = backups.get(abs);
                if (b == null) {
                    Files.deleteIfExists(abs);
                } else {
                    rename(b, abs);
                }
            } catch (IOException e) {
                // nothing better to do: the failure being reported already names a file
            }
        }
    }

    /** The content in a new temporary file beside {@code abs}, with {@code modeOf}'s mode when it exists. */
    private static Path stage(Path abs, byte[] content, Path modeOf) throws IOException {
        Path dir = abs.getParent();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + abs.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                // CREATE_NEW without attributes: the mode is 0666 minus the umask, as fopen's would be.
                Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 100) {
                    continue;
                }
                throw e;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            try {
                if (Files.exists(modeOf)) {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(modeOf));
                }
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the new file's default mode stays
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            return tmp;
        }
    }

    private static void rename(Path tmp, Path abs) throws IOException {
        try {
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

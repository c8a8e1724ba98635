package dev.kls.kconfig.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a command to completion and hands back its exit status and output. */
final class Exec {

    /** The outcome of one command. */
    record Result(List<String> command, int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        /** The command and the end of what it printed on stderr, for a failure message. */
        String describe() {
            String tail = err.length() > 4000 ? "..." + err.substring(err.length() - 4000) : err;
            return String.join(" ", command) + " (exit " + exit + ")" + (tail.isBlank() ? "" : ":\n" + tail.strip());
        }
    }

    private Exec() {
    }

    /**
     * @param dir the working folder, null for the current one
     * @param env changes to the inherited environment
     * @throws IOException when the program cannot be started at all (not found, not executable)
     */
    static Result run(List<String> command, Path dir, Consumer<Map<String, String>> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        if (env != null) {
            env.accept(pb.environment());
        }
        // Files, not pipes: a chatty stderr cannot stall the process while stdout is read.
        Path out = Files.createTempFile("kls-exec", ".out");
        Path err = Files.createTempFile("kls-exec", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            p.getOutputStream().close();
            int exit;
            try {
                exit = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
            }
            return new Result(List.copyOf(command), exit, Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Like {@link #run}, but a command that cannot start or exits non-zero is an error carrying its stderr. */
    static String output(List<String> command, Path dir) {
        Result r;
        try {
            r = run(command, dir, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        if (!r.ok()) {
            throw new IllegalStateException(r.describe());
        }
        return r.out();
    }
}

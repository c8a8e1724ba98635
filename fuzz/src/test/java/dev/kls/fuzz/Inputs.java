package dev.kls.fuzz;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.SourceRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/** What every target shares: decoding as the tools do, and the checks that hold for any input. */
final class Inputs {

    static final Map<String, String> ENV = Map.of("HOME", "/nonexistent", "KERNELVERSION", "6.1.0",
            "SRCARCH", "x86", "ARCH", "x86", "PATH", "/usr/bin:/bin");

    private Inputs() {
    }

    /** The bytes as kls reads a file: UTF-8, broken sequences replaced. */
    static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** A diagnostic's range lies in the file it names: lines within the text (plus its end), columns positive. */
    static void inside(Collection<Diagnostic> diagnostics, String file, String text) {
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        for (Diagnostic d : diagnostics) {
            SourceRange r = d.range();
            if (!file.equals(r.file())) {
                continue;
            }
            if (r.startLine() < 1 || r.startLine() > lines + 1 || r.endLine() < r.startLine()
                    || r.startColumn() < 1) {
                throw new AssertionError("range outside " + file + " (" + lines + " lines): " + d.format());
            }
        }
    }

    /** A folder of its own for one target, made once per JVM. */
    static Path scratch(String name) {
        try {
            return Files.createTempDirectory("kls-fuzz-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gson's internals in a message ("at line 1 column 5 path $.rules", its JsonReader's name), unless
     * the input itself holds that text: a message may quote the user's own value back.
     */
    static boolean leaksGson(String message, String input) {
        return message.matches("(?s).*line \\d+ column \\d+ path \\$.*") && !input.contains("path $")
                || message.contains("JsonReader.set") && !input.contains("JsonReader.set");
    }
}

package dev.kls.diagnostics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applying findings' first fixes to file texts, and writing the results safely. */
public final class Fixes {

    private Fixes() {
    }

    /** A fix taken, for which finding. */
    public record Applied(Finding finding, Fix fix) {
    }

    /**
     * The new texts of the changed files, the fixes taken, and the findings
     * whose first fix was left out because it overlaps one taken before it
     * (a second --fix run picks those up).
     */
    public record Plan(Map<String, String> texts, List<Applied> applied, List<Finding> deferred,
            Map<String, byte[]> contents) {

        public Plan(Map<String, String> texts, List<Applied> applied, List<Finding> deferred) {
            this(texts, applied, deferred, Map.of());
        }
    }

    /** A file that could not be written: the user's file (never a temporary name) and why. */
    public static final class WriteFailure extends IOException {
        private final Path file;

        WriteFailure(dev.kls.kconfig.AtomicFiles.WriteFailure cause) {
            super(cause.getMessage(), cause.getCause());
            this.file = cause.file();
        }

        public Path file() {
            return file;
        }
    }

    /**
     * Takes each finding's first fix, in report order, as long as it does not overlap one already taken.
     * An edit equal to one already taken (same place, same text) is shared, not a clash.
     */
    public static Plan plan(List<Finding> findings, FileTexts texts) throws IOException {
        return plan(findings, texts, null);
    }

    /**
     * As {@link #plan(List, FileTexts)}, and with {@code bytes} (the files' bytes on disk) also the new
     * contents as bytes: every byte outside the edited ranges is kept as it was, even where it is not
     * valid UTF-8 (the texts show such bytes as U+FFFD, which must never be written back).
     */
    public static Plan plan(List<Finding> findings, FileTexts texts, FileBytes bytes) throws IOException {
        Map<String, List<int[]>> taken = new LinkedHashMap<>();
        Map<String, List<TextEdit>> edits = new LinkedHashMap<>();
        Map<String, String> originals = new LinkedHashMap<>();
        List<Applied> applied = new ArrayList<>();
        List<Finding> deferred = new ArrayList<>();
        for (Finding f : findings) {
            if (f.fixes().isEmpty()) {
                continue;
            }
            Fix fix = f.fixes().get(0);
            List<int[]> spans = new ArrayList<>();
            List<TextEdit> own = new ArrayList<>();
            boolean clash = false;
            for (TextEdit e : fix.edits()) {
                if (edits.getOrDefault(e.range().file(), List.of()).contains(e)) {
                    continue; // the same edit as a fix taken before needs (one declaration for several uses)
                }
                own.add(e);
                String file = e.range().file();
                String text = originals.get(file);
                if (text == null) {
                    text = texts.text(file);
                    originals.put(file, text);
                }
                int from = FileTexts.offset(text, e.range().startLine(), e.range().startColumn());
                int to = FileTexts.offset(text, e.range().endLine(), e.range().endColumn());
                int[] span = {from, to, spans.size()};
                for (int[] t : taken.getOrDefault(file, List.of())) {
                    clash |= from < t[1] && t[0] < to || from == to && from == t[0] && t[0] == t[1];
                }
                spans.add(span);
            }
            if (clash) {
                deferred.add(f);
                continue;
            }
            for (int i = 0; i < own.size(); i++) {
                TextEdit e = own.get(i);
                String file = e.range().file();
                int[] span = spans.get(i);
                taken.computeIfAbsent(file, k -> new ArrayList<>()).add(span);
                edits.computeIfAbsent(file, k -> new ArrayList<>()).add(e);
            }
            applied.add(new Applied(f, fix));
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, List<TextEdit>> e : edits.entrySet()) {
            result.put(e.getKey(), apply(originals.get(e.getKey()), e.getValue()));
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        if (bytes != null) {
            for (Map.Entry<String, List<TextEdit>> e : edits.entrySet()) {
                contents.put(e.getKey(), apply(bytes.bytes(e.getKey()), e.getValue()));
            }
        }
        return new Plan(result, applied, deferred, contents);
    }

    /** {@code text} with non-overlapping edits applied (from the end, so earlier offsets stay valid). */
    public static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((TextEdit e) -> FileTexts.offset(text, e.range().startLine(),
                e.range().startColumn())).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (TextEdit e : sorted) {
            int from = FileTexts.offset(text, e.range().startLine(), e.range().startColumn());
            int to = FileTexts.offset(text, e.range().endLine(), e.range().endColumn());
            sb.replace(from, Math.max(from, to), e.newText());
        }
        return sb.toString();
    }

    /** Where the bytes of a tree-relative file come from. */
    @FunctionalInterface
    public interface FileBytes {
        byte[] bytes(String file) throws IOException;
    }

    /**
     * {@code original} with non-overlapping edits applied. Positions are lines and columns of the text
     * as Java decodes the bytes (each malformed sequence one U+FFFD), mapped back to byte offsets, so
     * only the bytes of the edited ranges change.
     */
    public static byte[] apply(byte[] original, List<TextEdit> edits) {
        String text = new String(original, StandardCharsets.UTF_8);
        int[] byteAt = byteOffsets(original, text.length());
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((TextEdit e) -> FileTexts.offset(text, e.range().startLine(),
                e.range().startColumn())));
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 64);
        int done = 0;
        for (TextEdit e : sorted) {
            int from = byteAt[FileTexts.offset(text, e.range().startLine(), e.range().startColumn())];
            int to = byteAt[FileTexts.offset(text, e.range().endLine(), e.range().endColumn())];
            from = Math.max(from, done);
            out.write(original, done, from - done);
            out.writeBytes(e.newText().getBytes(StandardCharsets.UTF_8));
            done = Math.max(from, to);
        }
        out.write(original, done, original.length - done);
        return out.toByteArray();
    }

    /**
     * For each char index of the decoded text (and its end), the byte offset where that char's bytes
     * start. Decoding one byte at a time with the JDK's own decoder gives exactly the chars
     * {@code new String(bytes, UTF_8)} gives, malformed sequences included.
     */
    private static int[] byteOffsets(byte[] bytes, int chars) {
        int[] at = new int[chars + 1];
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(chars + 2);
        int start = 0;
        for (int limit = 1; limit <= bytes.length; limit++) {
            in.limit(limit);
            int before = out.position();
            dec.decode(in, out, false);
            int made = out.position();
            // A malformed sequence is only known as such when the next byte comes; when that byte is
            // ASCII it is decoded in the same call, and it is that char's own start.
            if (made - before >= 2 && bytes[limit - 1] >= 0 && out.get(made - 1) == bytes[limit - 1]
                    && made - 1 < chars) {
                at[made - 1] = limit - 1;
                made--;
            }
            for (int c = before; c < made && c < chars; c++) {
                at[c] = start;
            }
            if (out.position() > before) {
                start = in.position();
            }
        }
        int before = out.position();
        dec.decode(in, out, true);
        dec.flush(out);
        for (int c = before; c < out.position() && c < chars; c++) {
            at[c] = start;
        }
        at[chars] = bytes.length;
        return at;
    }

    /**
     * Writes several files all or nothing (see {@link dev.kls.kconfig.AtomicFiles#writeAll}): a failure
     * names the user's file and the reason, and leaves every file as it was.
     */
    public static void writeAllAtomically(Map<Path, byte[]> files) throws IOException {
        try {
            dev.kls.kconfig.AtomicFiles.writeAll(files);
        } catch (dev.kls.kconfig.AtomicFiles.WriteFailure e) {
            throw new WriteFailure(e);
        }
    }

    /** Writes through a temporary file in the same folder and a rename: no reader sees half a file. */
    public static void writeAtomically(Path file, String text) throws IOException {
        writeAllAtomically(Map.of(file, text.getBytes(StandardCharsets.UTF_8)));
    }
}

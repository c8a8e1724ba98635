package dev.kls.diagnostics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    public record Plan(Map<String, String> texts, List<Applied> applied, List<Finding> deferred) {
    }

    /**
     * Takes each finding's first fix, in report order, as long as it does not overlap one already taken.
     * An edit equal to one already taken (same place, same text) is shared, not a clash.
     */
    public static Plan plan(List<Finding> findings, FileTexts texts) throws IOException {
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
        return new Plan(result, applied, deferred);
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

    /** Writes through a temporary file in the same folder and a rename: no reader sees half a file. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
            if (Files.exists(abs)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(abs));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the temporary file's mode stays
                }
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

package dev.kls.diagnostics;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Known findings to leave out of a report. A finding is known by rule, file
 * and a fingerprint of its content (the text of its line, whitespace
 * collapsed, and its message without line numbers), not by its line number,
 * so adding or removing lines elsewhere in the file keeps it known. Equal
 * keys are counted: two known findings excuse two, not three.
 */
public final class Baseline {

    /** Format version of the baseline file. */
    public static final int VERSION = 1;

    private final Map<String, Integer> counts;

    private Baseline(Map<String, Integer> counts) {
        this.counts = counts;
    }

    /** The content fingerprint of a finding whose file has {@code fileText} (null when it has no file). */
    public static String fingerprint(Finding f, String fileText) {
        return fingerprintOfLine(f, f.hasLocation() && fileText != null
                ? FileTexts.line(fileText, f.range().startLine()) : "");
    }

    /** The fingerprint of a finding, reading its file's text from {@code texts} (unreadable: no line). */
    public static String fingerprint(Finding f, FileTexts texts) {
        String line = "";
        if (f.hasLocation()) {
            try {
                line = texts.lineAt(f.file(), f.range().startLine());
            } catch (IOException e) {
                line = ""; // the file is gone: fingerprint by rule, file and message
            }
        }
        return fingerprintOfLine(f, line);
    }

    private static String fingerprintOfLine(Finding f, String rawLine) {
        String line = rawLine.trim().replaceAll("\\s+", " ");
        String message = f.message().replaceAll(":\\d+(:\\d+)?", ":#");
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest((f.ruleId() + "\0" + f.file() + "\0" + line + "\0" + message)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String key(String ruleId, String file, String fingerprint) {
        return ruleId + "\0" + file + "\0" + fingerprint;
    }

    /** The findings that are not in the baseline (the new ones), in order. */
    public List<Finding> newFindings(List<Finding> findings, FileTexts texts) {
        Map<String, Integer> left = new HashMap<>(counts);
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            String k = key(f.ruleId(), f.file(), fingerprint(f, texts));
            Integer n = left.get(k);
            if (n != null && n > 0) {
                left.put(k, n - 1);
            } else {
                out.add(f);
            }
        }
        return out;
    }

    public static Baseline of(List<Finding> findings, FileTexts texts) {
        Map<String, Integer> counts = new HashMap<>();
        for (Finding f : findings) {
            counts.merge(key(f.ruleId(), f.file(), fingerprint(f, texts)), 1, Integer::sum);
        }
        return new Baseline(counts);
    }

    /** Writes the findings as a baseline file (JSON; the message is there for people, not matched). */
    public static void write(Path file, List<Finding> findings, FileTexts texts) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("version", VERSION);
        JsonArray arr = new JsonArray();
        for (Finding f : findings) {
            JsonObject j = new JsonObject();
            j.addProperty("ruleId", f.ruleId());
            j.addProperty("file", f.file());
            j.addProperty("fingerprint", fingerprint(f, texts));
            j.addProperty("message", f.message());
            arr.add(j);
        }
        o.add("findings", arr);
        Fixes.writeAtomically(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o)
                + "\n");
    }

    /** Reads a baseline file; a malformed one is an IOException that names it. */
    public static Baseline read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            if (!o.has("version") || o.get("version").getAsInt() != VERSION) {
                throw new IOException(file + ": not a kls baseline of version " + VERSION);
            }
            Map<String, Integer> counts = new HashMap<>();
            for (JsonElement e : o.getAsJsonArray("findings")) {
                JsonObject j = e.getAsJsonObject();
                counts.merge(key(j.get("ruleId").getAsString(), j.get("file").getAsString(),
                        j.get("fingerprint").getAsString()), 1, Integer::sum);
            }
            return new Baseline(counts);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            int line = RuleSettings.line(e.getMessage());
            throw new IOException(file + (line > 0 ? ":" + line : "") + ": not a kls baseline: "
                    + RuleSettings.clean(e.getMessage()), e);
        }
    }
}

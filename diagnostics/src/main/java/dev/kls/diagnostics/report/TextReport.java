package dev.kls.diagnostics.report;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RelatedLocation;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * gcc-style lines: {@code path:line:col: severity: message [rule-id]}, then
 * indented detail lines ({@code when:} the witness, {@code condition:} the
 * presence condition unless it is always, {@code see:} related
 * places, {@code fix:} the first quick fix), which problem matchers skip.
 */
public final class TextReport {

    private TextReport() {
    }

    /**
     * At most this many findings of one file are printed: a garbage file must not flood a terminal or
     * a CI log (JSON and SARIF keep every finding).
     */
    public static final int MAX_PER_FILE = 100;

    public static void write(LintResult r, PrintWriter out) {
        Map<String, Integer> perFile = new HashMap<>();
        Map<String, Integer> left = new LinkedHashMap<>();
        for (Finding f : r.findings()) {
            String file = f.hasLocation() ? f.file() : "";
            if (perFile.merge(file, 1, Integer::sum) > MAX_PER_FILE) {
                left.merge(file, 1, Integer::sum);
                continue;
            }
            out.println(line(f));
            if (!f.witness().isEmpty()) {
                out.println("  when: " + escape(f.witnessText()));
            }
            if (!f.condition().always()) {
                out.println("  condition: " + escape(f.condition().text()));
            }
            for (RelatedLocation rel : f.related()) {
                out.println("  see: " + escape(rel.range() + ": " + rel.message()));
            }
            if (!f.fixes().isEmpty()) {
                out.println("  fix: " + escape(f.fixes().get(0).title()));
            }
        }
        for (Map.Entry<String, Integer> e : left.entrySet()) {
            out.println((e.getKey().isEmpty() ? "kls" : escape(e.getKey())) + ": note: " + e.getValue()
                    + " more finding(s) not shown (at most " + MAX_PER_FILE
                    + " per file in text; --format json or sarif has them all)");
        }
        out.flush();
    }

    /** The first line of a finding; {@code kls:} stands for the place of a finding that has none. */
    public static String line(Finding f) {
        String where = f.hasLocation() ? f.range().toString() : "kls";
        return escape(where + ": " + f.severity().label() + ": " + f.message() + " [" + f.ruleId() + "]");
    }

    /**
     * Control characters (ESC, NUL, CR, ... but not tab or newline) as {@code \xNN}: text taken from a
     * file must never drive the terminal that shows it.
     */
    public static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\n' || c >= 0x7f && c <= 0x9f;
            if (control && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (control) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}

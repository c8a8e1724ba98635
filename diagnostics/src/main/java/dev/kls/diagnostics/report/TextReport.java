package dev.kls.diagnostics.report;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RelatedLocation;
import java.io.PrintWriter;

/**
 * gcc-style lines: {@code path:line:col: severity: message [rule-id]}, then
 * indented detail lines ({@code when:} the witness, {@code see:} related
 * places, {@code fix:} the first quick fix), which problem matchers skip.
 */
public final class TextReport {

    private TextReport() {
    }

    public static void write(LintResult r, PrintWriter out) {
        for (Finding f : r.findings()) {
            out.println(line(f));
            if (!f.witness().isEmpty()) {
                out.println("  when: " + f.witnessText());
            }
            for (RelatedLocation rel : f.related()) {
                out.println("  see: " + rel.range() + ": " + rel.message());
            }
            if (!f.fixes().isEmpty()) {
                out.println("  fix: " + f.fixes().get(0).title());
            }
        }
        out.flush();
    }

    /** The first line of a finding; {@code kls:} stands for the place of a finding that has none. */
    public static String line(Finding f) {
        String where = f.hasLocation() ? f.range().toString() : "kls";
        return where + ": " + f.severity().label() + ": " + f.message() + " [" + f.ruleId() + "]";
    }
}

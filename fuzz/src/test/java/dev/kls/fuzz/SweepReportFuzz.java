package dev.kls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kls.diagnostics.sweep.SweepReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * `kls sweep merge` on any shard file: a report is read back, or refused with kls's own one-line reason
 * (never Gson's internals, never another exception); what is read back is merged, written as JSON and
 * text, and read again to the same data.
 */
public class SweepReportFuzz {

    public static void fuzzerTestOneInput(byte[] data) {
        String text = Inputs.text(data);
        SweepReport.Data d;
        try {
            d = SweepReport.read(text);
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            if (m.isBlank() || m.contains("\n") || Inputs.leaksGson(m, text) || m.contains("Exception")) {
                throw new AssertionError("a refusal without kls's own one-line reason: " + m, e);
            }
            return;
        }
        SweepReport.Data merged = SweepReport.merge(List.of(d));
        String json = SweepReport.write(merged);
        SweepReport.writeText(merged, new PrintWriter(new StringWriter()));
        String again = SweepReport.write(SweepReport.read(json));
        if (!again.equals(json)) {
            throw new AssertionError("a report written and read back differs:\n" + json + "\n---\n" + again);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        fuzzerTestOneInput(data);
    }
}

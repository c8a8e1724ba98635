package dev.kls.diagnostics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Severity;
import dev.kls.kconfig.SourceRange;
import org.junit.jupiter.api.Test;

/** Text taken from a file never drives the terminal: control characters are printed as \xNN. */
class TextReportEscapeTest {

    @Test
    void escapeAndNulAreShownNotSent() {
        Finding f = Finding.of("r", Severity.WARNING, new SourceRange("Kconfig", 1, 1, 1, 2),
                "prompt \"\u001b[31mred\u0000\u009b\r\" is odd\tstill");
        assertEquals("Kconfig:1:1: warning: prompt \"\\x1b[31mred\\x00\\x9b\\x0d\" is odd\tstill [r]",
                TextReport.line(f));
        assertEquals("plain ü", TextReport.escape("plain ü"));
    }
}

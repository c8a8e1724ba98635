package dev.kls.diagnostics.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.Condition;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Severity;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.semantics.Formula;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML report's markup: tree text escaped, ECharts inlined, no reference to the network. */
class SweepHtmlTest {

    private static final String EVIL = "</script><img src=x onerror=alert(1)> & \"q\" 'a'";

    private static String page(boolean partial) {
        Finding f = Finding.of("select-unmet-deps", Severity.WARNING,
                new SourceRange("drivers/<xen>/Kconfig", 20, 2, 20, 27), EVIL)
                .withCondition(Condition.of(Formula.parse("A && !C")))
                .withWitness(List.of(new Assignment("A", "y")));
        SweepReport.Header h = new SweepReport.Header("my tree", "x86", "x86", "random", 42L, 4, null, null, partial);
        return SweepHtml.write(SweepReport.data(h, new Sweep.Result(List.of(f), List.of(
                new Sweep.Outcome(0, 0x10L, null, List.of(), Map.of("A", "n", "C", "n")),
                new Sweep.Outcome(1, 0xabL, null, List.of(0), Map.of("A", "y", "C", "n"))))));
    }

    /** The page without the inlined ECharts (whose own code has markup in strings). */
    private static String ours(String html) {
        int start = html.indexOf("<script>\n");
        int end = html.indexOf("\n</script>", start);
        String lib = html.substring(start, end);
        assertFalse(lib.toLowerCase(java.util.Locale.ROOT).contains("</script"), "the library cannot close its element");
        return html.substring(0, start) + "<script>" + html.substring(end);
    }

    @Test
    void treeTextIsEscapedAndTheScriptsCannotBeClosedByIt() {
        String html = ours(page(false));
        assertFalse(html.contains("<img"), "a message's markup must not become an element");
        assertTrue(html.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;"));
        assertTrue(html.contains("drivers/&lt;xen&gt;/Kconfig:20:2"));
        // exactly three script elements (data, ECharts, the page's own) and three closers: nothing closes early
        assertEquals(3, count(html, "<script"));
        assertEquals(3, count(html, "</script>"));
        assertFalse(html.contains("id=\"partial\""));
    }

    @Test
    void selfContainedWithEChartsInlineAndAReproduceLine() {
        String full = page(true);
        assertTrue(full.length() > 900_000, "the whole echarts.min.js is in the page: " + full.length());
        assertTrue(full.contains("Apache License"), "ECharts is inlined with its licence header");
        String html = ours(full);
        Matcher src = Pattern.compile("(?i)<(script|link|img)[^>]*(src|href)=").matcher(html);
        assertFalse(src.find(), "nothing is loaded from elsewhere");
        assertTrue(html.contains("KCONFIG_SEED=0xab make ARCH=x86 randconfig &amp;&amp; kls lint --srctree . "
                + "--arch x86 --config .config &#39;drivers/&lt;xen&gt;/Kconfig&#39;"), "reproduce line");
        assertTrue(html.contains("id=\"partial\""), "a partial sweep says so");
        assertTrue(html.contains("1 of 2 (50.0%)"));
        // the heat map: the witness's A and the condition's C, for finding 0
        assertTrue(html.contains("\"#0 select-unmet-deps: A\",\"#0 select-unmet-deps: C\""), html.substring(
                html.indexOf("kls-data"), html.indexOf("kls-data") + 600));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}

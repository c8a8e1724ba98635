package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.dotconfig.DotConfig;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The .config reader: lines classified as conf_read_simple does, every unused line reported. */
class DotConfigTest {

    @Test
    void classifiesLinesAsConfDoes() {
        DotConfig c = DotConfig.parse("x.config", String.join("\n",
                "#",
                "# Automatically generated file; DO NOT EDIT.",
                "CONFIG_A=y",
                "# CONFIG_B is not set",
                "# CONFIG_C is not set, really",
                "#CONFIG_D is not set",
                "",
                "CONFIG_S=\"a b\"\r",
                "CONFIG_E=",
                "CONFIG_F",
                "  CONFIG_G=y",
                "\r"));
        assertEquals(List.of(
                new DotConfig.Comment(1, "#"),
                new DotConfig.Comment(2, "# Automatically generated file; DO NOT EDIT."),
                new DotConfig.Assignment(3, "A", "y"),
                new DotConfig.NotSet(4, "B"),
                new DotConfig.NotSet(5, "C"),
                new DotConfig.Comment(6, "#CONFIG_D is not set"),
                new DotConfig.Comment(7, ""),
                new DotConfig.Assignment(8, "S", "\"a b\""),
                new DotConfig.Assignment(9, "E", ""),
                new DotConfig.Malformed(10, "CONFIG_F", "no '=' in 'CONFIG_F': the line is ignored"),
                new DotConfig.Unexpected(11, "  CONFIG_G=y"),
                new DotConfig.Comment(12, "\r")), c.lines());
        assertEquals(List.of(
                "x.config:10:1: warning: no '=' in 'CONFIG_F': the line is ignored",
                "x.config:11:1: warning: unexpected data:   CONFIG_G=y"),
                c.problems().stream().map(Diagnostic::format).collect(Collectors.toList()));
        assertEquals(13, c.problems().get(1).range().endColumn());
    }

    @Test
    void aFinalLineWithoutNewlineCounts() {
        assertEquals(List.of(new DotConfig.Assignment(1, "A", "y"), new DotConfig.Assignment(2, "B", "m")),
                DotConfig.parse("f", "CONFIG_A=y\nCONFIG_B=m").lines());
        assertEquals(List.of(), DotConfig.parse("f", "").lines());
    }

    @Test
    void stringsUnquoteAndQuoteAsConfDoes() {
        assertEquals("a\"b\\c", DotConfig.unquote("\"a\\\"b\\\\c\""));
        assertEquals("kept", DotConfig.unquote("\"kept\" trailing text is ignored"));
        assertEquals("x", DotConfig.unquote("\"\\x\""));
        assertNull(DotConfig.unquote("\"open"));
        assertNull(DotConfig.unquote("bare"));
        assertEquals("\"a\\\"b\\\\c\"", DotConfig.quote("a\"b\\c"));
        assertEquals("\"\"", DotConfig.quote(""));
    }

    @Test
    void withoutHeaderDropsOnlyConfsHeading() {
        assertEquals("# CONFIG_A is not set\n",
                ConfigResult.withoutHeader("#\n# Automatically generated file; DO NOT EDIT.\n# T\n#\n# CONFIG_A is not set\n"));
        assertEquals("\n#\n# Menu\n#\n", ConfigResult.withoutHeader("#\n# a\n# b\n#\n\n#\n# Menu\n#\n"));
        assertEquals("CONFIG_A=y\n", ConfigResult.withoutHeader("CONFIG_A=y\n"));
    }
}

package dev.kls.kconfig;

import static dev.kls.kconfig.Fixtures.assertDiagnostic;
import static dev.kls.kconfig.Fixtures.config;
import static dev.kls.kconfig.Fixtures.count;
import static dev.kls.kconfig.Fixtures.formatted;
import static dev.kls.kconfig.Fixtures.parse;
import static dev.kls.kconfig.Fixtures.prop;
import static dev.kls.kconfig.Fixtures.sx;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken input: each mistake gives a diagnostic at the right place, in words a
 * person understands, and the rest of the file still gives its entries.
 */
class SyntaxErrorTest {

    /** The names of the top-level configs, to show what survived an error. */
    private static List<String> topConfigs(KconfigFile f) {
        return f.entries().stream().filter(Entry.Config.class::isInstance)
                .map(e -> ((Entry.Config) e).name().value()).toList();
    }

    @Test
    void unknownStatementIsNamedAtTheStartOfItsLine() {
        KconfigFile f = parse("""
                config A
                \tbool
                foo "bar"
                config B
                \tbool
                """);
        assertDiagnostic(f.diagnostics(), "Kconfig:3:1: error: unknown statement \"foo\"");
        assertEquals(1, count(f.diagnostics(), KconfigSeverity.ERROR));
        assertTrue(topConfigs(f).containsAll(List.of("A", "B")));
    }

    @Test
    void unknownAttributeInsideAConfig() {
        KconfigFile f = parse("""
                config A
                \tbool
                \tdefualt y
                config B
                \tbool
                """);
        assertDiagnostic(f.diagnostics(), "Kconfig:3:2: error: unknown statement \"defualt\"");
        assertTrue(topConfigs(f).containsAll(List.of("A", "B")));
    }

    @Test
    void brokenLinesLeaveNoMadeUpAssignments() {
        KconfigFile f = parse("""
                foo bar
                config A
                \tbool
                \tdefault y garbage
                source unquoted
                """);
        assertEquals(List.of(), f.entries().stream().filter(Entry.Assignment.class::isInstance).toList());
    }

    @Test
    void garbageInAnExpression() {
        KconfigFile f = parse("""
                config A
                \tbool
                \tdepends on B && && C
                config B
                \tbool
                """);
        assertDiagnostic(f.diagnostics(), "Kconfig:3:18: error: syntax error: unexpected '&&', expecting one of a symbol");
        assertEquals(List.of("A", "B"), topConfigs(f));
    }

    @Test
    void twoSymbolsWithoutOperator() {
        KconfigFile f = parse("config A\n\tbool\n\tdepends on B C\nconfig B\n\tbool\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:3:15: error: syntax error: unexpected word \"C\", expecting end of line");
        assertEquals(List.of("A", "B"), topConfigs(f));
    }

    @Test
    void unclosedParenthesis() {
        KconfigFile f = parse("config A\n\tbool\n\tdepends on (B || C\nconfig B\n\tbool\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:3:20: error: unexpected end of line, expecting ')'");
        assertEquals(List.of("A", "B"), topConfigs(f));
    }

    @Test
    void strayClosingParenthesis() {
        KconfigFile f = parse("config A\n\tbool\n\tdepends on B)\nconfig B\n\tbool\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:3:14: error: syntax error: unexpected ')'");
        assertEquals("B", sx(prop(config(f, "A"), Property.DependsOn.class).expr()));
    }

    @Test
    void missingExpression() {
        KconfigFile f = parse("config A\n\tbool\n\tdefault\nconfig B\n\tbool\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:3:9: error: unexpected end of line, expecting one of a symbol");
        assertEquals(List.of("A", "B"), topConfigs(f));
        assertEquals(1, config(f, "A").properties().size(), "the broken default is left out");
    }

    @Test
    void missingConfigName() {
        KconfigFile f = parse("config\n\tbool\nconfig B\n\tbool\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:1:7: error: unexpected end of line, expecting a symbol");
        assertEquals(List.of("B"), topConfigs(f));
    }

    @Test
    void dependsWithoutOn() {
        KconfigFile f = parse("config A\n\tbool\n\tdepends B\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:3:10: error: syntax error: unexpected word \"B\", expecting 'on'");
    }

    @Test
    void secondPromptString() {
        KconfigFile f = parse("config A\n\tbool \"a\" \"b\"\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:2:11: error: syntax error: unexpected string \"b\"");
        assertEquals("a", prop(config(f, "A"), Property.TypeDecl.class).prompt().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "config A\n\tbool\n\tdepends on B =\n",
        "config A\n\tint\n\trange 1\n",
        "config A\n\tbool\n\tdepends on !(B <)\n",
        "config A\n\tstring\n\toption env=\n",
    })
    void missingLastOperandIsADiagnosticNotAnException(String text) {
        KconfigFile f = assertDoesNotThrow(() -> parse(text));
        assertEquals(1, count(f.diagnostics(), KconfigSeverity.ERROR), () -> formatted(f.diagnostics()).toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "menu;   menu \"M\"",
        "if;     if X",
        "choice; choice",
    })
    void missingEndKeepsTheBlockAndItsBody(String block, String header) {
        KconfigFile f = parse(header + "\nconfig A\n\tbool \"a\"\nconfig B\n\tbool \"b\"\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:6:1: error: unexpected end of file");
        assertEquals(1, f.entries().size());
        Entry e = f.entries().get(0);
        List<Entry> body = e instanceof Entry.Menu m ? m.body() : e instanceof Entry.If i ? i.body()
                : ((Entry.Choice) e).body();
        assertEquals(2, body.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "endmenu;   menu \"M\"",
        "endif;     if X",
        "endchoice; choice",
    })
    void missingEndIsNamed(String end, String header) {
        KconfigFile f = parse(header + "\nconfig A\n\tbool \"a\"\n");
        assertTrue(f.diagnostics().stream().anyMatch(d -> d.severity() == KconfigSeverity.ERROR && d.message().contains(end)),
                () -> formatted(f.diagnostics()).toString());
    }

    @Test
    void wrongEndKeyword() {
        KconfigFile f = parse("menu \"M\"\nconfig A\n\tbool\nendif\nendmenu\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:4:1: error: syntax error: unexpected 'endif'");
        Entry.Menu m = assertInstanceOf(Entry.Menu.class, f.entries().get(0));
        assertEquals(1, m.body().size());
    }

    @Test
    void endWithoutBlock() {
        KconfigFile f = parse("endmenu\nconfig A\n\tbool\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:1:1: error: syntax error: unexpected 'endmenu'");
    }

    @Test
    void unterminatedString() {
        KconfigFile f = parse("config A\n\tbool \"no end\nconfig B\n\tbool\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:2:14: warning: multi-line strings not supported");
        assertEquals("no end", prop(config(f, "A"), Property.TypeDecl.class).prompt().value());
        assertEquals(List.of("A", "B"), topConfigs(f));
    }

    @Test
    void unterminatedStringAtEndOfFile() {
        KconfigFile f = parse("comment \"no end");
        Entry.Comment c = assertInstanceOf(Entry.Comment.class, f.entries().get(0));
        assertEquals("no end", c.prompt().value());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "menu \"m\"\nendmenu\n",
        "source \"x\"\n",
        "choice\n\tprompt \"inner\"\nendchoice\n",
        "X := 1\n",
        "mainmenu \"m\"\n",
    })
    void statementNotAllowedInAChoice(String inner) {
        KconfigFile f = parse("choice\n\tprompt \"c\"\n" + inner + "config A\n\tbool \"a\"\nendchoice\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:3:1: error: invalid statement in a choice");
        Entry.Choice ch = assertInstanceOf(Entry.Choice.class, f.entries().get(0));
        assertEquals(2, ch.body().size(), "the choice keeps what it holds");
    }

    @Test
    void menuconfigInAChoice() {
        KconfigFile f = parse("choice\n\tprompt \"c\"\nmenuconfig A\n\tbool \"a\"\nendchoice\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:3:1: error: invalid statement in a choice");
    }

    @Test
    void menuInAnIfInAChoice() {
        KconfigFile f = parse("choice\n\tprompt \"c\"\nif X\nmenu \"m\"\nendmenu\nendif\nendchoice\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:4:1: error: invalid statement in a choice");
    }

    @Test
    void choiceOfWrongType() {
        KconfigFile f = parse("choice\n\tprompt \"c\"\n\tint\nendchoice\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:3:2: error: a choice can only be bool or tristate, not int");
    }

    @ParameterizedTest
    @ValueSource(strings = {"def_bool y", "default A || B", "default \"A\""})
    void aChoiceDefaultIsOneSymbol(String line) {
        KconfigFile f = parse("choice\n\tprompt \"c\"\n\t" + line + "\nconfig A\n\tbool \"a\"\nendchoice\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:3:");
        assertEquals(1, count(f.diagnostics(), KconfigSeverity.ERROR));
    }

    @Test
    void mainmenuNotFirst() {
        KconfigFile f = parse("config A\n\tbool\nmainmenu \"Late\"\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:3:1: error: mainmenu must be the first statement of the file");
        assertEquals(2, f.entries().size());
    }

    @Test
    void mainmenuInsideAMenu() {
        KconfigFile f = parse("menu \"m\"\nmainmenu \"Nested\"\nendmenu\n");
        assertEquals(1, count(f.diagnostics(), KconfigSeverity.ERROR), () -> formatted(f.diagnostics()).toString());
    }

    @Test
    void helpEndedByALessIndentedWord() {
        KconfigFile f = parse("config A\n\tbool\n\thelp\n\t  text\n\t oops\n");
        assertEquals("text\n", prop(config(f, "A"), Property.Help.class).text());
        assertDiagnostic(f.diagnostics(), "Kconfig:5:3: error: unknown statement \"oops\"");
    }

    @Test
    void anExpandedKeywordIsOnlyAWord() {
        KconfigFile f = parse("K := config\n$(K) A\n\tbool\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:2:1: error: unknown statement \"$(K)\"");
    }

    @Test
    void errorsOfSeveralLinesAreAllReported() {
        KconfigFile f = parse("""
                config A
                \tbool
                \tdepends on &&
                config B
                \tbool
                \tselect
                config C
                \tbool
                """);
        assertDiagnostic(f.diagnostics(), "Kconfig:3:13: error:");
        assertDiagnostic(f.diagnostics(), "Kconfig:6:8: error: unexpected end of line, expecting a symbol");
        assertEquals(List.of("A", "B", "C"), topConfigs(f));
    }
}

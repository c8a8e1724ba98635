package dev.kls.kconfig;

import static dev.kls.kconfig.Fixtures.assertDiagnostic;
import static dev.kls.kconfig.Fixtures.config;
import static dev.kls.kconfig.Fixtures.parse;
import static dev.kls.kconfig.Fixtures.parseClean;
import static dev.kls.kconfig.Fixtures.prop;
import static dev.kls.kconfig.Fixtures.single;
import static dev.kls.kconfig.Fixtures.span;
import static dev.kls.kconfig.Fixtures.sx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.ast.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Words, strings, escapes, comments, continuation lines and the warnings of the lexer. */
class LexicalTest {

    private static Text prompt(String typeLine) {
        Entry.Config c = (Entry.Config) single("config A\n\t" + typeLine + "\n");
        return prop(c, Property.TypeDecl.class).prompt();
    }

    @Test
    void doubleAndSingleQuotes() {
        assertEquals("double", prompt("string \"double\"").value());
        assertEquals("single", prompt("string 'single'").value());
    }

    @Test
    void theOtherQuoteIsPlainTextInside() {
        assertEquals("it's", prompt("string \"it's\"").value());
        assertEquals("say \"hi\"", prompt("string 'say \"hi\"'").value());
    }

    @Test
    void backslashTakesTheNextCharacterLiterally() {
        Text t = prompt("string \"a \\\"b\\\" c\\\\d \\e\"");
        assertEquals("a \"b\" c\\d e", t.value());
        assertEquals("a \\\"b\\\" c\\\\d \\e", t.raw());
        assertEquals("it's", prompt("string 'it\\'s'").value());
    }

    @Test
    void hashInsideAStringIsNotAComment() {
        assertEquals("a # b", prompt("string \"a # b\" # but this is").value());
    }

    @Test
    void stringRangeIncludesItsQuotes() {
        assertEquals("Kconfig:2:9-2:14", span(prompt("string \"abc\"").range()));
    }

    @Test
    void commentsAnywhere() {
        KconfigFile f = parseClean("""
                # a comment line
                config A # after a keyword
                \t# indented comment
                \tbool "a" # after a string
                #config B
                """);
        assertEquals(1, f.entries().size());
    }

    @Test
    void lineContinuationInsideAStatement() {
        Entry.Config c = (Entry.Config) single("config A\n\tbool \"a\" \\\n\t\tif B\n\tdefault y\n");
        Property.TypeDecl t = prop(c, Property.TypeDecl.class);
        assertEquals("B", sx(t.condition()));
        assertEquals("Kconfig:3:6-3:7", span(t.condition().range()));
        assertEquals("Kconfig:4:2-4:11", span(prop(c, Property.Default.class).range()));
    }

    @Test
    void crLfLineEndings() {
        KconfigFile f = parseClean("config A\r\n\tbool \"a\"\r\n\thelp\r\n\t  Text.\r\nconfig B\r\n\tbool\r\n");
        assertEquals("a", prop(config(f, "A"), Property.TypeDecl.class).prompt().value());
        assertEquals("Text.\n", prop(config(f, "A"), Property.Help.class).text());
        assertEquals(2, f.entries().size());
    }

    @Test
    void keywordsAreWholeWordsOnly() {
        KconfigFile f = parseClean("""
                config configX
                \tbool
                \tselect if_y
                \tdepends on endmenu_z || helpful
                """);
        Entry.Config c = config(f, "configX");
        assertEquals("if_y", prop(c, Property.Select.class).target().value());
        assertEquals("(|| endmenu_z helpful)", sx(prop(c, Property.DependsOn.class).expr()));
    }

    @Test
    void blankLinesAndIndentationDoNotMatter() {
        KconfigFile f = parseClean("\n\n   config A\n\n\n        bool\n\n");
        assertEquals(SymbolType.BOOL, prop(config(f, "A"), Property.TypeDecl.class).type());
    }

    @Test
    void unsupportedCharacterIsWarnedAndIgnored() {
        KconfigFile f = parse("config A\n\tbool @ \"a\"\n");
        assertDiagnostic(f.diagnostics(), "Kconfig:2:7: warning: ignoring unsupported character '@'");
        assertEquals("a", prop(config(f, "A"), Property.TypeDecl.class).prompt().value());
        assertEquals(1, f.diagnostics().size());
    }

    @Test
    void noNewLineAtEndOfFile() {
        KconfigFile f = parse("config A\n\tbool\n\tdepends on B");
        assertDiagnostic(f.diagnostics(), "Kconfig:3:14: warning: no new line at end of file");
        assertEquals("B", sx(prop(config(f, "A"), Property.DependsOn.class).expr()));
    }

    @Test
    void aFinalCommentWithoutNewLineIsFine() {
        parseClean("config A\n\tbool\n# the end");
    }

    @Test
    void emptyText() {
        KconfigFile f = parseClean("");
        assertEquals(List.of(), f.entries());
    }
}

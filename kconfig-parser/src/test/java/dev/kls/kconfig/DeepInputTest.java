package dev.kls.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.ast.KconfigFile;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Inputs deep enough to overflow a recursive parser give one error at the line that goes too deep (they
 * used to be StackOverflowErrors); inputs at the bounds still parse.
 */
class DeepInputTest {

    private static String chain(int terms, String op) {
        return IntStream.range(0, terms).mapToObj(i -> "S" + i).collect(Collectors.joining(" " + op + " "));
    }

    private static Diagnostic onlyError(KconfigFile f) {
        List<Diagnostic> errors = f.diagnostics().stream().filter(d -> d.severity() == KconfigSeverity.ERROR).toList();
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    @Test
    void aTenThousandTermDependsChainIsAnErrorAtItsLine() {
        KconfigFile f = Fixtures.parse("config A\n\tbool \"a\"\n\nconfig B\n\tbool \"b\"\n\tdepends on "
                + chain(10_000, "&&") + "\n");
        Diagnostic d = onlyError(f);
        assertEquals(6, d.range().startLine());
        assertTrue(d.message().contains("more than 1000 operators"), d.message());
        assertTrue(f.entries().isEmpty(), "a refused file yields no entries");
    }

    @Test
    void twoThousandNestedBlocksAreAnErrorAtTheFirstLineTooDeep() {
        String text = "if X\nmenu \"m\"\n".repeat(1000) + "config A\n\tbool \"a\"\n" + "endmenu\nendif\n".repeat(1000);
        Diagnostic d = onlyError(Fixtures.parse(text));
        assertEquals(DepthGuard.MAX_BLOCKS + 1, d.range().startLine());
        assertTrue(d.message().contains("nested deeper than 100"), d.message());
    }

    @Test
    void twentyThousandParenthesesAreAnErrorAtTheFirstOneTooDeep() {
        Diagnostic d = onlyError(Fixtures.parse("config A\n\tbool \"a\"\n\tdepends on " + "(".repeat(20_000) + "B"
                + ")".repeat(20_000) + "\n"));
        assertEquals(3, d.range().startLine());
        assertEquals(13 + DepthGuard.MAX_PARENS, d.range().startColumn()); // the 101st "(": tab, "depends on ", 100 "("
        Diagnostic nots = onlyError(Fixtures.parse("config A\n\tbool \"a\"\n\tdepends on " + "!".repeat(20_000) + "B\n"));
        assertEquals(3, nots.range().startLine());
    }

    @Test
    void inputsAtTheBoundsParseCleanly() {
        Fixtures.parseClean("config A\n\tbool \"a\"\n\tdepends on " + chain(DepthGuard.MAX_OPERATORS + 1, "||")
                + "\n\tdefault " + "(".repeat(DepthGuard.MAX_PARENS) + "!B" + ")".repeat(DepthGuard.MAX_PARENS) + "\n");
        Fixtures.parseClean("if X\nmenu \"m\"\n".repeat(DepthGuard.MAX_BLOCKS / 2) + "config A\n\tbool \"a\"\n"
                + "endmenu\nendif\n".repeat(DepthGuard.MAX_BLOCKS / 2));
    }

    /** Found by KconfigFuzz: a NUL byte in a source path threw InvalidPathException out of the loader. */
    @Test
    void aNulByteInASourcedNameIsAnError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        KconfigTree t = Fixtures.load(dir, "Kconfig", "source \"init\u0000config\"\nconfig A\n\tbool \"a\"\n");
        List<Diagnostic> errors = t.diagnostics().stream().filter(d -> d.severity() == KconfigSeverity.ERROR).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).message().contains("is not a valid file name"), errors.get(0).message());
        assertEquals(1, errors.get(0).range().startLine());
    }
}

package dev.kls.kconfig;

import static dev.kls.kconfig.Fixtures.expr;
import static dev.kls.kconfig.Fixtures.formatted;
import static dev.kls.kconfig.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Text;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link KconfigPrinter}: what it prints parses back to the same AST, locations
 * aside, for every construct; and printing that again gives the same text.
 */
class PrinterRoundTripTest {

    static Stream<Arguments> constructs() {
        return Stream.of(
                Arguments.of("mainmenu", "mainmenu \"Linux/$(SRCARCH) $(KERNELVERSION) Kernel Configuration\"\n"),
                Arguments.of("types without prompt", """
                        config B
                        \tbool
                        config T
                        \ttristate
                        config I
                        \tint
                        config H
                        \thex
                        config S
                        \tstring
                        """),
                Arguments.of("types with prompt and if", """
                        config B
                        \tbool "b"
                        config T
                        \ttristate "t" if MODULES
                        config I
                        \tint "i" if A && !B
                        config H
                        \thex "h"
                        config S
                        \tstring "s" if X = "y"
                        """),
                Arguments.of("menuconfig", "menuconfig NET\n\tbool \"Networking\"\n"),
                Arguments.of("prompt attribute", "config A\n\tbool\n\tprompt \"one\"\n\tprompt \"two\" if B || C\n"),
                Arguments.of("defaults", """
                        config A
                        \tint
                        \tdefault 4096 if X86_64
                        \tdefault "8" if !MMU
                        \tdefault B
                        config D
                        \tdef_bool y if B
                        \tdef_tristate m if C
                        \tdef_bool !E || F && G
                        """),
                Arguments.of("depends on", "config A\n\tbool\n\tdepends on B\n\tdepends on (C || D) && E\n"),
                Arguments.of("select and imply", """
                        config A
                        \tbool
                        \tselect B
                        \tselect C if D
                        \timply E
                        \timply F if G && H
                        """),
                Arguments.of("range", "config A\n\thex\n\trange 0x1000 0xffff if B\n\trange MIN \"20\"\n"),
                Arguments.of("help", """
                        config A
                        \tbool
                        \thelp
                        \t  First paragraph.

                        \t    indented by two
                        \t  # not a comment
                        \t  last
                        config B
                        \tbool
                        \t---help---
                        \t  Old style.
                        config C
                        \tbool
                        \thelp
                        config D
                        \tbool
                        """),
                Arguments.of("modules, option, transitional", """
                        config MODULES
                        \tbool "m"
                        \tmodules
                        config ARCH
                        \tstring
                        \toption env="ARCH"
                        \toption defconfig_list
                        config OLD
                        \tbool
                        \ttransitional
                        """),
                Arguments.of("named choice", """
                        choice KERNEL_COMPRESSION
                        \tprompt "Kernel compression mode"
                        \tdefault KERNEL_GZIP if X
                        \tdepends on HAVE_COMPRESSION
                        \thelp
                        \t  Pick one.
                        config KERNEL_GZIP
                        \tbool "Gzip"
                        config KERNEL_XZ
                        \tbool "XZ"
                        endchoice
                        """),
                Arguments.of("anonymous optional tristate choice", """
                        choice
                        \ttristate "Pick"
                        \toptional
                        comment "c"
                        if X
                        config B
                        \ttristate "b"
                        endif
                        endchoice
                        """),
                Arguments.of("empty choice", "choice\nendchoice\n"),
                Arguments.of("comment", "comment \"Needs a compiler\"\n\tdepends on !CC_OK\n\tdepends on X\ncomment \"plain\"\n"),
                Arguments.of("menu", """
                        menu "Drivers"
                        \tvisible if EXPERT
                        \tdepends on HAS_IOMEM
                        menu "Inner"
                        \tvisible
                        endmenu
                        config A
                        \tbool "a"
                        endmenu
                        menu "Empty"
                        endmenu
                        """),
                Arguments.of("if", "if NET && !UML\nif A\nconfig B\n\tbool\nendif\nendif\nif X\nendif\n"),
                Arguments.of("sources", """
                        source "arch/$(SRCARCH)/Kconfig"
                        rsource "sub/Kconfig"
                        osource "drivers/*/Kconfig"
                        orsource "boards/*/Kconfig.board"
                        """),
                Arguments.of("assignments", """
                        cc-option = $(success,$(CC) -Werror $(1) -c -x c /dev/null -o /dev/null)
                        X := a   b
                        X += c # kept
                        EMPTY :=
                        R =
                        """),
                Arguments.of("expressions", """
                        config A
                        \tbool
                        \tdepends on !A && B
                        \tdepends on A || B && C
                        \tdepends on (A || B) && C
                        \tdepends on !(A && B)
                        \tdepends on !A = B
                        \tdepends on A && (B && C)
                        \tdepends on A || (B || C)
                        \tdepends on A != n && B < 3 && C <= 4 && D > 5 && E >= 6
                        \tdepends on ARCH = "x86" || '8' = X
                        \tdepends on !!A
                        """),
                Arguments.of("strings with quotes and escapes", """
                        config A
                        \tstring "it's \\"q\\" \\\\ x"
                        \tdefault 'say "hi"'
                        \tdefault "a\\b"
                        \tdefault 'it\\'s'
                        \tdefault "# not a comment"
                        """),
                Arguments.of("strings with macros and both quotes", """
                        V := v
                        config A
                        \tstring "it's \\"$(V)\\""
                        \tdefault '$(V) "quoted"'
                        """),
                Arguments.of("line continuation", "config A\n\tbool \"a\" \\\n\t\tif B && \\\n\t\tC\n"),
                Arguments.of("macros in words", """
                        ARCHNAME := x86
                        K := if
                        config ARCH_$(ARCHNAME)
                        \tbool
                        \tdepends on $(K) && X$(ARCHNAME)
                        """),
                Arguments.of("unevaluated shell", """
                        success = $(shell,{ $(1); } >/dev/null 2>&1 && echo y || echo n)
                        config CC_HAS_X
                        \tdef_bool $(success,true)
                        config S
                        \tstring
                        \tdefault "$(shell,uname -r)"
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void printsBackToTheSameAst(String name, String text) {
        KconfigFile first = parse(text);
        assertEquals(List.of(), formatted(first.diagnostics()), "the input itself must be clean");
        String printed = KconfigPrinter.print(first);
        KconfigFile second = parse(printed);
        assertEquals(List.of(), formatted(second.diagnostics()), () -> "printed:\n" + printed);
        assertEquals(AstNormalizer.strip(first.entries()), AstNormalizer.strip(second.entries()),
                () -> "printed:\n" + printed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void printingIsStable(String name, String text) {
        String once = KconfigPrinter.print(parse(text));
        assertEquals(once, KconfigPrinter.print(parse(once)));
    }

    @Test
    void layout() {
        assertEquals("config A\n\tbool \"a\"\n\tdepends on B\n\thelp\n\t  Line.\n\n\t    More.\n\n",
                KconfigPrinter.print(parse("config A\n  bool 'a'\n  depends on (B)\n  help\n   Line.\n\n     More.\n")));
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = ';', value = {
        "((A));                A",
        "(A || B) && C;        (A || B) && C",
        "(A && B) && C;        A && B && C",
        "A && (B && C);        A && (B && C)",
        "(A && B) || C;        A && B || C",
        "!(A);                 !A",
        "!(A || B);            !(A || B)",
        "!(A = B);             !A = B",
        "A=B&&C!=\"x\";        A = B && C != \"x\"",
    })
    void fewestParentheses(String in, String out) {
        assertEquals(out, KconfigPrinter.print(expr(in)));
    }

    @Test
    void textMadeByAProgramWithBothQuotesIsEscaped() {
        Text t = Text.of("say \"it's\"");
        String printed = KconfigPrinter.print(List.of(new Entry.Comment(t, List.of(), SourceRange.NONE)));
        Entry.Comment c = (Entry.Comment) parse(printed).entries().get(0);
        assertEquals("say \"it's\"", c.prompt().value());
    }

    @Test
    void normalizerIgnoresLocationsOnly() {
        List<Entry> a = parse("config A\n\tbool\n").entries();
        List<Entry> moved = parse("\n\n   config A\n      bool\n").entries();
        List<Entry> other = parse("config A\n\ttristate\n").entries();
        assertNotEquals(a, moved);
        assertEquals(AstNormalizer.strip(a), AstNormalizer.strip(moved));
        assertNotEquals(AstNormalizer.strip(a), AstNormalizer.strip(other));
    }
}

package dev.kls.kconfig;

import static dev.kls.kconfig.Fixtures.ENV;
import static dev.kls.kconfig.Fixtures.assertDiagnostic;
import static dev.kls.kconfig.Fixtures.assertNoDiagnostics;
import static dev.kls.kconfig.Fixtures.config;
import static dev.kls.kconfig.Fixtures.parse;
import static dev.kls.kconfig.Fixtures.prop;
import static dev.kls.kconfig.Fixtures.sx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.ast.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The macro language of Documentation/kbuild/kconfig-macro-language.rst, as Kconfig files use it. */
class MacroTest {

    /** The default of config X after the given definitions: {@code config X / string / default "<value>"}. */
    private static Text stringDefault(String definitions, String value, MacroExpander macros) {
        KconfigFile f = parse(definitions + "config X\n\tstring\n\tdefault \"" + value + "\"\n", macros);
        return ((Expr.Sym) prop(config(f, "X"), Property.Default.class).value()).text();
    }

    /** Same, checking that nothing was reported. */
    private static String expand(String definitions, String value) {
        MacroExpander m = Fixtures.noShell();
        KconfigFile f = parse(definitions + "config X\n\tstring\n\tdefault \"" + value + "\"\n", m);
        assertNoDiagnostics(f.diagnostics());
        return ((Expr.Sym) prop(config(f, "X"), Property.Default.class).value()).text().value();
    }

    /** The diagnostics of a text. */
    private static List<Diagnostic> diagnostics(String text) {
        return parse(text).diagnostics();
    }

    @Nested
    class Flavours {
        @Test
        void recursiveSeesLaterRedefinitionsSimpleDoesNot() {
            assertEquals("2 1", expand("""
                    A = 1
                    RECURSIVE = $(A)
                    SIMPLE := $(A)
                    A = 2
                    """, "$(RECURSIVE) $(SIMPLE)"));
        }

        @Test
        void appendKeepsTheFlavour() {
            assertEquals("3|x 1 2|new", expand("""
                    A = 1
                    A += 2
                    S := x
                    S += $(A)
                    A = 3
                    N += new
                    """, "$(A)|$(S)|$(N)"));
        }

        @Test
        void appendToRecursiveStaysRecursive() {
            assertEquals("a late", expand("""
                    R = a
                    R += $(L)
                    L = late
                    """, "$(R)"));
        }

        @Test
        void redefiningChangesTheFlavour() {
            assertEquals("1", expand("""
                    A = 1
                    V = $(A)
                    V := $(A)
                    A = 2
                    """, "$(V)"));
        }

        @Test
        void emptyValue() {
            assertEquals("[]", expand("E :=\n", "[$(E)]"));
        }

        @Test
        void anAssignmentIsSeenOnlyByTheLinesAfterIt() {
            KconfigFile f = parse("""
                    config A
                    \tstring
                    \tdefault "[$(LATE)]"
                    LATE := after
                    config B
                    \tstring
                    \tdefault "[$(LATE)]"
                    """);
            assertEquals("\"[]\"", sx(prop(config(f, "A"), Property.Default.class).value()));
            assertEquals("\"[after]\"", sx(prop(config(f, "B"), Property.Default.class).value()));
        }

        @Test
        void computedVariableName() {
            assertEquals("1", expand("X := V\n$(X)_NAME := 1\n", "$(V_NAME)"));
        }

        @Test
        void definitionsOfOneParseDoNotLeakIntoAnother() {
            MacroExpander shared = Fixtures.noShell();
            parse("V := one\n", shared);
            assertEquals("one", stringDefault("", "$(V)", shared).value());
            assertEquals("", stringDefault("", "$(V)", Fixtures.noShell()).value());
        }
    }

    @Nested
    class Functions {
        @Test
        void userFunctionWithArguments() {
            assertEquals("a-b", expand("f = $(1)-$(2)\n", "$(f,a,b)"));
        }

        @Test
        void nestedCalls() {
            assertEquals("[ab]", expand("g = [$(1)]\nf = $(g,$(1)$(2))\n", "$(f,a,b)"));
        }

        @Test
        void argumentsAreExpandedBeforeTheCall() {
            assertEquals("<6.1.0>", expand("wrap = <$(1)>\n", "$(wrap,$(KERNELVERSION))"));
        }

        @Test
        void missingArgumentIsEmpty() {
            assertEquals("a-", expand("f = $(1)-$(2)\n", "$(f,a)"));
        }

        @Test
        void computedFunctionName() {
            assertEquals("x", expand("fn = $(1)\nNAME := fn\n", "$($(NAME),x)"));
        }

        @Test
        void filenameAndLineno() {
            assertEquals("Kconfig:3", expand("", "$(filename):$(lineno)"));
        }

        @Test
        void info() {
            List<Diagnostic> d = diagnostics("$(info,hello world)\nconfig A\n\tbool\n");
            assertDiagnostic(d, "Kconfig:1:1: note: hello world");
        }

        @Test
        void warningIf() {
            List<Diagnostic> d = diagnostics("$(warning-if,y,watch out)\n$(warning-if,n,silent)\n");
            assertDiagnostic(d, "Kconfig:1:1: warning: watch out");
            assertEquals(1, d.size());
        }

        @Test
        void errorIf() {
            List<Diagnostic> d = diagnostics("config A\n\tstring\n\tdefault \"$(error-if,y,bad thing)\"\n");
            assertDiagnostic(d, "Kconfig:3:11: error: bad thing");
        }

        @Test
        void errorIfNotY() {
            assertEquals("", expand("", "$(error-if,n,no)$(error-if,yes,no)$(error-if,,no)"));
        }

        @Test
        void tooFewAndTooManyArguments() {
            List<Diagnostic> d = diagnostics(
                    "config X\n\tstring\n\tdefault \"$(shell)|$(shell,a,b)|$(info)|$(filename,x)|$(warning-if,y)\"\n");
            assertDiagnostic(d, "Kconfig:3:11: error: too few function arguments passed to 'shell'");
            assertDiagnostic(d, "Kconfig:3:20: error: too many function arguments passed to 'shell'");
            assertDiagnostic(d, "Kconfig:3:33: error: too few function arguments passed to 'info'");
            assertDiagnostic(d, "Kconfig:3:41: error: too many function arguments passed to 'filename'");
            assertDiagnostic(d, "Kconfig:3:55: error: too few function arguments passed to 'warning-if'");
        }

        @Test
        void atMostFifteenArgumentsToAUserFunction() {
            String fifteen = "$(f,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15)";
            assertEquals("1.15", expand("f = $(1).$(15)\n", fifteen));
            List<Diagnostic> d = diagnostics("f = $(1)\nconfig X\n\tstring\n\tdefault \""
                    + fifteen.replace(")", ",16)") + "\"\n");
            assertDiagnostic(d, "Kconfig:4:11: error: too many function arguments");
        }

        @Test
        void recursiveVariableReferencingItself() {
            List<Diagnostic> d = diagnostics("R = $(R)x\nconfig X\n\tstring\n\tdefault \"$(R)\"\n");
            assertDiagnostic(d, "Kconfig:4:11: error: Recursive variable 'R' references itself (eventually)");
        }

        @Test
        void recursionThroughAnotherVariable() {
            List<Diagnostic> d = diagnostics("A = $(B)\nB = $(A)\nconfig X\n\tstring\n\tdefault \"$(A)\"\n");
            assertDiagnostic(d, "Kconfig:5:11: error: Recursive variable 'A' references itself (eventually)");
        }

        @Test
        void aFunctionMayCallItselfWithArguments() {
            // only a reference without arguments is a loop; with arguments it recurses (and here ends)
            assertEquals("ab", expand("f = $(1)$(2)\n", "$(f,a,$(f,b))"));
        }
    }

    @Nested
    class Words {
        @Test
        void aWordThatExpandsToEmptyDisappears() {
            KconfigFile f = parse("E :=\nconfig A\n\tbool\n\tdepends on B $(E)\n\tselect $(E) C\n");
            assertNoDiagnostics(f.diagnostics());
            assertEquals("B", sx(prop(config(f, "A"), Property.DependsOn.class).expr()));
            assertEquals("C", prop(config(f, "A"), Property.Select.class).target().value());
        }

        @Test
        void anExpandedWordIsNeverAKeyword() {
            KconfigFile f = parse("K := if\nconfig A\n\tbool\n\tdepends on $(K)\n");
            assertNoDiagnostics(f.diagnostics());
            Expr.Sym s = assertInstanceOf(Expr.Sym.class, prop(config(f, "A"), Property.DependsOn.class).expr());
            assertEquals("if", s.name());
            assertEquals("$(K)", s.text().raw());
        }

        @Test
        void aWordIsGluedToItsExpansions() {
            KconfigFile f = parse("V := 64\nconfig A\n\tbool\n\tdepends on X$(V)_BIT\n");
            assertEquals("X64_BIT", sx(prop(config(f, "A"), Property.DependsOn.class).expr()));
        }

        @Test
        void configNameFromAMacro() {
            KconfigFile f = parse("ARCHNAME := x86\nconfig ARCH_$(ARCHNAME)\n\tbool\n");
            assertEquals("ARCH_$(ARCHNAME)", config(f, "ARCH_x86").name().raw());
        }

        @Test
        void expansionInsideStrings() {
            assertEquals("/home/kls/x 6.1.0", expand("", "$(HOME)/x $(KERNELVERSION)"));
        }

        @Test
        void dollarWithoutParenthesisIsADollar() {
            assertEquals("a$b $", expand("", "a$b $"));
        }

        @Test
        void environmentVariables() {
            MacroExpander m = new MacroExpander(Map.of("CC", "clang"), null);
            assertEquals("clang|", stringDefault("", "$(CC)|$(UNSET_ANYWHERE)", m).value());
            assertTrue(m.environmentUsed().containsAll(List.of("CC", "UNSET_ANYWHERE")));
        }

        @Test
        void variablesHideTheEnvironment() {
            assertEquals("mine", expand("HOME := mine\n", "$(HOME)"));
        }

        @Test
        void unterminatedReferenceInAWord() {
            List<Diagnostic> d = diagnostics("config A\n\tbool\n\tdefault $(foo\n");
            assertDiagnostic(d, "Kconfig:3:10: error: unterminated reference to 'foo': missing ')'");
        }

        @Test
        void unterminatedReferenceInAString() {
            List<Diagnostic> d = diagnostics("config A\n\tstring \"a $(foo\"\n");
            assertDiagnostic(d, "Kconfig:2:12: error: unterminated reference to 'foo\"': missing ')'");
        }
    }

    @Nested
    class Shell {
        private static final String CMD = "config X\n\tbool\n\tdefault $(shell,echo y)\n";

        @Test
        void notAllowedGivesAnUnknownValueAndIsRecorded() {
            MacroExpander m = Fixtures.noShell();
            KconfigFile f = parse(CMD, m);
            assertNoDiagnostics(f.diagnostics());
            Text t = ((Expr.Sym) prop(config(f, "X"), Property.Default.class).value()).text();
            assertTrue(t.unevaluated());
            assertEquals("$(shell,echo y)", t.value(), "an unknown value shows as written");
            List<UnevaluatedMacro> u = new ArrayList<>(m.unevaluated());
            assertEquals(1, u.size());
            assertEquals("echo y", u.get(0).text());
            assertEquals("Kconfig:3:10", u.get(0).range().toString());
            assertTrue(u.get(0).reason().contains("not allowed"), u.get(0).reason());
        }

        @Test
        void allowedRunsTheCommandThroughTheRunner() {
            List<String> ran = new ArrayList<>();
            MacroExpander m = new MacroExpander(ENV, cmd -> {
                ran.add(cmd);
                return cmd.equals("echo y") ? "y" : "";
            });
            KconfigFile f = parse(CMD, m);
            Text t = ((Expr.Sym) prop(config(f, "X"), Property.Default.class).value()).text();
            assertEquals("y", t.value());
            assertFalse(t.unevaluated());
            assertEquals(List.of("echo y"), ran);
            assertTrue(m.unevaluated().isEmpty());
        }

        @Test
        void unknownValueSpreadsThroughVariables() {
            MacroExpander m = Fixtures.noShell();
            Text t = stringDefault("C := $(shell,cat /etc/x)\n", "v=$(C)", m);
            assertTrue(t.unevaluated());
            assertEquals(1, m.unevaluated().size());
            assertEquals("Kconfig:1:1", m.unevaluated().iterator().next().range().toString());
        }

        @Test
        void aCommandBuiltFromAnUnknownValueIsNotRunEither() {
            MacroExpander m = new MacroExpander(ENV, null);
            Text t = stringDefault("", "$(shell,echo $(shell,uname))", m);
            assertTrue(t.unevaluated());
            assertTrue(m.unevaluated().stream().anyMatch(u -> u.reason().contains("not evaluated")),
                    m.unevaluated().toString());
        }

        @Test
        void warningIfOnAnUnknownConditionSaysNothingButIsRecorded() {
            MacroExpander m = Fixtures.noShell();
            KconfigFile f = parse("$(warning-if,$(shell,test -e x && echo y),maybe)\n", m);
            assertNoDiagnostics(f.diagnostics());
            assertTrue(m.unevaluated().stream().anyMatch(u -> u.text().equals("warning-if")), m.unevaluated().toString());
        }

        @Test
        void successStyleFunctionInDefBoolIsAnUnevaluatedSymbolNotAnError() {
            MacroExpander m = Fixtures.noShell();
            KconfigFile f = parse("""
                    success = $(shell,{ $(1); } >/dev/null 2>&1 && echo y || echo n)
                    cc-option = $(success,trap "rm -rf .tmp_$$" EXIT; $(CC) -Werror $(1) -c -x c /dev/null)

                    config CC_HAS_ASM_GOTO
                    \tdef_bool $(success,$(srctree)/scripts/gcc-goto.sh $(CC))

                    config CC_HAS_FOO
                    \tdef_bool $(cc-option,-mfoo) && X
                    """, m);
            assertNoDiagnostics(f.diagnostics());
            Expr.Sym s = assertInstanceOf(Expr.Sym.class,
                    prop(config(f, "CC_HAS_ASM_GOTO"), Property.Default.class).value());
            assertTrue(s.text().unevaluated());
            assertFalse(s.quoted());
            assertEquals("$(success,$(srctree)/scripts/gcc-goto.sh $(CC))", s.text().raw());
            Expr.And and = assertInstanceOf(Expr.And.class, prop(config(f, "CC_HAS_FOO"), Property.Default.class).value());
            assertTrue(((Expr.Sym) and.left()).text().unevaluated());
            assertEquals(2, m.unevaluated().size());
        }

        @Test
        void successStyleFunctionWithTheShellAllowed() {
            MacroExpander m = new MacroExpander(ENV, cmd -> cmd.startsWith("{ true; }") ? "y" : "n");
            KconfigFile f = parse("""
                    success = $(shell,{ $(1); } >/dev/null 2>&1 && echo y || echo n)
                    config A
                    \tdef_bool $(success,true)
                    config B
                    \tdef_bool $(success,false)
                    """, m);
            assertEquals("y", sx(prop(config(f, "A"), Property.Default.class).value()));
            assertEquals("n", sx(prop(config(f, "B"), Property.Default.class).value()));
        }

        @Test
        void sourcePathWithAnUnknownValueIsKeptAsWritten() {
            Entry.Source s = (Entry.Source) parse("source \"$(shell,echo arch)/Kconfig\"\n").entries().get(0);
            assertTrue(s.path().unevaluated());
            assertEquals("$(shell,echo arch)/Kconfig", s.path().raw());
        }
    }

    @Nested
    class ExpanderApi {
        @Test
        void defineAndExpand() {
            MacroExpander m = new MacroExpander(Map.of("E", "env"), null);
            m.define("S", "$(E)", Entry.Flavor.SIMPLE);
            m.define("R", "$(S)-$(1)", Entry.Flavor.RECURSIVE);
            assertTrue(m.isDefined("S"));
            assertFalse(m.isDefined("E"));
            assertEquals("env-x", m.expand("$(R,x)"));
        }

        @Test
        void expandDollarSaysWhereTheReferenceEnds() {
            MacroExpander m = new MacroExpander(Map.of("A", "aa"), null);
            MacroExpander.Expansion e = m.expandDollar("x$(A)y", 1);
            assertEquals("aa", e.value());
            assertEquals(5, e.end());
        }

        @Test
        void copyKeepsVariablesButNotLaterChanges() {
            MacroExpander m = new MacroExpander(Map.of(), null);
            m.define("V", "1", Entry.Flavor.SIMPLE);
            MacroExpander c = m.copy();
            m.define("V", "2", Entry.Flavor.SIMPLE);
            assertEquals("1", c.expand("$(V)"));
        }

        @Test
        void unknownMarkerAndPrintable() {
            MacroExpander m = new MacroExpander(Map.of(), null);
            String v = m.expand("a $(shell,date) b");
            assertTrue(MacroExpander.isUnknown(v));
            assertEquals("a <unevaluated> b", MacroExpander.printable(v));
            assertFalse(MacroExpander.isUnknown("plain"));
        }
    }
}

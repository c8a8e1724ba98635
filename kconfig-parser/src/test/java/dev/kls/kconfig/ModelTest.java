package dev.kls.kconfig;

import static dev.kls.kconfig.Fixtures.assertDiagnostic;
import static dev.kls.kconfig.Fixtures.conjuncts;
import static dev.kls.kconfig.Fixtures.formatted;
import static dev.kls.kconfig.Fixtures.load;
import static dev.kls.kconfig.Fixtures.model;
import static dev.kls.kconfig.Fixtures.sx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.model.KconfigModel;
import dev.kls.kconfig.model.MenuNode;
import dev.kls.kconfig.model.ModelBuilder;
import dev.kls.kconfig.model.SymbolDefinition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The menu tree and symbol table built from a read tree, and the kernel's own warnings about them. */
class ModelTest {

    @TempDir
    Path dir;

    private KconfigModel build(String kconfig) {
        return model(dir, kconfig);
    }

    private static SymbolDefinition only(KconfigModel m, String name) {
        ConfigSymbol s = m.symbol(name);
        assertNotNull(s, () -> "no symbol " + name + " in " + m.symbols().keySet());
        assertEquals(1, s.definitions().size(), () -> name + " has " + s.definitions().size() + " definitions");
        return s.definitions().get(0);
    }

    /** The model's diagnostics, checking that there is none. */
    private static void assertQuiet(KconfigModel m) {
        assertEquals(List.of(), formatted(m.diagnostics()));
    }

    /** Kind and name of each node, indented by depth: the shape of the menu tree. */
    private static String shape(MenuNode n) {
        StringBuilder b = new StringBuilder();
        shape(n, "", b);
        return b.toString();
    }

    private static void shape(MenuNode n, String indent, StringBuilder b) {
        if (n.kind() != MenuNode.Kind.ROOT) {
            b.append(indent).append(n.kind());
            if (n.entry() instanceof dev.kls.kconfig.ast.Entry.Config c) {
                b.append(' ').append(c.name().value());
            }
            b.append('\n');
            indent += "  ";
        }
        for (MenuNode c : n.children()) {
            shape(c, indent, b);
        }
    }

    @Nested
    class Symbols {
        @Test
        void aSymbolDefinedTwiceHasTwoDefinitions() {
            KconfigModel m = build("""
                    config A
                    \tbool "a"
                    \tdepends on X

                    config A
                    \tdefault y if Y
                    """);
            ConfigSymbol a = m.symbol("A");
            assertEquals(2, a.definitions().size());
            assertEquals(SymbolType.BOOL, a.type());
            assertEquals("X", sx(a.definitions().get(0).dependsOn()));
            assertNull(a.definitions().get(1).dependsOn());
            assertEquals(5, a.definitions().get(1).entry().range().startLine());
            assertQuiet(m);
        }

        @Test
        void definitionsInSeveralFilesMerge() {
            KconfigModel m = ModelBuilder.build(load(dir,
                    "Kconfig", "config A\n\tbool \"a\"\nsource \"sub/Kconfig\"\n",
                    "sub/Kconfig", "config A\n\tselect B\nconfig B\n\tbool\n"));
            assertEquals(List.of("Kconfig", "sub/Kconfig"), m.symbol("A").definitions().stream()
                    .map(d -> d.entry().range().file()).toList());
        }

        @Test
        void symbolsAreOrderedByFirstDefinition() {
            KconfigModel m = build("config C\n\tbool\nconfig A\n\tbool\nconfig C\n\tbool\nconfig B\n\tbool\n");
            assertEquals(List.of("C", "A", "B"), List.copyOf(m.symbols().keySet()));
        }

        @Test
        void typeFromDefBoolAndDefTristate() {
            KconfigModel m = build("config A\n\tdef_bool y\nconfig B\n\tdef_tristate m\n");
            assertEquals(SymbolType.BOOL, m.symbol("A").type());
            assertEquals(SymbolType.TRISTATE, m.symbol("B").type());
        }

        @Test
        void modulesSymbol() {
            KconfigModel m = build("config MODULES\n\tbool \"Modules\"\n\tmodules\n");
            assertEquals("MODULES", m.modulesSymbol());
        }

        @Test
        void noModulesSymbol() {
            assertNull(build("config A\n\tbool\n").modulesSymbol());
        }
    }

    @Nested
    class Dependencies {
        @Test
        void ifMenuAndDependsOnAreAndedTogether() {
            KconfigModel m = build("""
                    if X
                    menu "M"
                    \tdepends on Y
                    config A
                    \tbool "a"
                    \tdepends on Z
                    \tdepends on W || V
                    endmenu
                    endif
                    """);
            assertEquals(List.of("X", "Y", "Z", "(|| W V)"), conjuncts(only(m, "A").dependsOn()));
        }

        @Test
        void nothingEnclosingMeansNoDependency() {
            assertNull(only(build("config A\n\tbool\n"), "A").dependsOn());
        }

        @Test
        void nestedIfs() {
            KconfigModel m = build("if X\nif Y && !Q\nconfig A\n\tbool\nendif\nendif\n");
            assertEquals(List.of("X", "Y", "(! Q)"), conjuncts(only(m, "A").dependsOn()));
        }

        @Test
        void dependenciesCrossSourceStatements() {
            KconfigModel m = ModelBuilder.build(load(dir,
                    "Kconfig", "if X\nsource \"sub/Kconfig\"\nendif\n",
                    "sub/Kconfig", "menu \"M\"\n\tdepends on Y\nconfig S\n\tbool \"s\"\nendmenu\n"));
            assertEquals(List.of("X", "Y"), conjuncts(only(m, "S").dependsOn()));
        }

        @Test
        void visibleIfIsNotADependency() {
            KconfigModel m = build("menu \"M\"\n\tvisible if V\nconfig A\n\tbool \"a\"\nendmenu\n");
            assertNull(only(m, "A").dependsOn());
        }

        @Test
        void menuNodesCarryTheirDependencies() {
            KconfigModel m = build("if X\ncomment \"c\"\n\tdepends on Y\nendif\n");
            MenuNode comment = m.root().children().stream().filter(n -> n.kind() == MenuNode.Kind.COMMENT)
                    .findFirst().orElseThrow();
            assertEquals(List.of("X", "Y"), conjuncts(comment.dependsOn()));
        }
    }

    @Nested
    class Choices {
        @Test
        void valuesBelongToTheirChoice() {
            KconfigModel m = build("""
                    choice CHOICE_C
                    \tprompt "Pick"
                    config P
                    \tbool "p"
                    config Q
                    \tbool "q"
                    endchoice
                    config OUTSIDE
                    \tbool
                    """);
            SymbolDefinition p = only(m, "P");
            assertNotNull(p.choice());
            assertEquals("CHOICE_C", p.choice().name().value());
            assertSame(p.choice(), only(m, "Q").choice());
            assertNull(only(m, "OUTSIDE").choice());
            assertTrue(conjuncts(p.dependsOn()).contains("CHOICE_C"), "a value depends on its choice");
            assertQuiet(m);
        }

        @Test
        void anonymousChoice() {
            KconfigModel m = build("choice\n\tprompt \"Pick\"\nconfig P\n\tbool \"p\"\nendchoice\n");
            assertNotNull(only(m, "P").choice());
            assertNull(only(m, "P").choice().name());
        }

        @Test
        void valuesInsideAnIfOfTheChoiceStillBelong() {
            KconfigModel m = build("choice\n\tprompt \"Pick\"\nif X\nconfig P\n\tbool \"p\"\nendif\nendchoice\n");
            assertNotNull(only(m, "P").choice());
            assertTrue(conjuncts(only(m, "P").dependsOn()).contains("X"));
        }

        @Test
        void anEntryWhoseConditionIsASupersetOfThePreviousValueNestsUnderIt() {
            // menu_finalize: 'A || X' mentions A without requiring it, but A's own condition implies it
            // (conf builds the same tree: B is no value of the choice, as the evaluator's tests check).
            KconfigModel m = build("""
                    config X
                    \tbool "x"
                    choice
                    \tprompt "Pick"
                    config A
                    \tbool "a"
                    config B
                    \tbool "b"
                    \tdepends on A || X
                    config C
                    \tbool "c"
                    \tdepends on X || Y
                    endchoice
                    """);
            assertNull(only(m, "B").choice(), "nested under A: not a value of the choice");
            assertNotNull(only(m, "C").choice(), "X || Y is no superset of A's condition");
            assertEquals("""
                    CONFIG X
                    CHOICE
                      CONFIG A
                        CONFIG B
                      CONFIG C
                    """, shape(m.root()));
        }

        @Test
        void anEntryThatDependsOnThePreviousValueNestsUnderItAndIsNoValue() {
            KconfigModel m = build("""
                    choice
                    \tprompt "Pick"
                    config P
                    \tbool "p"
                    config P_OPTION
                    \tbool "p option"
                    \tdepends on P
                    config Q
                    \tbool "q"
                    endchoice
                    """);
            assertNull(only(m, "P_OPTION").choice(), "nested under P: not a value of the choice");
            assertNotNull(only(m, "P").choice());
            assertNotNull(only(m, "Q").choice());
            assertEquals("""
                    CHOICE
                      CONFIG P
                        CONFIG P_OPTION
                      CONFIG Q
                    """, shape(m.root()));
        }

        @Test
        void choiceMustHaveAPrompt() {
            KconfigModel m = build("choice\nconfig P\n\tbool \"p\"\nendchoice\n");
            assertDiagnostic(m.diagnostics(), "Kconfig:1:1: warning: choice must have a prompt");
        }

        @Test
        void choiceValueMustHaveAPrompt() {
            KconfigModel m = build("choice\n\tprompt \"c\"\nconfig P\n\tbool\nendchoice\n");
            assertDiagnostic(m.diagnostics(), "Kconfig:3:1: warning: choice value must have a prompt");
        }

        @Test
        void defaultsForChoiceValues() {
            KconfigModel m = build("choice\n\tprompt \"c\"\nconfig P\n\tbool \"p\"\n\tdefault y\nendchoice\n");
            assertDiagnostic(m.diagnostics(), "Kconfig:5:2: warning: defaults for choice values not supported");
        }

        @Test
        void aValueWithoutTypeTakesTheChoiceType() {
            KconfigModel m = build("choice\n\tbool \"c\"\nconfig P\n\tprompt \"p\"\nendchoice\n");
            assertEquals(SymbolType.BOOL, m.symbol("P").type());
            assertQuiet(m);
        }
    }

    @Nested
    class MenuTree {
        @Test
        void shapeOfMenusCommentsAndIfBlocks() {
            KconfigModel m = build("""
                    menu "M"
                    config A
                    \tbool "a"
                    comment "c"
                    endmenu
                    if X
                    config B
                    \tbool "b"
                    endif
                    menuconfig C
                    \tbool "c"
                    """);
            // if blocks are flattened into their parent, as menu_finalize does
            assertEquals("""
                    MENU
                      CONFIG A
                      COMMENT
                    IF
                    CONFIG B
                    MENUCONFIG C
                    """, shape(m.root()));
            assertEquals(m.root().size() - 1, m.menuNodeCount());
        }

        @Test
        void entriesDependingOnAPromptedSymbolNestUnderIt() {
            KconfigModel m = build("""
                    menuconfig NET
                    \tbool "net"
                    if NET
                    config TCP
                    \tbool "tcp"
                    config UDP
                    \tbool "udp"
                    \tdepends on NET
                    endif
                    config OTHER
                    \tbool "other"
                    """);
            assertEquals("""
                    MENUCONFIG NET
                      IF
                      CONFIG TCP
                      CONFIG UDP
                    CONFIG OTHER
                    """, shape(m.root()));
        }

        @Test
        void definitionKnowsItsNode() {
            KconfigModel m = build("config A\n\tbool\n");
            SymbolDefinition a = only(m, "A");
            assertSame(a.entry(), a.node().entry());
        }

        @Test
        void sourcedFilesHangWhereTheyWereSourced() {
            KconfigModel m = ModelBuilder.build(load(dir,
                    "Kconfig", "menu \"M\"\nsource \"sub/Kconfig\"\nendmenu\n",
                    "sub/Kconfig", "config S\n\tbool \"s\"\n"));
            assertEquals("MENU\n  CONFIG S\n", shape(m.root()));
        }

        @Test
        void emptyTree() {
            KconfigModel m = ModelBuilder.build(KconfigLoader.load(dir, "Kconfig", Fixtures.noShell()));
            assertEquals(MenuNode.Kind.ROOT, m.root().kind());
            assertEquals(0, m.menuNodeCount());
            assertTrue(m.symbols().isEmpty());
        }
    }

    @Nested
    class Warnings {
        @Test
        void configWithoutType() {
            KconfigModel m = build("config A\n\tprompt \"a\"\n");
            assertDiagnostic(m.diagnostics(), "Kconfig:1:1: warning: config symbol defined without type");
            assertNull(m.symbol("A").type());
            // Rules decide on the code and subject, never on the words.
            assertEquals(Diagnostic.Code.SYMBOL_WITHOUT_TYPE, m.diagnostics().get(0).code());
            assertEquals("A", m.diagnostics().get(0).subject());
        }

        @Test
        void aTypeInAnyDefinitionIsEnough() {
            assertQuiet(build("config A\n\tprompt \"a\"\nconfig A\n\tbool\n"));
        }

        @Test
        void typeRedefinition() {
            KconfigModel m = build("config A\n\tbool\nconfig A\n\ttristate\n");
            assertDiagnostic(m.diagnostics(), "Kconfig:4:2: warning: ignoring type redefinition of 'A' from 'bool' to 'tristate'");
            assertEquals(SymbolType.BOOL, m.symbol("A").type());
        }

        @Test
        void menuconfigWithoutPrompt() {
            KconfigModel m = build("menuconfig A\n\tbool\n");
            assertDiagnostic(m.diagnostics(), "Kconfig:1:1: warning: menuconfig statement without prompt");
            assertEquals(Diagnostic.Code.NONE, m.diagnostics().get(0).code(), "no rule but kconfig-entry decides on it");
        }

        @Test
        void promptRedefined() {
            KconfigModel m = build("config A\n\tbool \"a\"\n\tprompt \"again\"\n");
            assertDiagnostic(m.diagnostics(), "Kconfig:3:2: warning: prompt redefined");
        }

        @Test
        void twoHelpTexts() {
            KconfigModel m = build("config A\n\tbool\n\thelp\n\t  one\n\thelp\n\t  two\n");
            assertDiagnostic(m.diagnostics(),
                    "Kconfig:5:2: warning: 'A' defined with more than one help text -- only the last one will be used");
        }

        @Test
        void blankHelpText() {
            KconfigModel m = build("config A\n\tbool\n\thelp\nconfig B\n\tbool\n");
            assertDiagnostic(m.diagnostics(), "Kconfig:3:2: warning: 'A' defined with blank help text");
        }

        @Test
        void modulesRedefined() {
            KconfigModel m = build("config M1\n\tbool\n\tmodules\nconfig M2\n\tbool\n\tmodules\n");
            assertDiagnostic(m.diagnostics(),
                    "Kconfig:6:2: error: symbol 'M2' redefines option 'modules' already defined by symbol 'M1'");
            assertEquals("M1", m.modulesSymbol());
        }

        @Test
        void rangeIsInvalid() {
            KconfigModel m = build("""
                    config I
                    \tint "i"
                    \trange 1 10
                    \trange 0x10 20
                    \trange 1 NOT_A_NUMBER_SYMBOL
                    config H
                    \thex "h"
                    \trange 0x0 0xff
                    \trange 0 zz
                    """);
            assertDiagnostic(m.diagnostics(), "Kconfig:4:2: warning: range is invalid");
            assertDiagnostic(m.diagnostics(), "Kconfig:5:2: warning: range is invalid");
            assertDiagnostic(m.diagnostics(), "Kconfig:9:2: warning: range is invalid");
            assertEquals(3, m.diagnostics().size(), () -> formatted(m.diagnostics()).toString());
        }

        @Test
        void rangeBoundsMayBeSymbolsOfTheSameType() {
            assertQuiet(build("""
                    config LOW
                    \tint
                    \tdefault 1
                    config I
                    \tint "i"
                    \trange LOW 100
                    """));
        }

        @Test
        void rangeBoundOfTheOtherNumericType() {
            assertQuiet(build("""
                    config N
                    \tint
                    \tdefault 16
                    config H
                    \thex "h"
                    \trange 0 N
                    """));
        }

        @Test
        void rangeOnlyForIntOrHex() {
            KconfigModel m = build("config B\n\tbool \"b\"\n\trange 1 2\n");
            assertDiagnostic(m.diagnostics(), "Kconfig:3:2: warning: range is only allowed for int or hex symbols");
        }

        @Test
        void rangeWithAnUnevaluatedBoundSaysNothing() {
            assertQuiet(build("config I\n\tint \"i\"\n\trange 0 $(shell,nproc)\n"));
        }

        @Test
        void selectOfANonBoolSymbol() {
            KconfigModel m = build("""
                    config S
                    \tbool "s"
                    \tselect I
                    \timply STR
                    config I
                    \tint
                    config STR
                    \tstring
                    """);
            assertDiagnostic(m.diagnostics(),
                    "Kconfig:3:2: warning: 'I' has wrong type. 'select' only accept arguments of bool and tristate type");
            assertDiagnostic(m.diagnostics(),
                    "Kconfig:4:2: warning: 'STR' has wrong type. 'imply' only accept arguments of bool and tristate type");
        }

        @Test
        void selectFromANonBoolSymbol() {
            KconfigModel m = build("config I\n\tint \"i\"\n\tselect B\nconfig B\n\tbool\n");
            assertDiagnostic(m.diagnostics(), "Kconfig:3:2: warning: config symbol 'I' uses select, but is not bool or tristate");
        }

        @Test
        void selectOfAnUndefinedOrBoolSymbolIsFine() {
            assertQuiet(build("config S\n\ttristate \"s\"\n\tselect B\n\tselect UNDEFINED\nconfig B\n\tbool\n"));
        }

        @Test
        void aCleanTreeIsQuiet() {
            assertQuiet(build("""
                    mainmenu "Test"
                    config MODULES
                    \tbool "Modules"
                    \tmodules
                    menu "Drivers"
                    config DRV
                    \ttristate "Driver"
                    \tdepends on MODULES
                    \tselect HELPER
                    \thelp
                    \t  A driver.
                    config HELPER
                    \ttristate
                    config SIZE
                    \tint "Size"
                    \trange 1 64
                    \tdefault 8
                    endmenu
                    """));
        }
    }
}

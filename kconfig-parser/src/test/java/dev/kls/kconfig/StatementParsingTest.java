package dev.kls.kconfig;

import static dev.kls.kconfig.Fixtures.config;
import static dev.kls.kconfig.Fixtures.parse;
import static dev.kls.kconfig.Fixtures.parseClean;
import static dev.kls.kconfig.Fixtures.prop;
import static dev.kls.kconfig.Fixtures.props;
import static dev.kls.kconfig.Fixtures.single;
import static dev.kls.kconfig.Fixtures.span;
import static dev.kls.kconfig.Fixtures.sx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.ast.SymbolType;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every statement and attribute of the Kconfig language, parsed from one small text. */
class StatementParsingTest {

    @Nested
    class MainMenu {
        @Test
        void titleIsExpanded() {
            Entry.MainMenu m = (Entry.MainMenu) single("mainmenu \"Linux/$(SRCARCH) $(KERNELVERSION) Kernel\"\n");
            assertEquals("Linux/x86 6.1.0 Kernel", m.title().value());
            assertEquals("Linux/$(SRCARCH) $(KERNELVERSION) Kernel", m.title().raw());
            assertEquals("Kconfig:1:1-1:52", span(m.range()));
        }

        @Test
        void isFollowedByOtherStatements() {
            KconfigFile f = parseClean("""
                    mainmenu "Title"

                    config A
                    \tbool
                    """);
            assertInstanceOf(Entry.MainMenu.class, f.entries().get(0));
            assertInstanceOf(Entry.Config.class, f.entries().get(1));
        }
    }

    @Nested
    class Config {
        @Test
        void nameTypeAndRanges() {
            Entry.Config c = (Entry.Config) single("""
                    config FOO_BAR
                    \tbool
                    """);
            assertFalse(c.menuconfig());
            assertEquals("FOO_BAR", c.name().value());
            assertEquals("Kconfig:1:1-1:15", span(c.range()));
            assertEquals("Kconfig:1:8-1:15", span(c.name().range()));
            Property.TypeDecl t = prop(c, Property.TypeDecl.class);
            assertEquals(SymbolType.BOOL, t.type());
            assertNull(t.prompt());
            assertNull(t.condition());
            assertEquals("Kconfig:2:2-2:6", span(t.range()));
        }

        @Test
        void menuconfig() {
            Entry.Config c = (Entry.Config) single("""
                    menuconfig NET
                    \tbool "Networking support"
                    """);
            assertTrue(c.menuconfig());
            assertEquals("NET", c.name().value());
            assertEquals("Networking support", prop(c, Property.TypeDecl.class).prompt().value());
        }

        @Test
        void configWithoutAnyAttribute() {
            Entry.Config c = (Entry.Config) single("config A\n");
            assertEquals(List.of(), c.properties());
        }

        @ParameterizedTest
        @EnumSource(SymbolType.class)
        void everyTypeWithPrompt(SymbolType type) {
            Entry.Config c = (Entry.Config) single("config A\n\t" + type.keyword() + " \"Ask me\"\n");
            Property.TypeDecl t = prop(c, Property.TypeDecl.class);
            assertEquals(type, t.type());
            assertEquals("Ask me", t.prompt().value());
            assertNull(t.condition());
        }

        @ParameterizedTest
        @EnumSource(SymbolType.class)
        void everyTypeWithoutPrompt(SymbolType type) {
            Entry.Config c = (Entry.Config) single("config A\n\t" + type.keyword() + "\n");
            Property.TypeDecl t = prop(c, Property.TypeDecl.class);
            assertEquals(type, t.type());
            assertNull(t.prompt());
        }

        @Test
        void typePromptWithIf() {
            Entry.Config c = (Entry.Config) single("""
                    config A
                    \ttristate "A driver" if B && !C
                    """);
            Property.TypeDecl t = prop(c, Property.TypeDecl.class);
            assertEquals("A driver", t.prompt().value());
            assertEquals("(&& B (! C))", sx(t.condition()));
        }

        @Test
        void promptAttributeWithAndWithoutIf() {
            Entry.Config c = (Entry.Config) single("""
                    config A
                    \tbool
                    \tprompt "First"
                    \tprompt "Second" if EXPERT
                    """);
            List<Property.Prompt> prompts = props(c.properties(), Property.Prompt.class);
            assertEquals("First", prompts.get(0).text().value());
            assertNull(prompts.get(0).condition());
            assertEquals("Second", prompts.get(1).text().value());
            assertEquals("EXPERT", sx(prompts.get(1).condition()));
        }

        @Test
        void defaultsWithAndWithoutIf() {
            Entry.Config c = (Entry.Config) single("""
                    config A
                    \tint "A number"
                    \tdefault 4096 if X86_64
                    \tdefault "8" if !MMU
                    \tdefault B
                    """);
            List<Property.Default> d = props(c.properties(), Property.Default.class);
            assertEquals(3, d.size());
            assertEquals(Property.DefaultKind.DEFAULT, d.get(0).kind());
            assertEquals("4096", sx(d.get(0).value()));
            assertEquals("X86_64", sx(d.get(0).condition()));
            assertEquals("\"8\"", sx(d.get(1).value()));
            assertEquals("(! MMU)", sx(d.get(1).condition()));
            assertEquals("B", sx(d.get(2).value()));
            assertNull(d.get(2).condition());
        }

        @Test
        void defaultIsAnExpression() {
            Entry.Config c = (Entry.Config) single("""
                    config A
                    \tbool
                    \tdefault B || C = m if D
                    """);
            Property.Default d = prop(c, Property.Default.class);
            assertEquals("(|| B (= C m))", sx(d.value()));
            assertEquals("D", sx(d.condition()));
        }

        @Test
        void defBoolAndDefTristateWithIf() {
            Entry.Config c = (Entry.Config) single("""
                    config A
                    \tdef_bool y if B
                    \tdef_tristate m if C
                    \tdef_bool !D
                    """);
            List<Property.Default> d = props(c.properties(), Property.Default.class);
            assertEquals(Property.DefaultKind.DEF_BOOL, d.get(0).kind());
            assertEquals("y", sx(d.get(0).value()));
            assertEquals("B", sx(d.get(0).condition()));
            assertEquals(Property.DefaultKind.DEF_TRISTATE, d.get(1).kind());
            assertEquals("m", sx(d.get(1).value()));
            assertEquals("C", sx(d.get(1).condition()));
            assertEquals("(! D)", sx(d.get(2).value()));
            assertNull(d.get(2).condition());
        }

        @Test
        void dependsOnLinesAreKeptApart() {
            Entry.Config c = (Entry.Config) single("""
                    config A
                    \tbool
                    \tdepends on B
                    \tdepends on C || D
                    """);
            List<Property.DependsOn> deps = props(c.properties(), Property.DependsOn.class);
            assertEquals(List.of("B", "(|| C D)"), deps.stream().map(d -> sx(d.expr())).toList());
            assertEquals("Kconfig:4:2-4:19", span(deps.get(1).range()));
        }

        @Test
        void selectAndImplyWithAndWithoutIf() {
            Entry.Config c = (Entry.Config) single("""
                    config A
                    \tbool
                    \tselect B
                    \tselect C if D
                    \timply E
                    \timply F if G && H
                    """);
            List<Property.Select> s = props(c.properties(), Property.Select.class);
            assertEquals(4, s.size());
            assertFalse(s.get(0).imply());
            assertEquals("B", s.get(0).target().value());
            assertNull(s.get(0).condition());
            assertEquals("C", s.get(1).target().value());
            assertEquals("D", sx(s.get(1).condition()));
            assertTrue(s.get(2).imply());
            assertEquals("E", s.get(2).target().value());
            assertTrue(s.get(3).imply());
            assertEquals("(&& G H)", sx(s.get(3).condition()));
        }

        @Test
        void rangeWithNumbersSymbolsAndIf() {
            Entry.Config c = (Entry.Config) single("""
                    config A
                    \thex
                    \trange 0x1000 0xffff if B
                    \trange MIN "20"
                    """);
            List<Property.Range> r = props(c.properties(), Property.Range.class);
            assertEquals("0x1000", sx(r.get(0).low()));
            assertEquals("0xffff", sx(r.get(0).high()));
            assertEquals("B", sx(r.get(0).condition()));
            assertEquals("MIN", sx(r.get(1).low()));
            assertFalse(r.get(1).low().quoted());
            assertEquals("\"20\"", sx(r.get(1).high()));
            assertTrue(r.get(1).high().quoted());
            assertNull(r.get(1).condition());
        }

        @Test
        void modules() {
            Entry.Config c = (Entry.Config) single("""
                    config MODULES
                    \tbool "Enable loadable module support"
                    \tmodules
                    """);
            assertEquals("Kconfig:3:2-3:9", span(prop(c, Property.Modules.class).range()));
        }

        @Test
        void optionEnvAndOptionWithoutValue() {
            Entry.Config c = (Entry.Config) single("""
                    config ARCH
                    \tstring
                    \toption env="ARCH"
                    \toption defconfig_list
                    """);
            List<Property.Option> o = props(c.properties(), Property.Option.class);
            assertEquals("env", o.get(0).name());
            assertEquals("ARCH", o.get(0).value().name());
            assertTrue(o.get(0).value().quoted());
            assertEquals("defconfig_list", o.get(1).name());
            assertNull(o.get(1).value());
        }

        @Test
        void transitional() {
            Entry.Config c = (Entry.Config) single("""
                    config OLD_NAME
                    \tbool
                    \ttransitional
                    """);
            assertInstanceOf(Property.Transitional.class, c.properties().get(1));
        }

        @Test
        void propertiesKeepTheirOrder() {
            Entry.Config c = (Entry.Config) single("""
                    config A
                    \tdepends on B
                    \tbool "a"
                    \tselect C
                    \tdefault y
                    \thelp
                    \t  Text.
                    """);
            assertEquals(List.of("DependsOn", "TypeDecl", "Select", "Default", "Help"),
                    c.properties().stream().map(p -> p.getClass().getSimpleName()).toList());
        }
    }

    @Nested
    class Help {
        private String helpOf(String text) {
            return prop(config(parseClean(text), "A"), Property.Help.class).text();
        }

        @Test
        void endsAtALineLessIndentedThanItsFirstLine() {
            KconfigFile f = parseClean("""
                    config A
                    \tbool
                    \thelp
                    \t  Say Y here.
                    \t  Or not.
                    config B
                    \tbool
                    """);
            assertEquals("Say Y here.\nOr not.\n", prop(config(f, "A"), Property.Help.class).text());
            assertEquals(List.of("A", "B"), f.entries().stream().map(e -> ((Entry.Config) e).name().value()).toList());
        }

        @Test
        void keepsBlankLinesAndRelativeIndentation() {
            assertEquals("First paragraph.\n\n  indented by two\n" + " ".repeat(12) + "no: a tab is 8 columns\nlast\n",
                    helpOf("""
                            config A
                            \tbool
                            \thelp
                            \t  First paragraph.

                            \t    indented by two
                            \t\t      no: a tab is 8 columns
                            \t  last

                            config B
                            \tbool
                            """));
        }

        @Test
        void oldSpellingDashHelpDash() {
            assertEquals("Old style.\n", helpOf("""
                    config A
                    \tbool
                    \t---help---
                    \t  Old style.
                    """));
        }

        @Test
        void atEndOfFileWithoutNewLine() {
            KconfigFile f = parseClean("config A\n\tbool\n\thelp\n\t  The end");
            assertEquals("The end\n", prop(config(f, "A"), Property.Help.class).text());
        }

        @Test
        void emptyHelp() {
            assertEquals("", helpOf("""
                    config A
                    \tbool
                    \thelp
                    config B
                    \tbool
                    """));
        }

        @Test
        void helpRangeCoversItsText() {
            Property.Help h = prop(config(parseClean("""
                    config A
                    \tbool
                    \thelp
                    \t  one
                    \t  two
                    """), "A"), Property.Help.class);
            assertEquals("Kconfig:3:2-5:7", span(h.range()));
        }

        @Test
        void keywordsAndMacrosInHelpAreJustText() {
            MacroExpander m = Fixtures.noShell();
            KconfigFile f = parse("config A\n\tbool\n\thelp\n\t  config endmenu if \"unterminated $(shell,rm -rf)\n", m);
            assertEquals(List.of(), f.diagnostics());
            assertEquals("config endmenu if \"unterminated $(shell,rm -rf)\n",
                    prop(config(f, "A"), Property.Help.class).text());
            assertTrue(m.unevaluated().isEmpty(), "help text is never expanded");
        }
    }

    @Nested
    class Choice {
        @Test
        void namedChoiceWithItsAttributesAndValues() {
            Entry.Choice ch = (Entry.Choice) single("""
                    choice KERNEL_COMPRESSION
                    \tprompt "Kernel compression mode"
                    \tdefault KERNEL_GZIP
                    \tdepends on HAVE_COMPRESSION
                    \thelp
                    \t  Pick one.

                    config KERNEL_GZIP
                    \tbool "Gzip"

                    config KERNEL_XZ
                    \tbool "XZ"

                    endchoice
                    """);
            assertEquals("KERNEL_COMPRESSION", ch.name().value());
            assertEquals("Kernel compression mode", prop(ch.properties(), Property.Prompt.class).text().value());
            assertEquals("KERNEL_GZIP", sx(prop(ch.properties(), Property.Default.class).value()));
            assertEquals("HAVE_COMPRESSION", sx(prop(ch.properties(), Property.DependsOn.class).expr()));
            assertEquals("Pick one.\n", prop(ch.properties(), Property.Help.class).text());
            assertEquals(List.of("KERNEL_GZIP", "KERNEL_XZ"),
                    ch.body().stream().map(e -> ((Entry.Config) e).name().value()).toList());
            assertEquals("Kconfig:1:1-1:26", span(ch.range()));
        }

        @Test
        void anonymousOptionalTristateChoice() {
            Entry.Choice ch = (Entry.Choice) single("""
                    choice
                    \ttristate "Pick"
                    \toptional
                    \tdefault B if C

                    config B
                    \ttristate "b"
                    endchoice
                    """);
            assertNull(ch.name());
            Property.TypeDecl t = prop(ch.properties(), Property.TypeDecl.class);
            assertEquals(SymbolType.TRISTATE, t.type());
            assertEquals("Pick", t.prompt().value());
            assertInstanceOf(Property.Optional.class, ch.properties().get(1));
            Property.Default d = prop(ch.properties(), Property.Default.class);
            assertEquals("B", sx(d.value()));
            assertEquals("C", sx(d.condition()));
            assertEquals("Kconfig:1:1-1:7", span(ch.range()));
        }

        @Test
        void holdsCommentsAndIfBlocks() {
            Entry.Choice ch = (Entry.Choice) single("""
                    choice
                    \tprompt "p"
                    comment "Only some"
                    if X
                    config A
                    \tbool "a"
                    endif
                    config B
                    \tbool "b"
                    endchoice
                    """);
            assertInstanceOf(Entry.Comment.class, ch.body().get(0));
            Entry.If i = assertInstanceOf(Entry.If.class, ch.body().get(1));
            assertEquals("A", ((Entry.Config) i.body().get(0)).name().value());
            assertInstanceOf(Entry.Config.class, ch.body().get(2));
        }

        @Test
        void emptyChoice() {
            Entry.Choice ch = (Entry.Choice) single("choice\nendchoice\n");
            assertEquals(List.of(), ch.properties());
            assertEquals(List.of(), ch.body());
        }
    }

    @Nested
    class CommentMenuIf {
        @Test
        void commentWithDependsOn() {
            Entry.Comment c = (Entry.Comment) single("""
                    comment "Needs a compiler"
                    \tdepends on !CC_OK
                    \tdepends on X
                    """);
            assertEquals("Needs a compiler", c.prompt().value());
            assertEquals(List.of("(! CC_OK)", "X"),
                    props(c.properties(), Property.DependsOn.class).stream().map(d -> sx(d.expr())).toList());
            assertEquals("Kconfig:1:1-1:27", span(c.range()));
        }

        @Test
        void commentWithoutAttributes() {
            Entry.Comment c = (Entry.Comment) single("comment \"Just text\"\n");
            assertEquals(List.of(), c.properties());
        }

        @Test
        void menuWithVisibleIfAndDependsOn() {
            Entry.Menu m = (Entry.Menu) single("""
                    menu "Drivers"
                    \tvisible if EXPERT
                    \tdepends on HAS_IOMEM

                    config A
                    \tbool "a"

                    endmenu
                    """);
            assertEquals("Drivers", m.prompt().value());
            assertEquals("EXPERT", sx(prop(m.properties(), Property.Visible.class).condition()));
            assertEquals("HAS_IOMEM", sx(prop(m.properties(), Property.DependsOn.class).expr()));
            assertEquals(1, m.body().size());
            assertEquals("Kconfig:1:1-1:15", span(m.range()));
        }

        @Test
        void visibleWithoutIf() {
            Entry.Menu m = (Entry.Menu) single("menu \"M\"\n\tvisible\nendmenu\n");
            assertNull(prop(m.properties(), Property.Visible.class).condition());
        }

        @Test
        void menusNest() {
            Entry.Menu outer = (Entry.Menu) single("""
                    menu "Outer"
                    menu "Inner"
                    config A
                    \tbool
                    endmenu
                    config B
                    \tbool
                    endmenu
                    """);
            Entry.Menu inner = assertInstanceOf(Entry.Menu.class, outer.body().get(0));
            assertEquals("Inner", inner.prompt().value());
            assertEquals(1, inner.body().size());
            assertEquals("B", ((Entry.Config) outer.body().get(1)).name().value());
        }

        @Test
        void ifBlock() {
            Entry.If i = (Entry.If) single("""
                    if NET && !UML

                    config A
                    \tbool

                    menu "M"
                    endmenu

                    endif
                    """);
            assertEquals("(&& NET (! UML))", sx(i.condition()));
            assertEquals(2, i.body().size());
            assertEquals("Kconfig:1:1-1:15", span(i.range()));
        }
    }

    @Nested
    class SourceAndAssignment {
        @ParameterizedTest
        @EnumSource(Entry.SourceKind.class)
        void everySourceKindIsParsedButNotFollowed(Entry.SourceKind kind) {
            Entry.Source s = (Entry.Source) single(kind.keyword() + " \"drivers/*/Kconfig\"\n");
            assertEquals(kind, s.kind());
            assertEquals("drivers/*/Kconfig", s.path().value());
            assertEquals("Kconfig:1:1-1:" + (kind.keyword().length() + 21), span(s.range()));
        }

        @Test
        void sourcePathIsExpanded() {
            Entry.Source s = (Entry.Source) single("source \"arch/$(SRCARCH)/Kconfig\"\n");
            assertEquals("arch/x86/Kconfig", s.path().value());
            assertEquals("arch/$(SRCARCH)/Kconfig", s.path().raw());
        }

        @Test
        void sourceKindFlags() {
            assertFalse(Entry.SourceKind.SOURCE.relative());
            assertFalse(Entry.SourceKind.SOURCE.optional());
            assertTrue(Entry.SourceKind.RSOURCE.relative());
            assertTrue(Entry.SourceKind.OSOURCE.optional());
            assertTrue(Entry.SourceKind.ORSOURCE.relative() && Entry.SourceKind.ORSOURCE.optional());
        }

        @Test
        void assignmentsOfEachFlavourKeepTheirRawValue() {
            KconfigFile f = parseClean("""
                    cc-option = $(success,$(CC) -Werror $(1) -c -x c /dev/null -o /dev/null)
                    X := a   b
                    X += c # not a comment
                    EMPTY :=
                    """);
            List<Entry.Assignment> a = f.entries().stream().map(Entry.Assignment.class::cast).toList();
            assertEquals("cc-option", a.get(0).name().value());
            assertEquals(Entry.Flavor.RECURSIVE, a.get(0).flavor());
            assertEquals("$(success,$(CC) -Werror $(1) -c -x c /dev/null -o /dev/null)", a.get(0).value());
            assertEquals(Entry.Flavor.SIMPLE, a.get(1).flavor());
            assertEquals("a   b", a.get(1).value());
            assertEquals(Entry.Flavor.APPEND, a.get(2).flavor());
            assertEquals("c # not a comment", a.get(2).value());
            assertEquals("", a.get(3).value());
        }

        @Test
        void assignmentWithoutSpaces() {
            Entry.Assignment a = (Entry.Assignment) single("X=y\n");
            assertEquals("X", a.name().value());
            assertEquals("y", a.value());
        }

        @Test
        void aWordBeforeEqualsInsideAnExpressionIsNotAnAssignment() {
            Entry.Config c = (Entry.Config) single("config A\n\tbool\n\tdepends on B = y\n");
            assertEquals("(= B y)", sx(prop(c, Property.DependsOn.class).expr()));
        }
    }

    @Test
    void aLargerFileKeepsItsStatementsInOrder() {
        KconfigFile f = parse("""
                mainmenu "M"
                X := 1
                config A
                \tbool
                menuconfig B
                \tbool "b"
                choice
                \tprompt "c"
                endchoice
                comment "c"
                menu "m"
                endmenu
                if A
                endif
                source "x"
                """);
        assertEquals(List.of("MainMenu", "Assignment", "Config", "Config", "Choice", "Comment", "Menu", "If", "Source"),
                f.entries().stream().map(e -> e.getClass().getSimpleName()).toList());
        assertEquals(List.of(), f.diagnostics());
        assertEquals("Kconfig", f.path());
    }
}

package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.KconfigTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One small tree per semantic rule. Every expected .config here is what the
 * kernel's own conf (Linux 6.1 scripts/kconfig) wrote for the same tree and
 * input, checked by hand against the rule.
 */
class EvaluatorTest {

    @TempDir
    Path dir;

    private static final String HEADER = "#\n# Automatically generated file; DO NOT EDIT.\n# Main menu\n#\n";

    private ConfigResult run(String kconfig, ConfigTarget target, String input) {
        return TestTrees.run(TestTrees.tree(dir, kconfig), target, input);
    }

    private static List<String> messages(ConfigResult r) {
        return r.diagnostics().stream().map(Diagnostic::format).collect(Collectors.toList());
    }

    static final String TRISTATE = """
            config MODULES
            	bool "Modules"
            	modules
            config T1
            	tristate "t1"
            	default m
            config T2
            	tristate "t2"
            	default y if T1 = m
            config B1
            	bool "b1"
            	default m
            config T3
            	tristate
            	default m
            config DEPM
            	tristate "depm"
            	depends on m
            	default y
            """;

    @Test
    void mIsYWhileModulesIsOff() {
        ConfigResult r = run(TRISTATE, ConfigTarget.OLDDEFCONFIG, null);
        assertEquals(HEADER + """
                # CONFIG_MODULES is not set
                CONFIG_T1=y
                # CONFIG_T2 is not set
                CONFIG_B1=y
                CONFIG_T3=y
                """, r.text());
        // 'depends on m' means 'm && MODULES': DEPM cannot be set, so it is not even written.
        assertEquals(Tristate.NO, r.symbol("DEPM").tristate());
        assertTrue(!r.symbol("DEPM").written());
    }

    @Test
    void mStaysMWithModules() {
        ConfigResult r = run(TRISTATE, ConfigTarget.OLDDEFCONFIG, "CONFIG_MODULES=y\n");
        assertEquals(HEADER + """
                CONFIG_MODULES=y
                CONFIG_T1=m
                CONFIG_T2=y
                CONFIG_B1=y
                CONFIG_T3=m
                CONFIG_DEPM=m
                """, r.text());
        assertEquals(Tristate.MOD, r.symbol("T1").tristate());
        assertEquals(Tristate.MOD, r.symbol("DEPM").visibility());
    }

    @Test
    void withoutAModulesSymbolTristatesAreBools() {
        String kconfig = """
                config T1
                	tristate "t1"
                	default m
                config T2
                	tristate "t2"
                	default y
                	depends on T1 = m
                config T3
                	tristate "t3 depends on m"
                	depends on m
                	default y
                """;
        String expected = HEADER + "CONFIG_T1=y\n";
        assertEquals(expected, run(kconfig, ConfigTarget.OLDDEFCONFIG, null).text());
        assertEquals(expected, run(kconfig, ConfigTarget.OLDDEFCONFIG, "CONFIG_T1=m\nCONFIG_T2=y\n").text());
    }

    static final String DEPS = """
            mainmenu "Test $(FOO) menu"
            config A
            	bool "a"
            config B
            	bool "b"
            	default y
            	depends on A
            config C
            	bool "c"
            	default y
            if B || !A
            config D
            	bool "d"
            	default y
            endif
            menu "Sub"
            	depends on C
            config E
            	int "e"
            	default 7
            comment "a comment"
            config F
            	string "f"
            	default "q\\"uote\\\\d"
            endmenu
            menu "Hidden"
            	depends on A
            config G
            	bool "g"
            	default y
            endmenu
            comment "shown only with A"
            	depends on A
            """;

    @Test
    void dependenciesMenusAndComments() {
        ConfigResult r = run(DEPS, ConfigTarget.OLDDEFCONFIG, null);
        assertEquals("""
                #
                # Automatically generated file; DO NOT EDIT.
                # Test foo menu
                #
                # CONFIG_A is not set
                CONFIG_C=y
                CONFIG_D=y

                #
                # Sub
                #
                CONFIG_E=7

                #
                # a comment
                #
                CONFIG_F="q\\"uote\\\\d"
                # end of Sub
                """, r.text());
        assertEquals("q\"uote\\d", r.symbol("F").value());
        assertEquals(Tristate.NO, r.symbol("B").tristate());
    }

    @Test
    void userValuesAndAnInvalidOne() {
        ConfigResult r = run(DEPS, ConfigTarget.OLDDEFCONFIG, "CONFIG_A=y\nCONFIG_E=0x5\nCONFIG_F=\"new\"\nCONFIG_G=n\n");
        assertEquals("""
                CONFIG_A=y
                CONFIG_B=y
                CONFIG_C=y
                CONFIG_D=y

                #
                # Sub
                #
                CONFIG_E=7

                #
                # a comment
                #
                CONFIG_F="new"
                # end of Sub

                #
                # Hidden
                #
                # CONFIG_G is not set
                # end of Hidden

                #
                # shown only with A
                #
                """, r.body());
        assertEquals(List.of("in.config:2:1: warning: symbol value '0x5' invalid for E"), messages(r));
    }

    static final String VISIBLE = """
            config MODULES
            	bool "modules"
            	default y
            	modules
            config V
            	bool "v"
            	default n
            	depends on X
            config X
            	bool "x" if Y
            	default y
            config Y
            	bool "y"
            menu "Invisible menu"
            	visible if Y
            config INSIDE
            	bool "inside"
            	default y
            config INSIDE_PROMPTLESS
            	bool
            	default y
            endmenu
            config TV
            	tristate "tv" if T_LIMIT
            	default y
            config T_LIMIT
            	tristate "limit"
            	default m
            """;

    @Test
    void hiddenPromptsIgnoreUserValuesAndKeepDefaults() {
        ConfigResult r = run(VISIBLE, ConfigTarget.OLDDEFCONFIG,
                "CONFIG_V=y\n# CONFIG_INSIDE is not set\nCONFIG_Y=n\nCONFIG_TV=y\nCONFIG_T_LIMIT=m\n");
        // 'visible if' hides the menu's prompts: INSIDE keeps its default; a menu without visible entries has no comment.
        assertEquals("""
                CONFIG_MODULES=y
                CONFIG_V=y
                CONFIG_X=y
                # CONFIG_Y is not set
                CONFIG_INSIDE=y
                CONFIG_INSIDE_PROMPTLESS=y
                CONFIG_TV=m
                CONFIG_T_LIMIT=m
                """, r.body());
        assertEquals(Tristate.NO, r.symbol("X").visibility());
        assertEquals(Tristate.NO, r.symbol("INSIDE").visibility());
        // A prompt limited to m caps the user's y, but not the default.
        assertEquals(Tristate.MOD, r.symbol("TV").visibility());
        assertEquals("CONFIG_TV=y", line(run(VISIBLE, ConfigTarget.OLDDEFCONFIG, null), "TV"));
    }

    private static String line(ConfigResult r, String name) {
        for (String l : r.text().split("\n")) {
            if (l.startsWith("CONFIG_" + name + "=") || l.equals("# CONFIG_" + name + " is not set")) {
                return l;
            }
        }
        return null;
    }

    static final String DEFAULTS = """
            config A
            	bool "a"
            	default y
            config B
            	bool "b"
            	default n if A
            	default y
            config C
            	int "c"
            	default 3 if !A
            	default 5 if A
            	default 9
            config D
            	hex "d"
            	default 0x10 if B
            	default 0x20
            config S
            	string "s"
            	default "x" if B
            config N
            	int "n"
            	default C
            config H
            	def_bool A && !B
            config TT
            	def_tristate y if A
            """;

    @Test
    void firstActiveDefaultWins() {
        assertEquals("""
                CONFIG_A=y
                # CONFIG_B is not set
                CONFIG_C=5
                CONFIG_D=0x20
                CONFIG_S=""
                CONFIG_N=5
                CONFIG_H=y
                CONFIG_TT=y
                """, run(DEFAULTS, ConfigTarget.OLDDEFCONFIG, null).body());
    }

    @Test
    void userValuesBeatDefaultsButNotPromptlessSymbols() {
        ConfigResult r = run(DEFAULTS, ConfigTarget.OLDDEFCONFIG,
                "CONFIG_A=y\nCONFIG_B=n\nCONFIG_C=2\nCONFIG_S=\"given\"\nCONFIG_N=11\nCONFIG_H=n\n");
        assertEquals("""
                CONFIG_A=y
                # CONFIG_B is not set
                CONFIG_C=2
                CONFIG_D=0x20
                CONFIG_S="given"
                CONFIG_N=11
                CONFIG_H=y
                CONFIG_TT=y
                """, r.body());
    }

    static final String SELECT = """
            config MODULES
            	bool "modules"
            	default y
            	modules
            config S1
            	tristate "s1"
            	default m
            	select TGT
            	select TGT2 if S2
            config S2
            	bool "s2"
            	default y
            	select NEEDS_DEP
            config TGT
            	tristate "tgt"
            config TGT2
            	bool
            config DEP
            	bool "dep"
            config NEEDS_DEP
            	bool "needs dep"
            	depends on DEP
            config I1
            	tristate "i1"
            	default m
            	imply IMP
            	imply IMP_DEP
            config IMP
            	tristate "imp"
            config IMP_DEP
            	tristate "imp dep"
            	depends on DEP
            config I2
            	bool "i2"
            	default y
            	imply IMP2
            config IMP2
            	tristate "imp2"
            """;

    @Test
    void selectForcesAndWarnsAboutUnmetDependencies() {
        ConfigResult r = run(SELECT, ConfigTarget.OLDDEFCONFIG, null);
        assertEquals("""
                CONFIG_MODULES=y
                CONFIG_S1=m
                CONFIG_S2=y
                CONFIG_TGT=m
                CONFIG_TGT2=y
                # CONFIG_DEP is not set
                CONFIG_NEEDS_DEP=y
                CONFIG_I1=m
                CONFIG_IMP=m
                # CONFIG_IMP_DEP is not set
                CONFIG_I2=y
                CONFIG_IMP2=y
                """, r.body());
        assertEquals(List.of("Kconfig:20:1: warning: unmet direct dependencies detected for NEEDS_DEP\n"
                + "  Depends on [n]: DEP [=n]\n"
                + "  Selected by [y]:\n"
                + "  - S2 [=y]"), messages(r));
        // The target as data: what select-unmet-deps and the static checks read.
        assertEquals(List.of(dev.kls.kconfig.Diagnostic.Code.UNMET_DIRECT_DEPENDENCIES), r.diagnostics().stream()
                .map(dev.kls.kconfig.Diagnostic::code).toList());
        assertEquals(List.of("NEEDS_DEP"), r.diagnostics().stream().map(dev.kls.kconfig.Diagnostic::subject).toList());
        assertEquals(List.of("S2"), r.diagnostics().get(0).related());
    }

    @Test
    void impliedSymbolsCanBeTurnedDownSelectedOnesCannot() {
        ConfigResult r = run(SELECT, ConfigTarget.OLDDEFCONFIG,
                "CONFIG_S2=n\nCONFIG_TGT=n\nCONFIG_IMP=n\nCONFIG_DEP=y\nCONFIG_I1=y\nCONFIG_IMP2=m\n");
        assertEquals("""
                CONFIG_MODULES=y
                CONFIG_S1=m
                # CONFIG_S2 is not set
                CONFIG_TGT=m
                CONFIG_DEP=y
                # CONFIG_NEEDS_DEP is not set
                CONFIG_I1=y
                # CONFIG_IMP is not set
                CONFIG_IMP_DEP=y
                CONFIG_I2=y
                CONFIG_IMP2=m
                """, r.body());
        assertEquals(List.of(), messages(r));
    }

    @Test
    void allTargetsOnSelects() {
        KconfigTree tree = TestTrees.tree(dir, SELECT);
        Map<ConfigTarget, String> expected = Map.of(
                ConfigTarget.ALLNOCONFIG, "# CONFIG_MODULES is not set|# CONFIG_S1 is not set|# CONFIG_S2 is not set|"
                        + "# CONFIG_TGT is not set|# CONFIG_DEP is not set|# CONFIG_I1 is not set|"
                        + "# CONFIG_IMP is not set|# CONFIG_I2 is not set|# CONFIG_IMP2 is not set|",
                ConfigTarget.ALLYESCONFIG, "CONFIG_MODULES=y|CONFIG_S1=y|CONFIG_S2=y|CONFIG_TGT=y|CONFIG_TGT2=y|"
                        + "CONFIG_DEP=y|CONFIG_NEEDS_DEP=y|CONFIG_I1=y|CONFIG_IMP=y|CONFIG_IMP_DEP=y|CONFIG_I2=y|"
                        + "CONFIG_IMP2=y|",
                ConfigTarget.ALLMODCONFIG, "CONFIG_MODULES=y|CONFIG_S1=m|CONFIG_S2=y|CONFIG_TGT=m|CONFIG_TGT2=y|"
                        + "CONFIG_DEP=y|CONFIG_NEEDS_DEP=y|CONFIG_I1=m|CONFIG_IMP=m|CONFIG_IMP_DEP=m|CONFIG_I2=y|"
                        + "CONFIG_IMP2=m|",
                ConfigTarget.ALLDEFCONFIG, "CONFIG_MODULES=y|CONFIG_S1=m|CONFIG_S2=y|CONFIG_TGT=m|CONFIG_TGT2=y|"
                        + "# CONFIG_DEP is not set|CONFIG_NEEDS_DEP=y|CONFIG_I1=m|CONFIG_IMP=m|"
                        + "# CONFIG_IMP_DEP is not set|CONFIG_I2=y|CONFIG_IMP2=y|");
        expected.forEach((target, body) -> assertEquals(body,
                ConfigEvaluator.run(tree, target, null).body().replace('\n', '|'), target.command()));
    }

    static final String CHOICE = """
            config MODULES
            	bool "modules"
            	default y
            	modules
            config SEL
            	bool "sel"
            	default y
            choice
            	prompt "bool choice"
            	default C2 if SEL
            config C1
            	bool "c1"
            config C2
            	bool "c2"
            config C2_SUB
            	bool "sub of c2"
            	depends on C2
            	default y
            config C3
            	bool "c3"
            endchoice
            choice
            	prompt "first visible"
            config D1
            	bool "d1"
            	depends on !SEL
            config D2
            	bool "d2"
            endchoice
            choice
            	prompt "optional"
            	optional
            config O1
            	bool "o1"
            config O2
            	bool "o2"
            endchoice
            choice
            	prompt "tristate choice"
            	tristate
            	default TC2
            config TC1
            	tristate "tc1"
            config TC2
            	tristate "tc2"
            config TC3
            	bool "tc3"
            endchoice
            choice
            	prompt "hidden choice"
            	depends on !SEL
            config H1
            	bool "h1"
            endchoice
            """;

    @Test
    void choicesTakeTheirDefaultOrFirstVisibleValue() {
        // C2_SUB depends on C2, so it hangs below C2 and is no choice value; a tristate choice with no value is m.
        assertEquals("""
                CONFIG_MODULES=y
                CONFIG_SEL=y
                # CONFIG_C1 is not set
                CONFIG_C2=y
                CONFIG_C2_SUB=y
                # CONFIG_C3 is not set
                CONFIG_D2=y
                # CONFIG_TC1 is not set
                # CONFIG_TC2 is not set
                """, run(CHOICE, ConfigTarget.OLDDEFCONFIG, null).body());
    }

    @Test
    void choicesTakeTheUsersPick() {
        ConfigResult r = run(CHOICE, ConfigTarget.OLDDEFCONFIG,
                "CONFIG_C3=y\n# CONFIG_C2 is not set\nCONFIG_TC1=m\nCONFIG_TC3=y\nCONFIG_O2=y\nCONFIG_SEL=y\n");
        assertEquals("""
                CONFIG_MODULES=y
                CONFIG_SEL=y
                # CONFIG_C1 is not set
                # CONFIG_C2 is not set
                CONFIG_C3=y
                CONFIG_D2=y
                # CONFIG_O1 is not set
                CONFIG_O2=y
                # CONFIG_TC1 is not set
                # CONFIG_TC2 is not set
                CONFIG_TC3=y
                """, r.body());
        assertEquals(List.of("in.config:4:1: warning: override: TC3 changes choice state"), messages(r));
    }

    @Test
    void choicesUnderAllTargets() {
        KconfigTree tree = TestTrees.tree(dir, CHOICE);
        assertEquals("# CONFIG_MODULES is not set|# CONFIG_SEL is not set|CONFIG_C1=y|# CONFIG_C2 is not set|"
                + "# CONFIG_C3 is not set|CONFIG_D1=y|# CONFIG_D2 is not set|# CONFIG_TC1 is not set|CONFIG_TC2=y|"
                + "# CONFIG_TC3 is not set|CONFIG_H1=y|",
                ConfigEvaluator.run(tree, ConfigTarget.ALLNOCONFIG, null).body().replace('\n', '|'));
        // In m mode every tristate value may be m; the bool value needs the choice at y.
        assertEquals("CONFIG_MODULES=y|CONFIG_SEL=y|# CONFIG_C1 is not set|CONFIG_C2=y|CONFIG_C2_SUB=y|"
                + "# CONFIG_C3 is not set|CONFIG_D2=y|CONFIG_O1=y|# CONFIG_O2 is not set|CONFIG_TC1=m|CONFIG_TC2=m|",
                ConfigEvaluator.run(tree, ConfigTarget.ALLMODCONFIG, null).body().replace('\n', '|'));
    }

    @Test
    void anEntryWhoseDependencyContainsAChoiceValueLeavesTheChoice() {
        // B's 'A || X' is a superset of A's own dependency, so menu_finalize nests B under A:
        // B is an ordinary symbol and may be y next to A.
        String kconfig = """
                config X
                	bool "x"
                choice
                	prompt "c"
                config A
                	bool "a"
                config B
                	bool "b"
                	depends on A || X
                config C
                	bool "c"
                endchoice
                """;
        KconfigTree tree = TestTrees.tree(dir, kconfig);
        assertEquals("CONFIG_X=y|CONFIG_A=y|CONFIG_B=y|# CONFIG_C is not set|",
                ConfigEvaluator.run(tree, ConfigTarget.ALLYESCONFIG, null).body().replace('\n', '|'));
        assertEquals("# CONFIG_X is not set|# CONFIG_A is not set|CONFIG_C=y|",
                TestTrees.run(tree, ConfigTarget.OLDDEFCONFIG, "CONFIG_C=y\nCONFIG_B=y\n").body().replace('\n', '|'));
    }

    static final String RANGES = """
            config LOW
            	int "low"
            	default 4
            config I
            	int "i"
            	default 100
            	range 1 10
            config J
            	int "j"
            	default 1
            	range LOW 20
            config K
            	int "k"
            	range 5 9
            config H
            	hex "h"
            	default 0x5
            	range 0x10 0xff
            config U
            	int "user"
            	default 3
            	range 0 8
            config UH
            	hex "user hex"
            	default 0x3
            config NEG
            	int "neg"
            	default -3
            	range -10 -1
            """;

    @Test
    void defaultsOutsideTheRangeAreClampedToTheBound() {
        assertEquals("""
                CONFIG_LOW=4
                CONFIG_I=10
                CONFIG_J=4
                CONFIG_K=5
                CONFIG_H=0x10
                CONFIG_U=3
                CONFIG_UH=0x3
                CONFIG_NEG=-3
                """, run(RANGES, ConfigTarget.OLDDEFCONFIG, null).body());
    }

    @Test
    void userValuesOutsideTheRangeFallBackToTheDefault() {
        // Hex values are written as the user gave them, without adding 0x.
        assertEquals("""
                CONFIG_LOW=4
                CONFIG_I=5
                CONFIG_J=4
                CONFIG_K=7
                CONFIG_H=0x10
                CONFIG_U=3
                CONFIG_UH=1f
                CONFIG_NEG=-3
                """, run(RANGES, ConfigTarget.OLDDEFCONFIG,
                "CONFIG_U=12\nCONFIG_UH=1f\nCONFIG_I=5\nCONFIG_K=7\nCONFIG_NEG=-11\n").body());
    }

    static final String MULTI = """
            config A
            	bool "a"
            config B
            	bool "b"
            	default y
            config M
            	bool "m first" if A
            	default y if A
            config M
            	bool
            	depends on B
            	default y
            menuconfig MC
            	bool "menuconfig"
            	default y
            if MC
            config MC1
            	bool "mc1"
            	default y
            endif
            config CMP
            	bool "cmp"
            	default y if N > 5 && S = "abc" && HX >= 0x20
            config N
            	int "n"
            	default 6
            config S
            	string "s"
            	default "abc"
            config HX
            	hex "hx"
            	default 0x1F
            """;

    @Test
    void symbolsDefinedTwiceMenuconfigAndComparisons() {
        assertEquals("""
                # CONFIG_A is not set
                CONFIG_B=y
                CONFIG_M=y
                CONFIG_MC=y
                CONFIG_MC1=y
                # CONFIG_CMP is not set
                CONFIG_N=6
                CONFIG_S="abc"
                CONFIG_HX=0x1F
                """, run(MULTI, ConfigTarget.OLDDEFCONFIG, null).body());
        assertEquals("""
                CONFIG_A=y
                CONFIG_B=y
                # CONFIG_M is not set
                # CONFIG_MC is not set
                CONFIG_CMP=y
                CONFIG_N=6
                CONFIG_S="abc"
                CONFIG_HX=0x20
                """, run(MULTI, ConfigTarget.OLDDEFCONFIG, "CONFIG_A=y\nCONFIG_M=n\nCONFIG_MC=n\nCONFIG_HX=0x20\n").body());
    }

    @Test
    void sourcedFilesAreReadInPlace() {
        KconfigTree tree = TestTrees.tree(dir, Map.of(
                "Kconfig", "menu \"Top\"\nsource \"sub/Kconfig\"\nendmenu\nconfig AFTER\n\tbool \"after\"\n\tdefault SUB\n",
                "sub/Kconfig", "config SUB\n\tbool \"sub\"\n\tdefault y\n"));
        assertEquals("""

                #
                # Top
                #
                CONFIG_SUB=y
                # end of Top

                CONFIG_AFTER=y
                """, ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG, null).body());
    }

    @Test
    void unknownAndMalformedLinesAreReportedWithTheirLineNumbers() {
        ConfigResult r = run(DEFAULTS, ConfigTarget.OLDDEFCONFIG,
                "CONFIG_A=y\nCONFIG_NOPE=y\nCONFIG_B\nstray text\nCONFIG_S=unquoted\nCONFIG_A=n\nCONFIG_S=\"open\n");
        assertEquals(List.of(
                "in.config:3:1: warning: no '=' in 'CONFIG_B': the line is ignored",
                "in.config:4:1: warning: unexpected data: stray text",
                "in.config:2:1: warning: unknown symbol: NOPE",
                "in.config:5:1: warning: string value of S is not quoted: the line is ignored",
                "in.config:6:1: warning: override: reassigning to symbol A",
                "in.config:7:1: warning: invalid string found"), messages(r));
        assertEquals("CONFIG_A=n", line(r, "A").replace("# CONFIG_A is not set", "CONFIG_A=n"));
    }

    static final String TWICE = """
            config A
            	bool "a"
            config B
            	bool "b"
            if A
            config X
            	bool "x from A"
            	default y
            endif
            if B
            config X
            	bool "x from B"
            	select S
            	imply T
            endif
            config S
            	bool
            config T
            	bool "t"
            	depends on A
            config Y
            	bool "y"
            	depends on X
            	default y
            """;

    @Test
    void aSymbolDefinedTwiceWithDifferentDependencies() {
        // X is visible if A || B; each definition's default, select and imply keep their own condition.
        KconfigTree tree = TestTrees.tree(dir, TWICE);
        String[][] cases = {
            {"", "# CONFIG_A is not set|# CONFIG_B is not set|"},
            {"CONFIG_A=y", "CONFIG_A=y|# CONFIG_B is not set|CONFIG_X=y|# CONFIG_T is not set|CONFIG_Y=y|"},
            // Through B, X is visible but its default belongs to the definition under A.
            {"CONFIG_B=y", "# CONFIG_A is not set|CONFIG_B=y|# CONFIG_X is not set|"},
            {"CONFIG_B=y|CONFIG_X=y", "# CONFIG_A is not set|CONFIG_B=y|CONFIG_X=y|CONFIG_S=y|# CONFIG_T is not set|"
                    + "CONFIG_Y=y|"},
            {"CONFIG_A=y|CONFIG_B=y|# CONFIG_X is not set", "CONFIG_A=y|CONFIG_B=y|# CONFIG_X is not set|"
                    + "# CONFIG_T is not set|"},
            {"CONFIG_A=y|CONFIG_B=y|CONFIG_X=y", "CONFIG_A=y|CONFIG_B=y|CONFIG_X=y|CONFIG_S=y|CONFIG_T=y|CONFIG_Y=y|"},
        };
        for (String[] c : cases) {
            String in = c[0].replace('|', '\n') + "\n";
            assertEquals(c[1], TestTrees.run(tree, ConfigTarget.OLDDEFCONFIG, in).body().replace('\n', '|'), c[0]);
        }
    }

    @Test
    void unmetDependenciesOfSelectedSymbolsAreWarnedAsConfWarns() {
        // conf prints, for this tree:
        //   WARNING: unmet direct dependencies detected for NEEDS_DEP
        //     Depends on [n]: DEP [=n]
        //     Selected by [y]:
        //     - S2 [=y]
        //
        //   WARNING: unmet direct dependencies detected for NEEDS_DEP2
        //     Depends on [n]: DEP2 [=n] && S2 [=y]
        //     Selected by [m]:
        //     - M_SEL [=m]
        String kconfig = SELECT + """
                config M_SEL
                	tristate "m sel"
                	default m
                	select NEEDS_DEP2
                config NEEDS_DEP2
                	tristate "needs dep2"
                	depends on DEP2 && S2
                config DEP2
                	tristate "dep2"
                """;
        ConfigResult r = run(kconfig, ConfigTarget.OLDDEFCONFIG, null);
        assertTrue(r.body().endsWith("CONFIG_M_SEL=m\nCONFIG_NEEDS_DEP2=m\n# CONFIG_DEP2 is not set\n"), r.body());
        assertEquals(List.of("Kconfig:20:1: warning: unmet direct dependencies detected for NEEDS_DEP\n"
                + "  Depends on [n]: DEP [=n]\n"
                + "  Selected by [y]:\n"
                + "  - S2 [=y]",
                "Kconfig:43:1: warning: unmet direct dependencies detected for NEEDS_DEP2\n"
                + "  Depends on [n]: DEP2 [=n] && S2 [=y]\n"
                + "  Selected by [m]:\n"
                + "  - M_SEL [=m]"), messages(r));
        Diagnostic d = r.diagnostics().get(1);
        assertEquals(dev.kls.kconfig.KconfigSeverity.WARNING, d.severity());
        assertEquals(43, d.range().startLine());
        assertEquals("NEEDS_DEP2", d.subject());
        assertEquals(List.of("M_SEL"), d.related(), "the selector of the [m] list, as data");
    }

    /** A conditional select's term is "S && cond": the selector is still the one named. */
    @Test
    void theSelectorsOfAnUnmetDependencyAreData() {
        String kconfig = """
                config MODULES
                	def_bool y
                	modules
                config DEP
                	bool "dep"
                config COND
                	def_bool y
                config S
                	bool "s"
                	default y
                	select T if COND
                config U
                	tristate "u"
                	default m
                	select T
                config T
                	tristate "t"
                	depends on DEP
                """;
        ConfigResult r = run(kconfig, ConfigTarget.OLDDEFCONFIG, null);
        List<Diagnostic> unmet = r.diagnostics().stream()
                .filter(x -> x.code() == Diagnostic.Code.UNMET_DIRECT_DEPENDENCIES).toList();
        assertEquals(1, unmet.size(), messages(r).toString());
        assertEquals("T", unmet.get(0).subject());
        assertEquals(List.of("S", "U"), unmet.get(0).related(), unmet.get(0).message());
    }
}

package dev.kls.kconfig.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.explain.SymbolExplanation.Change;
import dev.kls.kconfig.explain.SymbolExplanation.Reason;
import dev.kls.kconfig.explain.SymbolExplanation.ReasonKind;
import dev.kls.kconfig.explain.SymbolExplanation.Requirement;
import dev.kls.kconfig.explain.SymbolExplanation.Route;
import dev.kls.kconfig.explain.SymbolExplanation.RouteKind;
import dev.kls.kconfig.explain.SymbolExplanation.Unmet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of reason on small trees, checked against the evaluator's values (conf's semantics). */
class ExplainerTest {

    @TempDir
    Path dir;

    ConfigResult result;
    Explainer explainer;

    /** Evaluates {@code kconfig} with olddefconfig on {@code dotConfig} (null: none) and explains the result. */
    private void load(String kconfig, String dotConfig) throws IOException {
        Files.writeString(dir.resolve("Kconfig"), kconfig);
        KconfigTree tree = KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null));
        assertTrue(tree.diagnostics().isEmpty(), tree.diagnostics().toString());
        DotConfig in = dotConfig == null ? null : DotConfig.parse("in.config", dotConfig);
        result = ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG, in);
        explainer = Explainer.of(tree, result, in);
        // Whatever the tree, every symbol's value must be reproduced by conf's rules.
        for (String name : result.symbols().keySet()) {
            explainer.explain(name).ifPresent(e -> assertFalse(e.reason().kind() == ReasonKind.UNEXPLAINED,
                    () -> name + ": " + e.reasons()));
        }
    }

    private SymbolExplanation explain(String name) {
        SymbolExplanation e = explainer.explain(name).orElseThrow();
        assertEquals(result.symbol(name).value(), e.value(), "the explanation shows the evaluator's value");
        return e;
    }

    private static final String MODULES = """
            config MODULES
            \tbool "modules"
            \tmodules
            \tdefault y
            """;

    @Test
    void userValue() throws IOException {
        load("config A\n\tbool \"a\"\n", "CONFIG_A=y\n");
        SymbolExplanation a = explain("A");
        assertEquals("y", a.value());
        assertEquals(ReasonKind.USER, a.reason().kind());
        assertEquals("in.config", a.reason().location().file());
        assertEquals(1, a.reason().location().startLine());
        assertEquals(SymbolType.BOOL, a.type());
        assertEquals("a", a.prompts().get(0).text());
        assertEquals(Tristate.YES, a.visibility());
    }

    @Test
    void userValueIsBoundedByVisibility() throws IOException {
        load(MODULES + "config DEP\n\ttristate \"dep\"\n\nconfig T\n\ttristate \"t\"\n\tdepends on DEP\n",
                "CONFIG_DEP=m\nCONFIG_T=y\n");
        SymbolExplanation t = explain("T");
        assertEquals("m", t.value());
        assertEquals(ReasonKind.USER, t.reason().kind());
        assertTrue(t.reason().summary().contains("bounded to m"), t.reason().summary());
        assertEquals("DEP [=m]", t.dependencies().get(0).condition().annotated());
        assertEquals(Tristate.MOD, t.dependencies().get(0).condition().value());
    }

    @Test
    void defaultWithItsConditionAndLocation() throws IOException {
        load("config A\n\tbool \"a\"\n\nconfig B\n\tbool \"b\"\n\tdefault n if !A\n\tdefault y if A\n", "CONFIG_A=y\n");
        SymbolExplanation b = explain("B");
        assertEquals("y", b.value());
        Reason r = b.reason();
        assertEquals(ReasonKind.DEFAULT, r.kind());
        assertEquals(7, r.location().startLine(), "the second default is the first whose condition holds");
        assertEquals("A", r.condition().text());
        assertEquals("A [=y]", r.condition().annotated());
        assertEquals(Tristate.YES, r.condition().value());
    }

    @Test
    void defaultOfAnIntFromAnotherSymbol() throws IOException {
        load("config BASE\n\tint\n\tdefault 7\n\nconfig DERIVED\n\tint \"derived\"\n\tdefault BASE\n", null);
        SymbolExplanation d = explain("DERIVED");
        assertEquals("7", d.value());
        assertEquals(ReasonKind.DEFAULT, d.reason().kind());
        assertTrue(d.reason().summary().contains("BASE"), d.reason().summary());
        assertNull(d.toBeY(), "only bool and tristate symbols can be y");
    }

    @Test
    void selectWinsOverUnmetDependencies() throws IOException {
        load("""
                config D
                \tbool "d"

                config C
                \tbool "c"
                \tdepends on D

                config S
                \tbool "s"
                \tdefault y
                \tselect C
                """, null);
        SymbolExplanation c = explain("C");
        assertEquals("y", c.value());
        assertEquals(ReasonKind.SELECT, c.reason().kind());
        assertEquals("S", c.reason().symbols().get(0));
        assertEquals(11, c.reason().location().startLine());
        assertEquals(1, c.selectedBy().size());
        assertEquals("S", c.selectedBy().get(0).symbol());
        assertEquals(Tristate.YES, c.selectedBy().get(0).value());
        assertEquals(Tristate.NO, c.dependencies().get(0).condition().value(), "its own dependency is not met");
        assertEquals(Tristate.NO, c.visibility());
    }

    @Test
    void selectAgreeingWithTheUserIsListedSecond() throws IOException {
        load("config C\n\tbool \"c\"\n\nconfig S\n\tdef_bool y\n\tselect C\n", "CONFIG_C=y\n");
        SymbolExplanation c = explain("C");
        assertEquals(ReasonKind.USER, c.reasons().get(0).kind());
        assertEquals(ReasonKind.SELECT, c.reasons().get(1).kind());
    }

    @Test
    void userNoOverriddenBySelect() throws IOException {
        load("config C\n\tbool \"c\"\n\nconfig S\n\tdef_bool y\n\tselect C\n", "# CONFIG_C is not set\n");
        SymbolExplanation c = explain("C");
        assertEquals("y", c.value());
        assertEquals(ReasonKind.SELECT, c.reasons().get(0).kind());
        assertEquals(ReasonKind.USER, c.reasons().get(1).kind());
    }

    @Test
    void implyRaisesADefault() throws IOException {
        load("config I\n\tbool \"i\"\n\nconfig J\n\tdef_bool y\n\timply I\n", null);
        SymbolExplanation i = explain("I");
        assertEquals("y", i.value());
        assertEquals(ReasonKind.IMPLY, i.reason().kind());
        assertEquals("J", i.reason().symbols().get(0));
        assertEquals("J", i.impliedBy().get(0).symbol());
        assertEquals(ReasonKind.NO_DEFAULT, i.reasons().get(1).kind());
    }

    @Test
    void implyIsBoundedByDependenciesAndByTheUser() throws IOException {
        load("config D\n\tbool \"d\"\n\nconfig I\n\tbool \"i\"\n\tdepends on D\n\nconfig J\n\tdef_bool y\n\timply I\n",
                null);
        SymbolExplanation i = explain("I");
        assertEquals("n", i.value(), "imply cannot go past dependencies, unlike select");
        assertEquals(ReasonKind.NO_DEFAULT, i.reason().kind());
        load("config I\n\tbool \"i\"\n\nconfig J\n\tdef_bool y\n\timply I\n", "# CONFIG_I is not set\n");
        assertEquals("n", explain("I").value());
        assertEquals(ReasonKind.USER, explain("I").reason().kind());
    }

    @Test
    void rangeClampsTheDefault() throws IOException {
        load("config N\n\tint \"n\"\n\trange 10 20\n\tdefault 5\n", null);
        SymbolExplanation n = explain("N");
        assertEquals("10", n.value());
        assertEquals(ReasonKind.RANGE_CLAMP, n.reason().kind());
        assertEquals(3, n.reason().location().startLine());
        assertEquals(ReasonKind.DEFAULT, n.reasons().get(1).kind());
    }

    @Test
    void rangeClampsAHexWithoutDefaultToItsLowBound() throws IOException {
        load("config H\n\thex \"h\"\n\trange 0x1000 0x2000\n", null);
        SymbolExplanation h = explain("H");
        assertEquals("0x1000", h.value());
        assertEquals(ReasonKind.RANGE_CLAMP, h.reason().kind());
    }

    @Test
    void userValueOutsideTheRangeIsDropped() throws IOException {
        load("config N\n\tint \"n\"\n\trange 1 5\n\tdefault 3\n", "CONFIG_N=9\n");
        SymbolExplanation n = explain("N");
        assertEquals("3", n.value());
        assertEquals(ReasonKind.DEFAULT, n.reason().kind());
        assertTrue(n.reasons().get(1).summary().contains("outside the range"), n.reasons().toString());
    }

    private static final String CHOICE = """
            choice
            \tprompt "Model"
            \tdefault M2

            config M1
            \tbool "one"

            config M2
            \tbool "two"

            config M3
            \tbool "three"
            \tdepends on M3_OK

            endchoice

            config M3_OK
            \tbool "m3 ok"
            """;

    @Test
    void choiceDefaultPicksAValue() throws IOException {
        load(CHOICE, null);
        SymbolExplanation m2 = explain("M2");
        assertEquals("y", m2.value());
        assertEquals(ReasonKind.CHOICE_SELECTION, m2.reason().kind());
        assertTrue(m2.reason().summary().contains("default of the choice \"Model\""), m2.reason().summary());
        assertEquals(3, m2.reason().location().startLine());
        SymbolExplanation m1 = explain("M1");
        assertEquals("n", m1.value());
        assertEquals(ReasonKind.CHOICE_SELECTION, m1.reason().kind());
        assertEquals("M2", m1.reason().symbols().get(0));
        assertEquals(RouteKind.CHOICE, m1.toBeY().routes().get(0).kind());
        assertTrue(m1.toBeY().routes().get(0).unmet().isEmpty(), "it can be picked now");
    }

    @Test
    void userPickInAChoice() throws IOException {
        load(CHOICE, "CONFIG_M1=y\n");
        SymbolExplanation m1 = explain("M1");
        assertEquals("y", m1.value());
        assertEquals(ReasonKind.CHOICE_SELECTION, m1.reason().kind());
        assertTrue(m1.reason().summary().contains("Picked by the user"), m1.reason().summary());
        assertEquals("in.config", m1.reason().location().file());
    }

    @Test
    void firstVisibleValueWhenTheDefaultIsHidden() throws IOException {
        load(CHOICE.replace("default M2", "default M3"), null);
        SymbolExplanation m1 = explain("M1");
        assertEquals("y", m1.value());
        assertTrue(m1.reason().summary().contains("first visible value"), m1.reason().summary());
        // M3 needs M3_OK: the way to pick it.
        Requirement r = explain("M3").toBeY();
        Route route = r.routes().get(0);
        assertEquals(RouteKind.CHOICE, route.kind());
        Unmet u = route.unmet().get(0);
        assertEquals("M3_OK", u.term());
        assertEquals("M3_OK", u.changes().get(0).symbol());
        Requirement nested = u.changes().get(0).requirement();
        assertNotNull(nested);
        assertTrue(nested.routes().get(0).unmet().isEmpty() && nested.routes().get(0).userSettingSuffices(),
                "M3_OK can simply be set: " + nested);
    }

    @Test
    void tristateChoiceInModuleMode() throws IOException {
        load(MODULES + """
                choice
                \ttristate "drivers"

                config DA
                \ttristate "a"

                config DB
                \ttristate "b"

                endchoice
                """, "CONFIG_DA=m\nCONFIG_DB=m\n");
        SymbolExplanation da = explain("DA");
        assertEquals("m", da.value());
        assertEquals(ReasonKind.USER, da.reason().kind());
    }

    @Test
    void notVisibleAndNoDefault() throws IOException {
        load("config H\n\tbool\n", "CONFIG_H=y\n");
        SymbolExplanation h = explain("H");
        assertEquals("n", h.value());
        assertEquals(ReasonKind.NO_DEFAULT, h.reason().kind());
        assertTrue(h.reason().summary().contains("Not visible, so the user's value does not count"),
                h.reason().summary());
        assertEquals(Tristate.NO, h.visibility());
        assertTrue(h.toBeY().routes().isEmpty(), "nothing can make it y");
    }

    @Test
    void visibleWithoutValueOrDefault() throws IOException {
        load("config V\n\tbool \"v\"\n", null);
        SymbolExplanation v = explain("V");
        assertEquals(ReasonKind.NO_DEFAULT, v.reason().kind());
        assertTrue(v.reason().summary().contains("Not set by the user"), v.reason().summary());
        Route route = v.toBeY().routes().get(0);
        assertEquals(RouteKind.PROMPT, route.kind());
        assertTrue(route.unmet().isEmpty() && route.userSettingSuffices());
    }

    @Test
    void untypedSymbol() throws IOException {
        Files.writeString(dir.resolve("Kconfig"), "config U\n\tdefault y\n");
        KconfigTree tree = KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null));
        ConfigResult r = ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG, null);
        SymbolExplanation u = Explainer.of(tree, r).explain("U").orElseThrow();
        assertEquals(ReasonKind.NO_TYPE, u.reason().kind());
        assertNull(u.type());
    }

    @Test
    void defaultMIsYForABoolAndWithoutModules() throws IOException {
        load("config T\n\ttristate \"t\"\n\tdefault m\n", null);
        SymbolExplanation t = explain("T");
        assertEquals("y", t.value(), "without MODULES a tristate acts as a bool: m becomes y");
        assertEquals(ReasonKind.DEFAULT, t.reason().kind());
    }

    @Test
    void mInDependenciesMeansModules() throws IOException {
        load(MODULES + "config T\n\ttristate \"t\"\n\tdepends on m\n\tdefault y\n", null);
        SymbolExplanation t = explain("T");
        assertEquals("m", t.value());
        assertEquals(Tristate.MOD, t.dependencies().get(0).condition().value());
        Route prompt = t.toBeY().routes().get(0);
        assertEquals("m", prompt.unmet().get(0).term());
    }

    @Test
    void whatWouldHaveToChangeFollowsDependencies() throws IOException {
        load("""
                config X86_64
                \tbool "64-bit"

                config HYPERVISOR_GUEST
                \tbool "guest"

                config PARAVIRT
                \tbool "paravirt"
                \tdepends on HYPERVISOR_GUEST

                config XEN
                \tbool "Xen guest support"
                \tdepends on PARAVIRT && (X86_64 || X86_32)
                \thelp
                \t  Xen.

                config X86_32
                \tdef_bool !X86_64
                """, "CONFIG_X86_64=y\n");
        SymbolExplanation xen = explain("XEN");
        assertEquals("n", xen.value());
        assertEquals(ReasonKind.NO_DEFAULT, xen.reason().kind());
        assertEquals(Tristate.NO, xen.visibility());
        assertEquals("PARAVIRT && (X86_64 || X86_32)", xen.dependencies().get(0).condition().text());
        assertEquals("PARAVIRT [=n] && (X86_64 [=y] || X86_32 [=n])", xen.dependencies().get(0).condition().annotated());
        assertEquals("Xen.", xen.help().strip());
        Requirement r = xen.toBeY();
        assertFalse(r.met());
        Route prompt = r.routes().get(0);
        assertEquals(RouteKind.PROMPT, prompt.kind());
        assertEquals(1, prompt.unmet().size(), "only PARAVIRT is missing: " + prompt.unmet());
        Change c = prompt.unmet().get(0).changes().get(0);
        assertEquals("PARAVIRT", c.symbol());
        assertEquals("n", c.current());
        assertEquals("y", c.needed());
        // PARAVIRT in turn needs HYPERVISOR_GUEST, which a user can set.
        Unmet deeper = c.requirement().routes().get(0).unmet().get(0);
        assertEquals("HYPERVISOR_GUEST", deeper.term());
        Requirement guest = deeper.changes().get(0).requirement();
        assertTrue(guest.routes().get(0).unmet().isEmpty() && guest.routes().get(0).userSettingSuffices());
        assertTrue(prompt.userSettingSuffices());

        String text = ExplanationText.render(xen);
        assertTrue(text.startsWith("**XEN** (bool) = n\n"), text);
        assertTrue(text.contains("\"Xen guest support\" — Kconfig:12"), text);
        assertTrue(text.contains("PARAVIRT [=n] && (X86_64 [=y] || X86_32 [=n])"), text);
        assertTrue(text.contains("**To be y:**"), text);
        assertTrue(text.contains("HYPERVISOR_GUEST"), text);
        assertTrue(text.contains("Xen."), text);
    }

    @Test
    void boundedDepthStopsTheChain() throws IOException {
        load("config A\n\tbool \"a\"\n\tdepends on B\nconfig B\n\tbool \"b\"\n\tdepends on C\n"
                + "config C\n\tbool \"c\"\n\tdepends on D\nconfig D\n\tbool \"d\"\n", null);
        Requirement r = explainer.withDepth(1).explain("A").orElseThrow().toBeY();
        Change b = r.routes().get(0).unmet().get(0).changes().get(0);
        assertEquals("B", b.symbol());
        Change c = b.requirement().routes().get(0).unmet().get(0).changes().get(0);
        assertEquals("C", c.symbol());
        assertNull(c.requirement(), "depth 1 stops after one level");
    }

    @Test
    void definedTwiceWithDifferentDependencies() throws IOException {
        load("config P\n\tbool \"p\"\n\nconfig Q\n\tbool \"q\"\n\n"
                + "config S\n\tbool \"s\"\n\tdepends on P\n\nconfig S\n\tbool\n\tdepends on Q\n\tdefault y\n",
                "CONFIG_Q=y\n");
        SymbolExplanation s = explain("S");
        assertEquals(2, s.definitions().size());
        assertEquals(2, s.dependencies().size());
        assertEquals("P", s.dependencies().get(0).condition().text());
        assertEquals(Tristate.YES, s.dependencies().get(1).condition().value());
        assertEquals("y", s.value());
        assertEquals(ReasonKind.DEFAULT, s.reason().kind());
        assertEquals(14, s.reason().location().startLine());
    }

    @Test
    void menusIfBlocksAndVisibleIfAreJoined() throws IOException {
        load("""
                config GATE
                \tbool "gate"

                config SHOW
                \tbool "show"

                menu "M"
                \tdepends on GATE
                \tvisible if SHOW

                if GATE

                config INNER
                \tbool "inner"
                \tdefault y

                endif
                endmenu
                """, "CONFIG_GATE=y\n");
        SymbolExplanation in = explain("INNER");
        assertEquals("y", in.value(), "invisible (SHOW=n) but its default applies");
        assertEquals(ReasonKind.DEFAULT, in.reason().kind());
        assertEquals("GATE && GATE", in.dependencies().get(0).condition().text());
        assertEquals("GATE && GATE && SHOW", in.prompts().get(0).condition().text());
        assertEquals(Tristate.NO, in.prompts().get(0).condition().value());
    }

    @Test
    void withoutTheInputAVisibleValueNoDefaultExplainsIsTheUsers() throws IOException {
        Files.writeString(dir.resolve("Kconfig"), "config A\n\tbool \"a\"\n\tdefault y\n");
        KconfigTree tree = KconfigLoader.load(dir, "Kconfig", new MacroExpander(Map.of(), null));
        ConfigResult r = ConfigEvaluator.run(tree, ConfigTarget.ALLNOCONFIG, null);
        SymbolExplanation a = Explainer.of(tree, r).explain("A").orElseThrow();
        assertEquals("n", a.value());
        assertEquals(ReasonKind.USER, a.reason().kind());
    }

    @Test
    void unknownNamesHaveNoExplanation() throws IOException {
        load("config A\n\tbool \"a\"\n\tselect GHOST\n", null);
        assertTrue(explainer.explain("NOPE").isEmpty());
        assertTrue(explainer.explain("GHOST").isEmpty(), "selected but never defined");
    }
}

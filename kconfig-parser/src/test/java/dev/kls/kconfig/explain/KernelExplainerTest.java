package dev.kls.kconfig.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.KconfigSeverity;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.explain.SymbolExplanation.ReasonKind;
import dev.kls.kconfig.testing.LinuxTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Explanations on Linux 6.1 x86_64 with x86_64_defconfig (make x86_64_defconfig, i.e. conf --defconfig). */
@Tag("kernel")
class KernelExplainerTest {

    static Kconfig kconfig;
    static ConfigResult result;
    static Explainer explainer;

    @BeforeAll
    static void evaluate() throws Exception {
        Path tree = LinuxTree.dir();
        kconfig = Kconfig.load(tree, "x86_64", true, System.getenv());
        assertEquals(0, kconfig.count(KconfigSeverity.ERROR), kconfig.diagnostics().toString());
        String rel = "arch/x86/configs/x86_64_defconfig";
        DotConfig in = DotConfig.parse(rel, Files.readString(tree.resolve(rel)));
        result = ConfigEvaluator.run(kconfig.tree(), ConfigTarget.DEFCONFIG, in);
        long start = System.nanoTime();
        explainer = Explainer.of(kconfig, result, in);
        System.out.println("Explainer.of: " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    @Test
    void xen() {
        SymbolExplanation xen = explainer.explain("XEN").orElseThrow();
        SymbolValue actual = result.symbol("XEN");
        assertEquals(SymbolType.BOOL, xen.type());
        assertEquals(actual.value(), xen.value());
        assertEquals("Xen guest support", xen.prompts().get(0).text());
        assertEquals("arch/x86/xen/Kconfig", xen.prompts().get(0).location().file());
        assertEquals("arch/x86/xen/Kconfig", xen.definitions().get(0).file());
        assertTrue(xen.help().contains("Xen"), xen.help());
        assertFalse(xen.dependencies().isEmpty());
        assertTrue(xen.dependencies().get(0).condition().text().contains("PARAVIRT"),
                xen.dependencies().get(0).condition().text());
        assertFalse(xen.reason().kind() == ReasonKind.UNEXPLAINED, xen.reasons().toString());
        if (actual.tristate() == Tristate.NO) {
            assertFalse(xen.toBeY().met());
            assertFalse(xen.toBeY().routes().isEmpty(), "there must be a way to enable XEN");
        } else {
            assertTrue(xen.toBeY().met());
        }
        System.out.println(ExplanationText.render(xen));
        // A few more, one per kind of reason, for people to read in the test output.
        for (String name : List.of("X86_LOCAL_APIC", "NR_CPUS", "HZ_1000", "IA32_EMULATION", "KVM_GUEST")) {
            explainer.explain(name).ifPresent(e -> System.out.println(ExplanationText.render(e)));
        }
    }

    /** conf's rules over the final values reproduce every symbol's value, and the prompts its visibility. */
    @Test
    void everyValueIsExplained() {
        Map<ReasonKind, Integer> kinds = check("x86_64_defconfig", result, explainer);
        assertTrue(kinds.getOrDefault(ReasonKind.USER, 0) > 100, kinds::toString);
        assertTrue(kinds.getOrDefault(ReasonKind.SELECT, 0) > 100, kinds::toString);
        assertTrue(kinds.getOrDefault(ReasonKind.DEFAULT, 0) > 100, kinds::toString);
        assertTrue(kinds.getOrDefault(ReasonKind.CHOICE_SELECTION, 0) > 10, kinds::toString);
    }

    /** The same for conf's all*config targets, explained without knowing the user values they set. */
    @ParameterizedTest
    @EnumSource(value = ConfigTarget.class, names = {"ALLYESCONFIG", "ALLMODCONFIG", "ALLNOCONFIG"})
    void everyValueOfAnAllConfigIsExplained(ConfigTarget target) {
        ConfigResult r = ConfigEvaluator.run(kconfig.tree(), target, null);
        check(target.name().toLowerCase(java.util.Locale.ROOT), r, Explainer.of(kconfig, r, null));
    }

    private static Map<ReasonKind, Integer> check(String what, ConfigResult result, Explainer explainer) {
        Map<ReasonKind, Integer> kinds = new EnumMap<>(ReasonKind.class);
        List<String> unexplained = new ArrayList<>();
        List<String> visibility = new ArrayList<>();
        Tristate modules = result.symbol("MODULES").tristate();
        long start = System.nanoTime();
        long slowest = 0;
        String slowestName = null;
        for (SymbolValue v : result.symbols().values()) {
            long t0 = System.nanoTime();
            SymbolExplanation e = explainer.explain(v.name()).orElseThrow(() -> new AssertionError(v.name()));
            long t = System.nanoTime() - t0;
            if (t > slowest) {
                slowest = t;
                slowestName = v.name();
            }
            kinds.merge(e.reason().kind(), 1, Integer::sum);
            if (e.reason().kind() == ReasonKind.UNEXPLAINED) {
                unexplained.add(v.name() + ": " + e.reason().summary());
            }
            Tristate vis = Tristate.NO;
            for (SymbolExplanation.Prompt p : e.prompts()) {
                vis = vis.or(p.condition().value());
            }
            if (vis == Tristate.MOD && (e.type() != SymbolType.TRISTATE || modules == Tristate.NO)) {
                vis = Tristate.YES;
            }
            if (vis != v.visibility() && !(vis == Tristate.MOD && v.visibility() == Tristate.NO)) {
                visibility.add(v.name() + ": prompts give " + vis + ", the evaluator " + v.visibility());
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println(what + ": " + result.symbols().size() + " symbols explained in " + ms + " ms; "
                + kinds + "; slowest " + slowestName + " " + slowest / 1_000_000 + " ms");
        assertTrue(unexplained.isEmpty(), unexplained.size() + " unexplained: "
                + unexplained.subList(0, Math.min(20, unexplained.size())));
        assertTrue(visibility.isEmpty(), visibility.size() + " visibility differences: "
                + visibility.subList(0, Math.min(20, visibility.size())));
        return kinds;
    }
}

package dev.kls.kconfig.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.testing.LinuxTree;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Witnesses on the seed 000 scenario: XEN hides behind PARAVIRT_GUEST and needs a 32-bit kernel. */
class WitnessSearchTest {

    private static Kconfig kconfig;

    @BeforeAll
    static void load() throws Kconfig.InputException {
        kconfig = Kconfig.load(LinuxTree.repoRoot().resolve("test-workspace/xen-p2m-2008"), "x86", false, Map.of());
    }

    private static WitnessSearch search(DotConfig base) {
        return new WitnessSearch(kconfig.tree(), kconfig.model(), base);
    }

    private static Predicate<ConfigResult> is(String name, String value) {
        return r -> r.symbol(name) != null && value.equals(r.symbol(name).value());
    }

    @Test
    void xenOn32BitNeedsItsMenuAndA32BitKernel() {
        WitnessSearch s = search(null);
        Optional<WitnessSearch.Witness> w = s.find(Set.of("X86_32", "XEN", "XEN_MAX_DOMAIN_MEMORY"),
                is("X86_32", "y").and(is("XEN", "y")));
        assertTrue(w.isPresent(), "XEN=y on X86_32 is a configuration conf can produce");
        Map<String, String> settings = w.get().settings();
        assertEquals(Map.of("64BIT", "n", "PARAVIRT_GUEST", "y", "XEN", "y"), settings);
        assertEquals("y", w.get().derived().get("X86_32"));
        assertEquals("8", w.get().derived().get("XEN_MAX_DOMAIN_MEMORY"), "the int symbol shows its default");
        // Every assignment of the witness holds in the evaluated configuration.
        w.get().assignments().forEach((k, v) -> assertEquals(v, w.get().result().symbol(k).value(), k));
        System.out.println("witness: " + w.get().describe() + " after " + s.evaluatorRuns() + " evaluator runs");
    }

    @Test
    void theFewestSettingsWin() {
        Optional<WitnessSearch.Witness> w = search(null).find(Set.of("X86_32"), is("X86_32", "y"));
        assertEquals(Map.of("64BIT", "n"), w.orElseThrow().settings());
    }

    @Test
    void aConditionTheBaseAlreadyMeetsNeedsNoSettings() {
        Optional<WitnessSearch.Witness> w = search(null).find(Set.of("64BIT"), is("64BIT", "y"));
        assertEquals(Map.of(), w.orElseThrow().settings());
        assertEquals(Map.of("64BIT", "y"), w.get().derived());
    }

    @Test
    void anUnreachableConditionHasNoWitness() {
        // XEN depends on X86_32, which depends on !64BIT.
        Optional<WitnessSearch.Witness> w = search(null).find(Set.of("XEN", "64BIT"),
                is("XEN", "y").and(is("64BIT", "y")));
        assertFalse(w.isPresent());
    }

    @Test
    void intSymbolsTryTheirRangeBounds() {
        Optional<WitnessSearch.Witness> w = search(null).find(Set.of("NR_CPUS", "X86_32"),
                is("NR_CPUS", "512"));
        assertEquals(Map.of("NR_CPUS", "512"), w.orElseThrow().settings());
        // On 32-bit the range stops at 8: 512 would be clamped, so it is not a witness there.
        Optional<WitnessSearch.Witness> w32 = search(null).find(Set.of("NR_CPUS", "X86_32"),
                is("NR_CPUS", "512").and(is("X86_32", "y")));
        assertFalse(w32.isPresent());
    }

    @Test
    void theSearchStartsFromTheUsersConfig() {
        DotConfig user = DotConfig.parse(".config", "# CONFIG_64BIT is not set\nCONFIG_PARAVIRT_GUEST=y\n");
        Optional<WitnessSearch.Witness> w = search(user).find(Set.of("XEN"), is("XEN", "y"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("XEN", "y");
        assertEquals(expected, w.orElseThrow().settings());
    }
}

package dev.kls.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.cond.Cond;
import dev.kls.c.cond.Truth;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.kconfig.semantics.Formula;
import dev.kls.kconfig.semantics.Valuation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cond.toFormula keeps autoconf.h's meaning: the Formula decides every configuration as Cond does. */
class CondToFormulaTest {

    private static final Map<String, SymbolType> TYPES = Map.of("XEN", SymbolType.BOOL, "64BIT", SymbolType.BOOL,
            "SND", SymbolType.TRISTATE, "MEM", SymbolType.INT, "NAME", SymbolType.STRING);

    /** .config values (unset = not written) as both sides read them. */
    private static Valuation valuation(Map<String, String> written) {
        return new Valuation() {
            @Override
            public Tristate tristate(String s) {
                String v = written.get(s);
                return "y".equals(v) ? Tristate.YES : "m".equals(v) ? Tristate.MOD : Tristate.NO;
            }

            @Override
            public String value(String s) {
                SymbolType t = TYPES.get(s);
                return t == null ? null : written.getOrDefault(s, t.isLogic() ? "n" : "");
            }

            @Override
            public SymbolType type(String s) {
                return TYPES.get(s);
            }
        };
    }

    private static final List<String> LINES = List.of(
            "#if defined(CONFIG_XEN) && !defined(CONFIG_64BIT)",
            "#if IS_ENABLED(CONFIG_SND)",
            "#if IS_BUILTIN(CONFIG_SND)",
            "#if IS_MODULE(CONFIG_SND)",
            "#ifdef CONFIG_MEM",
            "#if CONFIG_MEM * 1024 % 4096 != 0",
            "#if CONFIG_XEN_MAX == 8 || CONFIG_MEM > 4",
            "#if (CONFIG_MEM ? CONFIG_MEM : 1) / 3 == 2",
            "#if CONFIG_XEN + CONFIG_64BIT == 1",
            "#ifdef CONFIG_UNDEFINED_WORD");

    private static final List<Map<String, String>> CONFIGS = List.of(
            Map.of(),
            Map.of("XEN", "y", "MEM", "8"),
            Map.of("XEN", "y", "64BIT", "y", "MEM", "4", "SND", "m"),
            Map.of("SND", "y", "MEM", "6"),
            Map.of("64BIT", "y", "MEM", "0", "NAME", "abc"));

    @Test
    void theFormulaAgreesWithTheConditionOnEveryConfiguration() {
        for (String line : LINES) {
            Cond c = ConditionTest.cond(line);
            Formula f = c.toFormula(TYPES::get);
            assertFalse(f.hasUnknown(), line + " -> " + f.toKconfig());
            for (Map<String, String> config : CONFIGS) {
                Truth t = c.evaluate(config);
                Optional<Boolean> h = f.holds(valuation(config));
                assertEquals(t == Truth.TRUE, h.orElseThrow(), line + " on " + config + " -> " + f.toKconfig());
            }
        }
    }

    @Test
    void printsAsKconfigWhereItIsKconfigAndAsCArithmeticElsewhere() {
        assertEquals("XEN && !64BIT",
                ConditionTest.cond("#if defined(CONFIG_XEN) && !defined(CONFIG_64BIT)").toFormula(TYPES::get).toKconfig());
        assertEquals("SND = y || SND = m", ConditionTest.cond("#if IS_ENABLED(CONFIG_SND)").toFormula(TYPES::get)
                .toKconfig());
        assertEquals("MEM != \"\"", ConditionTest.cond("#ifdef CONFIG_MEM").toFormula(TYPES::get).toKconfig());
        assertEquals("(MEM * 1024) % 4096 != 0",
                ConditionTest.cond("#if CONFIG_MEM * 1024 % 4096 != 0").toFormula(TYPES::get).toKconfig());
        assertEquals(Formula.FALSE, ConditionTest.cond("#ifdef CONFIG_UNDEFINED_WORD").toFormula(TYPES::get));
    }

    @Test
    void opaquePartsStayOpaqueAndMakeItInexact() {
        Formula f = ConditionTest.cond("#if defined(CONFIG_XEN) && BITS_PER_LONG == 64").toFormula(TYPES::get);
        assertTrue(f.hasUnknown(), f.toKconfig());
        assertEquals(Optional.of(false), f.holds(valuation(Map.of())), "XEN=n decides it anyway");
        assertEquals(Optional.empty(), f.holds(valuation(Map.of("XEN", "y"))));
    }
}

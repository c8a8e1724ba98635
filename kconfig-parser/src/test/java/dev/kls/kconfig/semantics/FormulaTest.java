package dev.kls.kconfig.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.Tristate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Formula: parsing, printing, evaluation as conf's expr_calc_value, and the UNKNOWN marker. */
class FormulaTest {

    /** A configuration given as name -> (type, value). */
    private static Valuation config(Map<String, String[]> values) {
        return new Valuation() {
            @Override
            public Tristate tristate(String s) {
                String[] v = values.get(s);
                if (v == null || !(v[0].equals("bool") || v[0].equals("tristate"))) {
                    return Tristate.NO;
                }
                return v[1].equals("y") ? Tristate.YES : v[1].equals("m") ? Tristate.MOD : Tristate.NO;
            }

            @Override
            public String value(String s) {
                String[] v = values.get(s);
                return v == null ? null : v[1];
            }

            @Override
            public SymbolType type(String s) {
                String[] v = values.get(s);
                return v == null ? null : SymbolType.valueOf(v[0].toUpperCase(java.util.Locale.ROOT));
            }
        };
    }

    private static final Valuation XEN32 = config(Map.of(
            "XEN", new String[] {"bool", "y"},
            "64BIT", new String[] {"bool", "n"},
            "USB", new String[] {"tristate", "m"},
            "XEN_MAX_DOMAIN_MEMORY", new String[] {"int", "8"},
            "PHYS", new String[] {"hex", "0x1000000"},
            "NAME", new String[] {"string", "abc"}));

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
        "XEN                                  ; YES",
        "!XEN                                 ; NO",
        "USB                                  ; MOD",
        "!USB                                 ; MOD",
        "XEN && USB                           ; MOD",
        "64BIT || USB                         ; MOD",
        "XEN && !64BIT                        ; YES",
        "USB = m                              ; YES",
        "USB = y                              ; NO",
        "XEN_MAX_DOMAIN_MEMORY = 8            ; YES",
        "XEN_MAX_DOMAIN_MEMORY > 10           ; NO",
        "XEN_MAX_DOMAIN_MEMORY >= 8           ; YES",
        "PHYS < 0x2000000                     ; YES",
        "NAME = \"abc\"                       ; YES",
        "NAME != abc                          ; NO",
        "UNDEFINED                            ; NO",
        "UNDEFINED = UNDEFINED                ; YES",
        "m                                    ; MOD",
        "XEN && (64BIT || USB = m)            ; YES",
    })
    void evaluatesAsConf(String text, Tristate expected) {
        assertEquals(Optional.of(expected), Formula.parse(text).eval(XEN32));
    }

    @Test
    void evaluatesAConfResult() {
        var result = new dev.kls.kconfig.eval.ConfigResult("", Map.of(
                "XEN", new dev.kls.kconfig.eval.SymbolValue("XEN", SymbolType.BOOL, "y", Tristate.YES, Tristate.YES, true),
                "N", new dev.kls.kconfig.eval.SymbolValue("N", SymbolType.INT, "8", Tristate.NO, Tristate.YES, true)),
                java.util.List.of());
        Valuation v = Valuation.of(result);
        assertEquals(Optional.of(true), Formula.parse("XEN && N = 8").holds(v));
        assertEquals(Optional.of(false), Formula.parse("XEN && N != 8").holds(v));
        assertEquals(Optional.of(false), Formula.parse("N").holds(v), "an int symbol is n as a tristate");
    }

    @Test
    void unknownIsDecidedOnlyByTheRest() {
        Formula xen = Formula.sym("XEN");
        Formula b64 = Formula.sym("64BIT");
        assertEquals(Optional.empty(), Formula.and(xen, Formula.UNKNOWN).eval(XEN32));
        assertEquals(Optional.of(Tristate.NO), Formula.and(b64, Formula.UNKNOWN).eval(XEN32));
        assertEquals(Optional.of(Tristate.YES), Formula.or(xen, new Formula.Opaque("BITS_PER_LONG == 64")).eval(XEN32));
        assertEquals(Optional.empty(), Formula.not(Formula.or(b64, Formula.UNKNOWN)).eval(XEN32));
        assertTrue(Formula.and(xen, Formula.UNKNOWN).hasUnknown());
        assertFalse(Formula.parse("XEN && !64BIT").hasUnknown());
        assertEquals("XEN && [unknown]", Formula.and(xen, Formula.UNKNOWN).toKconfig());
    }

    @Test
    void simplifies() {
        Formula a = Formula.sym("A");
        assertEquals(Formula.TRUE, Formula.and());
        assertEquals(Formula.FALSE, Formula.or());
        assertEquals(a, Formula.and(Formula.TRUE, a, a));
        assertEquals(Formula.FALSE, Formula.and(a, Formula.FALSE));
        assertEquals(Formula.TRUE, Formula.or(a, Formula.TRUE));
        assertEquals(a, Formula.not(Formula.not(a)));
        assertEquals("y", Formula.TRUE.toKconfig());
        assertEquals("n", Formula.FALSE.toKconfig());
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = ';', value = {
        "A                        ; A",
        "A&&B||C                  ; A && B || C",
        "A && (B || C)            ; A && (B || C)",
        "(A && B) && C            ; A && B && C",
        "!(A = 4)                 ; !(A = 4)",
        "!(A || B)                ; !(A || B)",
        "!!A                      ; A",
        "A = \"x y\"              ; A = \"x y\"",
        "A != \"a\\\"b\"          ; A != \"a\\\"b\"",
        "64BIT && X >= 0x10       ; 64BIT && X >= 0x10",
    })
    void printsWithOnlyTheNeededParentheses(String in, String out) {
        Formula f = Formula.parse(in);
        assertEquals(out, f.toKconfig());
        assertEquals(f, Formula.parse(f.toKconfig()), "printing parses back to the same formula");
    }

    @Test
    void symbolsAreTheWordsThatAreNotConstants() {
        assertEquals(Set.of("64BIT", "XEN", "XEN_MAX_DOMAIN_MEMORY"),
                Formula.parse("XEN && !64BIT && XEN_MAX_DOMAIN_MEMORY != 8 && y && \"s\" = 4096").symbols());
    }

    @Test
    void refusesWhatIsNotOneExpression() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Formula.parse("A &&"));
        assertTrue(e.getMessage().contains("A &&"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("A\nconfig B"));
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("$(shell,echo y)"));
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("A && [unknown]"));
    }
}

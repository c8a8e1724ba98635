package dev.kls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import dev.kls.lsp.cfacts.CFacts;
import dev.kls.lsp.cfacts.SimpleCScanner;
import dev.kls.lsp.cfacts.Truth;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The stand-in C scanner: names in code only, #if structure, conditions in the simple forms. */
class SimpleCScannerTest {

    static final Map<String, SymbolValue> VALUES = Map.of(
            "Y", new SymbolValue("Y", SymbolType.BOOL, "y", Tristate.YES, Tristate.YES, true),
            "M", new SymbolValue("M", SymbolType.TRISTATE, "m", Tristate.MOD, Tristate.YES, true),
            "N", new SymbolValue("N", SymbolType.BOOL, "n", Tristate.NO, Tristate.YES, true),
            "NUM", new SymbolValue("NUM", SymbolType.INT, "0", Tristate.NO, Tristate.YES, true));
    static final Function<String, SymbolValue> V = VALUES::get;

    static List<Truth> truths(String src) {
        CFacts f = new SimpleCScanner().analyze("f.c", src);
        return f.blocks().stream().flatMap(b -> b.branches().stream())
                .map(b -> b.condition().evaluate(V, f.defines())).toList();
    }

    @Test
    void namesInCodeNotInCommentsOrStrings() {
        CFacts f = new SimpleCScanner().analyze("f.c", "// CONFIG_A\n/* CONFIG_B\n CONFIG_C */ x = CONFIG_D;\n"
                + "s = \"CONFIG_E\"; c = 'C'; #define X \\\n  CONFIG_F\nXCONFIG_G CONFIG_\n");
        assertEquals(List.of("D:3:18", "F:5:3"), f.refs().stream()
                .map(r -> r.symbol() + ":" + r.range().startLine() + ":" + r.range().startColumn()).toList());
    }

    @Test
    void conditionsOfTheSimpleForms() {
        assertEquals(List.of(Truth.TRUE), truths("#ifdef CONFIG_Y\n#endif\n"));
        assertEquals(List.of(Truth.FALSE), truths("#ifdef CONFIG_M\n#endif\n"));
        assertEquals(List.of(Truth.TRUE), truths("#ifdef CONFIG_M_MODULE\n#endif\n"));
        assertEquals(List.of(Truth.FALSE), truths("#ifndef CONFIG_Y\n#endif\n"));
        assertEquals(List.of(Truth.FALSE), truths("#ifdef CONFIG_UNDEFINED_HERE\n#endif\n"));
        assertEquals(List.of(Truth.TRUE, Truth.FALSE, Truth.TRUE),
                truths("#if IS_ENABLED(CONFIG_M)\n#elif IS_BUILTIN(CONFIG_M)\n#else\n#endif\n"));
        assertEquals(List.of(Truth.TRUE), truths("#if defined(CONFIG_Y) && !defined CONFIG_N || 0\n#endif\n"));
        assertEquals(List.of(Truth.UNKNOWN), truths("#if IS_ENABLED(CONFIG_Y) && FOO\n#endif\n"));
        assertEquals(List.of(Truth.FALSE), truths("#if IS_ENABLED(CONFIG_N) && FOO\n#endif\n"));
        assertEquals(List.of(Truth.UNKNOWN), truths("#if CONFIG_NUM > 2\n#endif\n"));
        assertEquals(List.of(Truth.FALSE), truths("#if CONFIG_NUM\n#endif\n"));
        assertEquals(List.of(Truth.UNKNOWN), truths("#if IS_REACHABLE(CONFIG_M)\n#endif\n"));
        assertEquals(List.of(Truth.UNKNOWN), truths("#define CONFIG_N 1\n#ifdef CONFIG_N\n#endif\n"));
        assertEquals(List.of(Truth.UNKNOWN), truths("#if defined(\n#endif\n"));
    }

    @Test
    void blocksNestAndContinueAcrossLines() {
        CFacts f = new SimpleCScanner().analyze("f.c",
                "#if defined(CONFIG_Y) && \\\n    defined(CONFIG_N)\nA\n#ifdef X\nB\n#endif\n#else\nC\n#endif\n");
        assertEquals(2, f.blocks().size());
        CFacts.CondBlock inner = f.blocks().get(0);
        CFacts.CondBlock outer = f.blocks().get(1);
        assertEquals(4, inner.startLine());
        assertEquals(6, inner.endLine());
        assertEquals(List.of("if:1-6", "else:7-8"), outer.branches().stream()
                .map(b -> b.directive() + ":" + b.line() + "-" + b.endLine()).toList());
        assertEquals(Truth.FALSE, outer.branches().get(0).condition().evaluate(V, f.defines()));
    }
}

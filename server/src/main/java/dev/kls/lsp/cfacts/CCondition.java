package dev.kls.lsp.cfacts;

import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.SymbolValue;
import dev.kls.kconfig.eval.Tristate;
import java.util.Set;
import java.util.function.Function;

/**
 * A preprocessor condition in the forms that depend on Kconfig alone;
 * anything else is {@link Unknown}, and an unknown part never makes a branch
 * look inactive.
 */
public sealed interface CCondition {

    CCondition TRUE = new Const(1);

    /**
     * @param values  the symbol values of the configuration (by name without CONFIG_); null = not evaluated yet
     * @param defines CONFIG_ names the file defines itself
     */
    Truth evaluate(Function<String, SymbolValue> values, Set<String> defines);

    record Const(long value) implements CCondition {
        public Truth evaluate(Function<String, SymbolValue> values, Set<String> defines) {
            return Truth.of(value != 0);
        }
    }

    /** {@code defined(NAME)}, {@code #ifdef NAME}. */
    record Defined(String macro) implements CCondition {
        public Truth evaluate(Function<String, SymbolValue> values, Set<String> defines) {
            return definedness(macro, values, defines);
        }
    }

    /** {@code NAME} used as a number: a CONFIG_ bool is 1 when y, an int its value, undefined 0. */
    record Macro(String macro) implements CCondition {
        public Truth evaluate(Function<String, SymbolValue> values, Set<String> defines) {
            Truth d = definedness(macro, values, defines);
            if (d != Truth.TRUE) {
                return d;
            }
            SymbolValue v = values.apply(macro.substring(PREFIX.length()));
            if (v == null || v.type() == null) {
                return Truth.UNKNOWN; // NAME_MODULE: defined as 1
            }
            if (v.type().isLogic()) {
                return Truth.TRUE;
            }
            if (v.type() == SymbolType.INT || v.type() == SymbolType.HEX) {
                try {
                    return Truth.of(Long.decode(v.value()) != 0);
                } catch (NumberFormatException e) {
                    return Truth.UNKNOWN;
                }
            }
            return Truth.UNKNOWN;
        }
    }

    /** {@code IS_ENABLED(CONFIG_X)}, {@code IS_BUILTIN}, {@code IS_MODULE}, {@code IS_REACHABLE}. */
    record Test(String function, String macro) implements CCondition {
        public Truth evaluate(Function<String, SymbolValue> values, Set<String> defines) {
            if (values == null || !macro.startsWith(PREFIX) || defines.contains(macro)) {
                return Truth.UNKNOWN;
            }
            SymbolValue v = values.apply(macro.substring(PREFIX.length()));
            Tristate t = v == null || v.type() == null || !v.type().isLogic() ? Tristate.NO : v.tristate();
            switch (function) {
                case "IS_ENABLED":
                    return Truth.of(t != Tristate.NO);
                case "IS_BUILTIN":
                    return Truth.of(t == Tristate.YES);
                case "IS_MODULE":
                    return Truth.of(t == Tristate.MOD);
                default: // IS_REACHABLE: for m it depends on the file being built as a module
                    return t == Tristate.MOD ? Truth.UNKNOWN : Truth.of(t == Tristate.YES);
            }
        }
    }

    record Not(CCondition operand) implements CCondition {
        public Truth evaluate(Function<String, SymbolValue> values, Set<String> defines) {
            return operand.evaluate(values, defines).not();
        }
    }

    record And(CCondition left, CCondition right) implements CCondition {
        public Truth evaluate(Function<String, SymbolValue> values, Set<String> defines) {
            return left.evaluate(values, defines).and(right.evaluate(values, defines));
        }
    }

    record Or(CCondition left, CCondition right) implements CCondition {
        public Truth evaluate(Function<String, SymbolValue> values, Set<String> defines) {
            return left.evaluate(values, defines).or(right.evaluate(values, defines));
        }
    }

    /** A form this model does not evaluate (comparisons, arithmetic, other macros). */
    record Unknown(String text) implements CCondition {
        public Truth evaluate(Function<String, SymbolValue> values, Set<String> defines) {
            return Truth.UNKNOWN;
        }
    }

    String PREFIX = "CONFIG_";

    /**
     * Whether include/generated/autoconf.h defines {@code macro}: CONFIG_X for
     * X=y and for every written int/hex/string, CONFIG_X_MODULE for X=m.
     */
    static Truth definedness(String macro, Function<String, SymbolValue> values, Set<String> defines) {
        if (values == null || !macro.startsWith(PREFIX) || defines.contains(macro)) {
            return Truth.UNKNOWN;
        }
        String name = macro.substring(PREFIX.length());
        SymbolValue v = values.apply(name);
        if (v != null && v.type() != null) {
            return Truth.of(v.type().isLogic() ? v.tristate() == Tristate.YES : v.written());
        }
        if (name.endsWith("_MODULE")) {
            SymbolValue base = values.apply(name.substring(0, name.length() - "_MODULE".length()));
            if (base != null && base.type() == SymbolType.TRISTATE) {
                return Truth.of(base.tristate() == Tristate.MOD);
            }
        }
        return Truth.FALSE; // no such symbol for this ARCH: autoconf.h never defines it
    }
}

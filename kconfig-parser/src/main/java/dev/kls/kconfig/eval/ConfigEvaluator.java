package dev.kls.kconfig.eval;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.dotconfig.DotConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a .config from a Kconfig tree the way the kernel's
 * scripts/kconfig/conf does for {@link ConfigTarget}s. Each run starts from
 * a fresh copy of conf's state, so one tree serves any number of runs.
 */
public final class ConfigEvaluator {

    private ConfigEvaluator() {
    }

    /**
     * @param input the .config to start from: for olddefconfig/defconfig the
     *        configuration itself (null for olddefconfig: there is none; required
     *        for defconfig), for the all*config targets an optional seed as
     *        KCONFIG_ALLCONFIG gives one
     */
    public static ConfigResult run(KconfigTree tree, ConfigTarget target, DotConfig input) {
        if (target == ConfigTarget.DEFCONFIG && input == null) {
            throw new IllegalArgumentException("defconfig needs a defconfig file to expand");
        }
        MenuBuilder built = MenuBuilder.build(tree);
        Engine engine = new Engine(built);
        switch (target) {
            case OLDDEFCONFIG:
                engine.read(input);
                break;
            case DEFCONFIG:
                engine.read(input);
                engine.setAllNewSymbols(Engine.NewSymbols.DEFAULT);
                break;
            default:
                if (input != null) {
                    engine.readSimple(input);
                }
                engine.setAllNewSymbols(modeOf(target));
                break;
        }
        String text = engine.write();
        List<Diagnostic> diagnostics = new ArrayList<>(built.diagnostics);
        if (input != null) {
            diagnostics.addAll(input.problems());
        }
        diagnostics.addAll(engine.diagnostics());
        return new ConfigResult(text, snapshot(engine), List.copyOf(diagnostics));
    }

    private static Engine.NewSymbols modeOf(ConfigTarget target) {
        switch (target) {
            case ALLYESCONFIG:
                return Engine.NewSymbols.YES;
            case ALLMODCONFIG:
                return Engine.NewSymbols.MOD;
            case ALLNOCONFIG:
                return Engine.NewSymbols.NO;
            default:
                return Engine.NewSymbols.DEFAULT;
        }
    }

    /** Values after the write, when conf's state is final. */
    private static Map<String, SymbolValue> snapshot(Engine engine) {
        Map<String, SymbolValue> values = new LinkedHashMap<>();
        for (KSymbol s : engine.table().inCreationOrder()) {
            if (s.name == null || s.has(KSymbol.CONST) || s.isChoice() || s.menus.isEmpty()) {
                continue;
            }
            engine.calcValue(s);
            boolean logic = s.type == KSymbol.Type.BOOLEAN || s.type == KSymbol.Type.TRISTATE;
            values.put(s.name, new SymbolValue(s.name, typeOf(s.type), engine.stringValue(s),
                    logic ? s.currTri : Tristate.NO, s.visible, s.type != KSymbol.Type.UNKNOWN && s.has(KSymbol.WRITE)));
        }
        return Collections.unmodifiableMap(values);
    }

    private static SymbolType typeOf(KSymbol.Type t) {
        switch (t) {
            case BOOLEAN:
                return SymbolType.BOOL;
            case TRISTATE:
                return SymbolType.TRISTATE;
            case INT:
                return SymbolType.INT;
            case HEX:
                return SymbolType.HEX;
            case STRING:
                return SymbolType.STRING;
            default:
                return null;
        }
    }
}

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
 * conf's state right after parsing (built once per tree and reset between
 * runs), so one tree serves any number of runs, also at the same time.
 */
public final class ConfigEvaluator {

    private ConfigEvaluator() {
    }

    /** {@link #run(KconfigTree, ConfigTarget, DotConfig, ConfigOptions)} with conf's defaults (seed 0). */
    public static ConfigResult run(KconfigTree tree, ConfigTarget target, DotConfig input) {
        return run(tree, target, input, ConfigOptions.DEFAULT);
    }

    /**
     * @param input the .config to start from: for olddefconfig, savedefconfig
     *        and listnewconfig the configuration itself (null: there is none),
     *        for defconfig the defconfig file (required), for the all*config
     *        targets and randconfig an optional seed as KCONFIG_ALLCONFIG gives one
     * @param options the symbol prefix, and randconfig's seed and probabilities
     * @return for savedefconfig the text is the minimal defconfig, for
     *         listnewconfig the list conf prints; else the .config
     */
    public static ConfigResult run(KconfigTree tree, ConfigTarget target, DotConfig input, ConfigOptions options) {
        if (target == ConfigTarget.DEFCONFIG && input == null) {
            throw new IllegalArgumentException("defconfig needs a defconfig file to expand");
        }
        ConfigResult result = runOnce(tree, target, input, options);
        if (target == ConfigTarget.RANDCONFIG) {
            result = settle(tree, result, options);
        }
        return result;
    }

    /** Passes of olddefconfig randconfig may need before conf accepts its result unchanged. */
    private static final int MAX_SETTLE_PASSES = 8;

    /**
     * conf's randconfig may write a .config that its own olddefconfig would
     * still change (the random answers are settled in one pass). kls promises
     * a configuration conf accepts as it is, so it runs olddefconfig on the
     * result until nothing changes. When conf's randconfig is already stable,
     * which it usually is, the result is conf's byte for byte.
     */
    static ConfigResult settle(KconfigTree tree, ConfigResult random, ConfigOptions options) {
        ConfigResult current = random;
        for (int pass = 1; pass <= MAX_SETTLE_PASSES; pass++) {
            DotConfig written = DotConfig.parse("randconfig", current.text(), options.symbolPrefix());
            ConfigResult next = runOnce(tree, ConfigTarget.OLDDEFCONFIG, written, options);
            if (next.text().equals(current.text())) {
                if (pass == 1) {
                    return random;
                }
                List<Diagnostic> diagnostics = new ArrayList<>(random.diagnostics());
                diagnostics.add(Diagnostic.note(dev.kls.kconfig.SourceRange.NONE, "randconfig: conf's random answers"
                        + " were not stable; " + (pass - 1) + " pass(es) of olddefconfig settled them"));
                return new ConfigResult(next.text(), next.symbols(), List.copyOf(diagnostics));
            }
            current = next;
        }
        throw new IllegalStateException("randconfig: olddefconfig did not settle the configuration in "
                + MAX_SETTLE_PASSES + " passes (seed " + Integer.toUnsignedString(options.seed()) + ")");
    }

    private static ConfigResult runOnce(KconfigTree tree, ConfigTarget target, DotConfig input,
            ConfigOptions options) {
        MenuBuilder built = acquire(tree);
        try {
            return runOnce(built, target, input, options);
        } finally {
            release(tree, built);
        }
    }

    /**
     * Built menu trees kept for reuse, per Kconfig tree (held weakly), for the
     * trees used last. Building costs more than a run; a kept one is reset to
     * its state after parsing, which is all a run depends on. Each is used by
     * one run at a time. The trees are few on purpose: an editor makes a new
     * tree per Kconfig edit, and a weakly held old tree is only cleared by an
     * old-generation collection, so pools of every tree not yet collected
     * kept about 30 MB per built Linux tree (1.8 GB after GC in a 10,000-edit soak).
     */
    private static final List<Pool> POOLS = new ArrayList<>();
    private static final int KEEP_PER_TREE = 2;
    private static final int KEEP_TREES = 2;

    private record Pool(java.lang.ref.WeakReference<KconfigTree> tree, java.util.ArrayDeque<MenuBuilder> free) {
    }

    static MenuBuilder acquire(KconfigTree tree) {
        MenuBuilder kept = null;
        synchronized (POOLS) {
            Pool pool = pool(tree, false);
            if (pool != null) {
                kept = pool.free().poll();
            }
        }
        if (kept == null) {
            return MenuBuilder.build(tree);
        }
        kept.reset();
        return kept;
    }

    static void release(KconfigTree tree, MenuBuilder built) {
        synchronized (POOLS) {
            Pool pool = pool(tree, true);
            if (pool.free().size() < KEEP_PER_TREE) {
                pool.free().push(built);
            }
        }
    }

    /**
     * The pool of a tree (by identity), made the most recently used; those of trees that are gone, and
     * beyond the {@link #KEEP_TREES} used last, are dropped.
     */
    private static Pool pool(KconfigTree tree, boolean create) {
        Pool found = null;
        for (java.util.Iterator<Pool> it = POOLS.iterator(); it.hasNext();) {
            Pool p = it.next();
            KconfigTree t = p.tree().get();
            if (t == null) {
                it.remove();
            } else if (t == tree) {
                found = p;
                it.remove();
            }
        }
        if (found == null && create) {
            found = new Pool(new java.lang.ref.WeakReference<>(tree), new java.util.ArrayDeque<>());
        }
        if (found != null) {
            POOLS.add(found);
            while (POOLS.size() > KEEP_TREES) {
                POOLS.remove(0);
            }
        }
        return found;
    }

    /** How many built menu trees are kept for reuse, over all trees (for tests). */
    static int kept() {
        synchronized (POOLS) {
            return POOLS.stream().mapToInt(p -> p.free().size()).sum();
        }
    }

    private static ConfigResult runOnce(MenuBuilder built, ConfigTarget target, DotConfig input,
            ConfigOptions options) {
        ConfEngine engine = new ConfEngine(built, options);
        String text;
        switch (target) {
            case OLDDEFCONFIG:
            case SAVEDEFCONFIG:
            case LISTNEWCONFIG:
                engine.read(input);
                break;
            case DEFCONFIG:
                engine.read(input);
                engine.setAllNewSymbols(ConfEngine.NewSymbols.DEFAULT);
                break;
            case RANDCONFIG:
                if (input != null) {
                    engine.readSimple(input);
                }
                // As conf: repeat while a pass still set something (a choice may only now have become y).
                boolean changed;
                do {
                    changed = engine.setAllNewSymbols(ConfEngine.NewSymbols.RANDOM);
                } while (changed);
                break;
            default:
                if (input != null) {
                    engine.readSimple(input);
                }
                engine.setAllNewSymbols(modeOf(target));
                break;
        }
        if (target == ConfigTarget.SAVEDEFCONFIG) {
            text = engine.writeDefconfig();
        } else if (target == ConfigTarget.LISTNEWCONFIG) {
            text = engine.listNewConfig();
        } else {
            text = engine.write();
        }
        List<Diagnostic> diagnostics = new ArrayList<>(built.diagnostics);
        if (input != null) {
            diagnostics.addAll(input.problems());
        }
        diagnostics.addAll(engine.diagnostics());
        return new ConfigResult(text, snapshot(engine), List.copyOf(diagnostics));
    }

    private static ConfEngine.NewSymbols modeOf(ConfigTarget target) {
        switch (target) {
            case ALLYESCONFIG:
                return ConfEngine.NewSymbols.YES;
            case ALLMODCONFIG:
                return ConfEngine.NewSymbols.MOD;
            case ALLNOCONFIG:
                return ConfEngine.NewSymbols.NO;
            default:
                return ConfEngine.NewSymbols.DEFAULT;
        }
    }

    /** Values after the write, when conf's state is final. */
    private static Map<String, SymbolValue> snapshot(ConfEngine engine) {
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

package dev.kls.c;

import dev.kls.c.pp.ConfigPass;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.MacroExpander;
import dev.kls.c.pp.PpToken;
import dev.kls.c.pp.SourceTree;
import dev.kls.c.types.DeclParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The translation units of main files under configurations: each one's
 * directive pass, and its declaration chunks parsed under it, kept for the
 * 48 most recently used (a unit's pass is the expensive part of a
 * configuration's query; a sweep asks many of them in turn).
 */
final class UnitCache {

    private static final int SIZE = 48;

    private final SourceTree tree;
    private final Map<Object, Unit> units = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Unit> e) {
            return size() > SIZE;
        }
    });

    UnitCache(SourceTree tree) {
        this.tree = tree;
    }

    /** The unit of one main file under one configuration: its directive pass and its lookups. */
    static final class Unit {
        final FileModel main;
        final ConfigPass pass;
        final Configuration cfg;
        final Map<Long, Parsed> parsed = new HashMap<>();

        Unit(SourceTree tree, FileModel main, Configuration cfg) {
            this.main = main;
            this.cfg = cfg;
            this.pass = new ConfigPass(tree, cfg.values(), cfg.abi().lp64(), cfg.abi().symbols());
            pass.run(main);
        }

        /** A top-level chunk of one of the unit's inclusions, expanded and parsed under the unit's configuration (cached). */
        Parsed parseChunk(ConfigPass.Inclusion inc, int chunk) {
            long key = ((long) inc.index << 32) | chunk;
            Parsed p = parsed.get(key);
            if (p != null) {
                return p;
            }
            FileModel f = inc.file;
            List<PpToken> raw = new ArrayList<>();
            for (int i = f.chunkStart(chunk); i < f.chunkEnd(chunk); i++) {
                if (!f.isDirectiveToken(i) && f.chunkOf(i) == chunk && inc.isActive(i)) {
                    raw.add(PpToken.of(f.tokens().get(i), i));
                }
            }
            Set<String> touched = new TreeSet<>(inc.touchedAt(f.chunkStart(chunk)));
            List<PpToken> ex;
            try {
                ex = new MacroExpander(pass.at(inc.seqAt(f.chunkStart(chunk)), touched)).expand(raw);
            } catch (MacroExpander.TooLarge e) {
                ex = List.of();
            }
            DeclParser.Declaration d = new DeclParser(ex, null).declaration();
            p = new Parsed(d, ex, touched);
            parsed.put(key, p);
            return p;
        }
    }

    /** A declaration chunk expanded and parsed under the unit's configuration, with what that touched. */
    record Parsed(DeclParser.Declaration decl, List<PpToken> tokens, Set<String> touched) {
    }

    /** The unit of a main file (this model of it: a buffer is its own unit) under a configuration. */
    Unit unit(FileModel main, Configuration cfg) {
        // One slot per path and configuration: a buffer's new model replaces its old one's unit instead of
        // piling up superseded units that push the tree's own out of the cache.
        Object key = List.of(main.path(), cfg.values(), cfg.abi());
        synchronized (units) {
            Unit u = units.get(key);
            if (u == null || u.main != main) {
                u = new Unit(tree, main, cfg);
                units.put(key, u);
            }
            return u;
        }
    }

    /** Forgets every unit (a file changed: any unit may have included it). */
    void clear() {
        synchronized (units) {
            units.clear();
        }
    }
}

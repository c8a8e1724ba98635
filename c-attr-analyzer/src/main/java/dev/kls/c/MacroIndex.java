package dev.kls.c;

import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.MacroDef;
import dev.kls.c.pp.MacroExpander;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which files define each macro name, over every file any closure has
 * reached so far: each file's definitions are indexed once and shared by
 * all the files that may include it, instead of a macro table per file.
 * It also keeps which files have their whole include closure indexed, and
 * the {@link TokenMentions} of the interests asked for at its current version.
 */
final class MacroIndex {

    private final IncludeGraph includes;
    private final Object lock = new Object();
    private final Set<FileModel> indexed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, List<FileModel>> definers = new ConcurrentHashMap<>();
    private int version;
    /** Files whose whole include closure is indexed: a pre-filter need not walk it again. */
    private final Set<FileModel> reached = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final Map<TokenInterest, TokenMentions> mentions = new ConcurrentHashMap<>();

    /**
     * Whether a model is the tree's own (cached) one. An editor buffer's model is not: it is replaced at every
     * edit, so nothing here may keep it (each edit's model would stay reachable for good).
     */
    private final java.util.function.Predicate<FileModel> shared;

    MacroIndex(IncludeGraph includes, java.util.function.Predicate<FileModel> shared) {
        this.includes = includes;
        this.shared = shared;
    }

    /** Adds the files not indexed yet to the definers of their macro names (the tree's own models only). */
    void index(List<FileModel> files) {
        synchronized (lock) {
            for (FileModel f : files) {
                if (!shared.test(f) || !indexed.add(f)) {
                    continue;
                }
                for (String name : f.liveMacros().keySet()) {
                    definers.merge(name, List.of(f), (a, b) -> {
                        List<FileModel> l = new ArrayList<>(a.size() + 1);
                        l.addAll(a);
                        l.addAll(b);
                        return List.copyOf(l);
                    });
                }
                version++;
            }
        }
    }

    /** Drops a file's model from the index (it changed on disk); every closure that held it is forgotten. */
    void unindex(FileModel f) {
        synchronized (lock) {
            if (indexed.remove(f)) {
                for (String name : f.liveMacros().keySet()) {
                    definers.computeIfPresent(name, (k, l) -> {
                        List<FileModel> rest = l.stream().filter(x -> x != f).toList();
                        return rest.isEmpty() ? null : rest;
                    });
                }
                version++;
            }
        }
    }

    /** Forgets which closures were indexed (a file changed, so the closures that held it change with it). */
    void forgetReached() {
        reached.clear();
    }

    /** The closure of a file, indexed. */
    List<FileModel> indexedClosure(FileModel f) {
        List<FileModel> closure = includes.closure(f);
        index(closure);
        return closure;
    }

    /** Indexes a file's closure once. */
    void indexClosure(FileModel f) {
        if (!shared.test(f)) {
            index(includes.closure(f)); // a buffer: its headers are indexed once, the buffer itself never
        } else if (!reached.contains(f)) {
            index(includes.closure(f));
            reached.add(f);
        }
    }

    /** Indexes what the given files (and {@code roots}, the implicit includes) may include, a level at a time. */
    void indexReach(List<FileModel> roots, List<FileModel> files) {
        List<FileModel> start = new ArrayList<>(roots);
        files.stream().filter(m -> shared.test(m) && !reached.contains(m)).forEach(start::add);
        if (start.size() > roots.size()) {
            index(includes.reach(start));
            reached.addAll(start.subList(roots.size(), start.size()));
        }
    }

    /** The mentions of an interest over the macros indexed now. */
    TokenMentions mentions(TokenInterest interest) {
        synchronized (lock) {
            TokenMentions m = mentions.get(interest);
            if (m == null || m.version != version) {
                m = new TokenMentions(interest, version, definers, shared);
                mentions.put(interest, m);
            }
            return m;
        }
    }

    /** Configuration-free macros for reading a file's top-level chunks (its headers' definitions indexed). */
    FreeMacros freeMacros(List<FileModel> closure, FileModel main) {
        return new FreeMacros(closure, main);
    }

    /**
     * Macros for a configuration-free reading: the file's own (before the
     * point), else the first definition in the closure's depth-first order,
     * found through the index when first asked for.
     */
    final class FreeMacros implements MacroExpander.Macros {
        private final Map<FileModel, Integer> position = new IdentityHashMap<>();
        private final Map<String, HeaderDefs> headers = new HashMap<>();
        final Set<String> ambiguousUsed = new LinkedHashSet<>();
        final Map<String, MacroDef> override = new HashMap<>();
        private final Map<String, List<MacroDef>> own = new HashMap<>();
        private final Map<MacroDef, Integer> ownPos = new HashMap<>();
        int before;

        private FreeMacros(List<FileModel> closure, FileModel main) {
            int p = 0;
            for (FileModel f : closure) {
                if (f != main) {
                    position.putIfAbsent(f, p++);
                }
            }
            for (int i = 0; i < main.directives().size(); i++) {
                MacroDef d = main.macroAt(i);
                if (d != null) {
                    own.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d);
                    ownPos.put(d, main.directives().get(i).hash());
                }
            }
        }

        /** The first header definition of a name and, when others differ from it, up to three of those. */
        private record HeaderDefs(MacroDef first, List<MacroDef> alternatives) {
        }

        private static final HeaderDefs NONE = new HeaderDefs(null, null);

        private HeaderDefs header(String name) {
            HeaderDefs h = headers.get(name);
            if (h != null) {
                return h;
            }
            List<FileModel> in = new ArrayList<>();
            for (FileModel f : definers.getOrDefault(name, List.of())) {
                if (position.containsKey(f)) {
                    in.add(f);
                }
            }
            in.sort(Comparator.comparingInt(position::get));
            MacroDef first = null;
            List<MacroDef> alt = null;
            for (FileModel f : in) {
                for (MacroDef d : f.liveMacros().get(name)) {
                    if (first == null) {
                        first = d;
                    } else if (!first.bodyText().equals(d.bodyText())) {
                        if (alt == null) {
                            alt = new ArrayList<>(List.of(first));
                        }
                        if (alt.size() < 4) {
                            alt.add(d);
                        }
                    }
                }
            }
            h = first == null ? NONE : new HeaderDefs(first, alt == null ? null : List.copyOf(alt));
            headers.put(name, h);
            return h;
        }

        @Override
        public MacroDef lookup(String name) {
            MacroDef o = override.get(name);
            if (o != null) {
                return o;
            }
            List<MacroDef> l = own.get(name);
            if (l != null) {
                MacroDef best = null;
                for (MacroDef d : l) {
                    if (ownPos.get(d) < before) {
                        best = d;
                    }
                }
                if (best != null) {
                    return best;
                }
            }
            HeaderDefs h = header(name);
            if (h.alternatives() != null) {
                ambiguousUsed.add(name);
            }
            return h.first();
        }

        List<MacroDef> alternativesOf(String name) {
            List<MacroDef> a = header(name).alternatives();
            return a == null ? List.of() : a;
        }
    }
}

package dev.kls.c.graph;

import dev.kls.c.body.AddressStore;
import dev.kls.c.body.FileBodies;
import dev.kls.c.body.FunctionDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which file defines which function (static ones per file) and every place
 * a name is stored into a struct member or a variable, over the files put
 * into it. Incremental: {@link #put} replaces one file's part, so an editor
 * re-indexes one file per edit. Thread-safe; readers see a consistent state.
 */
public final class ProjectIndex {

    private final Map<String, FileBodies> files = new HashMap<>();
    private final Map<String, List<FunctionDef>> globalDefs = new HashMap<>();
    private final Map<String, List<AddressStore>> storesByMember = new HashMap<>();
    private final Map<String, List<AddressStore>> storesByVariable = new HashMap<>();
    private final AtomicLong version = new AtomicLong();

    /** The index of {@code files} (tree-relative) of a project, read in parallel; missing files are left out. */
    public static ProjectIndex of(dev.kls.c.CProject project, Collection<String> files) {
        ProjectIndex ix = new ProjectIndex();
        List<FileBodies> read = files.parallelStream().map(project::file).filter(java.util.Objects::nonNull)
                .map(dev.kls.c.CFile::functions).toList();
        read.forEach(ix::put);
        return ix;
    }

    /** Adds a file, or replaces what it held before. */
    public synchronized void put(FileBodies b) {
        remove(b.file());
        files.put(b.file(), b);
        for (FunctionDef f : b.functions()) {
            if (!f.isStatic()) {
                globalDefs.computeIfAbsent(f.name(), k -> new ArrayList<>(1)).add(f);
            }
        }
        for (AddressStore s : b.stores()) {
            if (s.member() != null) {
                storesByMember.computeIfAbsent(s.member(), k -> new ArrayList<>(1)).add(s);
            } else if (s.variable() != null) {
                storesByVariable.computeIfAbsent(s.variable(), k -> new ArrayList<>(1)).add(s);
            }
        }
        version.incrementAndGet();
    }

    /** Forgets a file (deleted, or about to be put again). */
    public synchronized void remove(String file) {
        FileBodies old = files.remove(file);
        if (old == null) {
            return;
        }
        for (FunctionDef f : old.functions()) {
            if (!f.isStatic()) {
                drop(globalDefs, f.name(), x -> x.file().equals(file));
            }
        }
        for (AddressStore s : old.stores()) {
            if (s.member() != null) {
                drop(storesByMember, s.member(), x -> x.file().equals(file));
            } else if (s.variable() != null) {
                drop(storesByVariable, s.variable(), x -> x.file().equals(file));
            }
        }
        version.incrementAndGet();
    }

    private static <T> void drop(Map<String, List<T>> m, String key, java.util.function.Predicate<T> gone) {
        List<T> l = m.get(key);
        if (l != null) {
            l.removeIf(gone);
            if (l.isEmpty()) {
                m.remove(key);
            }
        }
    }

    /** Changes with every put or remove. */
    public long version() {
        return version.get();
    }

    public synchronized Collection<FileBodies> files() {
        return List.copyOf(files.values());
    }

    public synchronized FileBodies file(String path) {
        return files.get(path);
    }

    /**
     * The definitions a call of {@code name} from {@code file} may reach: the
     * file's own static ones when it has any, else every non-static one.
     */
    public synchronized List<FunctionDef> definitions(String name, String file) {
        FileBodies own = files.get(file);
        if (own != null) {
            List<FunctionDef> st = new ArrayList<>();
            for (FunctionDef f : own.functions()) {
                if (f.name().equals(name) && f.isStatic()) {
                    st.add(f);
                }
            }
            if (!st.isEmpty()) {
                return st;
            }
        }
        return List.copyOf(globalDefs.getOrDefault(name, List.of()));
    }

    /** Whether a name stored in {@code file} is a function there: defined in it, or non-static anywhere. */
    public synchronized boolean isFunction(String name, String file) {
        return !definitions(name, file).isEmpty();
    }

    /** Stores into member {@code member}; of struct {@code tag} and of unknown tag when a tag is given. */
    public synchronized List<AddressStore> storesInto(String tag, String member) {
        List<AddressStore> out = new ArrayList<>();
        for (AddressStore s : storesByMember.getOrDefault(member, List.of())) {
            if (tag == null || s.structType() == null || tag.equals(s.structType())) {
                out.add(s);
            }
        }
        return out;
    }

    /** Stores into a variable of that name (function pointer variables). */
    public synchronized List<AddressStore> storesIntoVariable(String variable) {
        return List.copyOf(storesByVariable.getOrDefault(variable, List.of()));
    }

    /**
     * Adds to {@code members} and {@code variables} those that a store anywhere in the project fills with one
     * of {@code values}: the calls through them reach a function of that name.
     */
    public synchronized void storedWith(Set<String> values, Set<String> members, Set<String> variables) {
        storesByMember.forEach((m, l) -> {
            for (AddressStore s : l) {
                if (values.contains(s.value())) {
                    members.add(m);
                    break;
                }
            }
        });
        storesByVariable.forEach((v, l) -> {
            for (AddressStore s : l) {
                if (values.contains(s.value())) {
                    variables.add(v);
                    break;
                }
            }
        });
    }

    /** Every stored value that is a function, by struct tag (or "?") and member: what the index knows of each table. */
    public synchronized Map<String, List<String>> functionPointerMembers() {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        storesByMember.forEach((m, l) -> {
            for (AddressStore s : l) {
                if (isFunction(s.value(), s.file())) {
                    out.computeIfAbsent((s.structType() == null ? "?" : s.structType()) + "." + m,
                            k -> new ArrayList<>()).add(s.value());
                }
            }
        });
        return out;
    }
}

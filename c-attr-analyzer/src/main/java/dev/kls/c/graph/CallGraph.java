package dev.kls.c.graph;

import dev.kls.c.body.AddressStore;
import dev.kls.c.body.CallSite;
import dev.kls.c.body.FileBodies;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.cond.Cond;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The call graph of the files of a {@link ProjectIndex}: direct calls go to
 * the definitions of the name (the file's static one first); a call through
 * member {@code m} of struct {@code T} goes to every function whose address
 * the project stores into {@code T.m} (into any {@code .m} when T is not
 * known: field-based resolution); a call through a pointer variable to the
 * functions stored into it. What cannot be resolved is listed in
 * {@link #unresolved()}. Immutable; {@link #update} gives the graph after one
 * file changed, re-resolving only the files whose calls may have changed.
 */
public final class CallGraph {

    private final ProjectIndex index;
    private final Map<String, List<Edge>> outByFile;
    private final Map<String, List<CallSite>> unresolvedByFile;
    private final Map<FunctionDef, List<Edge>> out = new IdentityHashMap<>();
    private final Map<FunctionDef, List<Edge>> in = new IdentityHashMap<>();
    private final Callers callers;

    /**
     * Which files have calls naming a function or variable, and calls through a member: what an update
     * looks up instead of scanning every call of the project (that scan was most of an update's time). It
     * only grows, and is shared by a graph and its updates: a file listed for a name it no longer calls is
     * looked at and passed over, so a superset is enough, and readers of an older graph never use it.
     */
    private static final class Callers {
        final Map<String, Set<String>> byName = new ConcurrentHashMap<>();
        final Map<String, Set<String>> byMember = new ConcurrentHashMap<>();

        void add(FileBodies fb) {
            for (FunctionDef f : fb.functions()) {
                for (CallSite c : f.calls()) {
                    CallSite.Callee ce = c.callee();
                    if (ce.name() != null) {
                        byName.computeIfAbsent(ce.name(), k -> ConcurrentHashMap.newKeySet())
                                .add(fb.file());
                    }
                    if (ce.member() != null) {
                        byMember.computeIfAbsent(ce.member(),
                                k -> ConcurrentHashMap.newKeySet()).add(fb.file());
                    }
                }
            }
        }

        Set<String> filesCalling(Set<String> names, Set<String> members) {
            Set<String> out = new java.util.TreeSet<>();
            names.forEach(n -> out.addAll(byName.getOrDefault(n, Set.of())));
            members.forEach(m -> out.addAll(byMember.getOrDefault(m, Set.of())));
            return out;
        }
    }

    private CallGraph(ProjectIndex index, Map<String, List<Edge>> outByFile,
            Map<String, List<CallSite>> unresolvedByFile, Callers callers) {
        this.index = index;
        this.callers = callers;
        this.outByFile = outByFile;
        this.unresolvedByFile = unresolvedByFile;
        for (List<Edge> l : outByFile.values()) {
            for (Edge e : l) {
                out.computeIfAbsent(e.caller(), k -> new ArrayList<>()).add(e);
                in.computeIfAbsent(e.callee(), k -> new ArrayList<>()).add(e);
            }
        }
    }

    /**
     * The graph after the edges of {@code changed} files were replaced: the
     * previous graph's maps are copied and only those files' edges taken out
     * and put in, instead of indexing every edge again.
     */
    private CallGraph(CallGraph prev, Map<String, List<Edge>> outByFile, Map<String, List<CallSite>> unresolved,
            Set<String> changed) {
        this.index = prev.index;
        this.callers = prev.callers;
        this.outByFile = outByFile;
        this.unresolvedByFile = unresolved;
        out.putAll(prev.out);
        in.putAll(prev.in);
        Set<FunctionDef> callees = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (String f : changed) {
            for (Edge e : prev.outByFile.getOrDefault(f, List.of())) {
                out.remove(e.caller());
                callees.add(e.callee());
            }
        }
        for (FunctionDef c : callees) {
            List<Edge> kept = new ArrayList<>();
            for (Edge e : prev.in.getOrDefault(c, List.of())) {
                if (!changed.contains(e.site().file())) {
                    kept.add(e);
                }
            }
            if (kept.isEmpty()) {
                in.remove(c);
            } else {
                in.put(c, kept);
            }
        }
        for (String f : changed) {
            for (Edge e : outByFile.getOrDefault(f, List.of())) {
                out.computeIfAbsent(e.caller(), k -> new ArrayList<>()).add(e);
                List<Edge> l = in.get(e.callee());
                if (l == null || l == prev.in.get(e.callee())) {
                    l = l == null ? new ArrayList<>() : new ArrayList<>(l); // never change the previous graph's list
                    in.put(e.callee(), l);
                }
                l.add(e);
            }
        }
    }

    /** The graph of every file of the index (files resolved in parallel). */
    public static CallGraph build(ProjectIndex index) {
        Map<String, List<Edge>> outs = Collections.synchronizedMap(new HashMap<>());
        Map<String, List<CallSite>> unres = Collections.synchronizedMap(new HashMap<>());
        Collection<FileBodies> files = index.files();
        files.parallelStream().forEach(fb -> resolveFile(index, fb, outs, unres));
        Callers callers = new Callers();
        files.forEach(callers::add);
        return new CallGraph(index, new HashMap<>(outs), new HashMap<>(unres), callers);
    }

    /**
     * The graph after {@code file} was put into (or removed from) the index:
     * its own calls are resolved again, and so are those of the files whose
     * calls named a function, member or variable the file defined or defines.
     */
    public CallGraph update(String file, FileBodies before) {
        FileBodies now = index.file(file);
        Set<String> names = new HashSet<>();
        Set<String> members = new HashSet<>();
        Set<String> defined = new HashSet<>();
        for (FileBodies b : new FileBodies[] {before, now}) {
            if (b == null) {
                continue;
            }
            b.functions().forEach(f -> defined.add(f.name()));
            for (AddressStore s : b.stores()) {
                if (s.member() != null) {
                    members.add(s.member());
                } else if (s.variable() != null) {
                    names.add(s.variable());
                }
            }
        }
        names.addAll(defined);
        // Calls elsewhere that reach the file's functions through stores in other files (`.read = foo_read`
        // in b.c, `p->read()` in c.c) point at the old definitions too: resolve them again as well.
        index.storedWith(defined, members, names);
        Map<String, List<Edge>> outs = new HashMap<>(outByFile);
        Map<String, List<CallSite>> unres = new HashMap<>(unresolvedByFile);
        outs.remove(file);
        unres.remove(file);
        Set<String> changed = new HashSet<>();
        changed.add(file);
        if (now != null) {
            callers.add(now);
            resolveFile(index, now, outs, unres);
        }
        for (String path : callers.filesCalling(names, members)) {
            FileBodies fb = path.equals(file) ? null : index.file(path);
            if (fb != null && mayReach(fb, names, members)) {
                // only the calls that name what changed are resolved again; the file's other edges stay
                changed.add(fb.file());
                List<Edge> edges = new ArrayList<>();
                List<CallSite> missing = new ArrayList<>();
                for (Edge e : outByFile.getOrDefault(fb.file(), List.of())) {
                    if (!touches(e.site(), names, members)) {
                        edges.add(e);
                    }
                }
                for (CallSite c : unresolvedByFile.getOrDefault(fb.file(), List.of())) {
                    if (!touches(c, names, members)) {
                        missing.add(c);
                    }
                }
                for (FunctionDef f : fb.functions()) {
                    for (CallSite c : f.calls()) {
                        if (touches(c, names, members)) {
                            int before0 = edges.size();
                            resolve(index, f, c, edges);
                            if (edges.size() == before0 && c.callee().kind() != CallSite.Kind.DIRECT) {
                                missing.add(c);
                            }
                        }
                    }
                }
                outs.put(fb.file(), List.copyOf(edges));
                if (missing.isEmpty()) {
                    unres.remove(fb.file());
                } else {
                    unres.put(fb.file(), List.copyOf(missing));
                }
            }
        }
        return new CallGraph(this, outs, unres, changed);
    }

    private static boolean touches(CallSite c, Set<String> names, Set<String> members) {
        CallSite.Callee ce = c.callee();
        return ce.name() != null && names.contains(ce.name()) || ce.member() != null && members.contains(ce.member());
    }

    private static boolean mayReach(FileBodies fb, Set<String> names, Set<String> members) {
        for (FunctionDef f : fb.functions()) {
            for (CallSite c : f.calls()) {
                if (touches(c, names, members)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void resolveFile(ProjectIndex index, FileBodies fb, Map<String, List<Edge>> outs,
            Map<String, List<CallSite>> unres) {
        List<Edge> edges = new ArrayList<>();
        List<CallSite> missing = new ArrayList<>();
        for (FunctionDef f : fb.functions()) {
            for (CallSite c : f.calls()) {
                int before = edges.size();
                resolve(index, f, c, edges);
                if (edges.size() == before && c.callee().kind() != CallSite.Kind.DIRECT) {
                    missing.add(c);
                }
            }
        }
        outs.put(fb.file(), List.copyOf(edges));
        if (!missing.isEmpty()) {
            unres.put(fb.file(), List.copyOf(missing));
        }
    }

    private static void resolve(ProjectIndex index, FunctionDef caller, CallSite c, List<Edge> edges) {
        CallSite.Callee ce = c.callee();
        switch (ce.kind()) {
            case DIRECT -> {
                for (FunctionDef d : index.definitions(ce.name(), c.file())) {
                    edges.add(new Edge(caller, d, c, null, Cond.and(c.presence(), d.presence())));
                }
                if (edges.isEmpty() || edges.get(edges.size() - 1).site() != c) {
                    through(index, caller, c, index.storesIntoVariable(ce.name()), edges);
                }
            }
            case MEMBER -> through(index, caller, c, index.storesInto(ce.structType(), ce.member()), edges);
            case POINTER -> {
                if (ce.name() != null) {
                    through(index, caller, c, index.storesIntoVariable(ce.name()), edges);
                }
            }
        }
    }

    private static void through(ProjectIndex index, FunctionDef caller, CallSite c, List<AddressStore> stores,
            List<Edge> edges) {
        Set<FunctionDef> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (AddressStore s : stores) {
            for (FunctionDef d : index.definitions(s.value(), s.file())) {
                if (seen.add(d)) {
                    edges.add(new Edge(caller, d, c, s, Cond.and(List.of(c.presence(), d.presence(),
                            s.presence()))));
                }
            }
        }
    }

    public ProjectIndex index() {
        return index;
    }

    /** The edges leaving a function, in call-site order. */
    public List<Edge> outgoing(FunctionDef f) {
        return out.getOrDefault(f, List.of());
    }

    /** The edges reaching a function. */
    public List<Edge> incoming(FunctionDef f) {
        return in.getOrDefault(f, List.of());
    }

    /** Every function with a definition in the index. */
    public List<FunctionDef> functions() {
        List<FunctionDef> l = new ArrayList<>();
        for (FileBodies b : index.files()) {
            l.addAll(b.functions());
        }
        return l;
    }

    public int edgeCount() {
        return outByFile.values().stream().mapToInt(List::size).sum();
    }

    /** Calls through members or pointers that no store resolves. */
    public List<CallSite> unresolved() {
        return unresolvedByFile.values().stream().flatMap(List::stream).toList();
    }
}

package dev.kls.c;

import dev.kls.c.cond.Cond;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.Include;
import dev.kls.c.pp.SourceTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which headers each file of a tree may include under any configuration:
 * the resolved targets of its {@code #include}s (those in a branch that is
 * never compiled, such as {@code #ifdef __ASSEMBLY__}, left out), cached per
 * file until it changes.
 */
final class IncludeGraph {

    private final SourceTree tree;
    private final Map<String, List<String>> edges = new ConcurrentHashMap<>();

    IncludeGraph(SourceTree tree) {
        this.tree = tree;
    }

    /** Forgets a file's edges (it changed on disk). */
    void forget(String rel) {
        edges.remove(rel);
    }

    /** The headers a file may include under any configuration, depth-first, itself first (implicit includes before). */
    List<FileModel> closure(FileModel main) {
        List<FileModel> order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String f : tree.implicitIncludes()) {
            visit(tree.file(f), order, seen);
        }
        visit(main, order, seen);
        return order;
    }

    private void visit(FileModel start, List<FileModel> order, Set<String> seen) {
        if (start == null) {
            return;
        }
        if (!seen.add(start.path() + "\0" + System.identityHashCode(start))) {
            return;
        }
        // depth-first, pre-order, children in source order
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {start, 0});
        order.add(start);
        seen.add(start.path());
        while (!work.isEmpty()) {
            Object[] top = work.peek();
            FileModel f = (FileModel) top[0];
            List<String> kids = edges(f);
            int i = (Integer) top[1];
            if (i >= kids.size()) {
                work.pop();
                continue;
            }
            top[1] = i + 1;
            String k = kids.get(i);
            if (seen.add(k)) {
                FileModel m = tree.file(k);
                if (m != null) {
                    order.add(m);
                    work.push(new Object[] {m, 0});
                }
            }
        }
    }

    /** Every file the given ones may include under any configuration, themselves too; a level at a time, in parallel. */
    List<FileModel> reach(List<FileModel> start) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Set<FileModel> firstSeen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<FileModel> all = new ArrayList<>();
        List<FileModel> level = new ArrayList<>();
        for (FileModel m : start) {
            seen.add(m.path());
            if (firstSeen.add(m)) {
                level.add(m);
            }
        }
        while (!level.isEmpty()) {
            all.addAll(level);
            List<String> next = level.parallelStream().flatMap(f -> edges(f).stream()).filter(seen::add).toList();
            level = next.parallelStream().map(tree::file).filter(Objects::nonNull).toList();
        }
        return all;
    }

    /** The files one file's {@code #include}s resolve to; cached only for the tree's own model of it (not a buffer). */
    List<String> edges(FileModel f) {
        List<String> e = edges.get(f.path());
        if (e != null && tree.file(f.path()) == f) {
            return e;
        }
        List<String> out = new ArrayList<>();
        for (Include inc : f.includes()) {
            if (inc.header() == null) {
                continue;
            }
            if (inc.branch() >= 0 && f.presence(inc.branch()) instanceof Cond.False) {
                continue; // #ifdef __ASSEMBLY__ and the like
            }
            SourceTree.Resolved r = tree.resolve(inc.header(), inc.angled(), f.path(),
                    inc.next() ? tree.dirIndexOf(f.path()) : -1);
            if (r != null) {
                out.add(r.path());
            }
        }
        if (tree.file(f.path()) == f) {
            edges.put(f.path(), out);
        }
        return out;
    }
}

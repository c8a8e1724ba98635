package dev.kls.c.graph;

import dev.kls.c.body.CallSite;
import dev.kls.c.body.Expr;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.body.Stmt;
import dev.kls.c.body.Walk;
import dev.kls.c.cond.Cond;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Elementary cycles of two or more functions in a {@link CallGraph}, found
 * inside its strongly connected components. A cycle holds only when some
 * choice of one call site per hop has a satisfiable conjunction of presence
 * conditions and no hop is pruned by a constant argument: when the call into
 * a function passes a constant for a parameter and the path to the next call
 * in it is guarded by a test of that parameter that the constant makes false,
 * the cycle does not go that way ({@code readmem(addr, PHYSADDR, ...)} never
 * reaches the {@code case KVADDR:} call of kvtop).
 */
public final class Cycles {

    /** One cycle: its edges in order, the last one's callee being the first one's caller. */
    public record Cycle(List<Edge> edges, Cond presence) {
        public Cycle {
            edges = List.copyOf(edges);
        }

        public List<FunctionDef> functions() {
            return edges.stream().map(Edge::caller).toList();
        }

        /** "readmem -> kvtop -> machdep->kvtop (x86_64_kvtop) -> ... -> readmem". */
        public String describe() {
            StringBuilder sb = new StringBuilder(edges.get(0).caller().name());
            for (Edge e : edges) {
                sb.append(" -> ");
                if (e.site().callee().kind() != CallSite.Kind.DIRECT) {
                    sb.append(dev.kls.c.body.Exprs.text(e.site().callee().expr())).append(" (")
                            .append(e.callee().name()).append(')');
                } else {
                    sb.append(e.callee().name());
                }
            }
            return sb.toString();
        }
    }

    private final CallGraph graph;
    private final Predicate<Cond> satisfiable;
    private final int maxLength;
    private final int maxCycles;
    private final Map<FunctionDef, Set<String>> assigned = new IdentityHashMap<>();
    private long budget;

    /**
     * @param satisfiable decides whether a cycle's presence condition can hold
     *                    ({@link Presence#freeSatisfiable} for a plain C tree)
     * @param maxLength   longest cycle looked for (functions)
     * @param maxCycles   at most this many cycles are returned
     */
    public Cycles(CallGraph graph, Predicate<Cond> satisfiable, int maxLength, int maxCycles) {
        this.graph = graph;
        this.satisfiable = satisfiable;
        this.maxLength = maxLength;
        this.maxCycles = maxCycles;
    }

    /** The strongly connected components with two or more functions (Tarjan's, iterative). */
    public List<List<FunctionDef>> components() {
        List<FunctionDef> all = graph.functions();
        Map<FunctionDef, Integer> idx = new IdentityHashMap<>();
        Map<FunctionDef, Integer> low = new IdentityHashMap<>();
        Set<FunctionDef> onStack = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<FunctionDef> stack = new ArrayDeque<>();
        List<List<FunctionDef>> out = new ArrayList<>();
        int[] counter = {0};
        for (FunctionDef root : all) {
            if (idx.containsKey(root)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {root, 0});
            idx.put(root, counter[0]);
            low.put(root, counter[0]++);
            stack.push(root);
            onStack.add(root);
            while (!work.isEmpty()) {
                Object[] top = work.peek();
                FunctionDef v = (FunctionDef) top[0];
                List<Edge> es = graph.outgoing(v);
                int i = (Integer) top[1];
                if (i < es.size()) {
                    top[1] = i + 1;
                    FunctionDef w = es.get(i).callee();
                    if (!idx.containsKey(w)) {
                        idx.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Object[] {w, 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), idx.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    FunctionDef parent = (FunctionDef) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(idx.get(v))) {
                    List<FunctionDef> comp = new ArrayList<>();
                    FunctionDef w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        comp.add(w);
                    } while (w != v);
                    if (comp.size() > 1) {
                        out.add(comp);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The elementary cycles that pass through a function {@code through}
     * accepts, each once (found from its first such function in component order).
     */
    public List<Cycle> find(Predicate<FunctionDef> through) {
        List<Cycle> out = new ArrayList<>();
        Set<List<FunctionDef>> seen = new HashSet<>();
        for (List<FunctionDef> comp : components()) {
            Set<FunctionDef> in = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            in.addAll(comp);
            List<FunctionDef> starts = comp.stream().filter(through).toList();
            Set<FunctionDef> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (FunctionDef s : starts) {
                budget = 200_000;
                List<Edge> path = new ArrayList<>();
                Set<FunctionDef> onPath = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
                onPath.add(s);
                dfs(s, s, in, done, path, onPath, out, seen);
                done.add(s);
                if (out.size() >= maxCycles) {
                    return out;
                }
            }
        }
        return out;
    }

    private void dfs(FunctionDef start, FunctionDef v, Set<FunctionDef> comp, Set<FunctionDef> done,
            List<Edge> path, Set<FunctionDef> onPath, List<Cycle> out, Set<List<FunctionDef>> seen) {
        if (--budget < 0 || out.size() >= maxCycles) {
            return;
        }
        for (Edge e : graph.outgoing(v)) {
            FunctionDef w = e.callee();
            if (!comp.contains(w) || done.contains(w)) {
                continue;
            }
            if (!path.isEmpty() && pruned(path.get(path.size() - 1), e)) {
                continue;
            }
            if (w == start) {
                if (path.isEmpty()) {
                    continue; // self-recursion: not a cycle of two or more functions
                }
                List<Edge> cyc = new ArrayList<>(path);
                cyc.add(e);
                if (pruned(e, cyc.get(0))) {
                    continue;
                }
                List<FunctionDef> key = cyc.stream().map(Edge::caller).toList();
                if (seen.contains(key)) {
                    continue;
                }
                Cond pc = Cond.and(cyc.stream().map(Edge::presence).toList());
                if (pc instanceof Cond.False || !satisfiable.test(pc)) {
                    continue;
                }
                seen.add(key);
                out.add(new Cycle(cyc, pc));
                continue;
            }
            if (onPath.contains(w) || path.size() + 1 >= maxLength) {
                continue;
            }
            path.add(e);
            onPath.add(w);
            dfs(start, w, comp, done, path, onPath, out, seen);
            onPath.remove(w);
            path.remove(path.size() - 1);
        }
    }

    /**
     * Whether the call {@code into} (reaching the function that makes the
     * call {@code next}) rules {@code next} out: a constant it passes makes a
     * guard on the way to {@code next} false. A parameter the callee assigns
     * is not trusted to keep the constant.
     */
    public boolean pruned(Edge into, Edge next) {
        FunctionDef callee = into.callee();
        Map<String, Long> values = new HashMap<>();
        List<CallSite.Arg> args = into.site().args();
        Set<String> written = assigned(callee);
        for (int i = 0; i < callee.params().size() && i < args.size(); i++) {
            String p = callee.params().get(i).name();
            if (p == null || written.contains(p)) {
                continue;
            }
            Long v = ConstValue.of(args.get(i).expr(), Map.of());
            if (v != null) {
                values.put(p, v);
            }
        }
        if (values.isEmpty()) {
            return false;
        }
        for (CallSite.Guard g : next.site().guards()) {
            Long v = ConstValue.of(g.cond(), values);
            if (v != null && (v != 0) != g.positive()) {
                return true;
            }
        }
        return false;
    }

    /** Names a function assigns to or increments anywhere in its body. */
    public Set<String> assigned(FunctionDef f) {
        return assigned.computeIfAbsent(f, Cycles::assignedIn);
    }

    static Set<String> assignedIn(FunctionDef f) {
        Set<String> out = new HashSet<>();
        Walk.exprs(f.body(), e -> {
            Expr target = null;
            if (e instanceof Expr.Assign a) {
                target = a.target();
            } else if (e instanceof Expr.Unary u && (u.op().equals("++") || u.op().equals("--"))) {
                target = u.operand();
            }
            if (target instanceof Expr.Ident i) {
                out.add(i.name());
            }
        });
        return out;
    }

    /** Names that are locals (not static) or parameters of a function: they do not outlive one call. */
    static Set<String> perCall(FunctionDef f) {
        Set<String> out = new HashSet<>();
        for (FunctionDef.Param p : f.params()) {
            if (p.name() != null) {
                out.add(p.name());
            }
        }
        collectLocals(f.body(), out);
        return out;
    }

    private static void collectLocals(Stmt s, Set<String> out) {
        if (s instanceof Stmt.Decl d) {
            if (!d.isStatic()) {
                d.locals().forEach(l -> out.add(l.name()));
            }
        } else if (s instanceof Stmt.Block b) {
            b.statements().forEach(x -> collectLocals(x, out));
        } else if (s instanceof Stmt.If i) {
            collectLocals(i.then(), out);
            collectLocals(i.otherwise(), out);
        } else if (s instanceof Stmt.Loop l) {
            collectLocals(l.init(), out);
            collectLocals(l.body(), out);
        } else if (s instanceof Stmt.Switch sw) {
            collectLocals(sw.body(), out);
        }
    }

    /**
     * Whether something stops the recursion of a cycle: a call on it is
     * guarded by a test of a name that outlives the call (a static or global
     * counter or flag) which the calling function also writes; or a call
     * passes a parameter of its caller decreased or increased by a constant
     * (a depth argument) that the caller tests.
     */
    public boolean depthGuarded(Cycle c) {
        for (Edge e : c.edges()) {
            FunctionDef f = e.caller();
            Set<String> local = perCall(f);
            Set<String> writes = assigned(f);
            for (CallSite.Guard g : e.site().guards()) {
                for (String n : names(g.cond())) {
                    if (!local.contains(n) && writes.contains(n)) {
                        return true;
                    }
                }
            }
            for (CallSite.Arg a : e.site().args()) {
                String p = depthArgument(a.expr(), f);
                if (p != null && testedIn(f, p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String depthArgument(Expr e, FunctionDef f) {
        e = dev.kls.c.body.Exprs.strip(e);
        if (e instanceof Expr.Binary b && (b.op().equals("-") || b.op().equals("+"))
                && b.left() instanceof Expr.Ident i && f.paramIndex(i.name()) >= 0
                && ConstValue.of(b.right(), Map.of()) != null) {
            return i.name();
        }
        if (e instanceof Expr.Unary u && (u.op().equals("--") || u.op().equals("++")) && !u.postfix()
                && u.operand() instanceof Expr.Ident i && f.paramIndex(i.name()) >= 0) {
            return i.name();
        }
        return null;
    }

    private static boolean testedIn(FunctionDef f, String name) {
        boolean[] found = {false};
        testedIn(f.body(), name, found);
        return found[0];
    }

    private static void testedIn(Stmt s, String name, boolean[] found) {
        if (s == null || found[0]) {
            return;
        }
        if (s instanceof Stmt.If i) {
            found[0] |= names(i.cond()).contains(name);
            testedIn(i.then(), name, found);
            testedIn(i.otherwise(), name, found);
        } else if (s instanceof Stmt.Block b) {
            b.statements().forEach(x -> testedIn(x, name, found));
        } else if (s instanceof Stmt.Loop l) {
            found[0] |= l.cond() != null && names(l.cond()).contains(name);
            testedIn(l.body(), name, found);
        } else if (s instanceof Stmt.Switch sw) {
            found[0] |= names(sw.selector()).contains(name);
            testedIn(sw.body(), name, found);
        } else if (s instanceof Stmt.Return r && r.value() instanceof Expr.Conditional c) {
            found[0] |= names(c.cond()).contains(name);
        }
    }

    static Set<String> names(Expr e) {
        Set<String> out = new HashSet<>();
        Walk.exprs(e, x -> {
            if (x instanceof Expr.Ident i) {
                out.add(i.name());
            }
        });
        return out;
    }
}

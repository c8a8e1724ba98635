package dev.kls.c.provenance;

import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.body.CallSite;
import dev.kls.c.body.Expr;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.body.Stmt;
import dev.kls.c.cond.Cond;
import dev.kls.c.lex.Token;
import dev.kls.c.pp.FileModel;
import dev.kls.kconfig.SourceRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Value provenance over the function-body model: for an expression, the set
 * of places its value may point into ({@link Place}), each with the presence
 * condition of the code that made the address.
 *
 * <p>Within a function the analysis is flow-insensitive (a local holds
 * whatever any assignment gives it, iterated to a fixed point), with struct
 * members tracked by name. Across functions each definition gets one summary:
 * the places its return value may point into, where a parameter's own value
 * is a {@link Place.Region#PARAM} place that a call site replaces by its
 * argument's places. Callees are found in the same file, then in the headers
 * the file may include, then in the files given to {@link #index}.
 *
 * <p>Per-cpu addresses are recognised by what the kernel's macros expand to:
 * per_cpu_ptr(), this_cpu_ptr(), raw_cpu_ptr() (and per_cpu(), which is
 * {@code *per_cpu_ptr(&v, cpu)}) all expand to a statement expression that
 * declares {@code __vpp_verify} (__verify_pcpu_ptr(), in SMP and UP builds
 * alike); objects declared with DEFINE_PER_CPU*() / DECLARE_PER_CPU*() are
 * read from the macro's arguments by name. Dereferencing a per-cpu pointer
 * reads the value stored in the slot, which is not a per-cpu address unless
 * the slot's type is an array (it then decays to the slot's address): the
 * types come from the declarations (struct members included), never from a
 * list of variable names.
 */
public final class Provenance {

    private static final int MAX_DEPTH = 6;
    private static final int MAX_CALLER_FILES = 40;

    private final CProject project;
    private final Map<String, Summary> summaries = new ConcurrentHashMap<>();
    private final Map<CFile, List<FileModel>> closures = new ConcurrentHashMap<>();
    private final Map<String, FileModel> models = new ConcurrentHashMap<>();
    private final Map<String, List<String>> definers = new ConcurrentHashMap<>();
    private volatile List<String> indexed = List.of();

    public Provenance(CProject project) {
        this.project = project;
    }

    /** Files (tree-relative) searched for callees defined elsewhere and for callers of a function's parameters. */
    public void index(Collection<String> files) {
        indexed = List.copyOf(files);
        definers.clear();
    }

    /** The places the value of {@code e} (an expression of {@code fn} in {@code file}) may point into. */
    public Set<Place> valueOf(CFile file, FunctionDef fn, Expr e) {
        return frame(file, fn, 0).val(e);
    }

    /**
     * As {@link #valueOf}, with parameters replaced by what the callers pass
     * (callers in the same file and the indexed files, {@code depth} levels up).
     */
    public Set<Place> valueWithCallers(CFile file, FunctionDef fn, Expr e, int depth) {
        Set<Place> out = new LinkedHashSet<>();
        Set<Place> own = valueOf(file, fn, e);
        for (Place p : own) {
            if (p.region() != Place.Region.PARAM) {
                out.add(p);
            } else if (depth > 0) {
                out.addAll(fromCallers(file, fn, p, depth));
            }
        }
        return out;
    }

    /** A pointer expression at a place in a file and where its value may point. */
    public record Hit(Expr expr, String text, FunctionDef function, Set<Place> places) {

        /** "points into the per-cpu area (from per_cpu(gdt_page, cpu) at arch/x86/include/asm/desc.h:25)". */
        public String describe() {
            List<String> parts = new ArrayList<>();
            for (Place p : places) {
                String where = switch (p.region()) {
                    case PER_CPU -> "points into the per-cpu area (from " + p.describe() + ")";
                    case GLOBAL -> "points into the global " + p.name() + " (" + p.describe() + ")";
                    case LINEAR -> "points into the linear map (from " + p.describe() + ")";
                    case PARAM -> null;
                };
                if (where != null && !parts.contains(where)) {
                    parts.add(where);
                }
            }
            return String.join("; or ", parts);
        }
    }

    /**
     * The smallest expression of a function body around a position (1-based
     * line and column) whose value is known to point somewhere, with those
     * places (callers resolved one level up); empty when there is none.
     */
    public java.util.Optional<Hit> pointerAt(CFile file, int line, int column) {
        for (FunctionDef fn : file.functions().functions()) {
            if (fn.body() == null || !contains(fn.range(), line, column)) {
                continue;
            }
            List<Expr> around = new ArrayList<>();
            walkAll(fn.body(), st -> {
            }, ex -> {
                if (ex.range() != null && ex.range().file().equals(file.path()) && contains(ex.range(), line, column)
                        && !(ex instanceof Expr.Ident i && callee(file, i.name()) != null)) {
                    around.add(ex);
                }
            });
            // smallest first; among nodes of one macro invocation (same range), the outermost (first seen)
            java.util.List<Expr> sorted = new ArrayList<>(around);
            sorted.sort(java.util.Comparator.comparingLong(e -> size(e.range())));
            int tried = 0;
            for (Expr e : sorted) {
                if (++tried > 12) {
                    break;
                }
                Set<Place> ps = valueWithCallers(file, fn, e, 1);
                ps.removeIf(p -> p.region() == Place.Region.PARAM);
                if (!ps.isEmpty()) {
                    String text = SourceText.text(file.model(), e.range());
                    return java.util.Optional.of(new Hit(e, text == null ? dev.kls.c.body.Exprs.text(e)
                            : text.replaceAll("\\s+", " "), fn, ps));
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean contains(SourceRange r, int line, int col) {
        if (line < r.startLine() || line > r.endLine()) {
            return false;
        }
        if (line == r.startLine() && col < r.startColumn()) {
            return false;
        }
        return line != r.endLine() || col < r.endColumn();
    }

    private static long size(SourceRange r) {
        return (long) (r.endLine() - r.startLine()) * 100_000L + (r.endColumn() - r.startColumn());
    }

    /** The type of {@code e} as normalized declaration text ("struct desc_struct *", "unsigned long"); null when unknown. */
    public String typeOf(CFile file, FunctionDef fn, Expr e) {
        return new Frame(file, fn, 0).typeOf(e, 0);
    }

    private Set<Place> fromCallers(CFile file, FunctionDef fn, Place param, int depth) {
        Set<Place> out = new LinkedHashSet<>();
        if (!fn.isStatic() && !fn.file().endsWith(".h") && definers(fn.name()).size() > 1) {
            // several files define it (mm/nommu.c and mm/vmalloc.c): the build picks one, callers reach that one
            return out;
        }
        List<String> files = new ArrayList<>();
        files.add(file.path());
        if (!fn.isStatic() || fn.file().endsWith(".h")) {
            int n = 0;
            for (String f : indexed) {
                if (n >= MAX_CALLER_FILES) {
                    break;
                }
                if (!f.equals(file.path())) {
                    FileModel m = model(f);
                    if (m != null && m.identifierTokens(fn.name()).length > 0) {
                        files.add(f);
                        n++;
                    }
                }
            }
        }
        for (String f : files) {
            CFile cf = f.equals(file.path()) ? file : project.file(f);
            if (cf == null) {
                continue;
            }
            for (FunctionDef caller : cf.functions().functions()) {
                for (CallSite c : caller.calls()) {
                    if (c.callee().kind() == CallSite.Kind.DIRECT && fn.name().equals(c.callee().name())
                            && param.param() < c.args().size()) {
                        for (Place p : valueWithCallers(cf, caller, c.args().get(param.param()).expr(), depth - 1)) {
                            out.add(p.through(c.range(), c.presence()));
                        }
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- summaries

    private record Summary(Set<Place> returns) {
    }

    private static final Summary PENDING = new Summary(Set.of());

    private Summary summary(CFile file, FunctionDef fn, int depth) {
        String key = fn.file() + "#" + fn.name() + "#" + fn.range().startLine();
        Summary s = summaries.get(key);
        if (s != null) {
            return s; // PENDING for a recursive call: nothing more is known yet
        }
        if (depth > MAX_DEPTH || fn.body() == null) {
            return PENDING;
        }
        summaries.put(key, PENDING);
        Frame f = frame(file, fn, depth);
        Set<Place> ret = new LinkedHashSet<>();
        Cond def = fn.presence();
        walk(fn.body(), st -> {
            if (st instanceof Stmt.Return r && r.value() != null) {
                for (Place p : f.val(r.value())) {
                    ret.add(p.under(Cond.and(def, r.presence())));
                }
            }
        });
        s = new Summary(Set.copyOf(ret));
        summaries.put(key, s);
        return s;
    }

    /** The definition a direct call in {@code file} reaches, null when none is found. */
    private Resolved callee(CFile file, String name) {
        List<FunctionDef> own = file.functions().functions(name);
        if (!own.isEmpty()) {
            return new Resolved(file, own.get(0));
        }
        for (FileModel m : closure(file)) {
            if (m == file.model() || !definesFunction(m, name)) {
                continue;
            }
            CFile h = project.file(m.path());
            if (h != null) {
                List<FunctionDef> l = h.functions().functions(name);
                if (!l.isEmpty()) {
                    return new Resolved(h, l.get(0));
                }
            }
        }
        List<String> elsewhere = definers(name);
        if (elsewhere.size() > 1) {
            return null; // which one is linked is the build's choice: no guess
        }
        for (String f : elsewhere) {
            CFile cf = project.file(f);
            if (cf != null) {
                for (FunctionDef d : cf.functions().functions(name)) {
                    if (!d.isStatic()) {
                        return new Resolved(cf, d);
                    }
                }
            }
        }
        return null;
    }

    private record Resolved(CFile file, FunctionDef fn) {
    }

    private List<String> definers(String name) {
        return definers.computeIfAbsent(name, n -> {
            List<String> out = new ArrayList<>();
            for (String f : indexed) {
                FileModel m = model(f);
                if (m != null && definesFunction(m, n)) {
                    out.add(f);
                }
            }
            return out;
        });
    }

    /** Whether a function chunk of the file names {@code name} right before its first '(' (a definition). */
    private static boolean definesFunction(FileModel m, String name) {
        List<Token> toks = m.tokens();
        for (int i : m.identifierTokens(name)) {
            int c = m.chunkOf(i);
            if (c < 0 || !m.chunkIsFunction(c) || i + 1 >= toks.size() || !toks.get(i + 1).is("(")) {
                continue;
            }
            boolean first = true;
            for (int k = m.chunkStart(c); k < i; k++) {
                if (!m.isDirectiveToken(k) && toks.get(k).is("(")) {
                    first = false;
                    break;
                }
            }
            if (first) {
                return true;
            }
        }
        return false;
    }

    private List<FileModel> closure(CFile f) {
        return closures.computeIfAbsent(f, CFile::closure);
    }

    private FileModel model(String path) {
        FileModel m = models.get(path);
        if (m == null) {
            CFile cf = project.file(path);
            if (cf == null) {
                return null;
            }
            m = cf.model();
            models.put(path, m);
        }
        return m;
    }

    /** The file model a range's text is read from: the frame's own file (an editor buffer too), else the tree's. */
    FileModel textOf(CFile file, SourceRange r) {
        if (r == null) {
            return null;
        }
        if (r.file().equals(file.path())) {
            return file.model();
        }
        return model(r.file());
    }

    // ---------------------------------------------------------------- one function

    private Frame frame(CFile file, FunctionDef fn, int depth) {
        Frame f = new Frame(file, fn, depth);
        f.solve();
        return f;
    }

    private final class Frame {
        final CFile file;
        final FunctionDef fn;
        final int depth;
        final Map<String, Set<Place>> env = new HashMap<>();
        final Map<String, Set<Place>> members = new HashMap<>();
        final Map<String, String> localTypes = new HashMap<>();

        Frame(CFile file, FunctionDef fn, int depth) {
            this.file = file;
            this.fn = fn;
            this.depth = depth;
            for (Stmt.Local l : fn.locals()) {
                localTypes.putIfAbsent(l.name(), l.type());
            }
        }

        /** Every local's and member's places, from all assignments, to a fixed point. */
        void solve() {
            List<Object[]> assigns = new ArrayList<>();
            if (fn.body() != null) {
                walkAll(fn.body(), st -> {
                    if (st instanceof Stmt.Decl d) {
                        for (Stmt.Local l : d.locals()) {
                            if (l.init() != null) {
                                assigns.add(new Object[] {l.name(), l.init(), d.presence()});
                            }
                        }
                    }
                }, ex -> {
                    if (ex instanceof Expr.Assign a && (a.op().equals("=") || a.op().equals("+=")
                            || a.op().equals("-="))) {
                        Expr t = strip(a.target());
                        if (t instanceof Expr.Ident i && fn.paramIndex(i.name()) < 0) {
                            assigns.add(new Object[] {i.name(), a.value(), a.presence()});
                        } else if (t instanceof Expr.Member m) {
                            assigns.add(new Object[] {"." + m.name(), a.value(), a.presence()});
                        }
                    }
                });
            }
            for (int round = 0; round < 5; round++) {
                boolean changed = false;
                for (Object[] a : assigns) {
                    String key = (String) a[0];
                    Map<String, Set<Place>> into = key.startsWith(".") ? members : env;
                    Set<Place> now = into.computeIfAbsent(key.startsWith(".") ? key.substring(1) : key,
                            k -> new LinkedHashSet<>());
                    for (Place p : val((Expr) a[1])) {
                        changed |= now.add(p.under((Cond) a[2]));
                    }
                }
                if (!changed) {
                    break;
                }
            }
        }

        Set<Place> val(Expr e) {
            if (e == null) {
                return Set.of();
            }
            if (e instanceof Expr.Ident i) {
                Set<Place> l = env.get(i.name());
                if (l != null) {
                    return l;
                }
                int p = fn.paramIndex(i.name());
                if (p >= 0) {
                    return Set.of(Place.param(p, i.name()));
                }
                if (localTypes.containsKey(i.name())) {
                    return Set.of();
                }
                VarDecl v = varDecl(i.name());
                if (v != null && v.type().endsWith("[]")) {
                    return addr(e); // an array object decays to its own address
                }
                return Set.of();
            }
            if (e instanceof Expr.Cast c) {
                return val(c.operand());
            }
            if (e instanceof Expr.Unary u) {
                switch (u.op()) {
                    case "&":
                        return addr(u.operand());
                    case "*":
                        return isArray(e) ? addr(e) : Set.of();
                    case "++":
                    case "--":
                        return moved(val(u.operand()));
                    default:
                        return Set.of();
                }
            }
            if (e instanceof Expr.Binary b) {
                switch (b.op()) {
                    case ",":
                        return val(b.right());
                    case "+":
                    case "-":
                        return moved(union(val(b.left()), b.op().equals("+") ? val(b.right()) : Set.of()));
                    case "&":
                    case "|":
                        return union(val(b.left()), val(b.right()));
                    default:
                        return Set.of();
                }
            }
            if (e instanceof Expr.Assign a) {
                return val(a.value());
            }
            if (e instanceof Expr.Conditional c) {
                return union(c.then() == null ? val(c.cond()) : val(c.then()), val(c.otherwise()));
            }
            if (e instanceof Expr.StatementExpr s) {
                if (isPerCpuPointer(s)) {
                    return Set.of(perCpu(s));
                }
                return val(lastValue(s.body()));
            }
            if (e instanceof Expr.Member || e instanceof Expr.Index) {
                if (isArray(e)) {
                    return addr(e);
                }
                if (e instanceof Expr.Member m) {
                    Set<Place> s = members.get(m.name());
                    return s == null ? Set.of() : s;
                }
                return Set.of();
            }
            if (e instanceof Expr.Call c) {
                return call(c);
            }
            return Set.of();
        }

        private Set<Place> call(Expr.Call c) {
            if (!(strip(c.callee()) instanceof Expr.Ident id)) {
                return Set.of();
            }
            Resolved r = callee(file, id.name());
            if (r == null) {
                return Set.of();
            }
            Summary s = summary(r.file(), r.fn(), depth + 1);
            Set<Place> out = new LinkedHashSet<>();
            for (Place p : s.returns()) {
                if (p.region() == Place.Region.PARAM) {
                    if (p.param() < c.args().size()) {
                        for (Place a : val(c.args().get(p.param()))) {
                            out.add(a.under(c.presence()));
                        }
                    }
                } else {
                    out.add(p.through(c.range(), c.presence()));
                }
            }
            return out;
        }

        /** Where the object an lvalue designates lives. */
        Set<Place> addr(Expr e) {
            if (e instanceof Expr.Ident i) {
                if (env.containsKey(i.name()) || fn.paramIndex(i.name()) >= 0 || localTypes.containsKey(i.name())) {
                    return Set.of(); // on the stack
                }
                VarDecl v = varDecl(i.name());
                if (v == null) {
                    return Set.of();
                }
                Place.Region r = v.perCpu() ? Place.Region.PER_CPU : Place.Region.GLOBAL;
                return Set.of(new Place(r, i.name(), -1, i.name(), i.range(), List.of(), false, i.presence()));
            }
            if (e instanceof Expr.Unary u && u.op().equals("*")) {
                return val(u.operand());
            }
            if (e instanceof Expr.Member m) {
                return m.arrow() ? val(m.base()) : addr(m.base());
            }
            if (e instanceof Expr.Index x) {
                return isArray(x.base()) ? addr(x.base()) : val(x.base());
            }
            if (e instanceof Expr.Cast c) {
                return addr(c.operand());
            }
            return Set.of();
        }

        private Place perCpu(Expr.StatementExpr s) {
            FileModel m = textOf(file, s.range());
            String text = SourceText.text(m, s.range());
            if (text == null) {
                text = "per-cpu pointer";
            }
            return new Place(Place.Region.PER_CPU, perCpuObject(s), -1, text.replaceAll("\\s+", " "), s.range(),
                    List.of(), false, s.presence());
        }

        /** The pointer argument of a per_cpu_ptr()-style invocation: its first argument's node. */
        private Expr pointerArg(Expr.StatementExpr s) {
            SourceText.Invocation inv = SourceText.invocation(textOf(file, s.range()), s.range());
            if (inv != null && !inv.args().isEmpty()) {
                Expr found = topmostWithin(s, inv.args().get(0));
                if (found != null) {
                    return found;
                }
            }
            // Inside another macro's body the text says nothing: take the first operand the expansion kept.
            return topmostWithin(s, null);
        }

        private String perCpuObject(Expr.StatementExpr s) {
            Expr p = strip(pointerArg(s));
            if (p instanceof Expr.Unary u && u.op().equals("&") && strip(u.operand()) instanceof Expr.Ident i) {
                return i.name();
            }
            return p instanceof Expr.Ident i ? i.name() : null;
        }

        /**
         * The first node, pre-order, whose range is strictly inside the
         * statement expression (and inside {@code in}); when the macro wrapped
         * it in an {@code &} of its own ({@code per_cpu(v, cpu)} is
         * {@code *per_cpu_ptr(&(v), cpu)}), that {@code &}.
         */
        private Expr topmostWithin(Expr.StatementExpr s, SourceRange in) {
            Expr[] found = {null};
            Stmt body = s.body();
            List<Expr> roots = new ArrayList<>();
            walkAll(body, st -> {
            }, ex -> roots.add(ex));
            for (Expr root : roots) {
                Expr f = inside(root, null, s.range(), in);
                if (f != null) {
                    found[0] = f;
                    break;
                }
            }
            return found[0];
        }

        private Expr inside(Expr e, Expr parent, SourceRange outer, SourceRange in) {
            if (!e.range().equals(outer) && SourceText.within(e.range(), outer)
                    && (in == null || SourceText.within(e.range(), in))) {
                if (parent instanceof Expr.Unary u && u.op().equals("&") && u.range().equals(outer)) {
                    return parent;
                }
                return e;
            }
            for (Expr c : children(e)) {
                Expr f = inside(c, e, outer, in);
                if (f != null) {
                    return f;
                }
            }
            return null;
        }

        boolean isArray(Expr e) {
            String t = typeOf(e, 0);
            return t != null && t.endsWith("[]");
        }

        /** The type of an expression as normalized text ("struct gdt_page", "struct desc_struct[]", "u64 *"); null when unknown. */
        String typeOf(Expr e, int d) {
            if (e == null || d > 12) {
                return null;
            }
            if (e instanceof Expr.Ident i) {
                String t = localTypes.get(i.name());
                if (t == null) {
                    int p = fn.paramIndex(i.name());
                    if (p >= 0) {
                        t = fn.params().get(p).type();
                    }
                }
                if (t != null) {
                    return Types.normalize(t);
                }
                VarDecl v = varDecl(i.name());
                return v == null ? null : v.type();
            }
            if (e instanceof Expr.Unary u) {
                if (u.op().equals("*")) {
                    return Types.deref(typeOf(u.operand(), d + 1));
                }
                if (u.op().equals("&")) {
                    String t = typeOf(u.operand(), d + 1);
                    return t == null ? null : Types.pointerTo(t);
                }
                return null;
            }
            if (e instanceof Expr.Member m) {
                String base = typeOf(m.base(), d + 1);
                if (m.arrow()) {
                    base = Types.deref(base);
                }
                return memberType(base, m.name());
            }
            if (e instanceof Expr.Index x) {
                return Types.deref(typeOf(x.base(), d + 1));
            }
            if (e instanceof Expr.StatementExpr s) {
                if (isPerCpuPointer(s)) {
                    // per_cpu_ptr(p, cpu) has p's type (an array object's address has the array's pointer type)
                    String t = typeOf(pointerArg(s), d + 1);
                    return t == null ? null : Types.decay(t);
                }
                Expr last = lastValue(s.body());
                return last == null ? null : typeOf(last, d + 1);
            }
            if (e instanceof Expr.Cast c) {
                return Types.looksLikeType(c.type().text()) ? Types.normalize(c.type().text()) : typeOf(c.operand(), d + 1);
            }
            if (e instanceof Expr.Call c && strip(c.callee()) instanceof Expr.Ident id) {
                Resolved r = callee(file, id.name());
                return r == null ? null : Types.normalize(r.fn().returnType());
            }
            return null;
        }

        private String memberType(String structType, String member) {
            if (structType == null) {
                return null;
            }
            String tag = Types.tag(structType);
            return tag == null ? null : types().member(tag, member);
        }

        private VarDecl varDecl(String name) {
            return types().variable(name);
        }

        private TypeIndex types() {
            return typeIndex(file);
        }
    }

    private final Map<CFile, TypeIndex> typeIndexes = new ConcurrentHashMap<>();

    private TypeIndex typeIndex(CFile file) {
        return typeIndexes.computeIfAbsent(file, f -> new TypeIndex(closure(f)));
    }

    /** A variable's declared type (normalized, "[]" for arrays) and whether DEFINE/DECLARE_PER_CPU made it. */
    record VarDecl(String type, boolean perCpu) {
    }

    // ---------------------------------------------------------------- shapes

    /**
     * Whether a statement expression is what per_cpu_ptr(), this_cpu_ptr() or
     * raw_cpu_ptr() expand to: it runs __verify_pcpu_ptr(), which declares
     * {@code __vpp_verify}, before giving the shifted pointer.
     */
    static boolean isPerCpuPointer(Expr.StatementExpr s) {
        boolean verify = false;
        for (Stmt st : s.body().statements()) {
            if (declaresVerify(st, 0)) {
                verify = true;
            } else if (!(st instanceof Stmt.ExprStmt) && !(st instanceof Stmt.Decl)) {
                // this_cpu_read() and friends verify too, then read the slot (a switch on its size, asm)
                return false;
            }
        }
        if (!verify) {
            return false;
        }
        Expr value = strip(lastValue(s.body()));
        // a pointer computed from the argument, not a value read into a local (pscr_ret__) first
        return value != null && !(value instanceof Expr.Ident);
    }

    private static boolean declaresVerify(Stmt st, int d) {
        if (d > 3) {
            return false;
        }
        if (st instanceof Stmt.Decl decl) {
            return decl.locals().stream().anyMatch(l -> l.name().equals("__vpp_verify"));
        }
        if (st instanceof Stmt.Loop l) {
            return declaresVerify(l.body(), d + 1);
        }
        if (st instanceof Stmt.Block b) {
            return b.statements().stream().anyMatch(x -> declaresVerify(x, d + 1));
        }
        if (st instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.StatementExpr inner) {
            return inner.body().statements().stream().anyMatch(x -> declaresVerify(x, d + 1));
        }
        return false;
    }

    /** The value of a statement expression: its last expression statement. */
    static Expr lastValue(Stmt.Block b) {
        List<Stmt> l = b.statements();
        for (int i = l.size() - 1; i >= 0; i--) {
            if (l.get(i) instanceof Stmt.ExprStmt es) {
                return es.expr();
            }
            if (!(l.get(i) instanceof Stmt.Decl)) {
                return null;
            }
        }
        return null;
    }

    static Expr strip(Expr e) {
        while (e instanceof Expr.Cast c) {
            e = c.operand();
        }
        return e;
    }

    private static Set<Place> union(Set<Place> a, Set<Place> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        Set<Place> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }

    private static Set<Place> moved(Set<Place> s) {
        if (s.isEmpty()) {
            return s;
        }
        Set<Place> out = new LinkedHashSet<>();
        for (Place p : s) {
            out.add(p.region() == Place.Region.PARAM ? p : p.moved());
        }
        return out;
    }

    // ---------------------------------------------------------------- walking

    interface StmtVisitor {
        void visit(Stmt s);
    }

    interface ExprVisitor {
        void visit(Expr e);
    }

    /** Statements only, not into statement expressions (a return inside ({...}) is not the function's). */
    static void walk(Stmt s, StmtVisitor v) {
        if (s == null) {
            return;
        }
        v.visit(s);
        if (s instanceof Stmt.Block b) {
            b.statements().forEach(x -> walk(x, v));
        } else if (s instanceof Stmt.If i) {
            walk(i.then(), v);
            walk(i.otherwise(), v);
        } else if (s instanceof Stmt.Switch sw) {
            walk(sw.body(), v);
        } else if (s instanceof Stmt.Loop l) {
            walk(l.init(), v);
            walk(l.body(), v);
        }
    }

    /** Every statement and expression, statement expressions included, pre-order. */
    public static void walkAll(Stmt s, StmtVisitor sv, ExprVisitor ev) {
        if (s == null) {
            return;
        }
        sv.visit(s);
        if (s instanceof Stmt.Block b) {
            b.statements().forEach(x -> walkAll(x, sv, ev));
        } else if (s instanceof Stmt.ExprStmt e) {
            walkExpr(e.expr(), sv, ev);
        } else if (s instanceof Stmt.Decl d) {
            for (Stmt.Local l : d.locals()) {
                walkExpr(l.init(), sv, ev);
            }
        } else if (s instanceof Stmt.If i) {
            walkExpr(i.cond(), sv, ev);
            walkAll(i.then(), sv, ev);
            walkAll(i.otherwise(), sv, ev);
        } else if (s instanceof Stmt.Switch sw) {
            walkExpr(sw.selector(), sv, ev);
            walkAll(sw.body(), sv, ev);
        } else if (s instanceof Stmt.Loop l) {
            walkAll(l.init(), sv, ev);
            walkExpr(l.cond(), sv, ev);
            walkExpr(l.step(), sv, ev);
            walkAll(l.body(), sv, ev);
        } else if (s instanceof Stmt.Return r) {
            walkExpr(r.value(), sv, ev);
        } else if (s instanceof Stmt.Goto g) {
            walkExpr(g.computed(), sv, ev);
        } else if (s instanceof Stmt.Asm a) {
            a.operands().forEach(x -> walkExpr(x, sv, ev));
        }
    }

    public static void walkExpr(Expr e, StmtVisitor sv, ExprVisitor ev) {
        if (e == null) {
            return;
        }
        ev.visit(e);
        for (Expr c : children(e)) {
            walkExpr(c, sv, ev);
        }
        if (e instanceof Expr.StatementExpr s) {
            walkAll(s.body(), sv, ev);
        }
    }

    /** The sub-expressions of a node, in source order (a statement expression's body is not among them). */
    public static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>(4);
        if (e instanceof Expr.Call c) {
            out.add(c.callee());
            out.addAll(c.args());
        } else if (e instanceof Expr.Member m) {
            out.add(m.base());
        } else if (e instanceof Expr.Index i) {
            out.add(i.base());
            out.add(i.index());
        } else if (e instanceof Expr.Unary u) {
            out.add(u.operand());
        } else if (e instanceof Expr.Binary b) {
            out.add(b.left());
            out.add(b.right());
        } else if (e instanceof Expr.Assign a) {
            out.add(a.target());
            out.add(a.value());
        } else if (e instanceof Expr.Conditional c) {
            out.add(c.cond());
            if (c.then() != null) {
                out.add(c.then());
            }
            out.add(c.otherwise());
        } else if (e instanceof Expr.Cast c) {
            out.add(c.operand());
        } else if (e instanceof Expr.SizeofLike s && s.operand() != null) {
            out.add(s.operand());
        } else if (e instanceof Expr.InitList l) {
            for (Expr.Init i : l.items()) {
                out.add(i.value());
            }
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }
}

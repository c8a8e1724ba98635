package dev.kls.c.body;

import dev.kls.c.cond.Cond;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a body once and lists its calls with what it takes to reach each: the
 * {@code if}/loop/{@code ?:}/{@code &&} tests around it, the {@code case}
 * labels of the enclosing {@code switch}, and earlier {@code if (c) return;}
 * exits of the enclosing blocks.
 */
public final class CallCollector {

    private static final Pattern TAG = Pattern.compile("\\b(?:struct|union)\\s+(\\w+)");

    private final String function;
    private final String file;
    private final Map<String, String> types = new HashMap<>();
    private final Function<String, String> globalType;
    private final Function<String, String> fileGlobalType;
    private final Deque<CallSite.Guard> guards = new ArrayDeque<>();
    private final List<CallSite> out = new ArrayList<>();
    private final Function<dev.kls.kconfig.SourceRange, String> source;

    /**
     * @param globalType the declared type text of a file-scope name, or null (may be null itself)
     * @param source     the original text of a range (may be null: arguments are then spelled after expansion)
     */
    public CallCollector(String function, String file, List<FunctionDef.Param> params, List<Stmt.Local> locals,
            Function<String, String> globalType, Function<dev.kls.kconfig.SourceRange, String> source) {
        this(function, file, params, locals, globalType, globalType, source);
    }

    /**
     * @param fileGlobalType the type of a name declared in the file itself (cheap: asked for every called
     *                       name, to tell function pointer variables from functions)
     */
    public CallCollector(String function, String file, List<FunctionDef.Param> params, List<Stmt.Local> locals,
            Function<String, String> globalType, Function<String, String> fileGlobalType,
            Function<dev.kls.kconfig.SourceRange, String> source) {
        this.fileGlobalType = fileGlobalType == null ? n -> null : fileGlobalType;
        this.source = source == null ? r -> null : source;
        this.function = function;
        this.file = file;
        this.globalType = globalType == null ? n -> null : globalType;
        for (FunctionDef.Param p : params) {
            if (p.name() != null) {
                types.put(p.name(), p.type());
            }
        }
        for (Stmt.Local l : locals) {
            types.putIfAbsent(l.name(), l.type());
        }
    }

    /** The struct or union tag a type's text names ("struct machdep_table *" gives "machdep_table"), or null. */
    public static String tagOf(String type) {
        if (type == null) {
            return null;
        }
        Matcher m = TAG.matcher(type);
        return m.find() ? m.group(1) : null;
    }

    public List<CallSite> collect(Stmt body) {
        if (body != null) {
            stmt(body);
        }
        return List.copyOf(out);
    }

    private void stmt(Stmt s) {
        if (s instanceof Stmt.Block b) {
            block(b.statements());
        } else if (s instanceof Stmt.ExprStmt e) {
            expr(e.expr());
        } else if (s instanceof Stmt.Decl d) {
            for (Stmt.Local l : d.locals()) {
                if (l.init() != null) {
                    expr(l.init());
                }
            }
        } else if (s instanceof Stmt.If i) {
            expr(i.cond());
            guarded(i.cond(), true, () -> stmt(i.then()));
            if (i.otherwise() != null) {
                guarded(i.cond(), false, () -> stmt(i.otherwise()));
            }
        } else if (s instanceof Stmt.Switch sw) {
            expr(sw.selector());
            if (sw.body() instanceof Stmt.Block b) {
                switchBody(sw.selector(), b.statements());
            } else {
                stmt(sw.body());
            }
        } else if (s instanceof Stmt.Loop l) {
            if (l.init() != null) {
                stmt(l.init());
            }
            if (l.cond() != null) {
                expr(l.cond());
            }
            Runnable body = () -> {
                stmt(l.body());
                if (l.step() != null) {
                    expr(l.step());
                }
            };
            if (l.cond() != null && !l.doWhile()) {
                guarded(l.cond(), true, body);
            } else {
                body.run();
            }
        } else if (s instanceof Stmt.Goto g) {
            if (g.computed() != null) {
                expr(g.computed());
            }
        } else if (s instanceof Stmt.Return r) {
            if (r.value() != null) {
                expr(r.value());
            }
        } else if (s instanceof Stmt.Asm a) {
            a.operands().forEach(this::expr);
        }
        // case labels, labels, break, continue and opaque statements hold no calls we can read
    }

    /** A block's statements; after {@code if (c) return;} the rest is reached only when c is false. */
    private void block(List<Stmt> list) {
        int pushed = 0;
        for (Stmt s : list) {
            stmt(s);
            if (s instanceof Stmt.If i && i.otherwise() == null && jumps(i.then())) {
                guards.push(new CallSite.Guard(i.cond(), false, i.cond().range()));
                pushed++;
            }
        }
        for (int k = 0; k < pushed; k++) {
            guards.pop();
        }
    }

    /** Whether a statement always leaves (return, goto, break, continue, or a block ending so). */
    static boolean jumps(Stmt s) {
        if (s instanceof Stmt.Return || s instanceof Stmt.Goto || s instanceof Stmt.Break
                || s instanceof Stmt.Continue) {
            return true;
        }
        if (s instanceof Stmt.Block b && !b.statements().isEmpty()) {
            return jumps(b.statements().get(b.statements().size() - 1));
        }
        return false;
    }

    /** The top-level statements of a switch: each reached under the case labels that fall into it. */
    private void switchBody(Expr selector, List<Stmt> list) {
        List<Expr> cases = new ArrayList<>();
        boolean open = false; // a default label or code before any label: no guard
        boolean fallsIn = false;
        for (Stmt s : list) {
            if (s instanceof Stmt.Case c) {
                if (!fallsIn) {
                    cases.clear();
                    open = false;
                }
                if (c.value() == null || c.high() != null) {
                    open = true;
                } else {
                    cases.add(c.value());
                }
                fallsIn = true;
                continue;
            }
            if (open || cases.isEmpty()) {
                stmt(s);
            } else {
                Expr test = null;
                for (Expr v : cases) {
                    Expr eq = new Expr.Binary("==", selector, v, v.range(), v.presence());
                    test = test == null ? eq : new Expr.Binary("||", test, eq, v.range(), v.presence());
                }
                final Expr g = test;
                guarded(g, true, () -> stmt(s));
            }
            fallsIn = !jumps(s);
        }
    }

    private void guarded(Expr cond, boolean positive, Runnable r) {
        guards.push(new CallSite.Guard(cond, positive, cond.range()));
        try {
            r.run();
        } finally {
            guards.pop();
        }
    }

    private void expr(Expr e) {
        if (e instanceof Expr.Call c) {
            out.add(site(c));
            expr(c.callee());
            c.args().forEach(this::expr);
        } else if (e instanceof Expr.Member m) {
            expr(m.base());
        } else if (e instanceof Expr.Index i) {
            expr(i.base());
            expr(i.index());
        } else if (e instanceof Expr.Unary u) {
            expr(u.operand());
        } else if (e instanceof Expr.Binary b) {
            expr(b.left());
            if (b.op().equals("&&")) {
                guarded(b.left(), true, () -> expr(b.right()));
            } else if (b.op().equals("||")) {
                guarded(b.left(), false, () -> expr(b.right()));
            } else {
                expr(b.right());
            }
        } else if (e instanceof Expr.Assign a) {
            expr(a.target());
            expr(a.value());
        } else if (e instanceof Expr.Conditional c) {
            expr(c.cond());
            if (c.then() != null) {
                guarded(c.cond(), true, () -> expr(c.then()));
            }
            guarded(c.cond(), false, () -> expr(c.otherwise()));
        } else if (e instanceof Expr.Cast c) {
            expr(c.operand());
        } else if (e instanceof Expr.InitList l) {
            l.items().forEach(i -> expr(i.value()));
        } else if (e instanceof Expr.StatementExpr s) {
            stmt(s.body());
        }
        // sizeof/typeof operands are not evaluated; names, literals and opaque text hold no calls
    }

    private CallSite site(Expr.Call c) {
        CallSite.Callee callee = callee(c.callee(), c.callee());
        List<CallSite.Arg> args = new ArrayList<>();
        for (Expr a : c.args()) {
            String text = source.apply(a.range());
            args.add(new CallSite.Arg(text != null ? text : Exprs.text(a), a.range(), a));
        }
        List<CallSite.Guard> g = new ArrayList<>(guards);
        java.util.Collections.reverse(g); // outermost first
        return new CallSite(function, file, callee, args, c.range(), c.presence(), g, c);
    }

    private CallSite.Callee callee(Expr e, Expr whole) {
        if (e instanceof Expr.Ident i) {
            boolean pointer = types.containsKey(i.name()) || isPointerVar(i.name());
            return pointer ? new CallSite.Callee(CallSite.Kind.POINTER, i.name(), null, null, whole)
                    : new CallSite.Callee(CallSite.Kind.DIRECT, i.name(), null, null, whole);
        }
        if (e instanceof Expr.Unary u && u.op().equals("*")) {
            return callee(u.operand(), whole);
        }
        if (e instanceof Expr.Cast c) {
            return callee(c.operand(), whole);
        }
        if (e instanceof Expr.Member m) {
            return new CallSite.Callee(CallSite.Kind.MEMBER, null, m.name(), structOf(m.base()), whole);
        }
        return new CallSite.Callee(CallSite.Kind.POINTER, null, null, null, whole);
    }

    private boolean isPointerVar(String name) {
        String t = fileGlobalType.apply(name);
        return t != null && t.contains("*"); // a function's own declaration reads "int (fn)", a pointer's "int * (fn)"
    }

    /** The struct tag of a member access's object, where the declarations say it. */
    private String structOf(Expr base) {
        if (base instanceof Expr.Ident i) {
            String ty = types.get(i.name());
            return tagOf(ty != null ? ty : globalType.apply(i.name()));
        }
        if (base instanceof Expr.Index i) {
            return structOf(i.base());
        }
        if (base instanceof Expr.Unary u && u.op().equals("*")) {
            return structOf(u.operand());
        }
        if (base instanceof Expr.Cast c) {
            return tagOf(c.type().text());
        }
        return null;
    }

    /** Every place the body stores a name into a member or a variable (see {@link AddressStore}). */
    public List<AddressStore> stores(Stmt body) {
        List<AddressStore> out = new ArrayList<>();
        Walk.exprs(body, e -> {
            if (e instanceof Expr.Assign a && a.op().equals("=")) {
                for (String v : valueNames(a.value(), types)) {
                    Expr t = Exprs.strip(a.target());
                    if (t instanceof Expr.Member m) {
                        out.add(new AddressStore(v, structOf(m.base()), m.name(), null, file, function, a.range(),
                                a.presence()));
                    } else if (t instanceof Expr.Ident id) {
                        out.add(new AddressStore(v, null, null, id.name(), file, function, a.range(), a.presence()));
                    }
                }
            }
        });
        // locals initialized with a name or a brace list
        forLocals(body, (l, presence) -> {
            if (l.init() instanceof Expr.InitList il) {
                initStores(tagOf(l.type()), il, file, function, out);
            } else if (l.init() != null) {
                for (String v : valueNames(l.init(), types)) {
                    out.add(new AddressStore(v, null, null, l.name(), file, function, l.range(), presence));
                }
            }
        });
        return out;
    }

    private static void forLocals(Stmt s, java.util.function.BiConsumer<Stmt.Local, dev.kls.c.cond.Cond> v) {
        if (s instanceof Stmt.Decl d) {
            d.locals().forEach(l -> v.accept(l, d.presence()));
        } else if (s instanceof Stmt.Block b) {
            b.statements().forEach(x -> forLocals(x, v));
        } else if (s instanceof Stmt.If i) {
            forLocals(i.then(), v);
            if (i.otherwise() != null) {
                forLocals(i.otherwise(), v);
            }
        } else if (s instanceof Stmt.Switch sw) {
            forLocals(sw.body(), v);
        } else if (s instanceof Stmt.Loop l) {
            if (l.init() != null) {
                forLocals(l.init(), v);
            }
            forLocals(l.body(), v);
        }
    }

    /** The names a value may be: {@code f}, {@code &f}, {@code (T) f}, both arms of {@code c ? f : g}. */
    public static List<String> valueNames(Expr e, Map<String, String> locals) {
        List<String> out = new ArrayList<>();
        valueNames(e, locals, out);
        return out;
    }

    private static void valueNames(Expr e, Map<String, String> locals, List<String> out) {
        e = Exprs.strip(e);
        if (e instanceof Expr.Unary u && u.op().equals("&")) {
            e = Exprs.strip(u.operand());
        }
        if (e instanceof Expr.Ident i) {
            if (locals == null || !locals.containsKey(i.name())) {
                out.add(i.name());
            }
        } else if (e instanceof Expr.Conditional c) {
            if (c.then() != null) {
                valueNames(c.then(), locals, out);
            }
            valueNames(c.otherwise(), locals, out);
        }
    }

    /**
     * The stores of a brace initializer for an object of struct tag {@code tag}:
     * {@code .m = f} into tag.m; the elements of an array of such structs too.
     * Positional items name no member and are left out.
     */
    public static void initStores(String tag, Expr.InitList il, String file, String function,
            List<AddressStore> out) {
        for (Expr.Init item : il.items()) {
            List<String> ds = item.designators();
            boolean element = ds.isEmpty() || ds.get(0).startsWith("[");
            List<String> members = ds.stream().filter(d -> d.startsWith(".")).map(d -> d.substring(1)).toList();
            if (item.value() instanceof Expr.InitList inner) {
                if (element && members.isEmpty()) {
                    initStores(tag, inner, file, function, out); // an element of an array of structs
                } else {
                    initStores(null, inner, file, function, out); // a nested struct: its tag is not known here
                }
                continue;
            }
            if (members.isEmpty()) {
                continue;
            }
            String m = members.get(members.size() - 1);
            String t = members.size() == 1 ? tag : null;
            for (String v : valueNames(item.value(), null)) {
                out.add(new AddressStore(v, t, m, null, file, function, item.value().range(),
                        item.value().presence()));
            }
        }
    }
}

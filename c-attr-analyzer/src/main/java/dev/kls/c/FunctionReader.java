package dev.kls.c;

import dev.kls.c.body.AddressStore;
import dev.kls.c.body.BodyParser;
import dev.kls.c.body.CallCollector;
import dev.kls.c.body.CallSite;
import dev.kls.c.body.FileBodies;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.body.Stmt;
import dev.kls.c.cond.Cond;
import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.MacroExpander;
import dev.kls.c.pp.PpToken;
import dev.kls.c.types.CType;
import dev.kls.c.types.DeclParser;
import dev.kls.kconfig.SourceRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the function definitions and file-scope variables of one file,
 * configuration-free: each top-level chunk is expanded with the macros the
 * file and its headers may define (as {@link CFile#objects()} does) and
 * parsed with every #if branch kept; each node's presence is its branch's.
 * Never throws: what it cannot read is counted.
 */
final class FunctionReader {

    private final CFile cf;
    private final FileModel f;
    private final MacroIndex.FreeMacros macros;
    private final Map<Integer, Cond> branchPresence = new HashMap<>();
    private final Set<String> typedefs = new HashSet<>();

    private final List<FileModel> closure;
    private final Map<String, String> headerTypes = new HashMap<>();

    FunctionReader(CFile cf, MacroIndex.FreeMacros macros, List<FileModel> closure) {
        this.closure = closure;
        this.cf = cf;
        this.f = cf.model();
        this.macros = macros;
    }

    /** The file's definitions. */
    FileBodies read() {
        List<FunctionDef> fns = new ArrayList<>();
        List<FileBodies.Global> globals = new ArrayList<>();
        List<AddressStore> stores = new ArrayList<>();
        int unread = 0;
        for (int c = 0; c < f.chunkCount(); c++) {
            List<PpToken> raw = new ArrayList<>();
            for (int i = f.chunkStart(c); i < f.chunkEnd(c); i++) {
                if (!f.isDirectiveToken(i) && f.chunkOf(i) == c) {
                    raw.add(PpToken.of(f.tokens().get(i), i));
                }
            }
            if (raw.isEmpty()) {
                continue;
            }
            boolean fn = f.chunkIsFunction(c);
            if (!fn && !initializerOrTypedef(raw)) {
                continue; // prototypes, externs and type definitions: their types are looked up on demand
            }
            macros.before = f.chunkStart(c);
            List<PpToken> ex;
            try {
                ex = new MacroExpander(macros).expand(raw);
            } catch (MacroExpander.TooLarge e) {
                unread += fn ? 1 : 0;
                continue;
            }
            if (!fn) {
                readGlobals(ex, raw, globals, true);
                continue;
            }
            try {
                FunctionDef d = function(ex, raw, globals, stores);
                if (d == null) {
                    unread++;
                } else {
                    fns.add(d);
                }
            } catch (RuntimeException | StackOverflowError e) {
                unread++; // never lose the rest of the file
            }
        }
        for (FileBodies.Global g : globals) {
            if (g.init() instanceof dev.kls.c.body.Expr.InitList il) {
                CallCollector.initStores(CallCollector.tagOf(g.type()), il, f.path(), null, stores);
            } else if (g.init() != null) {
                for (String v : CallCollector.valueNames(g.init(), null)) {
                    stores.add(new AddressStore(v, null, null, g.name(), f.path(), null, g.range(), g.presence()));
                }
            }
        }
        return new FileBodies(f.path(), fns, globals, stores, unread);
    }

    /** Whether a declaration chunk may store a name (it has an initializer) or defines a typedef name. */
    private static boolean initializerOrTypedef(List<PpToken> raw) {
        if (raw.get(0).is("typedef")) {
            return true;
        }
        for (PpToken t : raw) {
            if (t.is("=")) {
                return true;
            }
        }
        return false;
    }

    private void readGlobals(List<PpToken> ex, List<PpToken> raw, List<FileBodies.Global> out, boolean inits) {
        DeclParser.Declaration d;
        try {
            d = new DeclParser(ex, this::isTypedef).declaration();
        } catch (RuntimeException | StackOverflowError e) {
            return;
        }
        Cond presence = presenceOf(raw.get(0));
        if (d.typedef()) {
            for (DeclParser.Declarator dc : d.declarators()) {
                if (dc.name() != null) {
                    typedefs.add(dc.name());
                }
            }
            return;
        }
        String spec = specText(ex, d);
        for (DeclParser.Declarator dc : d.declarators()) {
            if (dc.name() == null || dc.nameToken() == null) {
                continue;
            }
            String type = spec + stars(dc.type());
            dev.kls.c.body.Expr init = null;
            if (inits && dc.initializer() != null && !dc.initializer().isEmpty()) {
                BodyParser p = new BodyParser(dc.initializer(), origin(rangeOf(raw)), this::isTypedef, presence);
                init = p.expression();
            }
            PpToken nt = dc.nameToken();
            SourceRange r = nt.srcFirst >= 0 ? f.tokenRange(nt.srcFirst, nt.srcLast) : rangeOf(raw);
            out.add(new FileBodies.Global(dc.name(), type, d.storage() == null ? "" : d.storage(), init, r, presence));
        }
    }

    /** The declaration specifiers as spelled after expansion (storage words and struct bodies left out). */
    private static String specText(List<PpToken> ex, DeclParser.Declaration d) {
        int end = d.declarators().isEmpty() ? ex.size() : Math.max(0, Math.min(ex.size(), d.declarators().get(0).first()));
        StringBuilder sb = new StringBuilder();
        for (PpToken t : ex.subList(0, end)) {
            if (t.is("{") || sb.length() > 200) {
                break;
            }
            if (t.is("extern") || t.is("static") || t.is("register")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t.text);
        }
        return sb.toString();
    }

    private static String stars(CType t) {
        StringBuilder sb = new StringBuilder();
        while (t instanceof CType.Pointer p) {
            sb.append(sb.length() == 0 ? " *" : "*");
            t = p.target();
        }
        if (t instanceof CType.Function) {
            sb.append(" (fn)");
        } else if (t instanceof CType.Array) {
            sb.append(" []");
        }
        return sb.toString();
    }

    private boolean isTypedef(String s) {
        return typedefs.contains(s);
    }

    private FunctionDef function(List<PpToken> ex, List<PpToken> raw, List<FileBodies.Global> globals,
            List<AddressStore> stores) {
        // the body is the first '{' outside parentheses
        int depth = 0;
        int brace = -1;
        for (int i = 0; i < ex.size(); i++) {
            PpToken t = ex.get(i);
            if (t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is(")") || t.is("]")) {
                depth--;
            } else if (t.is("{") && depth == 0) {
                brace = i;
                break;
            }
        }
        if (brace <= 0) {
            return null;
        }
        List<PpToken> head = new ArrayList<>(ex.subList(0, brace));
        DeclParser.Declaration d = new DeclParser(head, this::isTypedef).declaration();
        DeclParser.Declarator dc = null;
        for (DeclParser.Declarator x : d.declarators()) {
            if (x.name() != null && x.type() instanceof CType.Function) {
                dc = x;
                break;
            }
        }
        if (dc == null || dc.nameToken() == null) {
            return null;
        }
        SourceRange whole = rangeOf(raw);
        Cond presence = presenceOf(raw.get(0));
        PpToken nt = dc.nameToken();
        SourceRange nameRange = nt.srcFirst >= 0 ? f.tokenRange(nt.srcFirst, nt.srcLast) : whole;
        boolean inline = false;
        boolean always = false;
        for (PpToken t : head) {
            if (t.is("inline") || t.is("__inline") || t.is("__inline__")) {
                inline = true;
            }
            if (t.is("always_inline") || t.is("__always_inline__")) {
                always = true;
            }
        }
        for (PpToken t : raw.subList(0, Math.min(raw.size(), brace + 1))) {
            if (t.is("__always_inline")) {
                always = inline = true;
            }
        }
        String returnType = "";
        if (raw.get(0).srcFirst >= 0 && nt.srcFirst >= 0) {
            int s = f.tokens().get(raw.get(0).srcFirst).start();
            int e = f.tokens().get(nt.srcFirst).start();
            if (e > s) {
                returnType = f.text().substring(s, e).replaceAll("\\s+", " ").trim();
            }
        }
        int nameAt = head.indexOf(nt);
        List<FunctionDef.Param> params = new ArrayList<>();
        boolean variadic = params(head, nameAt, params, whole);
        BodyParser.Origin origin = origin(whole);
        BodyParser bp = new BodyParser(ex.subList(brace, ex.size()), origin, this::isTypedef, presence);
        Stmt.Block body = bp.block();
        CallCollector cc = new CallCollector(dc.name(), f.path(), params, bp.locals(), globalTypes(globals),
                localGlobals(globals), this::sourceText);
        List<CallSite> calls = cc.collect(body);
        stores.addAll(cc.stores(body));
        return new FunctionDef(f.path(), dc.name(), d.storage() == null ? "" : d.storage(), inline, always,
                returnType, params, variadic, whole, nameRange, presence, body, calls, bp.locals(), bp.opaque(),
                bp.nodes());
    }

    private java.util.function.Function<String, String> globalTypes(List<FileBodies.Global> globals) {
        Map<String, String> m = new HashMap<>();
        for (FileBodies.Global g : globals) {
            m.put(g.name(), g.type());
        }
        return n -> {
            String t = m.get(n);
            return t != null ? t : headerType(n);
        };
    }

    private static java.util.function.Function<String, String> localGlobals(List<FileBodies.Global> globals) {
        Map<String, String> m = new HashMap<>();
        for (FileBodies.Global g : globals) {
            m.put(g.name(), g.type());
        }
        return m::get;
    }

    /**
     * The type of a name declared at file scope in one of the headers (an
     * {@code extern struct machdep_table *machdep;}), found on demand through
     * the headers' identifier index: only the declaration naming it is expanded.
     */
    private String headerType(String name) {
        if (headerTypes.containsKey(name)) {
            return headerTypes.get(name);
        }
        String found = null;
        int saved = macros.before;
        try {
            for (FileModel h : closure) {
                if (found != null) {
                    break;
                }
                for (int tok : h.identifierTokens(name)) {
                    int c = h.chunkOf(tok);
                    if (c < 0 || h.chunkIsFunction(c)) {
                        continue;
                    }
                    List<PpToken> raw = new ArrayList<>();
                    for (int i = h.chunkStart(c); i < h.chunkEnd(c); i++) {
                        if (!h.isDirectiveToken(i) && h.chunkOf(i) == c) {
                            // positions of another file's tokens mean nothing here: keep none
                            Token t = h.tokens().get(i);
                            raw.add(new PpToken(t.text(), t.kind(), PpToken.Hide.EMPTY, t.space(), -1, -1));
                        }
                    }
                    macros.before = Integer.MAX_VALUE;
                    List<PpToken> ex = new MacroExpander(macros).expand(raw);
                    DeclParser.Declaration d = new DeclParser(ex, this::isTypedef).declaration();
                    if (d.typedef()) {
                        continue;
                    }
                    for (DeclParser.Declarator dc : d.declarators()) {
                        if (name.equals(dc.name())) {
                            found = specText(ex, d) + stars(dc.type());
                            break;
                        }
                    }
                    if (found != null) {
                        break;
                    }
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            found = null; // an unreadable header declaration: the type stays unknown
        } finally {
            macros.before = saved;
        }
        headerTypes.put(name, found);
        return found;
    }

    /** Reads the parameter list after the name; true when it ends with "...". */
    private boolean params(List<PpToken> head, int nameAt, List<FunctionDef.Param> out, SourceRange whole) {
        int open = nameAt + 1;
        while (open < head.size() && !head.get(open).is("(")) {
            open++;
        }
        if (open >= head.size()) {
            return false;
        }
        int depth = 0;
        int from = open + 1;
        boolean variadic = false;
        for (int i = open; i < head.size(); i++) {
            PpToken t = head.get(i);
            if (t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is(")") || t.is("]")) {
                depth--;
                if (depth == 0) {
                    variadic |= param(head.subList(from, i), out, whole);
                    break;
                }
            } else if (t.is(",") && depth == 1) {
                variadic |= param(head.subList(from, i), out, whole);
                from = i + 1;
            }
        }
        return variadic;
    }

    private boolean param(List<PpToken> toks, List<FunctionDef.Param> out, SourceRange whole) {
        if (toks.isEmpty() || toks.size() == 1 && toks.get(0).is("void")) {
            return false;
        }
        if (toks.size() == 1 && toks.get(0).is("...")) {
            return true;
        }
        List<PpToken> withEnd = new ArrayList<>(toks);
        DeclParser.Declaration d = new DeclParser(withEnd, this::isTypedef).declaration();
        String name = null;
        String type;
        SourceRange r = rangeOf(toks);
        CType ty = null;
        PpToken nt = null;
        if (!d.declarators().isEmpty()) {
            DeclParser.Declarator dc = d.declarators().get(0);
            name = dc.name();
            nt = dc.nameToken();
            ty = dc.type();
        }
        StringBuilder sb = new StringBuilder();
        for (PpToken t : toks) {
            if (t == nt) {
                continue;
            }
            if (sb.length() > 0 && !t.is(")") && !t.is("[") && !t.is("]") && !t.is("(")
                    && !(t.is("*") && sb.charAt(sb.length() - 1) == '*')) {
                sb.append(' ');
            }
            sb.append(t.text);
        }
        type = sb.toString();
        if (ty instanceof CType.Pointer p && p.target() instanceof CType.Function && !type.contains("(fn)")) {
            type = type + " (fn)";
        }
        out.add(new FunctionDef.Param(name, type, r));
        return false;
    }

    private SourceRange rangeOf(List<PpToken> toks) {
        int a = Integer.MAX_VALUE;
        int b = -1;
        for (PpToken t : toks) {
            if (t.srcFirst >= 0) {
                a = Math.min(a, t.srcFirst);
                b = Math.max(b, t.srcLast);
            }
        }
        return b < 0 ? f.range(0, 0) : f.tokenRange(a, b);
    }

    private Cond presenceOf(PpToken t) {
        if (t == null || t.srcFirst < 0) {
            return null;
        }
        int b = f.branchOf(t.srcFirst);
        return branchPresence.computeIfAbsent(b, f::presence);
    }

    private BodyParser.Origin origin(SourceRange fallback) {
        List<Token> toks = f.tokens();
        return new BodyParser.Origin() {
            @Override
            public SourceRange range(PpToken first, PpToken last) {
                if (first == null || last == null || first.srcFirst < 0 || last.srcLast < 0) {
                    return fallback;
                }
                int a = Math.min(first.srcFirst, last.srcFirst);
                int b = Math.max(first.srcLast, last.srcLast);
                return f.tokenRange(a, b);
            }

            @Override
            public Cond presence(PpToken t) {
                return presenceOf(t);
            }

            @Override
            public String text(PpToken first, PpToken last) {
                if (first == null || last == null || first.srcFirst < 0 || last.srcLast < 0) {
                    return first == null ? "" : first.text;
                }
                int a = toks.get(Math.min(first.srcFirst, last.srcFirst)).start();
                int b = toks.get(Math.max(first.srcLast, last.srcLast)).end();
                return f.text().substring(a, b);
            }
        };
    }

    /** The original text of a range of this file. */
    private String sourceText(SourceRange r) {
        if (r == null || r.startLine() <= 0) {
            return null;
        }
        try {
            int a = f.lines().offset(r.startLine(), r.startColumn());
            int b = f.lines().offset(r.endLine(), r.endColumn());
            return a <= b && b <= f.text().length() ? f.text().substring(a, b) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package dev.kls.c;

import dev.kls.c.lex.Token;
import dev.kls.c.pp.ConfigPass;
import dev.kls.c.pp.FileModel;
import dev.kls.c.types.CType;
import dev.kls.c.types.DeclParser;
import dev.kls.c.types.Layout;
import dev.kls.c.types.Scope;
import dev.kls.c.types.SizeUnknown;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Names of one translation unit under one configuration, found on demand:
 * the identifier index of each file read points at the few top-level
 * chunks that mention a name, and only those are expanded and parsed.
 * Every chunk used adds the symbols its presence and macros touched.
 */
final class UnitScope implements Scope {

    private static final CType NONE = new CType.Unknown("none");

    private final UnitCache.Unit unit;
    private final Set<String> touched;
    private final Map<String, CType> typedefs = new HashMap<>();
    private final Map<String, CType> tags = new HashMap<>();
    private final Map<String, CType> objects = new HashMap<>();
    private final Map<String, OptionalLong> enums = new HashMap<>();
    private Layout layout;

    UnitScope(UnitCache.Unit unit, Set<String> touched) {
        this.unit = unit;
        this.touched = touched;
    }

    private Layout layout() {
        if (layout == null) {
            layout = new Layout(unit.cfg.abi(), this);
        }
        return layout;
    }

    private interface Match<T> {
        T test(UnitCache.Parsed p);
    }

    /** Searches the unit's files, latest first, for a chunk mentioning {@code name} that {@code m} accepts. */
    private <T> T search(String name, String keyword, Match<T> m) {
        List<ConfigPass.Inclusion> incs = unit.pass.inclusions();
        for (int k = incs.size() - 1; k >= 0; k--) {
            ConfigPass.Inclusion inc = incs.get(k);
            FileModel f = inc.file;
            int[] hits = f.identifierTokens(name);
            int lastChunk = -1;
            for (int h = hits.length - 1; h >= 0; h--) {
                int i = hits[h];
                int c = f.chunkOf(i);
                if (c < 0 || c == lastChunk || !inc.isActive(i) || f.chunkIsFunction(c)) {
                    continue;
                }
                lastChunk = c;
                if (keyword != null && !mentions(f, c, keyword, i)) {
                    continue;
                }
                UnitCache.Parsed p = unit.parseChunk(inc, c);
                T r = m.test(p);
                if (r != null) {
                    touched.addAll(p.touched());
                    return r;
                }
            }
        }
        return null;
    }

    private static boolean mentions(FileModel f, int chunk, String keyword, int near) {
        List<Token> toks = f.tokens();
        if (keyword.equals("struct") || keyword.equals("union") || keyword.equals("enum")) {
            // "struct NAME {" possibly with attributes between: look a few tokens back
            for (int i = Math.max(f.chunkStart(chunk), near - 12); i < near; i++) {
                if (toks.get(i).is(keyword)) {
                    return true;
                }
            }
            return false;
        }
        String word = keyword.endsWith("*") ? keyword.substring(0, keyword.length() - 1) : keyword;
        for (int i = f.chunkStart(chunk); i < f.chunkEnd(chunk); i++) {
            if (toks.get(i).is(word)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public CType typedef(String name) {
        CType t = typedefs.get(name);
        if (t == null) {
            typedefs.put(name, NONE); // a typedef that names itself stops here
            t = search(name, "typedef", p -> {
                if (!p.decl().typedef()) {
                    return null;
                }
                for (DeclParser.Declarator d : p.decl().declarators()) {
                    if (name.equals(d.name())) {
                        return d.attrs().stream().anyMatch(a -> a.name().equals("aligned") || a.name().equals("mode")
                                || a.name().equals("packed") || a.name().equals("vector_size"))
                                        ? new CType.Attributed(d.type(), d.attrs()) : d.type();
                    }
                }
                return null;
            });
            typedefs.put(name, t == null ? NONE : t);
        }
        return t == NONE ? null : t;
    }

    @Override
    public CType tag(String kind, String tag) {
        String key = kind + " " + tag;
        CType t = tags.get(key);
        if (t == null) {
            tags.put(key, NONE);
            t = search(tag, kind, p -> {
                CType r = find(p.decl().base(), kind, tag);
                if (r == null) {
                    for (DeclParser.Declarator d : p.decl().declarators()) {
                        r = r != null ? r : find(d.type(), kind, tag);
                    }
                }
                return r;
            });
            tags.put(key, t == null ? NONE : t);
        }
        return t == NONE ? null : t;
    }

    private static CType find(CType t, String kind, String tag) {
        while (t instanceof CType.Pointer || t instanceof CType.Array || t instanceof CType.Attributed
                || t instanceof CType.Function) {
            if (t instanceof CType.Pointer p) {
                t = p.target();
            } else if (t instanceof CType.Array a) {
                t = a.element();
            } else if (t instanceof CType.Function f) {
                t = f.result();
            } else {
                t = ((CType.Attributed) t).base();
            }
        }
        if (t instanceof CType.Record r && r.members() != null && tag.equals(r.tag())
                && r.union() == kind.equals("union") && !kind.equals("enum")) {
            return r;
        }
        if (t instanceof CType.Enum e && e.enumerators() != null && tag.equals(e.tag()) && kind.equals("enum")) {
            return e;
        }
        return null;
    }

    @Override
    public OptionalLong enumConstant(String name) {
        OptionalLong v = enums.get(name);
        if (v != null) {
            return v;
        }
        enums.put(name, OptionalLong.empty());
        OptionalLong r = search(name, "enum*", p -> {
            CType.Enum e = enumIn(p.decl().base());
            if (e == null) {
                return null;
            }
            long next = 0;
            for (CType.Enumerator en : e.enumerators()) {
                long val;
                if (en.value() != null) {
                    try {
                        val = layout().eval().value(en.value());
                    } catch (SizeUnknown | ArithmeticException x) {
                        if (en.name().equals(name)) {
                            return OptionalLong.empty();
                        }
                        return null;
                    }
                } else {
                    val = next;
                }
                if (en.name().equals(name)) {
                    return OptionalLong.of(val);
                }
                next = val + 1;
            }
            return null;
        });
        r = r == null ? OptionalLong.empty() : r;
        enums.put(name, r);
        return r;
    }

    private static CType.Enum enumIn(CType t) {
        if (t instanceof CType.Attributed a) {
            t = a.base();
        }
        return t instanceof CType.Enum e && e.enumerators() != null ? e : null;
    }

    @Override
    public CType object(String name) {
        CType t = objects.get(name);
        if (t == null) {
            objects.put(name, NONE);
            t = search(name, null, p -> {
                if (p.decl().typedef()) {
                    return null;
                }
                for (DeclParser.Declarator d : p.decl().declarators()) {
                    if (name.equals(d.name())) {
                        return d.type();
                    }
                }
                return null;
            });
            objects.put(name, t == null ? NONE : t);
        }
        return t == NONE ? null : t;
    }
}

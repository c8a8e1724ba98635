package dev.kls.c;

import dev.kls.c.cond.Cond;
import dev.kls.c.lex.CTokenizer;
import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import dev.kls.c.pp.Branch;
import dev.kls.c.pp.ConfigPass;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.Include;
import dev.kls.c.pp.MacroDef;
import dev.kls.c.pp.MacroExpander;
import dev.kls.c.pp.PpToken;
import dev.kls.c.pp.SourceTree;
import dev.kls.c.types.CType;
import dev.kls.c.types.DeclParser;
import dev.kls.c.types.Layout;
import dev.kls.c.types.SizeUnknown;
import dev.kls.kconfig.SourceRange;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The C side of one kernel tree for one SRCARCH. Files are tokenized once
 * and shared; a query reads only what it needs: {@link CFile#objects()}
 * expands just the file's top-level declarations, and {@link #evaluate}
 * runs the directives of one translation unit for one configuration
 * (cached), then resolves only the macros, typedefs and structs that one
 * declaration uses.
 */
public final class CProject {

    private final SourceTree tree;
    private final Map<String, CFile> files = new ConcurrentHashMap<>();
    private final Map<String, List<String>> includeEdges = new ConcurrentHashMap<>();
    private final Map<Object, Unit> units = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Unit> e) {
            return size() > 48;
        }
    });

    private CProject(SourceTree tree) {
        this.tree = tree;
    }

    /** A project over the tree at {@code srctree} for SRCARCH {@code srcarch} (x86, arm64, ...). */
    public static CProject open(Path srctree, String srcarch) {
        return new CProject(new SourceTree(srctree, srcarch));
    }

    /**
     * A project whose headers also come from the object tree of an
     * out-of-tree build ({@code make O=objtree ... prepare}), searched where
     * kbuild's LINUXINCLUDE puts it: its {@code include}, and the generated
     * folders ({@code include/generated}, {@code arch/SRCARCH/include/generated},
     * their {@code uapi}), so sizes that need a generated header are known.
     * Those headers hold the values of the configuration the object tree was
     * prepared with: evaluate with that one. Its files are named
     * {@code $(objtree)/path} ({@link SourceTree#OBJTREE}). Null, or the source
     * tree itself, is the same as {@link #open(Path, String)}.
     */
    public static CProject open(Path srctree, String srcarch, Path objtree) {
        return new CProject(new SourceTree(srctree, srcarch, objtree));
    }

    public SourceTree tree() {
        return tree;
    }

    public String srcarch() {
        return tree.srcarch();
    }

    /** A file of the tree (path relative to it), or null when it is missing or outside the tree. */
    public CFile file(String rel) {
        CFile f = files.get(rel);
        if (f != null) {
            return f;
        }
        FileModel m = tree.file(rel);
        if (m == null) {
            return null;
        }
        return files.computeIfAbsent(rel, r -> new CFile(this, m));
    }

    private final Map<String, String> unreadable = new ConcurrentHashMap<>();

    /** Files that could not be read at all (why, by path): one bad file must not stop the others. */
    public Map<String, String> unreadable() {
        return Map.copyOf(unreadable);
    }

    private CFile fileOrFailure(String rel) {
        try {
            return file(rel);
        } catch (StackOverflowError e) {
            // The pool's threads have small stacks; a deeply nested #if gets a thread with a deep one.
            CFile[] made = new CFile[1];
            Throwable[] failed = new Throwable[1];
            Thread t = new Thread(null, () -> {
                try {
                    made[0] = file(rel);
                } catch (RuntimeException | StackOverflowError x) {
                    failed[0] = x;
                }
            }, "kls-deep-read", 512L << 20);
            t.start();
            try {
                t.join();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted");
            }
            if (failed[0] != null) {
                unreadable.put(rel, failed[0].toString());
            }
            return made[0];
        } catch (RuntimeException e) {
            unreadable.put(rel, e.toString());
            return null;
        }
    }

    /** A file with unsaved text (an editor buffer); not cached, headers still come from the tree. */
    public CFile file(String rel, String textOverride) {
        return new CFile(this, tree.parse(rel, textOverride));
    }

    /** Forgets a file that changed on disk. */
    public void invalidate(String rel) {
        FileModel old = tree.cached(rel);
        if (old != null) {
            unindex(old);
        }
        reached.clear(); // the closures that held the file change with it
        files.remove(rel);
        includeEdges.remove(rel);
        tree.invalidate(rel);
        synchronized (units) {
            units.clear();
        }
    }

    /** The configuration a value map means for this project's SRCARCH. */
    public Configuration configuration(Map<String, String> values) {
        return Configuration.of(values, tree.srcarch());
    }

    // ---------------------------------------------------------------- configuration-free objects

    /** The headers a file may include under any configuration, depth-first, itself first. */
    List<FileModel> closure(FileModel main) {
        List<FileModel> order = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
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
        Deque<FileModel> stack = new ArrayDeque<>();
        if (!seen.add(start.path() + "\0" + System.identityHashCode(start))) {
            return;
        }
        stack.push(start);
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

    private List<String> edges(FileModel f) {
        List<String> e = includeEdges.get(f.path());
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
            includeEdges.put(f.path(), out);
        }
        return out;
    }

    // ---------------------------------------------------------------- the project-wide macro index

    /**
     * Which files define each macro name, over every file any closure has
     * reached so far: each file's definitions are indexed once and shared by
     * all the files that may include it, instead of a macro table per file.
     */
    private final Object indexLock = new Object();
    private final Set<FileModel> indexed = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final Map<String, List<FileModel>> definers = new ConcurrentHashMap<>();
    private volatile int indexVersion;

    /**
     * Whether a model is the tree's own (cached) one. An editor buffer's model is not: it is replaced at
     * every edit, so nothing project-wide may keep it (each edit's model would stay reachable for good).
     */
    private boolean shared(FileModel f) {
        return tree.cached(f.path()) == f;
    }

    /** Adds the files not indexed yet to the definers of their macro names (the tree's own models only). */
    private void index(List<FileModel> files) {
        synchronized (indexLock) {
            for (FileModel f : files) {
                if (!shared(f) || !indexed.add(f)) {
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
                indexVersion++;
            }
        }
    }

    /** Drops a file's model from the index (it changed on disk). */
    private void unindex(FileModel f) {
        synchronized (indexLock) {
            if (!indexed.remove(f)) {
                return;
            }
            for (String name : f.liveMacros().keySet()) {
                definers.computeIfPresent(name, (k, l) -> {
                    List<FileModel> rest = l.stream().filter(x -> x != f).toList();
                    return rest.isEmpty() ? null : rest;
                });
            }
            indexVersion++;
        }
    }

    /**
     * Macros for a configuration-free reading: the file's own (before the
     * point), else the first definition in the closure's depth-first order,
     * found through the project-wide index when first asked for.
     */
    final class FreeMacros implements MacroExpander.Macros {
        private final Map<FileModel, Integer> position = new java.util.IdentityHashMap<>();
        private final Map<String, HeaderDefs> headers = new HashMap<>();
        final Set<String> ambiguousUsed = new java.util.LinkedHashSet<>();
        final Map<String, MacroDef> override = new HashMap<>();
        private final Map<String, List<MacroDef>> own = new HashMap<>();
        private final Map<MacroDef, Integer> ownPos = new HashMap<>();
        int before;

        FreeMacros(List<FileModel> closure, FileModel main) {
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
            in.sort(java.util.Comparator.comparingInt(position::get));
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

    // ---------------------------------------------------------------- which files may hold a section

    /**
     * Of {@code files} (paths relative to the tree), in their order, those that
     * may declare an object in one of {@code sections} under some configuration:
     * the others' {@link CFile#objects()} hold no object whose
     * {@link ObjectDecl#possibleSections()} meets {@code sections}, and no
     * configuration puts one there. Missing files are left out. Much cheaper
     * than reading the objects: a file is only tokenized, with the headers it
     * may include, and kept when its text names one of the macros that can
     * expand to such a section (any definition, any configuration, found once
     * for the project) or holds a piece of a section name ({@link #mayHoldSection}).
     */
    public List<String> filesPossiblyIn(Set<String> sections, java.util.Collection<String> files) {
        List<String> paths = List.copyOf(files);
        // Files are read and tokenized in parallel: that is most of the cost on a cold project.
        List<CFile> cfs = paths.parallelStream().map(this::fileOrFailure).toList();
        List<FileModel> start = new ArrayList<>();
        for (String f : tree.implicitIncludes()) {
            FileModel m = tree.file(f);
            if (m != null) {
                start.add(m);
            }
        }
        int roots = start.size();
        cfs.stream().filter(java.util.Objects::nonNull).map(CFile::model).filter(m -> !reached.contains(m))
                .forEach(start::add);
        if (start.size() > roots) {
            index(reach(start));
            reached.addAll(start.subList(roots, start.size()));
        }
        SectionMarks marks = marks(sections);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            if (cfs.get(i) != null && marks.mentionedBy(cfs.get(i).model(), shared(cfs.get(i).model()))) {
                out.add(paths.get(i));
            }
        }
        return out;
    }

    /** Every file the given ones may include under any configuration, themselves too; a level at a time, in parallel. */
    private List<FileModel> reach(List<FileModel> start) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Set<FileModel> firstSeen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
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
            level = next.parallelStream().map(tree::file).filter(java.util.Objects::nonNull).toList();
        }
        return all;
    }

    /** As {@link #filesPossiblyIn} for one file (an editor buffer too): false only when it cannot hold such an object. */
    boolean mayHoldSection(CFile cf, Set<String> sections) {
        indexClosure(cf.model());
        return marks(sections).mentionedBy(cf.model(), shared(cf.model()));
    }

    /** Files whose whole include closure is indexed: the pre-filter need not walk it again. */
    private final Set<FileModel> reached = Collections.synchronizedSet(
            Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

    private void indexClosure(FileModel f) {
        if (!shared(f)) {
            index(closure(f)); // a buffer: its headers are indexed once, the buffer itself never
        } else if (!reached.contains(f)) {
            index(closure(f));
            reached.add(f);
        }
    }

    /**
     * The macro names that can expand to one of a set of section names: those
     * with a definition whose body holds a piece of a name or another such
     * macro, over every definition the index holds (any #if branch a C build
     * can take). A piece is a string literal of two or more characters that
     * is part of a name: a section attribute's name is the concatenation of
     * its string literals, so a name written across several literals is still
     * seen, unless every one of them is a single character.
     */
    private static final class SectionMarks {
        final Set<String> sections;
        final int version;
        final Set<String> macros = new java.util.HashSet<>();
        private final Map<FileModel, Boolean> mentioned = Collections.synchronizedMap(new java.util.IdentityHashMap<>());

        SectionMarks(Set<String> sections, int version, Map<String, List<FileModel>> definers) {
            this.sections = Set.copyOf(sections);
            this.version = version;
            Map<String, Set<String>> usedBy = new HashMap<>();
            Deque<String> work = new ArrayDeque<>();
            definers.forEach((name, fs) -> {
                for (FileModel f : fs) {
                    for (MacroDef d : f.liveMacros().getOrDefault(name, List.of())) {
                        for (Token t : d.body()) {
                            if (t.kind() == TokenKind.IDENTIFIER) {
                                usedBy.computeIfAbsent(t.text(), k -> new java.util.HashSet<>()).add(name);
                            } else if (piece(t) && macros.add(name)) {
                                work.add(name);
                            }
                        }
                    }
                }
            });
            while (!work.isEmpty()) {
                for (String user : usedBy.getOrDefault(work.poll(), Set.of())) {
                    if (macros.add(user)) {
                        work.add(user);
                    }
                }
            }
        }

        boolean piece(Token t) {
            if (t.kind() != TokenKind.STRING) {
                return false;
            }
            String s = t.text();
            int a = s.indexOf('"');
            int b = s.lastIndexOf('"');
            if (a < 0 || b - a - 1 < 2) {
                return false;
            }
            String content = s.substring(a + 1, b);
            for (String sec : sections) {
                if (sec.contains(content)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether a file's tokens (its directives too: its own #defines) name such a macro or hold a piece;
         * remembered only for the tree's own models ({@code keep}), never for an editor buffer's.
         */
        boolean mentionedBy(FileModel f, boolean keep) {
            Boolean b = keep ? mentioned.get(f) : null;
            if (b == null) {
                b = false;
                for (Token t : f.tokens()) {
                    if (mentions(t)) {
                        b = true;
                        break;
                    }
                }
                if (keep) {
                    mentioned.put(f, b);
                }
            }
            return b;
        }

        boolean mentions(Token t) {
            return t.kind() == TokenKind.IDENTIFIER ? macros.contains(t.text()) : piece(t);
        }
    }

    private final Map<Set<String>, SectionMarks> marks = new ConcurrentHashMap<>();

    private SectionMarks marks(Set<String> sections) {
        Set<String> key = Set.copyOf(sections);
        synchronized (indexLock) {
            SectionMarks m = marks.get(key);
            if (m == null || m.version != indexVersion) {
                m = new SectionMarks(key, indexVersion, definers);
                marks.put(key, m);
            }
            return m;
        }
    }

    List<ObjectDecl> readObjects(CFile cf) {
        List<FileModel> closure = closure(cf.model());
        index(closure);
        return readObjects(cf, closure, c -> true);
    }

    /** Configuration-free macros for reading a file's top-level chunks (its headers' definitions indexed). */
    FreeMacros freeMacros(CFile cf) {
        List<FileModel> closure = closure(cf.model());
        index(closure);
        return new FreeMacros(closure, cf.model());
    }

    /** The function definitions of a file (see {@link CFile#functions()}). */
    dev.kls.c.body.FileBodies readFunctions(CFile cf) {
        List<FileModel> closure = closure(cf.model());
        index(closure);
        return new FunctionReader(cf, new FreeMacros(closure, cf.model()), closure).read();
    }

    /**
     * The objects of the declaration chunks a section pre-filter keeps (see
     * {@link CFile#objectsPossiblyIn}); {@code cached}: the file's objects when
     * already read, filtered instead of read again.
     */
    List<ObjectDecl> readObjects(CFile cf, Set<String> sections, List<ObjectDecl> cached) {
        FileModel f = cf.model();
        indexClosure(f);
        SectionMarks m = marks(sections);
        if (!m.mentionedBy(f, shared(f))) {
            return List.of();
        }
        boolean[] keep = new boolean[f.chunkCount()];
        boolean any = false;
        List<Token> toks = f.tokens();
        for (int i = 0; i < toks.size(); i++) {
            int c = f.chunkOf(i);
            if (c >= 0 && !keep[c] && !f.isDirectiveToken(i) && m.mentions(toks.get(i))) {
                keep[c] = any = true;
            }
        }
        if (!any) {
            return List.of();
        }
        if (cached != null) {
            return cached.stream().filter(d -> keep[d.chunk()]).toList();
        }
        return readObjects(cf, closure(f), c -> keep[c]);
    }

    private List<ObjectDecl> readObjects(CFile cf, List<FileModel> closure, java.util.function.IntPredicate chunks) {
        FileModel f = cf.model();
        FreeMacros macros = new FreeMacros(closure, f);
        List<ObjectDecl> out = new ArrayList<>();
        for (int c = 0; c < f.chunkCount(); c++) {
            if (f.chunkIsFunction(c) || !chunks.test(c)) {
                continue;
            }
            List<PpToken> raw = new ArrayList<>();
            for (int i = f.chunkStart(c); i < f.chunkEnd(c); i++) {
                if (!f.isDirectiveToken(i) && f.chunkOf(i) == c) {
                    raw.add(PpToken.of(f.tokens().get(i), i));
                }
            }
            if (raw.isEmpty()) {
                continue;
            }
            macros.before = f.chunkStart(c);
            macros.ambiguousUsed.clear();
            List<PpToken> ex;
            try {
                ex = new MacroExpander(macros).expand(raw);
            } catch (MacroExpander.TooLarge e) {
                cf.gaveUp(f.tokenRange(raw.get(0).srcFirst, raw.get(raw.size() - 1).srcLast), e.getMessage());
                continue;
            }
            Map<String, Set<String>> otherSections = alternativeSections(macros, raw);
            DeclParser.Declaration d = new DeclParser(ex, null).declaration();
            if (d.typedef() || d.functionDefinition()) {
                continue;
            }
            Cond presence = f.presence(f.branchOf(f.chunkStart(c)));
            int ordinal = 0;
            for (DeclParser.Declarator dc : d.declarators()) {
                if (dc.name() == null || dc.nameToken() == null || dc.type() instanceof CType.Function) {
                    continue;
                }
                ObjectDecl od = toDecl(f, c, ordinal, d, dc, ex, raw, presence,
                        otherSections.getOrDefault(dc.name(), Set.of()));
                ordinal++;
                out.add(od);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Sections the declarators get when a macro with several definitions in
     * the headers (under different #ifs) takes one of its other definitions:
     * x86's {@code __cacheline_aligned_in_smp} is {@code __page_aligned_data} under X86_VSMP.
     */
    private Map<String, Set<String>> alternativeSections(FreeMacros macros, List<PpToken> raw) {
        Map<String, Set<String>> out = new HashMap<>();
        List<String> names = new ArrayList<>(macros.ambiguousUsed);
        for (String name : names.subList(0, Math.min(names.size(), 4))) {
            for (MacroDef alt : macros.alternativesOf(name)) {
                macros.override.put(name, alt);
                try {
                    List<PpToken> ex = new MacroExpander(macros).expand(raw);
                    for (DeclParser.Declarator dc : new DeclParser(ex, null).declaration().declarators()) {
                        for (CType.Attr a : dc.attrs()) {
                            if (a.name().equals("section") && dc.name() != null) {
                                out.computeIfAbsent(dc.name(), k -> new TreeSet<>()).add(sectionName(a.args()));
                            }
                        }
                    }
                } catch (MacroExpander.TooLarge e) {
                    // that alternative cannot be read; the others still count
                    out.computeIfAbsent("", k -> new TreeSet<>());
                } finally {
                    macros.override.remove(name);
                }
            }
        }
        return out;
    }

    private ObjectDecl toDecl(FileModel f, int chunk, int ordinal, DeclParser.Declaration d, DeclParser.Declarator dc,
            List<PpToken> ex, List<PpToken> raw, Cond presence, Set<String> otherSections) {
        List<Token> toks = f.tokens();
        int first = raw.get(0).srcFirst;
        int last = raw.get(raw.size() - 1).srcLast;
        SourceRange range = f.tokenRange(first, last);
        PpToken nt = dc.nameToken();
        SourceRange nameRange = nt.srcFirst >= 0 ? f.tokenRange(nt.srcFirst, nt.srcLast) : range;
        List<ObjectDecl.Dimension> dims = new ArrayList<>();
        for (int[] span : dc.dimSpans()) {
            if (span[0] > span[1]) {
                // "[]": an empty range just before the ']'
                PpToken close = span[0] < ex.size() ? ex.get(span[0]) : null;
                int off = close != null && close.srcFirst >= 0 ? toks.get(close.srcFirst).start() : toks.get(first).start();
                dims.add(new ObjectDecl.Dimension("", f.range(off, off)));
                continue;
            }
            PpToken a = ex.get(span[0]);
            PpToken b = ex.get(span[1]);
            if (a.srcFirst < 0 || b.srcLast < 0) {
                dims.add(new ObjectDecl.Dimension(Layout.text(ex.subList(span[0], span[1] + 1)), nameRange));
                continue;
            }
            int s = toks.get(Math.min(a.srcFirst, b.srcFirst)).start();
            int e = toks.get(Math.max(a.srcLast, b.srcLast)).end();
            dims.add(new ObjectDecl.Dimension(f.text().substring(s, e), f.range(s, e)));
        }
        List<ObjectDecl.Attribute> attrs = new ArrayList<>();
        String section = null;
        String alignment = null;
        for (CType.Attr a : dc.attrs()) {
            String arg = a.name().equals("section") ? sectionName(a.args()) : Layout.text(a.args());
            SourceRange r = a.srcFirst() >= 0 && a.srcLast() >= 0 ? f.tokenRange(a.srcFirst(), a.srcLast()) : range;
            String macro = null;
            if (a.srcFirst() >= 0) {
                Token at = toks.get(a.srcFirst());
                if (at.kind() == TokenKind.IDENTIFIER && !at.text().equals("__attribute__")
                        && !at.text().equals("__attribute") && !at.text().equals("_Alignas")) {
                    macro = at.text();
                }
            }
            attrs.add(new ObjectDecl.Attribute(a.name(), arg, r, macro));
            if (a.name().equals("section")) {
                section = arg;
            } else if (a.name().equals("aligned")) {
                alignment = arg;
            }
        }
        // where "__aligned(...)" would go: right after the declarator's last token before '=' or ';'
        int endTok = dc.last() >= 0 && dc.last() < ex.size() ? dc.last() : ex.size() - 1;
        if (dc.initializer() != null) {
            int eq = endTok;
            while (eq > 0 && !(ex.get(eq).is("=") && ex.get(eq).srcFirst >= 0)) {
                eq--;
            }
            endTok = Math.max(eq - 1, 0);
        }
        PpToken lastTok = ex.get(endTok);
        int endOff = lastTok.srcLast >= 0 ? toks.get(lastTok.srcLast).end() : toks.get(last).end();
        SourceRange declEnd = f.range(endOff, endOff);
        String typeText = typeText(f, ex, raw, nt);
        Set<String> sections = new TreeSet<>(otherSections);
        if (section != null) {
            sections.add(section);
        }
        return new ObjectDecl(f.path(), dc.name(), d.storage(), typeText, presence, range, nameRange, dims, attrs,
                section, Set.copyOf(sections), alignment, dc.initializer() != null, declEnd, chunk, ordinal);
    }

    /** The source text from the start of the declaration to its first declarator's name. */
    private static String typeText(FileModel f, List<PpToken> ex, List<PpToken> raw, PpToken name) {
        if (name.srcFirst < 0 || raw.get(0).srcFirst < 0) {
            return "";
        }
        int s = f.tokens().get(raw.get(0).srcFirst).start();
        int e = f.tokens().get(name.srcFirst).start();
        return e > s ? f.text().substring(s, e).replaceAll("\\s+", " ").trim() : "";
    }

    static String sectionName(List<PpToken> args) {
        StringBuilder sb = new StringBuilder();
        for (PpToken t : args) {
            if (t.kind == TokenKind.STRING) {
                String s = t.text;
                sb.append(s, s.indexOf('"') + 1, Math.max(s.indexOf('"') + 1, s.length() - 1));
            }
        }
        return sb.length() == 0 ? Layout.text(args) : sb.toString();
    }

    // ---------------------------------------------------------------- one configuration

    /** The unit of one main file under one configuration: its directive pass and its lookups. */
    final class Unit {
        final FileModel main;
        final ConfigPass pass;
        final Configuration cfg;
        final Map<Long, Parsed> parsed = new HashMap<>();

        Unit(FileModel main, Configuration cfg) {
            this.main = main;
            this.cfg = cfg;
            this.pass = new ConfigPass(tree, cfg.values(), cfg.abi().lp64(), cfg.abi().symbols());
            pass.run(main);
        }
    }

    /** A declaration chunk expanded and parsed under the unit's configuration, with what that touched. */
    record Parsed(DeclParser.Declaration decl, List<PpToken> tokens, Set<String> touched) {
    }

    private Unit unit(FileModel main, Configuration cfg) {
        // One slot per path and configuration: a buffer's new model replaces its old one's unit instead of
        // piling up superseded units that push the tree's own out of the cache.
        Object key = List.of(main.path(), cfg.values(), cfg.abi());
        synchronized (units) {
            Unit u = units.get(key);
            if (u == null || u.main != main) {
                u = new Unit(main, cfg);
                units.put(key, u);
            }
            return u;
        }
    }

    Parsed parseChunk(Unit u, ConfigPass.Inclusion inc, int chunk) {
        long key = ((long) inc.index << 32) | chunk;
        Parsed p = u.parsed.get(key);
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
            ex = new MacroExpander(u.pass.at(inc.seqAt(f.chunkStart(chunk)), touched)).expand(raw);
        } catch (MacroExpander.TooLarge e) {
            ex = List.of();
        }
        DeclParser.Declaration d = new DeclParser(ex, null).declaration();
        p = new Parsed(d, ex, touched);
        u.parsed.put(key, p);
        return p;
    }

    /** The size and attributes of a declaration under one configuration. */
    public ObjectEvaluation evaluate(ObjectDecl decl, Configuration cfg) {
        CFile cf = decl.file().equals("") ? null : file(decl.file());
        if (cf == null) {
            throw new IllegalArgumentException("no such file in the tree: " + decl.file());
        }
        return evaluate(cf, decl, cfg);
    }

    /** As {@link #evaluate(ObjectDecl, Configuration)} for a declaration of a given file (an editor buffer). */
    public ObjectEvaluation evaluate(CFile cf, ObjectDecl decl, Configuration cfg) {
        FileModel f = cf.model();
        Unit u = unit(f, cfg);
        ConfigPass.Inclusion main = u.pass.main();
        Set<String> touched = new TreeSet<>(cfg.abi().symbols());
        touched.addAll(decl.presence().symbols());
        int first = f.chunkStart(decl.chunk());
        touched.addAll(main.touchedAt(first));
        List<String> missing = List.copyOf(u.pass.missingHeaders());
        if (!main.isActive(first)) {
            return new ObjectEvaluation(decl, cfg, false, OptionalLong.empty(), "not compiled in this configuration",
                    null, OptionalLong.empty(), OptionalLong.empty(), Set.copyOf(touched), missing);
        }
        Parsed p = parseChunk(u, main, decl.chunk());
        touched.addAll(p.touched());
        DeclParser.Declarator dc = null;
        int ordinal = 0;
        for (DeclParser.Declarator x : p.decl().declarators()) {
            if (x.name() == null || x.nameToken() == null || x.type() instanceof CType.Function) {
                continue;
            }
            if (x.name().equals(decl.name()) && (dc == null || ordinal == decl.ordinal())) {
                dc = x;
            }
            ordinal++;
        }
        if (dc == null) {
            return new ObjectEvaluation(decl, cfg, true, OptionalLong.empty(),
                    "the declaration reads differently in this configuration", null, OptionalLong.empty(),
                    OptionalLong.empty(), Set.copyOf(touched), missing);
        }
        UnitScope scope = new UnitScope(this, u, touched);
        Layout layout = new Layout(cfg.abi(), scope);
        String section = null;
        for (CType.Attr a : dc.attrs()) {
            if (a.name().equals("section")) {
                section = sectionName(a.args());
            }
        }
        OptionalLong explicit = OptionalLong.empty();
        OptionalLong size = OptionalLong.empty();
        OptionalLong typeAlign = OptionalLong.empty();
        String why = null;
        try {
            Long al = layout.alignedAttr(dc.attrs());
            if (al != null) {
                explicit = OptionalLong.of(al);
            }
        } catch (SizeUnknown | ArithmeticException e) {
            why = "alignment: " + e.getMessage();
        }
        try {
            CType type = dc.type();
            CType resolved = layout.resolve(type);
            if (resolved instanceof CType.Array a && a.dim() == null && dc.initializer() != null) {
                long n = Initializers.count(dc.initializer(), layout);
                size = OptionalLong.of(Math.multiplyExact(n, layout.sizeOf(a.element())));
            } else {
                size = OptionalLong.of(layout.sizeOf(type));
            }
            typeAlign = OptionalLong.of(layout.alignOf(type));
        } catch (SizeUnknown | ArithmeticException e) {
            why = e.getMessage();
        } catch (StackOverflowError e) {
            why = "type too deeply nested";
        }
        return new ObjectEvaluation(decl, cfg, true, size, size.isPresent() ? null : why, section, explicit, typeAlign,
                Set.copyOf(touched), missing);
    }

    /**
     * An integer constant expression (such as {@code PAGE_SIZE}) read where a
     * declaration stands, with the macros in force there under one
     * configuration. Empty when it is not a constant there (an undefined macro,
     * for instance); the symbols it read are added to {@code touched}.
     */
    public OptionalLong constantAt(CFile cf, ObjectDecl decl, String expression, Configuration cfg,
            Set<String> touched) {
        FileModel f = cf.model();
        Unit u = unit(f, cfg);
        ConfigPass.Inclusion main = u.pass.main();
        int first = f.chunkStart(decl.chunk());
        List<PpToken> raw = new ArrayList<>();
        int i = 0;
        for (Token t : CTokenizer.tokenize(expression)) {
            raw.add(PpToken.of(t, i++));
        }
        Set<String> read = new TreeSet<>(main.touchedAt(first));
        List<PpToken> expanded;
        try {
            expanded = new MacroExpander(u.pass.at(main.seqAt(first), read)).expand(raw);
        } catch (MacroExpander.TooLarge e) {
            return OptionalLong.empty();
        }
        Layout layout = new Layout(cfg.abi(), new UnitScope(this, u, read));
        OptionalLong value = layout.eval().tryValue(expanded);
        touched.addAll(read);
        return value;
    }

    /** Bodies of the branches not compiled under a configuration (for greying out in an editor). */
    public List<SourceRange> inactiveRanges(CFile cf, Configuration cfg) {
        FileModel f = cf.model();
        ConfigPass.Inclusion main = unit(f, cfg).pass.main();
        List<SourceRange> out = new ArrayList<>();
        for (Branch b : f.branches()) {
            if (main.isBranchActive(b.parent()) && !main.isBranchActive(b.id())) {
                out.add(f.range(b.bodyStart(), b.bodyEnd()));
            }
        }
        return out;
    }

    /** The headers a file's unit could not find under a configuration. */
    public List<String> missingHeaders(CFile cf, Configuration cfg) {
        return List.copyOf(unit(cf.model(), cfg).pass.missingHeaders());
    }
}

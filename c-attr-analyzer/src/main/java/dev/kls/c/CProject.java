package dev.kls.c;

import dev.kls.c.lex.CTokenizer;
import dev.kls.c.lex.Token;
import dev.kls.c.pp.Branch;
import dev.kls.c.pp.ConfigPass;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.MacroExpander;
import dev.kls.c.pp.PpToken;
import dev.kls.c.pp.SourceTree;
import dev.kls.c.types.CType;
import dev.kls.c.types.DeclParser;
import dev.kls.c.types.Layout;
import dev.kls.c.types.SizeUnknown;
import dev.kls.kconfig.SourceRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The C side of one kernel tree for one SRCARCH: the queries. Files are
 * tokenized once and shared; a query reads only what it needs:
 * {@link CFile#objects()} expands just the file's top-level declarations
 * ({@link ObjectReader}, with the project-wide {@link MacroIndex} over the
 * {@link IncludeGraph}), and {@link #evaluate} runs the directives of one
 * translation unit for one configuration ({@link UnitCache}), then resolves
 * only the macros, typedefs and structs that one declaration uses.
 */
public final class CProject {

    private final SourceTree tree;
    private final Map<String, CFile> files = new ConcurrentHashMap<>();
    private final IncludeGraph includes;
    private final MacroIndex macros;
    private final UnitCache units;
    private final Map<String, String> unreadable = new ConcurrentHashMap<>();

    private CProject(SourceTree tree) {
        this.tree = tree;
        this.includes = new IncludeGraph(tree);
        this.macros = new MacroIndex(includes, m -> tree.cached(m.path()) == m);
        this.units = new UnitCache(tree);
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
                throw new CancellationException("interrupted");
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
            macros.unindex(old);
        }
        macros.forgetReached(); // the closures that held the file change with it
        files.remove(rel);
        includes.forget(rel);
        tree.invalidate(rel);
        units.clear();
    }

    /** The configuration a value map means for this project's SRCARCH. */
    public Configuration configuration(Map<String, String> values) {
        return Configuration.of(values, tree.srcarch());
    }

    // ---------------------------------------------------------------- configuration-free reading

    /** The headers a file may include under any configuration, depth-first, itself first. */
    List<FileModel> closure(FileModel main) {
        return includes.closure(main);
    }

    List<ObjectDecl> readObjects(CFile cf) {
        List<FileModel> closure = macros.indexedClosure(cf.model());
        return ObjectReader.read(cf, macros.freeMacros(closure, cf.model()), c -> true);
    }

    /** The function definitions of a file (see {@link CFile#functions()}). */
    dev.kls.c.body.FileBodies readFunctions(CFile cf) {
        List<FileModel> closure = macros.indexedClosure(cf.model());
        // An editor buffer is not cached: each keystroke would leave an entry no later run asks for.
        dev.kls.c.cache.BodyCache cache = tree.cached(cf.path()) == cf.model() ? bodyCache : null;
        String key = cache != null ? cache.key(cf.model(), closure, tree.environment()) : null;
        if (key != null) {
            dev.kls.c.body.FileBodies cached = cache.get(key, cf.path());
            if (cached != null) {
                return cached;
            }
        }
        dev.kls.c.body.FileBodies read = new FunctionReader(cf, macros.freeMacros(closure, cf.model()), closure).read();
        if (key != null) {
            cache.put(key, read);
        }
        return read;
    }

    private volatile dev.kls.c.cache.BodyCache bodyCache;

    /**
     * Keeps each file's function bodies in {@code cache} across runs (null: no
     * cache). Results are the same with or without it.
     */
    public void cacheBodies(dev.kls.c.cache.BodyCache cache) {
        this.bodyCache = cache;
    }

    // ---------------------------------------------------------------- which files mention a kind of token

    /**
     * Of {@code files} (paths relative to the tree), in their order, those that
     * mention {@code interest} (see {@link TokenInterest}): a token of the file
     * matches, or names a macro that can expand to a matching token under some
     * definition (any #if branch, any header any file may include; found once
     * for the project). Missing files are left out, unreadable ones recorded
     * ({@link #unreadable()}). Much cheaper than reading the files' objects:
     * a file is only tokenized, with the headers it may include.
     */
    public List<String> filesMentioning(TokenInterest interest, Collection<String> files) {
        List<String> paths = List.copyOf(files);
        // Files are read and tokenized in parallel: that is most of the cost on a cold project.
        List<CFile> cfs = paths.parallelStream().map(this::fileOrFailure).toList();
        List<FileModel> roots = new ArrayList<>();
        for (String f : tree.implicitIncludes()) {
            FileModel m = tree.file(f);
            if (m != null) {
                roots.add(m);
            }
        }
        macros.indexReach(roots, cfs.stream().filter(Objects::nonNull).map(CFile::model).toList());
        TokenMentions m = macros.mentions(interest);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            if (cfs.get(i) != null && m.mentionedBy(cfs.get(i).model())) {
                out.add(paths.get(i));
            }
        }
        return out;
    }

    /** As {@link #filesMentioning} for one file (an editor buffer too). */
    boolean mentions(CFile cf, TokenInterest interest) {
        macros.indexClosure(cf.model());
        return macros.mentions(interest).mentionedBy(cf.model());
    }

    /**
     * The objects of the declaration chunks that mention {@code interest} (see
     * {@link CFile#objectsMentioning}); {@code cached}: the file's objects when
     * already read, filtered instead of read again.
     */
    List<ObjectDecl> readObjects(CFile cf, TokenInterest interest, List<ObjectDecl> cached) {
        FileModel f = cf.model();
        macros.indexClosure(f);
        TokenMentions m = macros.mentions(interest);
        if (!m.mentionedBy(f)) {
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
        return ObjectReader.read(cf, macros.freeMacros(includes.closure(f), f), c -> keep[c]);
    }

    // ---------------------------------------------------------------- one configuration

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
        UnitCache.Unit u = units.unit(f, cfg);
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
        UnitCache.Parsed p = u.parseChunk(main, decl.chunk());
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
        UnitScope scope = new UnitScope(u, touched);
        Layout layout = new Layout(cfg.abi(), scope);
        String section = null;
        for (CType.Attr a : dc.attrs()) {
            if (a.name().equals("section")) {
                section = ObjectReader.sectionName(a.args());
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
        UnitCache.Unit u = units.unit(f, cfg);
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
        Layout layout = new Layout(cfg.abi(), new UnitScope(u, read));
        OptionalLong value = layout.eval().tryValue(expanded);
        touched.addAll(read);
        return value;
    }

    /** Bodies of the branches not compiled under a configuration (for greying out in an editor). */
    public List<SourceRange> inactiveRanges(CFile cf, Configuration cfg) {
        FileModel f = cf.model();
        ConfigPass.Inclusion main = units.unit(f, cfg).pass.main();
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
        return List.copyOf(units.unit(cf.model(), cfg).pass.missingHeaders());
    }
}

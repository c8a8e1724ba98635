package dev.kls.c.pp;

import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One translation unit's directives under one configuration: which branch
 * of every conditional is taken, which definition each macro has at every
 * point (a history, so any later query can ask "at this point"), and which
 * headers are read. Only directive lines are processed: the text of the
 * files is left alone until a query needs a piece of it. Each definition
 * remembers the Kconfig symbols its presence depended on (the conditions
 * around it and around the #include that brought its file in), which is how
 * a result can name the symbols it touched.
 */
public final class ConfigPass implements MacroExpander.Macros {

    private static final int MAX_DEPTH = 200;

    /** One read of one file in the unit. */
    public static final class Inclusion {
        public final FileModel file;
        public final int index;
        public final Inclusion parent;
        final int dirIndex;
        final BitSet active = new BitSet();
        final Set<String>[] branchTouched;
        final Set<String> baseTouched;
        final int[] seqAfter;
        final int startSeq;

        @SuppressWarnings("unchecked")
        Inclusion(FileModel file, int index, Inclusion parent, int dirIndex, Set<String> baseTouched, int startSeq) {
            this.file = file;
            this.index = index;
            this.parent = parent;
            this.dirIndex = dirIndex;
            this.baseTouched = baseTouched;
            this.branchTouched = new Set[file.branches().size()];
            this.seqAfter = new int[file.directives().size()];
            java.util.Arrays.fill(seqAfter, -1);
            this.startSeq = startSeq;
        }

        /** Whether token {@code i} of the file is compiled in this configuration. */
        public boolean isActive(int i) {
            int b = file.branchOf(i);
            return b < 0 || active.get(b);
        }

        public boolean isBranchActive(int b) {
            return b < 0 || active.get(b);
        }

        /** The symbols the presence of token {@code i} depended on. */
        public Set<String> touchedAt(int i) {
            int b = file.branchOf(i);
            return b < 0 ? baseTouched : branchTouched[b] != null ? branchTouched[b] : baseTouched;
        }

        /** The position in the unit's macro history just before token {@code i}. */
        public int seqAt(int tokenIndex) {
            List<Directive> ds = file.directives();
            int lo = 0;
            int hi = ds.size() - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (ds.get(mid).hash() < tokenIndex) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            for (int d = found; d >= 0; d--) {
                if (seqAfter[d] >= 0) {
                    return seqAfter[d];
                }
            }
            return startSeq;
        }
    }

    private record Event(int seq, MacroDef def, Set<String> touched) {
    }

    private final SourceTree tree;
    private final Map<String, String> values;
    private final Map<String, List<Event>> history = new HashMap<>();
    private final Map<MacroDef, Set<String>> defTouched = new IdentityHashMap<>();
    private final List<Inclusion> inclusions = new ArrayList<>();
    private final Set<String> onceFiles = new HashSet<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> lp64Touched;
    private final boolean lp64;
    private int seq;
    private Set<String> collector;
    private boolean autoconfDone;
    private Inclusion main;

    /**
     * @param values the configuration, as a .config without the CONFIG_ prefix
     * @param abiSymbols the symbols the ABI choice read (64BIT, ...): predefined macros that vary with it touch them
     */
    public ConfigPass(SourceTree tree, Map<String, String> values, boolean lp64, Set<String> abiSymbols) {
        this.tree = tree;
        this.values = values;
        this.lp64 = lp64;
        this.lp64Touched = Set.copyOf(abiSymbols);
    }

    /** Runs the unit of {@code mainFile}: predefined macros, kbuild's -include files, then the file. */
    public void run(FileModel mainFile) {
        FileModel builtin = FileModel.parse("<built-in>",
                String.join("\n", tree.environment().predefinedLines(lp64)) + "\n", tree.environment());
        for (MacroDef d : builtin.macros()) {
            boolean abiDependent = d.name().contains("SIZEOF") || d.name().contains("LP64") || d.name().contains("86")
                    || d.name().contains("LONG_MAX") || d.name().endsWith("_TYPE__") || d.name().equals("__amd64__");
            define(d, abiDependent ? lp64Touched : Set.of());
        }
        if (!tree.implicitIncludes().contains("include/linux/kconfig.h")) {
            autoconf(); // before kconfig.h (2.6.x) kbuild passed -include include/linux/autoconf.h
        }
        for (String f : tree.implicitIncludes()) {
            FileModel m = tree.file(f);
            if (m != null) {
                process(new Inclusion(m, inclusions.size(), null, tree.dirIndexOf(f), Set.of(), seq), 0);
            }
        }
        main = new Inclusion(mainFile, inclusions.size(), null, -1, Set.of(), seq);
        process(main, 0);
    }

    public Inclusion main() {
        return main;
    }

    public List<Inclusion> inclusions() {
        return Collections.unmodifiableList(inclusions);
    }

    /** Headers that could not be found, as "file:line: <header>". */
    public List<String> missingHeaders() {
        return missing;
    }

    public List<String> problems() {
        return problems;
    }

    public Map<String, String> values() {
        return values;
    }

    // ---------------------------------------------------------------- macros

    private void define(MacroDef d, Set<String> touched) {
        seq++;
        history.computeIfAbsent(d.name(), k -> new ArrayList<>(1)).add(new Event(seq, d, touched));
        defTouched.put(d, touched);
    }

    private void undef(String name, Set<String> touched) {
        seq++;
        List<Event> h = history.get(name);
        if (h != null) {
            h.add(new Event(seq, null, touched));
        }
    }

    /** The definition in force now (during the pass). */
    @Override
    public MacroDef lookup(String name) {
        return lookupAt(name, Integer.MAX_VALUE, collector);
    }

    @Override
    public void used(MacroDef def) {
        if (collector != null) {
            Set<String> t = defTouched.get(def);
            if (t != null) {
                collector.addAll(t);
            }
        }
    }

    private MacroDef lookupAt(String name, int at, Set<String> touched) {
        List<Event> h = history.get(name);
        if (h == null) {
            if (touched != null && name.startsWith("CONFIG_")) {
                touched.add(symbolOf(name)); // not defined is an answer that depends on the symbol
            }
            return null;
        }
        int lo = 0;
        int hi = h.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (h.get(mid).seq() <= at) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            if (touched != null && name.startsWith("CONFIG_")) {
                touched.add(symbolOf(name));
            }
            return null;
        }
        Event e = h.get(found);
        if (e.def() == null && touched != null) {
            touched.addAll(e.touched());
        }
        return e.def();
    }

    private static String symbolOf(String configName) {
        String s = configName.substring(7);
        return s.endsWith("_MODULE") && s.length() > 7 ? s.substring(0, s.length() - 7) : s;
    }

    /**
     * The macros as they stood at {@code seq}; every definition used adds the
     * symbols its presence depended on to {@code touched} (may be null).
     */
    public MacroExpander.Macros at(int at, Set<String> touched) {
        return new MacroExpander.Macros() {
            @Override
            public MacroDef lookup(String name) {
                return lookupAt(name, at, touched);
            }

            @Override
            public void used(MacroDef def) {
                if (touched != null) {
                    Set<String> t = defTouched.get(def);
                    if (t != null) {
                        touched.addAll(t);
                    }
                }
            }
        };
    }

    /** The symbols a definition's presence depended on. */
    public Set<String> touchedBy(MacroDef def) {
        Set<String> t = defTouched.get(def);
        return t == null ? Set.of() : t;
    }

    // ---------------------------------------------------------------- directives

    private void process(Inclusion inc, int depth) {
        inclusions.add(inc);
        FileModel f = inc.file;
        List<Directive> ds = f.directives();
        List<Branch> brs = f.branches();
        Map<Integer, Boolean> taken = new HashMap<>();
        Map<Integer, Set<String>> blockTouched = new HashMap<>();
        for (int di = 0; di < ds.size(); di++) {
            Directive d = ds.get(di);
            if (!inc.isBranchActive(d.enclosing())) {
                continue;
            }
            Set<String> here = d.enclosing() < 0 ? inc.baseTouched : inc.branchTouched[d.enclosing()];
            if (here == null) {
                here = inc.baseTouched;
            }
            switch (d.name()) {
                case "if":
                case "ifdef":
                case "ifndef":
                case "elif":
                case "elifdef":
                case "elifndef":
                case "else": {
                    if (d.opens() < 0) {
                        seq++;
                        break; // an #elif/#else without #if (FileModel reports it); found by CFileFuzz
                    }
                    Branch b = brs.get(d.opens());
                    boolean first = d.name().startsWith("if");
                    Set<String> acc = first ? new TreeSet<>(here) : blockTouched.get(b.block());
                    if (acc == null) {
                        acc = new TreeSet<>(here);
                    }
                    boolean already = !first && taken.getOrDefault(b.block(), false);
                    boolean on = false;
                    if (!already) {
                        if (d.name().equals("else")) {
                            on = true;
                        } else {
                            acc.addAll(b.condition().symbols());
                            on = test(inc, d, acc);
                        }
                    }
                    blockTouched.put(b.block(), acc);
                    if (on) {
                        taken.put(b.block(), true);
                        inc.active.set(b.id());
                        // Sorted and seen as sorted: each nested #if copies it, and TreeSet copies a SortedSet in linear
                        // time but inserts any other set one by one (a fifth of a directive pass's time once).
                        inc.branchTouched[b.id()] = Collections.unmodifiableSortedSet(new TreeSet<>(acc));
                    }
                    seq++;
                    break;
                }
                case "endif":
                    seq++;
                    break;
                case "define": {
                    MacroDef m = f.macroAt(di);
                    if (m != null) {
                        define(m, here);
                    }
                    break;
                }
                case "undef":
                    if (d.first() < d.end()) {
                        undef(f.tokens().get(d.first()).text(), here);
                    }
                    break;
                case "include":
                case "include_next":
                    seq++;
                    include(inc, d, di, here, depth);
                    break;
                default:
                    seq++;
                    break;
            }
            inc.seqAfter[di] = seq;
        }
    }

    private boolean test(Inclusion inc, Directive d, Set<String> touched) {
        List<Token> toks = inc.file.tokens();
        if (d.name().equals("ifdef") || d.name().equals("ifndef") || d.name().equals("elifdef")
                || d.name().equals("elifndef")) {
            if (d.first() >= d.end()) {
                return false;
            }
            MacroDef m = lookupAt(toks.get(d.first()).text(), Integer.MAX_VALUE, touched);
            if (m != null) {
                touched.addAll(touchedBy(m));
            }
            return (m != null) == d.name().endsWith("ifdef");
        }
        List<PpToken> line = new ArrayList<>();
        for (int i = d.first(); i < d.end(); i++) {
            Token t = toks.get(i);
            if (t.is("defined")) {
                boolean paren = i + 1 < d.end() && toks.get(i + 1).is("(");
                int n = paren ? i + 2 : i + 1;
                if (n < d.end()) {
                    MacroDef m = lookupAt(toks.get(n).text(), Integer.MAX_VALUE, touched);
                    if (m != null) {
                        touched.addAll(touchedBy(m));
                    }
                    line.add(number(m != null ? 1 : 0));
                    i = paren ? n + 1 : n;
                    continue;
                }
            }
            if ((t.is("__has_include") || t.is("__has_include_next")) && i + 1 < d.end()) {
                int close = i + 1;
                while (close < d.end() && !toks.get(close).is(")")) {
                    close++;
                }
                String spec = inc.file.text().substring(toks.get(i + 1).end(),
                        close < d.end() ? toks.get(close).start() : toks.get(d.end() - 1).end()).trim();
                boolean angled = spec.startsWith("<");
                String h = spec.replaceAll("^[<\"]|[>\"]$", "");
                boolean found = tree.resolve(h, angled, inc.file.path(),
                        t.is("__has_include_next") ? inc.dirIndex : -1) != null || h.equals("generated/autoconf.h");
                line.add(number(found ? 1 : 0));
                i = close;
                continue;
            }
            if ((t.is("__has_attribute") || t.is("__has_builtin") || t.is("__has_c_attribute")
                    || t.is("__has_cpp_attribute")) && i + 1 < d.end() && toks.get(i + 1).is("(")) {
                int close = i + 1;
                while (close < d.end() && !toks.get(close).is(")")) {
                    close++;
                }
                // gcc 12 knows the attributes and builtins the kernel probes for, except the C++ ones
                line.add(number(t.is("__has_cpp_attribute") ? 0 : 1));
                i = close;
                continue;
            }
            line.add(new PpToken(t.text(), t.kind(), PpToken.Hide.EMPTY, t.space(), -1, -1));
        }
        Set<String> saved = collector;
        collector = touched;
        try {
            List<PpToken> ex = new MacroExpander(this).expand(line);
            return PpExpression.evaluate(ex) != 0;
        } catch (PpExpression.Invalid | MacroExpander.TooLarge e) {
            problems.add(inc.file.path() + ":" + d.range().startLine() + ": " + e.getMessage());
            return false;
        } finally {
            collector = saved;
        }
    }

    private static PpToken number(long v) {
        return new PpToken(Long.toString(v), TokenKind.NUMBER, PpToken.Hide.EMPTY, true, -1, -1);
    }

    private void include(Inclusion inc, Directive d, int di, Set<String> here, int depth) {
        Include spec = inc.file.includeAt(di);
        if (spec == null) {
            return;
        }
        String header = spec.header();
        boolean angled = spec.angled();
        if (header == null) {
            List<PpToken> line = new ArrayList<>();
            for (int i = d.first(); i < d.end(); i++) {
                line.add(PpToken.of(inc.file.tokens().get(i), -1));
            }
            Set<String> saved = collector;
            collector = new TreeSet<>();
            List<PpToken> ex;
            try {
                ex = new MacroExpander(this).expand(line);
            } catch (MacroExpander.TooLarge e) {
                ex = List.of();
            } finally {
                collector = saved;
            }
            if (ex.size() == 1 && ex.get(0).kind == TokenKind.STRING) {
                header = ex.get(0).text.substring(1, ex.get(0).text.length() - 1);
            } else if (!ex.isEmpty() && ex.get(0).is("<")) {
                StringBuilder sb = new StringBuilder();
                for (int k = 1; k < ex.size() && !ex.get(k).is(">"); k++) {
                    sb.append(ex.get(k).text);
                }
                header = sb.toString();
                angled = true;
            }
        }
        if (header == null) {
            missing.add(inc.file.path() + ":" + d.range().startLine() + ": (computed include)");
            return;
        }
        if (header.equals("generated/autoconf.h")) {
            autoconf();
            return;
        }
        SourceTree.Resolved r = tree.resolve(header, angled, inc.file.path(), spec.next() ? inc.dirIndex : -1);
        if (r == null) {
            missing.add(inc.file.path() + ":" + d.range().startLine() + ": " + (angled ? "<" + header + ">"
                    : "\"" + header + "\""));
            return;
        }
        FileModel m = tree.file(r.path());
        if (m == null) {
            missing.add(inc.file.path() + ":" + d.range().startLine() + ": " + header);
            return;
        }
        if (m.guard() != null) {
            if (m.guard().equals("#pragma once") ? onceFiles.contains(r.path()) : lookupAt(m.guard(), seq, null) != null) {
                return;
            }
            onceFiles.add(r.path());
        }
        if (depth >= MAX_DEPTH) {
            problems.add(inc.file.path() + ":" + d.range().startLine() + ": #include nested too deeply");
            return;
        }
        int dir = r.dirIndex() >= 0 ? r.dirIndex() : tree.dirIndexOf(r.path());
        process(new Inclusion(m, inclusions.size(), inc, dir, here, seq), depth + 1);
    }

    /** include/generated/autoconf.h for this configuration, as conf writes it. */
    private void autoconf() {
        if (autoconfDone) {
            return;
        }
        autoconfDone = true;
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = e.getValue();
            if (v == null || v.equals("n")) {
                continue;
            }
            if (v.equals("y")) {
                sb.append("#define CONFIG_").append(e.getKey()).append(" 1\n");
            } else if (v.equals("m")) {
                sb.append("#define CONFIG_").append(e.getKey()).append("_MODULE 1\n");
            } else if (v.matches("-?[0-9]+|0[xX][0-9a-fA-F]+|\".*\"")) {
                sb.append("#define CONFIG_").append(e.getKey()).append(' ').append(v).append('\n');
            } else {
                sb.append("#define CONFIG_").append(e.getKey()).append(" \"").append(v.replace("\\", "\\\\")
                        .replace("\"", "\\\"")).append("\"\n");
            }
        }
        FileModel ac = FileModel.parse("include/generated/autoconf.h", sb.toString(), tree.environment());
        for (MacroDef d : ac.macros()) {
            define(d, Set.of(symbolOf(d.name())));
        }
    }

    /** Makes sure CONFIG_ macros exist even when no kconfig.h pulls autoconf.h in (old or small trees). */
    public void ensureAutoconf() {
        autoconf();
    }
}

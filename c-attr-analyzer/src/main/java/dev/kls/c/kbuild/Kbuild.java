package dev.kls.c.kbuild;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.SourceRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reader of kbuild makefiles, for one question: under which condition
 * does kbuild compile {@code dir/file.c} into {@code dir/file.o}. It walks
 * from the top {@code Kbuild} (with the arch Makefile's {@code core-y},
 * {@code libs-y}, {@code drivers-y}) down the folder chain, reading
 * {@code obj-y}, {@code obj-m}, {@code obj-$(CONFIG_X)}, {@code lib-y},
 * composite objects ({@code foo-y}, {@code foo-$(CONFIG_Y)}, {@code foo-objs})
 * and simple {@code ifdef}/{@code ifeq} blocks. What it cannot read becomes
 * an {@link Cond.Opaque} part of the condition, listed in {@link Result#unknowns}:
 * it is never taken as true silently. No make is run and nothing is expanded
 * but {@code $(SRCARCH)}, {@code $(ARCH)}, {@code $(BITS)} and {@code $(CONFIG_X)}.
 */
public final class Kbuild {

    /** One makefile line that adds a word to a list, with the condition it is under. */
    public record Mention(String variable, String word, Cond condition, SourceRange range) {
    }

    /**
     * The answer for one object: {@code condition} is when it is compiled,
     * {@code via} the lines used on the way down, {@code unknowns} the
     * parts it could not read (each also an Opaque in the condition).
     */
    public record Result(String object, Cond condition, List<Mention> via, List<String> unknowns) {
        public Result {
            via = List.copyOf(via);
            unknowns = List.copyOf(unknowns);
        }
    }

    private final Path srctree;
    private final String srcarch;
    private final String arch;
    private final Map<String, List<Mention>> cache = new HashMap<>();

    public Kbuild(Path srctree, String srcarch, String arch) {
        this.srctree = srctree;
        this.srcarch = srcarch;
        this.arch = arch;
    }

    /** The condition under which kbuild compiles the C (or assembler) file {@code path}, relative to the tree. */
    public Result compiled(String path) {
        String rel = path.replace('\\', '/');
        int dot = rel.lastIndexOf('.');
        String object = (dot > rel.lastIndexOf('/') ? rel.substring(0, dot) : rel) + ".o";
        List<Mention> via = new ArrayList<>();
        Cond c = inDir("", object, via, new ArrayList<>(), 0);
        List<String> unknowns = new ArrayList<>();
        for (Cond.Opaque o : c.opaques()) {
            unknowns.add((o.range().equals(SourceRange.NONE) ? "" : o.range().file() + ":" + o.range().startLine() + ": ")
                    + o.text());
        }
        return new Result(object, c, via, unknowns);
    }

    /**
     * The condition under which kbuild descends into folder {@code dir}
     * ({@code "drivers/net/"}, with the slash; {@code ""} is the top, always
     * reached), and the lines on the way in {@code via}.
     */
    public Cond reached(String dir, List<Mention> via) {
        String rel = dir.replace('\\', '/');
        if (rel.isEmpty()) {
            return Cond.TRUE;
        }
        List<Mention> lines = new ArrayList<>();
        Cond c = inDir("", rel.endsWith("/") ? rel : rel + "/", lines, new ArrayList<>(), 0);
        // the folder's own line is found twice: as the way down and as a word of the list
        lines.stream().distinct().forEach(via::add);
        return c;
    }

    /**
     * The list lines ({@code obj-y}, {@code obj-$(CONFIG_X)}, {@code lib-y}, ...) of folder {@code dir}'s
     * makefile (the Kbuild file when there is one, as kbuild), each with {@link #lineCondition}; for the top
     * folder also the arch Makefile's {@code core-y}, {@code drivers-y} lines. Empty when it has no makefile.
     */
    public List<Mention> lines(String dir) {
        List<Mention> m = mentions(dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/");
        if (m == null) {
            return List.of();
        }
        List<Mention> out = new ArrayList<>();
        for (Mention x : m) {
            if (lineCondition(x) != null) {
                out.add(x);
            }
        }
        return out;
    }

    /** When {@code rest} (a path below folder {@code dir}, "" for the top) is built, as {@code dir}'s makefile says. */
    private Cond inDir(String dir, String rest, List<Mention> via, List<String> unknowns, int depth) {
        if (rest.isEmpty()) {
            return Cond.TRUE; // the folder itself, reached by the line that named it
        }
        List<Mention> mentions = mentions(dir);
        if (mentions == null) {
            String what = "no Kbuild or Makefile in " + (dir.isEmpty() ? "the top folder" : dir);
            unknowns.add(what);
            return new Cond.Opaque("kbuild: " + what, SourceRange.NONE);
        }
        List<Cond> ways = new ArrayList<>();
        int slash = rest.indexOf('/');
        while (slash >= 0) {
            String sub = rest.substring(0, slash + 1);
            for (Mention m : mentions) {
                if (m.word().equals(sub) && lineCondition(m) != null) {
                    via.add(m);
                    ways.add(Cond.and(lineCondition(m),
                            inDir(dir + sub, rest.substring(slash + 1), via, unknowns, depth + 1)));
                }
            }
            slash = rest.indexOf('/', slash + 1);
        }
        ways.add(objectIn(dir, rest, mentions, via, unknowns, depth));
        Cond c = Cond.or(ways);
        if (c == Cond.FALSE && depth == 0) {
            String what = "no makefile line builds " + rest;
            unknowns.add(what);
            return new Cond.Opaque("kbuild: " + what, SourceRange.NONE);
        }
        return c;
    }

    /** When object {@code obj} (relative to {@code dir}) is built by the lists of {@code dir}'s makefile itself. */
    private Cond objectIn(String dir, String obj, List<Mention> mentions, List<Mention> via, List<String> unknowns,
            int depth) {
        List<Cond> ways = new ArrayList<>();
        for (Mention m : mentions) {
            if (!m.word().equals(obj)) {
                continue;
            }
            Cond list = lineCondition(m);
            if (list != null) {
                via.add(m);
                ways.add(list);
                continue;
            }
            // A composite object's part: foo-y / foo-$(CONFIG_X) / foo-objs += obj, built when foo.o is.
            String composite = compositeName(m.variable());
            if (composite != null && depth < 20) {
                Cond suffix = suffixCondition(m);
                if (suffix == null) {
                    continue;
                }
                Cond part = Cond.and(m.condition(), suffix);
                via.add(m);
                ways.add(Cond.and(part, objectIn(dir, composite + ".o", mentions, via, unknowns, depth + 1)));
            }
        }
        return Cond.or(ways);
    }

    private static final Pattern CONFIG_REF = Pattern.compile("\\$\\(CONFIG_([A-Za-z0-9_]+)\\)");
    private static final Pattern SUBST_M_Y = Pattern.compile("\\$\\(subst m,y,\\$\\(CONFIG_([A-Za-z0-9_]+)\\)\\)");

    /**
     * When a list line ({@code obj-}, {@code lib-}, {@code core-}, {@code drivers-}, {@code libs-}) applies:
     * the ifdef/ifeq blocks around it and what its variable's suffix says ({@code -y} always, {@code -m} with
     * MODULES, {@code -$(CONFIG_X)} when X is y or m); null for a line that is not a list entry.
     */
    public static Cond lineCondition(Mention m) {
        String v = m.variable();
        int dash = v.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String head = v.substring(0, dash);
        if (!List.of("obj", "lib", "core", "drivers", "libs", "init", "net", "virt").contains(head)) {
            return null;
        }
        Cond s = suffixCondition(m);
        return s == null ? null : Cond.and(m.condition(), s);
    }

    /** foo-y, foo-objs, foo-$(CONFIG_X): the composite object's name, else null. */
    private static String compositeName(String v) {
        int dash = v.lastIndexOf('-');
        if (v.endsWith("-objs")) {
            return v.substring(0, v.length() - 5);
        }
        if (v.endsWith("-y")) {
            return v.substring(0, v.length() - 2);
        }
        int conf = v.indexOf("-$(");
        if (conf > 0) {
            return v.substring(0, conf);
        }
        return dash > 0 && v.endsWith("-m") ? v.substring(0, dash) : null;
    }

    /** What the part after the list name says: -y always, -m as a module (MODULES), -$(CONFIG_X) when X is y or m. */
    private static Cond suffixCondition(Mention m) {
        String v = m.variable();
        if (v.endsWith("-y") || v.endsWith("-objs")) {
            return Cond.TRUE;
        }
        if (v.endsWith("-m")) {
            return new Cond.Defined("MODULES");
        }
        int conf = v.indexOf("-$(");
        if (conf < 0) {
            return null;
        }
        String suffix = v.substring(conf + 1);
        Matcher a = CONFIG_REF.matcher(suffix);
        if (a.matches()) {
            return Cond.or(new Cond.Defined(a.group(1)), new Cond.Module(a.group(1)));
        }
        Matcher b = SUBST_M_Y.matcher(suffix);
        if (b.matches()) {
            return Cond.or(new Cond.Defined(b.group(1)), new Cond.Module(b.group(1)));
        }
        return new Cond.Opaque("kbuild: " + v, m.range());
    }

    // ------------------------------------------------------------------ reading

    /** The list entries of {@code dir}'s makefile (Kbuild wins over Makefile, as kbuild); null when it has none. */
    private List<Mention> mentions(String dir) {
        if (cache.containsKey(dir)) {
            return cache.get(dir);
        }
        List<Mention> out = null;
        for (String name : List.of("Kbuild", "Makefile")) {
            Path f = srctree.resolve(dir + name);
            if (Files.isRegularFile(f)) {
                out = new ArrayList<>(read(dir + name));
                break;
            }
        }
        if (dir.isEmpty()) {
            // The top Kbuild names $(ARCH_CORE), $(ARCH_LIB), $(ARCH_DRIVERS): the arch Makefile's core-y, libs-y
            // and drivers-y; older trees list core-y and drivers-y in the top Makefile itself.
            List<Mention> top = out == null ? new ArrayList<>() : out;
            for (String f : List.of("Makefile", "arch/" + srcarch + "/Makefile")) {
                if (Files.isRegularFile(srctree.resolve(f))) {
                    for (Mention m : read(f)) {
                        if (m.variable().matches("(core|drivers|libs|init|net|virt)-.*")) {
                            top.add(m);
                        }
                    }
                }
            }
            out = top.isEmpty() ? null : top;
        }
        cache.put(dir, out);
        return out;
    }

    private static final Pattern ASSIGN = Pattern.compile("^\\s*([A-Za-z0-9_.$()\\-,/ ]+?)\\s*(\\+=|:=|\\?=|=)(.*)$");

    /** The assignments of one makefile with the ifdef/ifeq conditions around them. */
    List<Mention> read(String file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(srctree.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
        List<Mention> out = new ArrayList<>();
        // each open block: the conditions of its branches so far, and the current branch's condition
        List<List<Cond>> blocks = new ArrayList<>();
        List<Cond> current = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int first = i;
            StringBuilder sb = new StringBuilder();
            String l = lines.get(i);
            while (l.endsWith("\\") && i + 1 < lines.size()) {
                sb.append(l, 0, l.length() - 1).append(' ');
                l = lines.get(++i);
            }
            sb.append(l);
            String line = stripComment(sb.toString());
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            SourceRange range = new SourceRange(file, first + 1, 1, i + 1, lines.get(i).length() + 1);
            String word = t.split("\\s+", 2)[0];
            if (word.equals("ifdef") || word.equals("ifndef") || word.equals("ifeq") || word.equals("ifneq")) {
                Cond c = test(t, range);
                if (file.equals("Makefile") && !c.opaques().isEmpty()) {
                    // The top Makefile's other tests are about what make was asked (sub-make, config targets,
                    // mixed builds), not the configuration: its lists are the same in every build.
                    c = Cond.TRUE;
                }
                List<Cond> b = new ArrayList<>();
                b.add(c);
                blocks.add(b);
                current.add(c);
                continue;
            }
            if (word.equals("else") && !blocks.isEmpty()) {
                List<Cond> b = blocks.get(blocks.size() - 1);
                Cond earlier = Cond.or(b);
                String restTest = t.substring(4).strip();
                Cond c = Cond.not(earlier);
                if (!restTest.isEmpty()) {
                    Cond extra = test(restTest, range);
                    if (file.equals("Makefile") && !extra.opaques().isEmpty()) {
                        extra = Cond.TRUE;
                    }
                    b.add(extra);
                    c = Cond.and(c, extra);
                } else {
                    b.add(Cond.TRUE);
                }
                current.set(current.size() - 1, file.equals("Makefile") ? Cond.TRUE : c);
                continue;
            }
            if (word.equals("endif") && !blocks.isEmpty()) {
                blocks.remove(blocks.size() - 1);
                current.remove(current.size() - 1);
                continue;
            }
            if (t.startsWith("define ") || word.equals("include") || word.equals("-include")) {
                continue;
            }
            Matcher m = ASSIGN.matcher(line);
            if (!m.matches() || spaceOutsideParens(m.group(1).strip())) {
                continue;
            }
            String var = expand(m.group(1).strip());
            Cond under = Cond.and(current);
            for (String w : m.group(3).strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(new Mention(var, expand(w), under, range));
                }
            }
        }
        return out;
    }

    private static boolean spaceOutsideParens(String v) {
        int depth = 0;
        for (char c : v.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    private String expand(String w) {
        return w.replace("$(SRCARCH)", srcarch).replace("$(ARCH)", arch)
                .replace("$(BITS)", arch.equals("i386") || arch.equals("x86_32") ? "32" : "64");
    }

    private static String stripComment(String l) {
        int h = l.indexOf('#');
        while (h > 0 && l.charAt(h - 1) == '\\') {
            h = l.indexOf('#', h + 1);
        }
        return h < 0 ? l : l.substring(0, h);
    }

    private static final Pattern LITERAL_IFEQ = Pattern.compile("(ifeq|ifneq)\\s*\\(([^$,()]*),([^$,()]*)\\)");
    private static final Pattern IFEQ = Pattern.compile(
            "(ifeq|ifneq)\\s*\\(\\s*\\$\\(CONFIG_([A-Za-z0-9_]+)\\)\\s*,\\s*([ymn]?)\\s*\\)");
    private static final Pattern IFEQ_SWAPPED = Pattern.compile(
            "(ifeq|ifneq)\\s*\\(\\s*([ymn]?)\\s*,\\s*\\$\\(CONFIG_([A-Za-z0-9_]+)\\)\\s*\\)");

    /** An ifdef/ifeq test over a CONFIG_ variable, else an Opaque part naming the line. */
    private Cond test(String text, SourceRange range) {
        // We build the tree itself, not an external module; ARCH and SRCARCH are known.
        String t = expand(text).replace("$(KBUILD_EXTMOD)", "");
        Matcher lit = LITERAL_IFEQ.matcher(t);
        if (lit.matches()) {
            boolean same = lit.group(2).strip().equals(lit.group(3).strip());
            return same == lit.group(1).equals("ifeq") ? Cond.TRUE : Cond.FALSE;
        }
        String[] w = t.split("\\s+");
        if ((w[0].equals("ifdef") || w[0].equals("ifndef")) && w.length == 2 && w[1].startsWith("CONFIG_")) {
            String s = w[1].substring(7);
            Cond set = Cond.or(new Cond.Defined(s), new Cond.Module(s));
            return w[0].equals("ifdef") ? set : Cond.not(set);
        }
        Matcher a = IFEQ.matcher(t);
        String op = null;
        String sym = null;
        String val = null;
        if (a.matches()) {
            op = a.group(1);
            sym = a.group(2);
            val = a.group(3);
        } else {
            Matcher b = IFEQ_SWAPPED.matcher(t);
            if (b.matches()) {
                op = b.group(1);
                sym = b.group(3);
                val = b.group(2);
            }
        }
        if (op == null) {
            return new Cond.Opaque("kbuild: " + t, range);
        }
        Cond eq = switch (val) {
            case "y" -> new Cond.Defined(sym);
            case "m" -> new Cond.Module(sym);
            default -> Cond.not(Cond.or(new Cond.Defined(sym), new Cond.Module(sym)));
        };
        return op.equals("ifeq") ? eq : Cond.not(eq);
    }
}

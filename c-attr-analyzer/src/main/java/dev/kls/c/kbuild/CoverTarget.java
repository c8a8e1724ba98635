package dev.kls.c.kbuild;

import dev.kls.c.cond.Cond;
import dev.kls.c.pp.Branch;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.PpEnvironment;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.sat.CoverSearch;
import dev.kls.kconfig.semantics.Formula;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a configuration must compile: a C file of the tree and, optionally,
 * some of its lines ({@code FILE[:LINES]}, lines as {@code 12,40-45}).
 */
public record CoverTarget(String file, List<Integer> lines) {

    public CoverTarget {
        lines = List.copyOf(lines);
    }

    /** {@code path/file.c}, {@code path/file.c:12}, {@code path/file.c:12,40-45}. */
    public static CoverTarget parse(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon < 0 || !spec.substring(colon + 1).matches("[0-9,\\-]+")) {
            return new CoverTarget(spec, List.of());
        }
        TreeSet<Integer> lines = new TreeSet<>();
        for (String part : spec.substring(colon + 1).split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] r = part.split("-", -1);
            int a = Integer.parseInt(r[0]);
            int b = r.length > 1 ? Integer.parseInt(r[1]) : a;
            if (a < 1 || b < a || b - a > 100_000) {
                throw new IllegalArgumentException("bad line range '" + part + "' in " + spec);
            }
            for (int i = a; i <= b; i++) {
                lines.add(i);
            }
        }
        return new CoverTarget(spec.substring(0, colon), new ArrayList<>(lines));
    }

    /**
     * The C files a unified diff changes, each with its added lines (numbered
     * in the new file; a hunk that only removes lines gives the line after the
     * removal). Deleted files and files other than {@code .c} are left out:
     * headers are not compiled by themselves.
     */
    public static List<CoverTarget> fromPatch(String diff) {
        java.util.Map<String, TreeSet<Integer>> byFile = new java.util.LinkedHashMap<>();
        String file = null;
        int line = 0;
        for (String l : diff.split("\n", -1)) {
            if (l.startsWith("+++ ")) {
                String name = l.substring(4).split("\t")[0].strip();
                file = name.equals("/dev/null") ? null : name.startsWith("b/") ? name.substring(2) : name;
                if (file != null && !file.endsWith(".c")) {
                    file = null;
                }
                continue;
            }
            if (l.startsWith("--- ")) {
                continue;
            }
            if (l.startsWith("@@")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^@@ -\\S+ \\+(\\d+)").matcher(l);
                if (m.find() && file != null) {
                    line = Integer.parseInt(m.group(1));
                }
                continue;
            }
            if (file == null || line == 0) {
                continue;
            }
            if (l.startsWith("+")) {
                byFile.computeIfAbsent(file, f -> new TreeSet<>()).add(line);
                line++;
            } else if (l.startsWith("-")) {
                byFile.computeIfAbsent(file, f -> new TreeSet<>()).add(line);
            } else if (l.startsWith(" ") || l.isEmpty()) {
                line++;
            }
        }
        List<CoverTarget> out = new ArrayList<>();
        byFile.forEach((f, ls) -> out.add(new CoverTarget(f, new ArrayList<>(ls))));
        return out;
    }

    /**
     * The conjuncts of "this target is compiled": the kbuild condition of the
     * file, then the #if presence condition of each distinct block its lines
     * are in. {@code types} gives the Kconfig symbol types (autoconf.h's meaning).
     *
     * @throws IOException the file cannot be read
     */
    public List<CoverSearch.Part> parts(Path srctree, Kbuild kbuild, String srcarch, Function<String, SymbolType> types)
            throws IOException {
        return parts(kbuild, srcarch, types, lines.isEmpty() ? ""
                : Files.readString(srctree.resolve(file), StandardCharsets.UTF_8));
    }

    /** The same, with the file's text given (an editor's unsaved buffer: its lines are the ones asked about). */
    public List<CoverSearch.Part> parts(Kbuild kbuild, String srcarch, Function<String, SymbolType> types,
            String text) {
        List<CoverSearch.Part> out = new ArrayList<>();
        Kbuild.Result k = kbuild.compiled(file);
        StringBuilder via = new StringBuilder();
        for (Kbuild.Mention m : k.via()) {
            via.append(via.length() == 0 ? "" : ", ").append(m.range().file()).append(':').append(m.range().startLine())
                    .append(' ').append(m.variable()).append(" += ").append(m.word());
        }
        out.add(new CoverSearch.Part("kbuild builds " + k.object() + (via.length() > 0 ? " (" + via + ")" : ""),
                k.condition().toFormula(types)));
        if (lines.isEmpty()) {
            return out;
        }
        FileModel fm = FileModel.parse(file, text, new PpEnvironment(srcarch));
        List<Integer> seen = new ArrayList<>();
        for (int line : lines) {
            if (line > text.split("\n", -1).length) {
                throw new IllegalArgumentException(file + " has no line " + line);
            }
            int off = fm.lines().offset(line, 1);
            int b = innermost(fm, off);
            if (seen.contains(b)) {
                continue;
            }
            seen.add(b);
            Cond c = b < 0 ? Cond.TRUE : fm.presence(b);
            Formula f = c.toFormula(types);
            if (f != Formula.TRUE) {
                Branch br = fm.branches().get(b);
                out.add(new CoverSearch.Part(file + ":" + line + " (in the #" + br.kind() + " at line "
                        + br.directive().startLine() + ")", f));
            }
        }
        return out;
    }

    /** The deepest branch whose body holds the offset, -1 for none. */
    private static int innermost(FileModel fm, int offset) {
        int best = -1;
        for (Branch br : fm.branches()) {
            if (br.bodyStart() <= offset && offset < br.bodyEnd()
                    && (best < 0 || br.bodyStart() >= fm.branches().get(best).bodyStart())) {
                best = br.id();
            }
        }
        return best;
    }
}

package dev.kls.c.pp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of one kernel tree for one SRCARCH: each read and tokenized
 * once, then shared by every query. Includes resolve with the kernel's
 * LINUXINCLUDE order; the asm-generic wrappers that {@code make prepare}
 * would generate (generic-y, mandatory-y) are made up in memory. Nothing
 * outside the tree is read: every path is checked after resolving links.
 */
public final class SourceTree {

    /** Stands for a file that is missing or outside the tree. */
    private static final FileModel MISSING = FileModel.parse("<missing>", "", new PpEnvironment("none"));

    /**
     * Files of the object tree (kbuild's O=) are named with this prefix and
     * their path inside it: {@code $(objtree)/include/generated/bounds.h}.
     */
    public static final String OBJTREE = "$(objtree)/";

    private final Path root;
    private final Path realRoot;
    private final Path objRoot;
    private final Path realObjRoot;
    private final String srcarch;
    private final PpEnvironment env;
    private final List<String> includeDirs = new ArrayList<>();
    private final Set<String> genericAsm = new HashSet<>();
    private final Set<String> genericUapiAsm = new HashSet<>();
    private final Map<String, FileModel> cache = new ConcurrentHashMap<>();
    private final Map<String, Boolean> exists = new ConcurrentHashMap<>();
    private final Map<ResolveKey, Optional<Resolved>> resolved = new ConcurrentHashMap<>();

    public SourceTree(Path root, String srcarch) {
        this(root, srcarch, null);
    }

    /**
     * @param objtree the object tree of an out-of-tree build (kbuild's O=, after {@code make prepare}),
     *        whose generated headers are then read; null, or the source tree itself, for none
     */
    public SourceTree(Path root, String srcarch, Path objtree) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("no source tree at " + root + ": " + e.getMessage(), e);
        }
        Path obj = null;
        Path realObj = null;
        if (objtree != null) {
            try {
                realObj = objtree.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException("no object tree at " + objtree + ": " + e.getMessage(), e);
            }
            obj = realObj.equals(realRoot) ? null : objtree.toAbsolutePath().normalize();
        }
        this.objRoot = obj;
        this.realObjRoot = obj == null ? null : realObj;
        this.srcarch = srcarch;
        this.env = new PpEnvironment(srcarch);
        // LINUXINCLUDE in the top Makefile, then USERINCLUDE's -I list; the generated folders
        // (and, out of tree, $(objtree)/include) are the object tree's
        String a = "arch/" + srcarch + "/include";
        String o = objRoot == null ? "" : OBJTREE;
        List<String> dirs = objRoot == null
                ? List.of(a, a + "/generated", "include", a + "/uapi", a + "/generated/uapi", "include/uapi",
                        "include/generated/uapi")
                : List.of(a, o + a + "/generated", "include", o + "include", a + "/uapi", o + a + "/generated/uapi",
                        "include/uapi", o + "include/generated/uapi");
        for (String d : dirs) {
            if (d.contains("generated") || d.startsWith(OBJTREE) || Files.isDirectory(this.root.resolve(d))) {
                includeDirs.add(d);
            }
        }
        readGenericY(a + "/asm/Kbuild", "include/asm-generic/Kbuild", a + "/asm", genericAsm);
        readGenericY(a + "/uapi/asm/Kbuild", "include/uapi/asm-generic/Kbuild", a + "/uapi/asm", genericUapiAsm);
    }

    private void readGenericY(String archKbuild, String mandatoryKbuild, String archDir, Set<String> out) {
        Set<String> generated = new HashSet<>();
        for (String line : lines(archKbuild)) {
            String[] kv = line.split("\\+=", 2);
            if (kv.length == 2) {
                String key = kv[0].trim();
                for (String f : kv[1].trim().split("\\s+")) {
                    if (key.equals("generic-y")) {
                        out.add(f);
                    } else if (key.equals("generated-y")) {
                        generated.add(f);
                    }
                }
            }
        }
        for (String line : lines(mandatoryKbuild)) {
            String[] kv = line.split("\\+=", 2);
            if (kv.length == 2 && kv[0].trim().equals("mandatory-y")) {
                for (String f : kv[1].trim().split("\\s+")) {
                    if (!generated.contains(f) && !isFile(archDir + "/" + f)) {
                        out.add(f);
                    }
                }
            }
        }
    }

    private List<String> lines(String rel) {
        String t = read(rel);
        return t == null ? List.of() : List.of(t.split("\n"));
    }

    public Path root() {
        return root;
    }

    /** The object tree whose generated headers are read, or null. */
    public Path objtree() {
        return objRoot;
    }

    public String srcarch() {
        return srcarch;
    }

    public PpEnvironment environment() {
        return env;
    }

    /** The -I directories in search order, relative to the tree. */
    public List<String> includeDirs() {
        return List.copyOf(includeDirs);
    }

    /** The files kbuild passes with -include to every C file, those the tree has. */
    public List<String> implicitIncludes() {
        List<String> l = new ArrayList<>();
        for (String f : List.of("include/linux/compiler-version.h", "include/linux/kconfig.h",
                "include/linux/compiler_types.h")) {
            if (isFile(f)) {
                l.add(f);
            }
        }
        return l;
    }

    /** The model of a file of the tree, or null when it is missing or resolves outside the tree. */
    public FileModel file(String rel) {
        FileModel m = cache.computeIfAbsent(rel, r -> {
            String text = synthetic(r);
            if (text == null) {
                text = read(r);
            }
            return text == null ? MISSING : FileModel.parse(r, text, env);
        });
        return m == MISSING ? null : m;
    }

    /** The model of a file when it has been read already, else null (reads nothing). */
    public FileModel cached(String rel) {
        FileModel m = cache.get(rel);
        return m == MISSING ? null : m;
    }

    /** A model of unsaved text (an editor buffer), not cached. */
    public FileModel parse(String rel, String text) {
        return FileModel.parse(rel, text, env);
    }

    /** Drops a cached file (after it changed on disk). */
    public void invalidate(String rel) {
        cache.remove(rel);
        if (exists.remove(rel) != null) {
            resolved.clear(); // a file that appeared or went away can change where any include leads
        }
    }

    private String synthetic(String rel) {
        if (rel.startsWith(OBJTREE)) {
            if (inside(rel) != null) {
                return null; // make prepare wrote it
            }
            rel = rel.substring(OBJTREE.length());
        }
        String g = "arch/" + srcarch + "/include/generated/asm/";
        String gu = "arch/" + srcarch + "/include/generated/uapi/asm/";
        if (rel.startsWith(g) && genericAsm.contains(rel.substring(g.length()))) {
            return "#include <asm-generic/" + rel.substring(g.length()) + ">\n";
        }
        if (rel.startsWith(gu) && genericUapiAsm.contains(rel.substring(gu.length()))) {
            return "#include <asm-generic/" + rel.substring(gu.length()) + ">\n";
        }
        return null;
    }

    private String read(String rel) {
        Path p = inside(rel);
        if (p == null) {
            return null;
        }
        try {
            byte[] b = Files.readAllBytes(p);
            return new String(b, StandardCharsets.UTF_8); // malformed bytes become U+FFFD, never an error
        } catch (IOException e) {
            return null;
        }
    }

    /** The real path of a tree-relative file when it is a regular file inside the tree (or the object tree). */
    private Path inside(String rel) {
        if (rel.startsWith("/") || rel.contains("\\")) {
            return null;
        }
        Path base = root;
        Path realBase = realRoot;
        if (rel.startsWith(OBJTREE)) {
            if (objRoot == null) {
                return null;
            }
            base = objRoot;
            realBase = realObjRoot;
            rel = rel.substring(OBJTREE.length());
        }
        Path p = base.resolve(rel).normalize();
        if (!p.startsWith(base) || !Files.isRegularFile(p)) {
            return null;
        }
        try {
            Path real = p.toRealPath();
            return real.startsWith(realBase) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    public boolean isFile(String rel) {
        return exists.computeIfAbsent(rel, r -> synthetic(r) != null || inside(r) != null);
    }

    /** A resolved include: the file, and the index of the -I directory it was found in (-1: beside the includer). */
    public record Resolved(String path, int dirIndex) {
    }

    /**
     * Resolves {@code header} as {@code #include} would from {@code includer};
     * {@code afterDir} >= 0 searches only the directories after it ({@code #include_next}).
     */
    public Resolved resolve(String header, boolean angled, String includer, int afterDir) {
        if (header == null || header.isEmpty() || header.startsWith("/")) {
            return null;
        }
        String dir = null;
        if (!angled && afterDir < 0 && includer != null) {
            int slash = includer.lastIndexOf('/');
            dir = slash < 0 ? "" : includer.substring(0, slash + 1);
        }
        // Every configuration's directive pass resolves the same includes again (a tenth of a lint's time
        // went to path normalising); the answer depends only on these three, and existence is cached anyway.
        return resolved.computeIfAbsent(new ResolveKey(header, dir, afterDir), k -> Optional.ofNullable(
                resolveUncached(k.header(), k.dir(), k.afterDir()))).orElse(null);
    }

    private record ResolveKey(String header, String dir, int afterDir) {
    }

    /** {@code dir}: the includer's folder for a quoted include searched beside it first, else null. */
    private Resolved resolveUncached(String header, String dir, int afterDir) {
        if (dir != null) {
            String cand = normalize(dir + header);
            // "../" never leads from the object tree into the source tree or back
            if (cand != null && cand.startsWith(OBJTREE) == dir.startsWith(OBJTREE) && isFile(cand)) {
                return new Resolved(cand, -1);
            }
        }
        for (int i = afterDir + 1; i < includeDirs.size(); i++) {
            String cand = normalize(includeDirs.get(i) + "/" + header);
            if (cand != null && cand.startsWith(OBJTREE) == includeDirs.get(i).startsWith(OBJTREE) && isFile(cand)) {
                return new Resolved(cand, i);
            }
        }
        return null;
    }

    /** The -I directory index a file lies in (for #include_next), -1 when none. */
    public int dirIndexOf(String rel) {
        int best = -1;
        int len = -1;
        for (int i = 0; i < includeDirs.size(); i++) {
            String d = includeDirs.get(i) + "/";
            if (rel.startsWith(d) && d.length() > len) {
                best = i;
                len = d.length();
            }
        }
        return best;
    }

    private static String normalize(String rel) {
        // A NUL in an #include name (binary or half-typed text) names no file; Path.of would throw (CBodyFuzz).
        if (rel.indexOf('\0') >= 0) {
            return null;
        }
        Path p = Path.of(rel).normalize();
        String s = p.toString().replace('\\', '/');
        return s.startsWith("..") ? null : s;
    }

    /** Number of files read so far (for measurements). */
    public int cachedFiles() {
        return cache.size();
    }
}

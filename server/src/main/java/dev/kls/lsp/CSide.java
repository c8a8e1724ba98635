package dev.kls.lsp;

import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.Configuration;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.c.body.FileBodies;
import dev.kls.c.graph.CallGraph;
import dev.kls.c.graph.ProjectIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The C analyzer of the workspace: one {@link CProject} for the tree and its
 * SRCARCH, shared with the rules the engine runs (headers are read and
 * tokenized once), the models of open C documents by version, and the C view
 * of the current configuration.
 */
public final class CSide {

    private final Path root;
    private volatile CProject project;
    private final Map<String, Parsed> open = new ConcurrentHashMap<>();
    private volatile Configured configured;

    private record Parsed(int version, CFile file) {
    }

    private record Configured(ConfigResult config, CProject project, Configuration configuration) {
    }

    public CSide(Path root) {
        this.root = root;
    }

    /** The project for the snapshot's SRCARCH (a new one when ARCH changed); null before the tree is read. */
    public CProject project(Snapshot s) {
        if (s.kconfig() == null) {
            return null;
        }
        String srcarch = s.kconfig().environment().srcarch();
        CProject p = project;
        if (p == null || !p.srcarch().equals(srcarch)) {
            synchronized (this) {
                p = project;
                if (p == null || !p.srcarch().equals(srcarch)) {
                    p = CProject.open(root, srcarch);
                    p.cacheBodies(dev.kls.c.cache.BodyCache.standard()); // KLS_CACHE_DIR=off: none
                    project = p;
                    open.clear();
                }
            }
        }
        return p;
    }

    /** The model of an open C document as it is now; null when it is not a C file of the tree. */
    public CFile file(Snapshot s, Document d) {
        CProject p = project(s);
        if (p == null || d.kind() != FileKind.C || d.path() == null) {
            return null;
        }
        Parsed cached = open.get(d.uri());
        if (cached != null && cached.version() == d.version()) {
            return cached.file();
        }
        CFile f = p.file(d.path(), d.text());
        open.put(d.uri(), new Parsed(d.version(), f));
        return f;
    }

    /** The snapshot's values as the C side takes them (the ABI follows 64BIT); null before there are values. */
    public Configuration configuration(Snapshot s) {
        CProject p = project(s);
        if (p == null || s.config() == null) {
            return null;
        }
        Configured c = configured;
        if (c == null || c.config() != s.config() || c.project() != p) {
            c = new Configured(s.config(), p, p.configuration(s.derived().writtenValues()));
            configured = c;
        }
        return c.configuration();
    }

    public void closed(String uri) {
        Parsed was = open.remove(uri);
        if (was != null) {
            synchronized (graphLock) {
                stale.add(was.file().path()); // back to the text on disk
            }
        }
    }

    /** A file changed on disk: headers are read again from there. */
    public void changedOnDisk(String path) {
        CProject p = project;
        if (p != null) {
            p.invalidate(path);
        }
        synchronized (graphLock) {
            stale.add(path);
        }
    }

    // ---------------------------------------------------------------- the call graph

    private final Object graphLock = new Object();
    private ProjectIndex index;
    private CallGraph graph;
    private CProject graphProject;
    /** Open C documents put into the index, by path: the version put. */
    private final Map<String, Integer> overlaid = new HashMap<>();
    /** Files to read again from disk (closed, or changed there). */
    private final Set<String> stale = new HashSet<>();

    /** The folders indexed: a top folder ("mm"), an architecture's ("arch/x86"), or "" for the root's own files. */
    private final Set<String> folders = new HashSet<>();

    /** The folder of a tree-relative file that the graph indexes with it. */
    static String folderOf(String path) {
        String[] parts = path.split("/");
        if (parts.length == 1) {
            return "";
        }
        return parts[0].equals("arch") && parts.length > 2 ? "arch/" + parts[1] : parts[0];
    }

    /**
     * The call graph of the C files in the folders of the open C documents
     * (a kernel's "mm", "arch/x86", ...; the root's own files for a tree such
     * as crash's), with their unsaved text: a folder is indexed when a file of
     * it is first opened, then one file is read again per edit
     * ({@link CallGraph#update}). Null before the tree is read.
     */
    public CallGraph callGraph(Snapshot s, Collection<Document> docs) {
        CProject p = project(s);
        if (p == null) {
            return null;
        }
        synchronized (graphLock) {
            if (graph == null || graphProject != p) {
                index = new ProjectIndex();
                graph = CallGraph.build(index);
                graphProject = p;
                overlaid.clear();
                stale.clear();
                folders.clear();
            }
            Set<String> wanted = new HashSet<>();
            for (Document d : docs) {
                if (d.kind() == FileKind.C && d.path() != null && d.path().endsWith(".c")) {
                    wanted.add(folderOf(d.path()));
                }
            }
            wanted.removeAll(folders);
            if (!wanted.isEmpty()) {
                List<String> files = cFiles(p.srcarch()).stream().filter(f -> wanted.contains(folderOf(f))).toList();
                ProjectIndex.of(p, files).files().forEach(index::put);
                folders.addAll(wanted);
                graph = CallGraph.build(index);
                overlaid.clear(); // the open documents are put again below, over the disk's text
            }
            for (String path : stale) {
                if (path.endsWith(".c") && folders.contains(folderOf(path)) && !overlaid.containsKey(path)) {
                    FileBodies before = index.file(path);
                    CFile f = p.file(path);
                    if (f != null) {
                        index.put(f.functions());
                    } else {
                        index.remove(path);
                    }
                    graph = graph.update(path, before);
                }
            }
            stale.clear();
            Set<String> nowOpen = new HashSet<>();
            for (Document d : docs) {
                if (d.kind() != FileKind.C || d.path() == null || !d.path().endsWith(".c")) {
                    continue;
                }
                nowOpen.add(d.path());
                Integer v = overlaid.get(d.path());
                if (v != null && v == d.version()) {
                    continue;
                }
                FileBodies before = index.file(d.path());
                index.put(file(s, d).functions());
                graph = graph.update(d.path(), before);
                overlaid.put(d.path(), d.version());
            }
            for (String path : new ArrayList<>(overlaid.keySet())) {
                if (!nowOpen.contains(path)) {
                    overlaid.remove(path);
                    FileBodies before = index.file(path);
                    CFile f = p.file(path);
                    if (f != null) {
                        index.put(f.functions());
                        graph = graph.update(path, before);
                    }
                }
            }
            return graph;
        }
    }

    /** The tree's .c files, hidden folders and other architectures left out, no symbolic links followed. */
    private List<String> cFiles(String srcarch) {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    String rel = root.relativize(dir).toString().replace('\\', '/');
                    boolean otherArch = rel.startsWith("arch/") && rel.split("/").length == 2
                            && !rel.equals("arch/" + srcarch);
                    return !dir.equals(root) && (name.startsWith(".") || otherArch) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.toString().endsWith(".c")) {
                        out.add(root.relativize(file).toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }
}

package dev.kls.lsp;

import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.Configuration;
import dev.kls.kconfig.eval.ConfigResult;
import java.nio.file.Path;
import java.util.Map;
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
        open.remove(uri);
    }

    /** A file changed on disk: headers are read again from there. */
    public void changedOnDisk(String path) {
        CProject p = project;
        if (p != null) {
            p.invalidate(path);
        }
    }
}

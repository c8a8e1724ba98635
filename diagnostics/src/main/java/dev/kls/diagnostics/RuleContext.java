package dev.kls.diagnostics;

import dev.kls.kconfig.Kconfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * Everything a rule may read, shared by all rules of one run: the tree and its
 * Kconfig, the evaluated configuration when there is one, file texts (editor
 * buffers first), the tree's source files, and a cache of analyses that
 * several rules share (a C index, a SAT model) so each is built once.
 */
public final class RuleContext {

    private final CheckedTree workspace;
    private final ConcurrentHashMap<String, String> texts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Class<?>, FutureTask<Object>> shared = new ConcurrentHashMap<>();
    private volatile List<String> allFiles;
    private final RuleSettings settings;
    private volatile List<CMatchers.Matching> matching = List.of();

    public RuleContext(CheckedTree workspace) {
        this(workspace, Map.of());
    }

    /**
     * @param preset analyses the caller already has (a language server keeps its C project and
     *               the names every Kconfig file defines between runs), keyed as {@link #shared} keys them
     * @param settings the workspace settings, for {@link #option}
     */
    public RuleContext(CheckedTree workspace, Map<Class<?>, ?> preset) {
        this(workspace, preset, RuleSettings.none());
    }

    /** As {@link #RuleContext(CheckedTree, Map)}, with the workspace settings rules may read ({@link #settings()}). */
    public RuleContext(CheckedTree workspace, Map<Class<?>, ?> preset, RuleSettings settings) {
        this.workspace = workspace;
        this.settings = settings == null ? RuleSettings.none() : settings;
        preset.forEach((key, value) -> {
            FutureTask<Object> done = new FutureTask<>(() -> key.cast(value));
            done.run();
            shared.put(key, done);
        });
    }

    public CheckedTree workspace() {
        return workspace;
    }

    /** The workspace settings (a rule's own options, such as name patterns). */
    public RuleSettings settings() {
        return settings;
    }

    /** Absolute, normalized tree root. */
    public Path srctree() {
        return workspace.srctree();
    }

    /** ARCH as given (x86, i386, ...); "x86" for a plain C tree. */
    public String arch() {
        return workspace.kconfig() == null ? "x86" : workspace.kconfig().environment().arch();
    }

    /**
     * The run's one C project (headers read once for every rule): the caller's when it preset one, else
     * opened for the tree's SRCARCH (x86 for a plain C tree).
     */
    public dev.kls.c.CProject cProject() {
        return shared(dev.kls.c.CProject.class, c -> dev.kls.c.CProject.open(c.srctree(),
                c.kconfig() == null ? "x86" : c.kconfig().environment().srcarch()));
    }

    /**
     * The run's one call graph of the C files in scope (the whole tree
     * without PATHs; another SRCARCH's {@code arch/} left out; editor buffers
     * as their text), built once for every rule that asks, from the run's
     * {@link #cProject()} (so the bodies other rules read are read once). A
     * language server hands in the graph of the whole tree it keeps up to
     * date per edit ({@code CallGraph.update}).
     */
    public dev.kls.c.graph.CallGraph callGraph() {
        return shared(dev.kls.c.graph.CallGraph.class, c -> {
            try {
                String srcarch = c.kconfig() != null ? c.kconfig().environment().srcarch() : "x86";
                dev.kls.c.CProject project = c.cProject();
                List<String> disk = new ArrayList<>();
                List<String> buffers = new ArrayList<>();
                for (String f : c.sourceFiles(Set.of(".c"))) {
                    if (f.startsWith("arch/") && !f.startsWith("arch/" + srcarch + "/") && c.kconfig() != null) {
                        continue; // another architecture's code is never built with this one
                    }
                    (c.workspace().overlays().containsKey(f) ? buffers : disk).add(f);
                }
                dev.kls.c.graph.ProjectIndex ix = dev.kls.c.graph.ProjectIndex.of(project, disk);
                for (String f : buffers) {
                    dev.kls.c.CFile cf = project.file(f, c.text(f));
                    if (cf != null) {
                        ix.put(cf.functions());
                    }
                }
                return dev.kls.c.graph.CallGraph.build(ix);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The tree's Kconfig; null for a plain C tree (only rules without {@link Input#KCONFIG} run then). */
    public Kconfig kconfig() {
        return workspace.kconfig();
    }

    /** The evaluated configuration; present whenever a rule declaring {@link Input#CONFIGURATION} runs. */
    public Optional<EvaluatedConfig> configuration() {
        return Optional.ofNullable(workspace.configuration());
    }

    /** Whether findings in this tree-relative file are reported. */
    public boolean inScope(String file) {
        return workspace.inScope(file);
    }

    /** The text of a tree-relative file: the editor's buffer when there is one, else the disk (cached). */
    public String text(String file) throws IOException {
        String overlay = workspace.overlays().get(file);
        if (overlay != null) {
            return overlay;
        }
        try {
            return texts.computeIfAbsent(file, f -> {
                try {
                    return new String(Files.readAllBytes(resolve(f)), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A tree-relative path as an absolute one; refuses paths that leave the tree. */
    public Path resolve(String file) throws IOException {
        Path p = srctree().resolve(file).normalize();
        if (!p.startsWith(srctree())) {
            throw new IOException(file + " is outside the source tree");
        }
        return p;
    }

    /**
     * Regular files of the tree in scope whose names end with one of
     * {@code extensions} (".c", ".h"), tree-relative and sorted. Hidden folders
     * and symbolic links are not followed: nothing outside the tree is read.
     */
    public List<String> sourceFiles(Set<String> extensions) throws IOException {
        List<String> named = namedFiles();
        if (named != null) {
            // The scope names files only (an editor's open buffers): no need to walk the tree.
            List<String> out = new ArrayList<>();
            for (String f : named) {
                String lower = f.toLowerCase(Locale.ROOT);
                if (extensions.stream().anyMatch(lower::endsWith)) {
                    out.add(f);
                }
            }
            return out;
        }
        List<String> files = allFiles;
        if (files == null) {
            files = walk();
            allFiles = files;
        }
        List<String> out = new ArrayList<>();
        for (String f : files) {
            String lower = f.toLowerCase(Locale.ROOT);
            if (extensions.stream().anyMatch(lower::endsWith) && inScope(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The scope's entries, sorted, when each is a file (on disk or as an overlay); else null. */
    private List<String> namedFiles() throws IOException {
        if (workspace.scope().isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : workspace.scope()) {
            if (!workspace.overlays().containsKey(s) && !Files.isRegularFile(resolve(s), LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            out.add(s);
        }
        out.sort(null);
        return out;
    }

    private List<String> walk() throws IOException {
        List<String> out = new ArrayList<>();
        Path root = srctree();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(root) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    out.add(root.relativize(file).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return List.copyOf(out);
    }

    /**
     * An analysis shared by the rules of this run, computed once on first use
     * (by whichever rule asks first) and keyed by its class.
     */
    public <T> T shared(Class<T> key, Function<RuleContext, T> compute) {
        FutureTask<Object> mine = new FutureTask<>(() -> compute.apply(this));
        FutureTask<Object> task = shared.putIfAbsent(key, mine);
        if (task == null) {
            task = mine;
            mine.run(); // outside the map's lock: an analysis may ask for another one
        }
        try {
            return key.cast(task.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("rule cancelled while waiting for " + key.getSimpleName());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** A rule's option: the workspace settings' value, else the rule's default ({@link Rule#options()}). */
    public List<String> option(Rule rule, String name) {
        List<String> set = settings.options(rule.id()).get(name);
        if (set != null) {
            return set;
        }
        List<String> d = rule.options().get(name);
        if (d == null) {
            throw new IllegalArgumentException("rule " + rule.id() + " has no option " + name);
        }
        return d;
    }

    /** The rules of this run that read the C files through {@link CMatchers}: one walk feeds them all. */
    List<CMatchers.Matching> matchingRules() {
        return matching;
    }

    void matchingRules(List<CMatchers.Matching> rules) {
        matching = List.copyOf(rules);
    }

    /** Throws when the engine has given up on the running rule (its time is up). */
    public void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("rule cancelled");
        }
    }
}

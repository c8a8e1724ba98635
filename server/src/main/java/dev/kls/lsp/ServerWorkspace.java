package dev.kls.lsp;

import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.MacroCache;
import dev.kls.kconfig.KbuildEnvironment;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.lsp.findings.RuleRunner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * The server's state and its one writer. Reading the tree, evaluating the
 * configuration and analysing edits happen on one analysis thread, in order;
 * each step publishes a new immutable {@link Snapshot} that requests read
 * without waiting. The tree-wide name index fills in on its own thread.
 * An edit re-analyses only its own file: a Kconfig file is parsed again and
 * spliced into the tree (then the model and values are rebuilt), a C file or
 * Makefile is scanned again, a .config is evaluated again.
 */
public final class ServerWorkspace {

    private static final Logger LOG = Logger.getLogger(ServerWorkspace.class.getName());

    private final Path root;
    private final Map<String, String> env;
    private final RuleRunner rules = new RuleRunner();
    private final CSide cSide;
    /** The findings last published for each open document, for its quick fixes. */
    private final Map<String, Analysed> analysed = new java.util.concurrent.ConcurrentHashMap<>();
    private final Documents documents = new Documents();
    private final Consumer<PublishDiagnosticsParams> publisher;
    private final Supplier<ProgressReporter> progress;
    private final ExecutorService analysis = Executors.newSingleThreadExecutor(daemon("kls-analysis"));
    private final ExecutorService indexer = Executors.newSingleThreadExecutor(daemon("kls-index"));
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final AtomicInteger generation = new AtomicInteger();
    /** Kconfig files whose tree copy is the editor's text rather than the disk's. */
    private final Set<String> spliced = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The settings of the last reading started, so that the same settings do not start another. */
    private volatile ServerSettings started;
    private volatile CompletableFuture<Void> indexed = new CompletableFuture<>();
    private volatile CompletableFuture<Void> modelReady = new CompletableFuture<>();

    /**
     * @param publisher receives diagnostics for open documents
     * @param progress  makes a reporter for each indexing run
     */
    public ServerWorkspace(Path root, Map<String, String> env, Consumer<PublishDiagnosticsParams> publisher,
            Supplier<ProgressReporter> progress) {
        this.root = root.toAbsolutePath().normalize();
        this.env = env;
        this.cSide = new CSide(this.root);
        this.publisher = publisher;
        this.progress = progress;
        snapshot.set(Snapshot.of(this.root, ServerSettings.defaults(), null, null, "nothing yet (indexing)", null, null,
                new TreeIndex()));
    }

    public Path root() {
        return root;
    }

    public Snapshot snapshot() {
        return snapshot.get();
    }

    public Documents documents() {
        return documents;
    }

    /** The C analyzer, shared by the C features and the rules. */
    public CSide cSide() {
        return cSide;
    }

    /** The findings of one document's version, with their fixes. */
    private record Analysed(int version, List<Finding> findings) {
    }

    /** Completes when the Kconfig model and values are in (requests then get full answers but references). */
    public CompletableFuture<Void> modelReady() {
        return modelReady;
    }

    /** Completes when the whole tree is indexed. */
    public CompletableFuture<Void> indexed() {
        return indexed;
    }

    /** Reads the tree with these settings (again, if it was read), reporting progress. */
    public void start(ServerSettings settings) {
        started = settings;
        int gen = generation.incrementAndGet();
        CompletableFuture<Void> done = indexed.isDone() ? new CompletableFuture<>() : indexed;
        CompletableFuture<Void> model = modelReady.isDone() ? new CompletableFuture<>() : modelReady;
        indexed = done;
        modelReady = model;
        analysis.execute(() -> load(gen, settings, done, model));
    }

    /** New settings: the tree is read again only if ARCH, the configuration or the shell policy changed. */
    public void configure(ServerSettings settings) {
        if (started != null && started.sameTree(settings)) {
            started = settings;
            analysis.execute(() -> {
                Snapshot cur = snapshot.get();
                if (cur.kconfig() == null) {
                    return; // still reading: the reading's own snapshot takes over (rule settings aside)
                }
                snapshot.set(cur.withSettings(settings));
                publishAll();
            });
        } else {
            start(settings);
        }
    }

    /** The kernelVersion setting over the tree's own release; a bad one is logged and ignored. */
    private static Kconfig withRelease(Kconfig k, String version) {
        if (version != null && !version.isBlank()) {
            try {
                k = k.withRelease(dev.kls.kconfig.semantics.KconfigRelease.of(version, "setting kernelVersion"));
            } catch (IllegalArgumentException e) {
                System.err.println("kls: setting kernelVersion: " + e.getMessage() + "; using the tree's release");
            }
        }
        if (k.release().note() != null) {
            System.err.println("kls: note: " + k.release().note());
        }
        return k;
    }

    private void load(int gen, ServerSettings settings, CompletableFuture<Void> done, CompletableFuture<Void> model) {
        ProgressReporter p = progress.get();
        p.begin("kls: indexing", "reading Kconfig for ARCH=" + settings.tree().arch);
        try {
            // A root with a Kconfig but no arch/ is not a Linux tree (Zephyr, Buildroot, U-Boot, ...):
            // read its Kconfig alone, with no ARCH or SRCARCH made up for it.
            Kconfig k = Files.isRegularFile(root.resolve("Kconfig")) && !Files.isDirectory(root.resolve("arch"))
                    ? Kconfig.loadFile(root, "Kconfig", settings.tree().allowShell, env, MacroCache.defaultFile(root))
                    // The macro cache `kls lint` and `kls config` use: the editor shows the values they compute.
                    : Kconfig.load(root, settings.tree().arch, settings.tree().allowShell, env,
                            MacroCache.defaultFile(root));
            k = withRelease(k, settings.tree().kernelVersion);
            if (gen != generation.get()) {
                p.end("superseded");
                return;
            }
            TreeIndex index = new TreeIndex();
            Snapshot s = Snapshot.of(root, settings, k, null, "nothing yet (evaluating)", null, null, index);
            // Open documents may hold text the disk does not have yet.
            spliced.clear();
            for (Document d : documents.all()) {
                if (d.kind() == FileKind.KCONFIG && d.path() != null && s.kconfigFiles().containsKey(d.path())
                        && !d.text().equals(readOrNull(d.path()))) {
                    Kconfig spliced = KconfigSplicer.splice(k, d.path(), d.text());
                    if (spliced != null) {
                        k = spliced;
                        this.spliced.add(d.path());
                    }
                }
            }
            p.report("evaluating the configuration", 10);
            ServerSettings latest = started;
            s = evaluate(latest != null && latest.sameTree(settings) ? latest : settings, k, index);
            snapshot.set(s);
            model.complete(null);
            publishAll();
            Snapshot base = s;
            indexer.execute(() -> index(gen, base, p, done));
        } catch (Kconfig.InputException e) {
            LOG.warning("kls: " + e.getMessage());
            treeProblems.accept(e.getMessage());
            p.end("not a kernel tree: " + e.getMessage());
            model.complete(null);
            done.complete(null);
            publishAll(); // what each file says on its own
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "kls: reading the tree failed", e);
            p.end("failed: " + e);
            model.completeExceptionally(e);
            done.completeExceptionally(e);
        }
    }

    private void index(int gen, Snapshot base, ProgressReporter p, CompletableFuture<Void> done) {
        try {
            base.index().build(root, base.kconfigFiles(), base.macros(),
                    pct -> p.report("indexing CONFIG_ names", 10 + pct * 90 / 100), () -> gen != generation.get());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "kls: indexing stopped", e);
        }
        p.end(base.index().complete() ? "indexed " + base.index().fileCount() + " files" : "stopped");
        done.complete(null);
        if (base.index().complete() && !analysis.isShutdown()) {
            try {
                analysis.execute(this::publishAll); // names of other ARCHes are known now
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.fine("kls: shut down while indexing");
            }
        }
    }

    /**
     * The configuration the values come from: the setting, else .config, else
     * the arch's defconfig, else defaults. The first two are also what the
     * rules check, as kls lint checks --config or the tree's .config; a
     * defconfig picked only to have values is not.
     */
    private Snapshot evaluate(ServerSettings settings, Kconfig k, TreeIndex index) {
        String configured = settings.tree().config;
        Path file = null;
        boolean checked = true;
        if (configured != null && !configured.isBlank()) {
            file = root.resolve(configured).normalize();
        } else if (Files.isRegularFile(root.resolve(".config"))) {
            file = root.resolve(".config");
        } else {
            file = defconfig(settings.tree().arch);
            checked = false;
        }
        DotConfig input = null;
        String rel = null;
        ConfigTarget target = ConfigTarget.ALLDEFCONFIG;
        String source = "alldefconfig (no .config and no defconfig for ARCH=" + settings.tree().arch + ")";
        if (file != null) {
            rel = file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : file.toString();
            Document open = documents.byPath(rel);
            String text = open != null ? open.text() : readOrNull(rel);
            if (text != null) {
                input = DotConfig.parse(rel, text);
                target = FileKind.isDefconfig(file.getFileName().toString()) ? ConfigTarget.DEFCONFIG
                        : ConfigTarget.OLDDEFCONFIG;
                source = rel + (target == ConfigTarget.DEFCONFIG ? " (defconfig)" : "");
            } else {
                source = "alldefconfig (" + rel + " cannot be read)";
            }
        }
        ConfigResult r = ConfigEvaluator.run(k.tree(), target, input);
        EvaluatedConfig check = checked && input != null ? new EvaluatedConfig(rel, r) : null;
        return Snapshot.of(root, settings, k, r, source, input, check, index);
    }

    /** arch/SRCARCH/configs/ARCH_defconfig, else (ARCH=x86) x86_64_defconfig, else configs/defconfig. */
    private Path defconfig(String arch) {
        String srcarch = KbuildEnvironment.srcarchOf(arch);
        Path configs = root.resolve("arch").resolve(srcarch).resolve("configs");
        List<Path> candidates = new ArrayList<>();
        candidates.add(configs.resolve(arch + "_defconfig"));
        if (arch.equals("x86")) {
            candidates.add(configs.resolve("x86_64_defconfig")); // what arch/x86/Makefile picks on a 64-bit host
        }
        candidates.add(configs.resolve("defconfig"));
        candidates.add(root.resolve("arch").resolve(srcarch).resolve("defconfig"));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    private String readOrNull(String rel) {
        try {
            return new String(Files.readAllBytes(root.resolve(rel)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    // ---- documents ----

    /** The workspace-relative path of a file: URI, or null when it is outside the root. */
    public String pathOf(String uri) {
        try {
            Path p = Path.of(URI.create(uri)).toAbsolutePath().normalize();
            return p.startsWith(root) ? root.relativize(p).toString().replace('\\', '/') : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null; // not a file: URI (an untitled buffer): analysed on its own
        }
    }

    public void open(String uri, int version, String text) {
        String path = pathOf(uri);
        String name = (path != null ? path : uri).substring((path != null ? path : uri).lastIndexOf('/') + 1);
        documents.put(new Document(uri, path, FileKind.of(name), version, text));
        analysis.execute(() -> analyse(uri, version, true));
    }

    public void change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        Document d = documents.get(uri);
        if (d == null) {
            return;
        }
        documents.put(d.withText(version, Documents.apply(d.text(), changes)));
        analysis.execute(() -> analyse(uri, version, false));
    }

    public void close(String uri) {
        Document d = documents.remove(uri);
        if (d == null) {
            return;
        }
        // Back to what the disk says, as if the edit had never been made.
        analysis.execute(() -> {
            if (d.path() != null && snapshot.get().kconfig() != null) {
                String disk = readOrNull(d.path());
                if (disk != null && !disk.equals(d.text())) {
                    reanalyse(new Document(d.uri(), d.path(), d.kind(), d.version(), disk), false);
                }
            }
            analysed.remove(uri);
            cSide.closed(uri);
            publisher.accept(new PublishDiagnosticsParams(uri, List.of()));
        });
    }

    /** Runs {@code r} after every change queued so far has been analysed. */
    public CompletableFuture<Void> afterPending() {
        return CompletableFuture.runAsync(() -> { }, analysis);
    }

    /** @param opened the document was just opened (not edited): the tree may have its text already */
    private void analyse(String uri, int version, boolean opened) {
        Document d = documents.get(uri);
        if (d == null || d.version() != version) {
            return; // a newer change is queued behind this one
        }
        if (!modelReady.isDone()) {
            return; // the first reading of the tree publishes every open document when it is done
        }
        try {
            switch (reanalyse(d, opened)) {
                case ALL -> publishAll();
                case SELF -> publish(d);
                case DONE -> { }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "kls: analysing " + uri + " failed", e);
        }
    }

    /** Whose diagnostics an analysis leaves to publish. */
    private enum Publish {
        /** The edited document's. */
        SELF,
        /** Every open document's: the tree or the values changed. */
        ALL,
        /** None: the analysis published them itself. */
        DONE
    }

    /** Brings the snapshot in step with one file's text. */
    private Publish reanalyse(Document d, boolean opened) {
        Snapshot s = snapshot.get();
        if (s.kconfig() == null || d.path() == null) {
            return Publish.SELF;
        }
        switch (d.kind()) {
            case KCONFIG: {
                KconfigFile before = s.kconfigFiles().get(d.path());
                if (before == null) {
                    s.index().put(d.path(), TreeIndex.scan(d.path(), d.text(), s.macros()));
                    return Publish.SELF;
                }
                if (opened && !spliced.contains(d.path()) && d.text().equals(readOrNull(d.path()))) {
                    return Publish.SELF; // opened as it is on disk: the tree has it already
                }
                Kconfig k = KconfigSplicer.splice(s.kconfig(), d.path(), d.text());
                spliced.add(d.path());
                KconfigFile after = k.tree().files().stream().filter(f -> f.path().equals(d.path())).findFirst()
                        .orElse(null);
                s.index().put(d.path(), after != null ? KconfigRefs.of(after) : List.of());
                if (s.checked() != null) {
                    snapshot.set(evaluate(s.settings(), k, s.index()));
                    return Publish.ALL;
                }
                // No configuration is checked, so no rule reads values: the diagnostics go out first,
                // then the values hovers and hints show are computed again.
                publish(documents.all(), Snapshot.of(root, s.settings(), k, null, s.configSource(), s.input(), null,
                        s.index()));
                snapshot.set(evaluate(s.settings(), k, s.index()));
                return Publish.DONE;
            }
            case DOTCONFIG: {
                if (d.path().equals(configPath(s))) {
                    snapshot.set(evaluate(s.settings(), s.kconfig(), s.index()));
                    return Publish.ALL;
                }
                s.index().put(d.path(), ConfigTextScanner.scan(d.path(), d.text()));
                return Publish.SELF;
            }
            case C:
            case MAKEFILE:
                s.index().put(d.path(), ConfigTextScanner.scan(d.path(), d.text()));
                return Publish.SELF;
            default:
                return Publish.SELF;
        }
    }

    /** The workspace-relative path the values were read from (null for alldefconfig). */
    private static String configPath(Snapshot s) {
        String src = s.configSource();
        int sp = src.indexOf(' ');
        return sp < 0 ? src : src.substring(0, sp);
    }

    private void publishAll() {
        publish(documents.all(), snapshot.get());
    }

    /** Computes and sends a document's diagnostics, unless a newer version arrives meanwhile. */
    public void publish(Document d) {
        publish(List.of(d), snapshot.get());
    }

    /**
     * Runs the rules once over these documents and sends each its diagnostics;
     * a document edited meanwhile is skipped (its own analysis is queued).
     */
    private void publish(java.util.Collection<Document> docs, Snapshot s) {
        List<Document> current = new ArrayList<>();
        for (Document d : docs) {
            if (isCurrent(d)) {
                current.add(d);
            }
        }
        if (current.isEmpty()) {
            return;
        }
        boolean cDocs = current.stream().anyMatch(d -> d.kind() == FileKind.C);
        Map<String, List<Finding>> found = rules.run(s, current, documents.all(), cSide.project(s),
                cDocs ? cSide.callGraph(s, documents.all()) : null);
        for (Document d : current) {
            if (!isCurrent(d)) {
                LOG.fine("kls: diagnostics of " + d.uri() + " superseded");
                continue;
            }
            List<Finding> mine = d.path() == null ? List.of() : found.getOrDefault(d.path(), List.of());
            analysed.put(d.uri(), new Analysed(d.version(), mine));
            List<Diagnostic> out = new ArrayList<>();
            for (Finding f : mine) {
                out.add(Lsp.diagnostic(f, s));
            }
            PublishDiagnosticsParams p = new PublishDiagnosticsParams(d.uri(), out);
            p.setVersion(d.version());
            publisher.accept(p);
        }
    }

    private boolean isCurrent(Document d) {
        Document now = documents.get(d.uri());
        return now != null && now.version() == d.version();
    }

    /**
     * The findings of a document as it is now, for its quick fixes: those last
     * published, once the analysis of this version is done (waited for, as the
     * client asks about what it was sent).
     */
    public List<Finding> findings(Document d, CancelChecker cancel) {
        Analysed a = analysed.get(d.uri());
        if (a == null || a.version() != d.version()) {
            try {
                afterPending().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warning("kls: the analysis of " + d.uri() + " did not finish: " + e);
                return List.of();
            }
            cancel.checkCanceled();
            a = analysed.get(d.uri());
        }
        return a != null && a.version() == d.version() ? a.findings() : List.of();
    }

    /** A file was written: what was read of it from the disk (a header, say) is read again. */
    public void saved(String uri) {
        String path = pathOf(uri);
        if (path != null) {
            analysis.execute(() -> cSide.changedOnDisk(path));
            if (dev.kls.diagnostics.user.RuleFiles.isTreeRuleFile(path)
                    || path.equals(dev.kls.diagnostics.RuleSettings.FILE)) {
                // Rules and settings are read again by the next run: every open document gets its findings anew.
                analysis.execute(this::publishAll);
            }
        }
    }

    public void shutdown() {
        generation.incrementAndGet();
        analysis.shutdownNow();
        indexer.shutdownNow();
    }

    private volatile java.util.function.Consumer<String> treeProblems = m -> { };

    /** Where to tell the user that the tree cannot be read (the server shows it with window/showMessage). */
    void onTreeProblem(java.util.function.Consumer<String> c) {
        treeProblems = c;
    }

    /** Stack of the server's threads: Kconfig's semantics recurse along dependency chains. */
    static final long DEEP_STACK = 256L << 20;

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(null, r, name, DEEP_STACK); // deep Kconfig recurses as conf does
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "ServerWorkspace[" + root + ", " + Objects.requireNonNullElse(snapshot.get().configSource(), "") + "]";
    }
}

package dev.kls.lsp;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * A workspace on a copy of a tree, driven without a transport: the tree is
 * read, documents are opened and edited as an editor would, and what the
 * server would publish is kept.
 */
public final class TestTree implements AutoCloseable {

    public final Path root;
    public final ServerWorkspace ws;
    public final Map<String, PublishDiagnosticsParams> published = new ConcurrentHashMap<>();
    public final List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());

    private TestTree(Path root, String settingsJson) {
        this.root = root;
        this.ws = new ServerWorkspace(root, Map.of(), p -> published.put(p.getUri(), p),
                () -> new ProgressReporter() {
                    @Override
                    public void begin(String title, String message) {
                        progress.add("begin " + title);
                    }

                    @Override
                    public void report(String message, int percentage) {
                        progress.add("report " + percentage);
                    }

                    @Override
                    public void end(String message) {
                        progress.add("end " + message);
                    }
                });
        ws.start(ServerSettings.parse(JsonParser.parseString(settingsJson), Map.of()));
        try {
            ws.indexed().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the tree was not indexed: " + e, e);
        }
    }

    /** test-workspace/xen-p2m-2008 (seed 000) copied to {@code dir}, plus extra files, read for ARCH=i386. */
    public static TestTree xen(Path dir, String... extraFiles) throws IOException {
        copy(repo().resolve("test-workspace/xen-p2m-2008"), dir);
        write(dir, extraFiles);
        return new TestTree(dir, "{\"arch\":\"i386\"}");
    }

    /** A hand-written tree: pairs of path and text. */
    public static TestTree of(Path dir, String settingsJson, String... files) throws IOException {
        write(dir, files);
        return new TestTree(dir, settingsJson);
    }

    private static void write(Path dir, String... files) throws IOException {
        for (int i = 0; i < files.length; i += 2) {
            Path p = dir.resolve(files[i]);
            Files.createDirectories(p.getParent());
            Files.writeString(p, files[i + 1]);
        }
    }

    public static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("test-workspace"))) {
            p = p.getParent();
        }
        assertNotNull(p, "the repository root (with test-workspace/) above " + Path.of("").toAbsolutePath());
        return p;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    public String uri(String path) {
        return root.resolve(path).toUri().toString();
    }

    /** Opens a file of the tree with its text on disk and waits until it is analysed. */
    public Document open(String path) throws IOException {
        return open(path, Files.readString(root.resolve(path)));
    }

    public Document open(String path, String text) {
        ws.open(uri(path), 1, text);
        settle();
        return ws.documents().get(uri(path));
    }

    /** Replaces the whole text (version + 1) and waits until it is analysed. */
    public Document edit(String path, String text) {
        Document d = ws.documents().get(uri(path));
        org.eclipse.lsp4j.TextDocumentContentChangeEvent c = new org.eclipse.lsp4j.TextDocumentContentChangeEvent(text);
        ws.change(uri(path), d.version() + 1, List.of(c));
        settle();
        return ws.documents().get(uri(path));
    }

    public void settle() {
        try {
            ws.afterPending().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public Snapshot snapshot() {
        return ws.snapshot();
    }

    /** The position of the {@code nth} (0-based) occurrence of {@code needle} in a document, plus {@code offset}. */
    public static Position at(Document d, String needle, int offset) {
        int i = d.text().indexOf(needle);
        if (i < 0) {
            throw new AssertionError("'" + needle + "' not in " + d.path());
        }
        i += offset;
        return new Position(d.lines().line(i), d.lines().character(i));
    }

    public static Position at(Document d, String needle) {
        return at(d, needle, 0);
    }

    public static final org.eclipse.lsp4j.jsonrpc.CancelChecker NEVER = () -> { };

    /** What was last published for a document; it must be for its current version. */
    public List<org.eclipse.lsp4j.Diagnostic> diagnostics(Document d) {
        settle();
        Document now = ws.documents().get(d.uri());
        PublishDiagnosticsParams p = published.get(d.uri());
        if (p == null || now == null || p.getVersion() == null || p.getVersion() != now.version()) {
            throw new AssertionError("no diagnostics published for " + d.uri() + " version "
                    + (now == null ? "(closed)" : now.version()) + ": " + p);
        }
        return p.getDiagnostics();
    }

    /** The quick fixes offered for a range of a document, as the server computes them for a client. */
    public List<org.eclipse.lsp4j.CodeAction> actions(Document d, org.eclipse.lsp4j.Range range, List<String> only) {
        return new dev.kls.lsp.handlers.CodeActionHandler().actions(snapshot(), ws.findings(d, NEVER), range, only)
                .stream().map(a -> a.getRight()).toList();
    }

    @Override
    public void close() {
        ws.shutdown();
    }
}

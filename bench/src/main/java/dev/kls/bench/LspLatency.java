package dev.kls.bench;

import dev.kls.lsp.KlsServer;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Edit-to-diagnostics latency of kls serve on a real tree: a client and the
 * server in one JVM, talking JSON-RPC through pipes. For each file, N edits
 * (a character typed, then taken back) and the time from sending didChange
 * to receiving publishDiagnostics for that version; then p50/p95. Also the
 * heap in use after indexing (after a full GC).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.kls.bench.LspLatency [--process KLS_JAR] LINUX_DIR [EDITS] [ARCH] [CONFIG]</pre>
 *
 * With {@code --process}, the server is {@code java -jar KLS_JAR serve} as its
 * own process over stdio, as an editor runs it (the figure scripts/bench.sh
 * reports); the heap is then not measured. Each file's result is also printed
 * as one {@code bench-result {...}} JSON line for the harness.
 *
 * CONFIG is the server's {@code config} setting (a tree-relative .config or
 * defconfig); without it the values come from the arch's defconfig and the
 * rules look at every configuration, as kls lint does without --config.
 */
public final class LspLatency implements LanguageClient {

    private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> indexed = new CompletableFuture<>();

    public static void main(String[] args) throws Exception {
        String jar = null;
        if (args.length > 1 && args[0].equals("--process")) {
            jar = args[1];
            args = Arrays.copyOfRange(args, 2, args.length);
        }
        Path root = Path.of(args[0]).toAbsolutePath();
        int edits = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String arch = args.length > 2 ? args[2] : "x86";
        String config = args.length > 3 ? args[3] : null;
        new LspLatency().run(root, edits, arch, config, jar);
        System.exit(0);
    }

    private void run(Path root, int edits, String arch, String config, String jar) throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-lsp");
            t.setDaemon(true);
            return t;
        });
        java.io.InputStream clientIn;
        java.io.OutputStream clientOut;
        Process process = null;
        if (jar != null) {
            // The server's stderr (its log) goes to ours, so a failure is seen; its stdout is the protocol.
            process = new ProcessBuilder("java", "-jar", jar, "serve")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            clientIn = process.getInputStream();
            clientOut = process.getOutputStream();
        } else {
            PipedInputStream serverIn = new PipedInputStream(1 << 20);
            clientOut = new PipedOutputStream(serverIn);
            PipedInputStream pipeIn = new PipedInputStream(1 << 20);
            PipedOutputStream serverOut = new PipedOutputStream(pipeIn);
            clientIn = pipeIn;
            KlsServer kls = new KlsServer(System.getenv(), code -> { });
            Launcher<LanguageClient> sl = LSPLauncher.createServerLauncher(kls, serverIn, serverOut, threads, null);
            kls.connect(sl.getRemoteProxy());
            sl.startListening();
        }
        String mode = jar == null ? "in-process" : "process";
        Launcher<LanguageServer> cl = LSPLauncher.createClientLauncher(this, clientIn, clientOut, threads, null);
        cl.startListening();
        LanguageServer server = cl.getRemoteProxy();

        long t0 = System.nanoTime();
        InitializeParams ip = new InitializeParams();
        ip.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), "linux")));
        ClientCapabilities caps = new ClientCapabilities();
        WindowClientCapabilities w = new WindowClientCapabilities();
        w.setWorkDoneProgress(true);
        caps.setWindow(w);
        ip.setCapabilities(caps);
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("arch", arch);
        if (config != null) {
            o.addProperty("config", config);
        }
        ip.setInitializationOptions(o);
        server.initialize(ip).get();
        server.initialized(new InitializedParams());
        indexed.get(30, TimeUnit.MINUTES);
        long indexMs = (System.nanoTime() - t0) / 1_000_000;
        String heapText = "not measured (separate process)";
        if (process == null) {
            System.gc();
            System.gc();
            heapText = (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20) + " MiB";
        }
        System.out.printf("%s server, tree %s ARCH=%s config=%s: indexed in %d ms; heap in use after indexing (after GC): %s%n",
                mode, root, arch, config == null ? "(arch defconfig for values; rules check every configuration)" : config,
                indexMs, heapText);

        // The harness's --quick leaves out the C file: its first diagnostics alone take half a minute.
        if (Boolean.parseBoolean(System.getProperty("kls.bench.c", "true"))) {
            measure(server, root, "arch/x86/xen/mmu_pv.c", "c", "static void xen_set_pte(pte_t *ptep, pte_t pteval)", edits,
                    mode, config, indexMs);
        }
        measure(server, root, "arch/x86/Kconfig", "kconfig", "config X86_CPU_RESCTRL", edits, mode, config, indexMs);
        server.shutdown().get();
        if (process != null) {
            server.exit();
            clientOut.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Types a character after {@code anchor} and takes it back, {@code edits} times; 20 more first (kls.bench.warmup), untimed. */
    private void measure(LanguageServer server, Path root, String path, String lang, String anchor, int edits,
            String mode, String config, long indexMs) throws Exception {
        String uri = root.resolve(path).toUri().toString();
        String text = Files.readString(root.resolve(path));
        int at = text.indexOf(anchor);
        if (at < 0) {
            throw new IllegalStateException(anchor + " not in " + path);
        }
        int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        int col = anchor.length() + (at - text.lastIndexOf('\n', at) - 1);
        CompletableFuture<Long> first = expect(uri, 1);
        long openStart = System.nanoTime();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, lang, 1, text)));
        double openMs = (first.get(5, TimeUnit.MINUTES) - openStart) / 1e6;
        int warmup = Integer.getInteger("kls.bench.warmup", 20); // the harness's --quick sets 0
        long[] ms = new long[edits];
        int version = 1;
        for (int i = 0; i < warmup + edits; i++) {
            version++;
            boolean type = i % 2 == 0;
            Range r = type ? new Range(new Position(line, col), new Position(line, col))
                    : new Range(new Position(line, col), new Position(line, col + 1));
            CompletableFuture<Long> done = expect(uri, version);
            long start = System.nanoTime();
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, version),
                    List.of(new TextDocumentContentChangeEvent(r, type ? "x" : ""))));
            long end = done.get(5, TimeUnit.MINUTES);
            if (i >= warmup) {
                ms[i - warmup] = end - start;
            }
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: didChange -> publishDiagnostics over %d edits (after %d warm-up): "
                + "p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", path, edits, warmup, sorted[edits / 2] / 1e6,
                sorted[(int) Math.ceil(edits * 0.95) - 1] / 1e6, sorted[edits - 1] / 1e6);
        System.out.printf(java.util.Locale.ROOT, "bench-result {\"mode\": \"%s\", \"file\": \"%s\", \"config\": %s, "
                + "\"edits\": %d, \"indexMs\": %d, \"openMs\": %.1f, \"p50Ms\": %.1f, \"p95Ms\": %.1f, \"maxMs\": %.1f}%n",
                mode, path, config == null ? "null" : "\"" + config + "\"", edits, indexMs, openMs,
                sorted[edits / 2] / 1e6, sorted[(int) Math.ceil(edits * 0.95) - 1] / 1e6, sorted[edits - 1] / 1e6);
        server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
    }

    private CompletableFuture<Long> expect(String uri, int version) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        waiting.put(uri + "#" + version, f);
        return f;
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {
        long now = System.nanoTime();
        CompletableFuture<Long> f = waiting.remove(p.getUri() + "#" + p.getVersion());
        if (f != null) {
            f.complete(now);
        }
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void notifyProgress(ProgressParams params) {
        if (params.getValue().getLeft() instanceof WorkDoneProgressEnd) {
            indexed.complete(null);
        }
    }

    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
        List<Object> none = new ArrayList<>();
        params.getItems().forEach(i -> none.add(null));
        return CompletableFuture.completedFuture(none);
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void showMessage(MessageParams m) {
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams m) {
    }
}

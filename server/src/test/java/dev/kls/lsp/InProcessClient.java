package dev.kls.lsp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/** A client in the same JVM, talking JSON-RPC to a KlsServer through pipes, recording what it is told. */
public final class InProcessClient implements LanguageClient, AutoCloseable {

    public final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    public final CompletableFuture<Void> progressEnded = new CompletableFuture<>();
    public final Map<String, PublishDiagnosticsParams> diagnostics = new ConcurrentHashMap<>();
    public volatile Consumer<PublishDiagnosticsParams> onDiagnostics = p -> { };
    /** Every window/showMessage text, in order. */
    public final java.util.concurrent.BlockingQueue<String> messages = new java.util.concurrent.LinkedBlockingQueue<>();
    public final LanguageServer server;
    /** The server object itself, for waits that are no part of the protocol. */
    public final KlsServer kls;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "in-process-lsp");
        t.setDaemon(true);
        return t;
    });

    public InProcessClient() throws IOException {
        // Not java.io's piped streams: they break when the pool thread that wrote last ends (BytePipe).
        BytePipe toServer = new BytePipe(1 << 20);
        BytePipe toClient = new BytePipe(1 << 20);
        java.io.InputStream serverIn = toServer.in;
        java.io.OutputStream clientOut = toServer.out;
        java.io.InputStream clientIn = toClient.in;
        java.io.OutputStream serverOut = toClient.out;
        kls = new KlsServer(Map.of(), code -> { });
        Launcher<LanguageClient> sl = KlsLauncher.create(kls, serverIn, serverOut, threads);
        kls.connect(sl.getRemoteProxy());
        sl.startListening();
        Launcher<LanguageServer> cl = LSPLauncher.createClientLauncher(this, clientIn, clientOut, threads, null);
        cl.startListening();
        server = cl.getRemoteProxy();
    }

    /** initialize + initialized with a workspace folder and work-done progress support. */
    public void start(Path root, String arch) throws Exception {
        InitializeParams p = new InitializeParams();
        p.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), "tree")));
        ClientCapabilities caps = new ClientCapabilities();
        WindowClientCapabilities w = new WindowClientCapabilities();
        w.setWorkDoneProgress(true);
        caps.setWindow(w);
        p.setCapabilities(caps);
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("arch", arch);
        p.setInitializationOptions(o);
        server.initialize(p).get();
        server.initialized(new InitializedParams());
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void notifyProgress(ProgressParams params) {
        WorkDoneProgressNotification n = params.getValue().getLeft();
        progress.add(n.getKind().name());
        if (n.getKind().name().equals("end")) {
            progressEnded.complete(null);
        }
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {
        diagnostics.put(p.getUri(), p);
        onDiagnostics.accept(p);
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
        messages.add(m.getMessage());
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams m) {
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get();
        threads.shutdownNow();
    }
}

package dev.kls.lsp;

import com.google.gson.JsonElement;
import dev.kls.lsp.handlers.CodeActionHandler;
import dev.kls.lsp.handlers.CompletionHandler;
import dev.kls.lsp.handlers.CoverHandler;
import dev.kls.lsp.handlers.DefinitionHandler;
import dev.kls.lsp.handlers.DocumentLinkHandler;
import dev.kls.lsp.handlers.DocumentSymbolHandler;
import dev.kls.lsp.handlers.FoldingRangeHandler;
import dev.kls.lsp.handlers.CallHierarchyHandler;
import dev.kls.lsp.handlers.HoverHandler;
import dev.kls.lsp.handlers.InlayHintHandler;
import dev.kls.lsp.handlers.ReferencesHandler;
import dev.kls.lsp.handlers.RenameHandler;
import dev.kls.lsp.handlers.SemanticTokensHandler;
import dev.kls.lsp.handlers.WorkspaceSymbolHandler;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The LSP front: each request is handed to its handler with the current
 * snapshot, on a request thread, with the client's cancellation. Nothing here
 * knows Kconfig or C.
 */
public final class KlsServer implements LanguageServer, TextDocumentService, WorkspaceService, LanguageClientAware {

    private final Map<String, String> env;
    private final IntConsumer onExit;
    private final ExecutorService requests = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(null, r, "kls-request", ServerWorkspace.DEEP_STACK);
        t.setDaemon(true);
        return t;
    });
    private LanguageClient client;
    private ServerWorkspace workspace;
    private ServerSettings settings = ServerSettings.defaults();
    private JsonElement initOptions;
    private boolean progressSupported;
    private boolean configurationSupported;
    private boolean showDocumentSupported;
    private boolean shutdown;

    private HoverHandler hover;
    private CallHierarchyHandler calls;
    private final DefinitionHandler definition = new DefinitionHandler();
    private final ReferencesHandler references = new ReferencesHandler();
    private final CompletionHandler completion = new CompletionHandler();
    private final RenameHandler rename = new RenameHandler();
    private final CodeActionHandler codeActions = new CodeActionHandler();
    private final CoverHandler cover = new CoverHandler();
    private final DocumentSymbolHandler documentSymbols = new DocumentSymbolHandler();
    private final WorkspaceSymbolHandler workspaceSymbols = new WorkspaceSymbolHandler();
    private InlayHintHandler inlayHints;
    private SemanticTokensHandler semanticTokens;
    private FoldingRangeHandler folding;
    private final DocumentLinkHandler links = new DocumentLinkHandler();

    /** @param onExit called with the exit status when the client sends exit */
    public KlsServer(Map<String, String> env, IntConsumer onExit) {
        this.env = env;
        this.onExit = onExit;
    }

    @Override
    public void connect(LanguageClient c) {
        this.client = c;
    }

    public ServerWorkspace workspace() {
        return workspace;
    }

    // ---- lifecycle ----

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        Path given = rootOf(params);
        Path root = treeRoot(given);
        if (!root.equals(given)) {
            startMessage = new MessageParams(MessageType.Info, "kls: " + given + " is inside the kernel tree " + root
                    + "; kls reads the whole tree from there");
        }
        initOptions = params.getInitializationOptions() instanceof JsonElement j ? j : null;
        settings = checked(ServerSettings.merged(initOptions, null, env));
        ClientCapabilities caps = params.getCapabilities();
        progressSupported = caps != null && caps.getWindow() != null
                && Boolean.TRUE.equals(caps.getWindow().getWorkDoneProgress());
        configurationSupported = caps != null && caps.getWorkspace() != null
                && Boolean.TRUE.equals(caps.getWorkspace().getConfiguration());
        showDocumentSupported = caps != null && caps.getWindow() != null && caps.getWindow().getShowDocument() != null
                && caps.getWindow().getShowDocument().isSupport();
        workspace = new ServerWorkspace(root, env, p -> client.publishDiagnostics(p),
                () -> progressSupported ? new LspProgress(client) : ProgressReporter.NONE);
        workspace.onTreeProblem(m -> client.showMessage(new MessageParams(MessageType.Warning,
                "kls: " + m + " (workspace root " + root + "); only what each open file says on its own is shown")));
        calls = new CallHierarchyHandler(workspace.cSide());
        hover = new HoverHandler(workspace.cSide(), calls, () -> workspace.documents().all());
        inlayHints = new InlayHintHandler(workspace.cSide());
        semanticTokens = new SemanticTokensHandler(workspace.cSide());
        folding = new FoldingRangeHandler(workspace.cSide());

        ServerCapabilities sc = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        sc.setTextDocumentSync(sync);
        sc.setHoverProvider(true);
        sc.setCallHierarchyProvider(true);
        sc.setDefinitionProvider(true);
        sc.setReferencesProvider(true);
        sc.setCompletionProvider(new CompletionOptions(false, List.of("_", "=")));
        sc.setRenameProvider(new RenameOptions(true));
        sc.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix, CoverHandler.KIND)));
        sc.setExecuteCommandProvider(new org.eclipse.lsp4j.ExecuteCommandOptions(List.of(CoverHandler.COMMAND)));
        sc.setDocumentSymbolProvider(true);
        sc.setWorkspaceSymbolProvider(true);
        sc.setInlayHintProvider(true);
        sc.setSemanticTokensProvider(new SemanticTokensWithRegistrationOptions(SemanticTokensHandler.LEGEND, true));
        sc.setFoldingRangeProvider(true);
        sc.setDocumentLinkProvider(new DocumentLinkOptions(false));
        return CompletableFuture.completedFuture(new InitializeResult(sc, new ServerInfo("kls", "0.1.0")));
    }

    /** Said once the client is initialized: how the workspace root was taken. */
    private volatile MessageParams startMessage;

    /**
     * The kernel tree a workspace folder belongs to: the folder itself when it holds Kconfig and arch/,
     * else the nearest folder above that does (or whose Makefile sets KERNELVERSION's parts), as an
     * editor's root_pattern('Kconfig') picks a subfolder like arch/x86/xen. No such folder: the root stays.
     */
    static Path treeRoot(Path given) {
        Path abs = given.toAbsolutePath().normalize();
        if (isKernelTree(abs)) {
            return abs;
        }
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (isKernelTree(p) || java.nio.file.Files.isRegularFile(p.resolve("Kconfig"))
                    && java.nio.file.Files.isDirectory(p.resolve("arch")) || kernelMakefile(p)) {
                return p;
            }
        }
        return abs;
    }

    private static boolean isKernelTree(Path p) {
        return java.nio.file.Files.isRegularFile(p.resolve("Kconfig")) && java.nio.file.Files.isDirectory(p.resolve("arch"));
    }

    private static boolean kernelMakefile(Path p) {
        Path mk = p.resolve("Makefile");
        if (!java.nio.file.Files.isRegularFile(mk) || !java.nio.file.Files.isRegularFile(p.resolve("Kconfig"))) {
            return false;
        }
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(mk,
                java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.limit(50).anyMatch(l -> l.startsWith("PATCHLEVEL =") || l.contains("KERNELVERSION"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static Path rootOf(InitializeParams p) {
        if (p.getWorkspaceFolders() != null && !p.getWorkspaceFolders().isEmpty()) {
            return Path.of(URI.create(p.getWorkspaceFolders().get(0).getUri()));
        }
        if (p.getRootUri() != null) {
            return Path.of(URI.create(p.getRootUri()));
        }
        if (p.getRootPath() != null) {
            return Path.of(p.getRootPath());
        }
        return Path.of("").toAbsolutePath();
    }

    @Override
    public void initialized(InitializedParams params) {
        MessageParams m = startMessage;
        if (m != null) {
            client.showMessage(m);
        }
        if (!configurationSupported) {
            workspace.start(settings);
            return;
        }
        // The editor's settings win over initializationOptions where it has any.
        ConfigurationItem item = new ConfigurationItem();
        item.setSection("kls");
        client.configuration(new ConfigurationParams(List.of(item))).whenComplete((r, e) -> {
            if (e == null && r != null && !r.isEmpty() && r.get(0) instanceof JsonElement j) {
                settings = checked(ServerSettings.merged(initOptions, j, env));
            }
            workspace.start(settings);
        });
    }

    @Override
    public void setTrace(SetTraceParams params) {
        // VS Code sends $/setTrace at start and when kls.trace.server changes; the client does the tracing,
        // and kls has no $/logTrace output, so there is nothing to switch (LSP4J's default throws).
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        if (hover != null) {
            hover.close();
        }
        if (workspace != null) {
            workspace.shutdown();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Waits for the hover's background work on the newest tree (tests that measure the server at rest). */
    public void awaitBackground(long timeout, java.util.concurrent.TimeUnit unit)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        if (hover != null) {
            hover.awaitBackground(timeout, unit);
        }
    }

    @Override
    public void exit() {
        requests.shutdownNow();
        onExit.accept(shutdown ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return this;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return this;
    }

    // ---- documents ----

    @Override
    public void didOpen(DidOpenTextDocumentParams p) {
        TextDocumentItem d = p.getTextDocument();
        workspace.open(d.getUri(), d.getVersion(), d.getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams p) {
        workspace.change(p.getTextDocument().getUri(), p.getTextDocument().getVersion(), p.getContentChanges());
    }

    @Override
    public void didClose(DidCloseTextDocumentParams p) {
        workspace.close(p.getTextDocument().getUri());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams p) {
        // The editor's text is what is analysed; other files that include this one read it from the disk.
        workspace.saved(p.getTextDocument().getUri());
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams p) {
        if (p.getSettings() instanceof JsonElement j && j.isJsonObject() && j.getAsJsonObject().has("kls")) {
            settings = checked(ServerSettings.merged(initOptions, j, env));
            workspace.configure(settings);
        } else if (configurationSupported) {
            ConfigurationItem item = new ConfigurationItem();
            item.setSection("kls");
            client.configuration(new ConfigurationParams(List.of(item))).thenAccept(r -> {
                if (r != null && !r.isEmpty() && r.get(0) instanceof JsonElement j) {
                    settings = checked(ServerSettings.merged(initOptions, j, env));
                    workspace.configure(settings);
                }
            });
        }
    }

    /** Problems already shown: the editor pushes the whole section on every change, so say each one once. */
    private final java.util.Set<String> settingProblemsShown = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Tells the user (window/showMessage) about settings of the wrong shape that were not told before. */
    private ServerSettings checked(ServerSettings s) {
        for (String problem : s.problems()) {
            // window/showMessage is allowed before the initialize response too.
            if (client != null && settingProblemsShown.add(problem)) {
                client.showMessage(new MessageParams(MessageType.Warning, "kls: " + problem));
            }
        }
        return s;
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams p) {
        // Open documents are always current; headers read from the disk are read again.
        for (FileEvent e : p.getChanges()) {
            workspace.saved(e.getUri());
        }
    }

    // ---- requests: one line each to its handler ----

    private <R> CompletableFuture<R> onDocument(String uri, R none, BiFunction<Document, CancelChecker, R> f) {
        return CompletableFutures.computeAsync(requests, cancel -> {
            Document d = workspace.documents().get(uri);
            if (d == null) {
                return none;
            }
            cancel.checkCanceled();
            return f.apply(d, cancel);
        });
    }

    @Override
    public CompletableFuture<List<org.eclipse.lsp4j.CallHierarchyItem>> prepareCallHierarchy(
            org.eclipse.lsp4j.CallHierarchyPrepareParams p) {
        return onDocument(p.getTextDocument().getUri(), List.of(), (d, c) -> calls.prepare(workspace.snapshot(), d,
                workspace.documents().all(), p.getPosition()));
    }

    @Override
    public CompletableFuture<List<org.eclipse.lsp4j.CallHierarchyIncomingCall>> callHierarchyIncomingCalls(
            org.eclipse.lsp4j.CallHierarchyIncomingCallsParams p) {
        return CompletableFutures.computeAsync(requests, cancel -> calls.incoming(workspace.snapshot(),
                workspace.documents().all(), p.getItem()));
    }

    @Override
    public CompletableFuture<List<org.eclipse.lsp4j.CallHierarchyOutgoingCall>> callHierarchyOutgoingCalls(
            org.eclipse.lsp4j.CallHierarchyOutgoingCallsParams p) {
        return CompletableFutures.computeAsync(requests, cancel -> calls.outgoing(workspace.snapshot(),
                workspace.documents().all(), p.getItem()));
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams p) {
        return onDocument(p.getTextDocument().getUri(), null,
                (d, c) -> hover.hover(workspace.snapshot(), d, p.getPosition()));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams p) {
        return onDocument(p.getTextDocument().getUri(), Either.forLeft(List.of()),
                (d, c) -> Either.forLeft(definition.definition(workspace.snapshot(), d, p.getPosition())));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams p) {
        return onDocument(p.getTextDocument().getUri(), List.of(), (d, c) -> references.references(
                workspace.snapshot(), workspace.documents().all(), d, p.getPosition(),
                p.getContext() == null || p.getContext().isIncludeDeclaration(), c));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams p) {
        return onDocument(p.getTextDocument().getUri(), Either.forRight(new CompletionList(List.of())),
                (d, c) -> Either.forRight(completion.complete(workspace.snapshot(), d, p.getPosition())));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams p) {
        return onDocument(p.getTextDocument().getUri(), null,
                (d, c) -> rename.prepare(workspace.snapshot(), d, p.getPosition()));
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams p) {
        return onDocument(p.getTextDocument().getUri(), null, (d, c) -> rename.rename(workspace.snapshot(),
                workspace.documents().all(), d, p.getPosition(), p.getNewName(), c));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams p) {
        List<String> only = p.getContext() == null ? null : p.getContext().getOnly();
        return onDocument(p.getTextDocument().getUri(), List.of(), (d, c) -> {
            Snapshot s = workspace.snapshot();
            List<Either<Command, CodeAction>> out = new java.util.ArrayList<>(
                    codeActions.actions(s, workspace.findings(d, c), p.getRange(), only));
            out.addAll(cover.actions(s, d, p.getRange(), only));
            return out;
        });
    }

    /** kls.coverConfiguration [uri, line]: writes the fragment, opens it where the client can, says what it holds. */
    @Override
    public CompletableFuture<Object> executeCommand(org.eclipse.lsp4j.ExecuteCommandParams p) {
        if (!CoverHandler.COMMAND.equals(p.getCommand())) {
            return invalidParams("kls: unknown command " + p.getCommand());
        }
        List<Object> args = p.getArguments() == null ? List.of() : p.getArguments();
        String uri = args.size() > 0 ? argString(args.get(0)) : null;
        Integer line = args.size() > 1 ? argInt(args.get(1)) : null;
        if (uri == null || line == null) {
            return invalidParams("kls: " + CoverHandler.COMMAND + " takes a document URI and a 0-based line, got "
                    + args);
        }
        return onDocument(uri, null, (d, c) -> {
            CoverHandler.Result r;
            try {
                r = cover.run(workspace.snapshot(), d, line);
            } catch (java.io.IOException | IllegalArgumentException e) {
                client.showMessage(new MessageParams(MessageType.Error, "kls: cover: " + e.getMessage()));
                return null;
            }
            client.showMessage(new MessageParams(r.fragment() == null ? MessageType.Warning : MessageType.Info,
                    "kls: " + r.message()));
            if (r.fragment() == null) {
                return null;
            }
            if (showDocumentSupported) {
                client.showDocument(new org.eclipse.lsp4j.ShowDocumentParams(r.fragment().toUri().toString()));
            }
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            o.addProperty("fragment", r.fragment().toUri().toString());
            com.google.gson.JsonArray lines = new com.google.gson.JsonArray();
            r.changes().forEach(lines::add);
            o.add("changes", lines);
            return o;
        });
    }

    private static CompletableFuture<Object> invalidParams(String message) {
        return CompletableFuture.failedFuture(new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(
                new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(
                        org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.InvalidParams, message, null)));
    }

    private static String argString(Object o) {
        return o instanceof String s ? s : o instanceof JsonElement j && j.isJsonPrimitive() ? j.getAsString() : null;
    }

    private static Integer argInt(Object o) {
        if (o instanceof Number n) {
            return n.intValue();
        }
        if (o instanceof JsonElement j && j.isJsonPrimitive() && j.getAsJsonPrimitive().isNumber()) {
            return j.getAsInt();
        }
        return null;
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams p) {
        return onDocument(p.getTextDocument().getUri(), List.of(), (d, c) -> documentSymbols
                .symbols(workspace.snapshot(), d).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight)
                .toList());
    }

    @Override
    public CompletableFuture<Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>> symbol(
            WorkspaceSymbolParams p) {
        return CompletableFutures.computeAsync(requests,
                cancel -> Either.forRight(workspaceSymbols.symbols(workspace.snapshot(), p.getQuery(), cancel)));
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams p) {
        return onDocument(p.getTextDocument().getUri(), List.of(),
                (d, c) -> inlayHints.hints(workspace.snapshot(), d, p.getRange()));
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams p) {
        return onDocument(p.getTextDocument().getUri(), new SemanticTokens(List.of()),
                (d, c) -> semanticTokens.full(workspace.snapshot(), d));
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams p) {
        return onDocument(p.getTextDocument().getUri(), List.of(), (d, c) -> folding.ranges(workspace.snapshot(), d));
    }

    @Override
    public CompletableFuture<List<DocumentLink>> documentLink(DocumentLinkParams p) {
        return onDocument(p.getTextDocument().getUri(), List.of(), (d, c) -> links.links(workspace.snapshot(), d));
    }

    @Override
    public String toString() {
        return "KlsServer[" + workspace + "]";
    }
}

package dev.kls.lsp;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import picocli.CommandLine.Command;

/** {@code kls serve}: the language server, speaking LSP over stdin/stdout. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the language server (LSP over stdin/stdout). The workspace root is a kernel-style tree; "
                + "settings come from the editor (see the README).")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        InputStream in = System.in;
        PrintStream out = System.out;
        System.setOut(System.err); // stdout belongs to the protocol; a stray print must not corrupt it
        AtomicInteger status = new AtomicInteger(1);
        KlsServer server = new KlsServer(System.getenv(), code -> {
            status.set(code);
            out.flush();
            System.exit(code);
        });
        Launcher<LanguageClient> launcher = KlsLauncher.create(server, in, out, null);
        server.connect(launcher.getRemoteProxy());
        launcher.startListening().get(); // returns when the client closes the stream
        return status.get();
    }
}

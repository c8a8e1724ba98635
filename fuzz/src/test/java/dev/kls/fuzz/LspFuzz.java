package dev.kls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kls.kconfig.testing.LinuxTree;
import dev.kls.lsp.KlsLauncher;
import dev.kls.lsp.KlsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * JSON-RPC bodies into the running server, in-process: whatever a message holds, the next request is
 * still answered. (exit, shutdown and initialize are left out: they end or reset the session on purpose.)
 */
public class LspFuzz {

    private static final Path TREE = LinuxTree.repoRoot().resolve("test-workspace/xen-p2m-2008");
    private static OutputStream toServer;
    private static final BlockingQueue<JsonObject> FROM_SERVER = new LinkedBlockingQueue<>();
    private static int nextId = 1000;

    private static synchronized void start() throws Exception {
        if (toServer != null) {
            return;
        }
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        KlsServer kls = new KlsServer(Map.of(), code -> { });
        Launcher<LanguageClient> l = KlsLauncher.create(kls, serverIn, serverOut, null);
        kls.connect(l.getRemoteProxy());
        l.startListening();
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    FROM_SERVER.add(read(clientIn));
                }
            } catch (IOException | RuntimeException e) {
                // the pipe closed
            }
        }, "lsp-fuzz-reader");
        reader.setDaemon(true);
        reader.start();
        send(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"rootUri\":\"" + TREE.toUri()
                + "\",\"capabilities\":{}}}").getBytes(StandardCharsets.UTF_8));
        await(1);
        send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}".getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject read(InputStream in) throws IOException {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        while (!h.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            h.write(b);
        }
        int n = 0;
        for (String line : h.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                n = Integer.parseInt(line.substring(15).trim());
            }
        }
        return JsonParser.parseString(new String(in.readNBytes(n), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static void send(byte[] body) throws IOException {
        toServer.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        toServer.write(body);
        toServer.flush();
    }

    private static void await(int id) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            JsonObject m = FROM_SERVER.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && !m.has("method") && m.has("id") && m.get("id").isJsonPrimitive()
                    && m.get("id").getAsJsonPrimitive().isNumber() && m.get("id").getAsInt() == id) {
                return;
            }
        }
        throw new AssertionError("the server stopped answering (request " + id + ")");
    }

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        String text = Inputs.text(data);
        if (text.contains("exit") || text.contains("shutdown") || text.contains("initialize")) {
            return;
        }
        start();
        send(data);
        int id = nextId++;
        send(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"" + TREE.resolve("arch/x86/xen/Kconfig").toUri() + "\"},\"position\":{\"line\":1,"
                + "\"character\":8}}}").getBytes(StandardCharsets.UTF_8));
        await(id);
    }

    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) throws Exception {
        fuzzerTestOneInput(data);
    }
}

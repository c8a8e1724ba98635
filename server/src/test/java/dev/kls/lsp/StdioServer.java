package dev.kls.lsp;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code kls serve} as its own process, spoken to over stdio byte by byte (for abuse tests). */
final class StdioServer implements AutoCloseable {

    final Process process;
    private final OutputStream in;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final Path stderr;
    private final Thread reader;

    StdioServer(Path stderrFile) throws IOException {
        this(stderrFile, "1g");
    }

    /** With {@code -Xmx<heap>}: the out-of-memory tests give the server less than a message needs. */
    StdioServer(Path stderrFile, String heap) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // 1 GB: ServerAbuseTest holds a 20 MB C file open while a 50 MB message arrives; at 512 MB the JSON
        // parse of that message ran out of heap once findings carried formulas (the launcher sets no limit)
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp", cp.replace(File.pathSeparator,
                File.pathSeparator), "dev.kls.cli.Main", "serve"));
        this.stderr = stderrFile;
        process = new ProcessBuilder(cmd).redirectError(stderrFile.toFile()).start();
        in = process.getOutputStream();
        InputStream out = process.getInputStream();
        reader = new Thread(() -> {
            try {
                while (true) {
                    JsonObject m = read(out);
                    if (m == null) {
                        return;
                    }
                    received.add(m);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "stdio-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private static JsonObject read(InputStream out) throws IOException {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        while (!h.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = out.read();
            if (b < 0) {
                return null;
            }
            h.write(b);
        }
        int n = 0;
        for (String line : h.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                n = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = out.readNBytes(n);
        return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    void raw(byte[] bytes) throws IOException {
        in.write(bytes);
        in.flush();
    }

    void send(String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        raw(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        raw(b);
    }

    void request(int id, String method, String params) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (params != null ? ",\"params\":" + params : "") + "}");
    }

    void notify(String method, String params) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"" + (params != null ? ",\"params\":" + params : "")
                + "}");
    }

    /** The response to request {@code id} (server requests and notifications on the way are kept aside). */
    JsonObject response(int id) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<JsonObject> other = new ArrayList<>();
        try {
            while (System.nanoTime() < end) {
                JsonObject m = received.poll(1, TimeUnit.SECONDS);
                if (m == null) {
                    if (!process.isAlive()) {
                        throw new AssertionError("the server exited (" + process.exitValue() + ") before answering "
                                + id + "; stderr: " + stderr());
                    }
                    continue;
                }
                if (!m.has("method") && m.has("id") && !m.get("id").isJsonNull() && m.get("id").getAsInt() == id) {
                    return m;
                }
                other.add(m);
            }
            throw new AssertionError("no answer to request " + id + " within 120 s; stderr: " + stderr());
        } finally {
            received.addAll(other);
        }
    }

    /** A notification of {@code method} received so far or within {@code seconds}, or null. */
    JsonObject notification(String method, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<JsonObject> other = new ArrayList<>();
        try {
            while (System.nanoTime() < end) {
                JsonObject m = received.poll(200, TimeUnit.MILLISECONDS);
                if (m != null && m.has("method") && m.get("method").getAsString().equals(method)) {
                    return m;
                }
                if (m != null) {
                    other.add(m);
                }
            }
            return null;
        } finally {
            received.addAll(other);
        }
    }

    void initialize(Path root) throws IOException, InterruptedException {
        request(1, "initialize", "{\"rootUri\":\"" + root.toUri() + "\",\"capabilities\":{}}");
        JsonObject r = response(1);
        if (!r.has("result")) {
            throw new AssertionError("initialize failed: " + r);
        }
        notify("initialized", "{}");
    }

    /** The exit status, waiting up to {@code seconds}; -1 when it is still running. */
    int exitStatus(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    void closeStdin() throws IOException {
        in.close();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.kls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kls serve} process over stdio, attacked on purpose (issue 17): the LSP lifecycle's
 * error codes, broken framing ending the process so an editor can restart it, exit codes, and documents
 * no editor should send, after all of which the server still answers.
 */
class ServerAbuseTest {

    @TempDir
    Path dir;

    private Path tree() throws IOException {
        Path from = LinuxTree.repoRoot().resolve("test-workspace/xen-p2m-2008");
        Path to = dir.resolve("tree");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private StdioServer server() throws IOException {
        return new StdioServer(Files.createTempFile(dir, "stderr", ".txt"));
    }

    private static int code(JsonObject response) {
        assertTrue(response.has("error"), response.toString());
        return response.getAsJsonObject("error").get("code").getAsInt();
    }

    private static void noTrace(JsonObject response) {
        String s = response.toString();
        assertFalse(s.contains("\\tat ") || s.contains("\\n\\tat") || s.contains("Exception\\n"), s);
        assertFalse(s.contains("path $"), s);
    }

    private static String hover(Path file) {
        return "{\"textDocument\":{\"uri\":\"" + file.toUri() + "\"},\"position\":{\"line\":0,\"character\":0}}";
    }

    @Test
    void theLifecycleIsKeptWithTheSpecsErrorCodes() throws Exception {
        Path t = tree();
        Path kconfig = t.resolve("arch/x86/xen/Kconfig");
        try (StdioServer s = server()) {
            s.request(10, "textDocument/hover", hover(kconfig));
            JsonObject early = s.response(10);
            assertEquals(-32002, code(early), early.toString());
            s.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + kconfig.toUri()
                    + "\",\"languageId\":\"kconfig\",\"version\":1,\"text\":\"\"}}"); // dropped: not initialized
            s.initialize(t);

            s.request(11, "initialize", "{\"rootUri\":\"" + t.toUri() + "\",\"capabilities\":{}}");
            assertEquals(-32600, code(s.response(11)));
            s.request(12, "textDocument/hover", null);
            JsonObject missing = s.response(12);
            assertEquals(-32602, code(missing));
            noTrace(missing);
            s.request(13, "textDocument/hover", "{\"position\":{\"line\":0,\"character\":0}}");
            JsonObject noDoc = s.response(13);
            assertEquals(-32602, code(noDoc));
            noTrace(noDoc);
            s.request(14, "textDocument/hover", "{\"textDocument\":{\"uri\":\"" + kconfig.toUri()
                    + "\"},\"position\":\"here\"}");
            JsonObject shape = s.response(14);
            assertEquals(-32602, code(shape));
            noTrace(shape);
            s.request(15, "kls/noSuchMethod", "{}");
            assertEquals(-32601, code(s.response(15)));
            // Not JSON, and JSON that is not JSON-RPC: ignored, and the server keeps serving.
            s.send("{this is not json");
            s.send("[1, 2, 3]");
            s.send("{\"hello\": \"world\"}");
            s.request(16, "textDocument/hover", hover(kconfig));
            assertTrue(s.response(16).has("result"));

            s.request(17, "shutdown", null);
            assertTrue(s.response(17).has("result"));
            s.request(18, "textDocument/hover", hover(kconfig));
            assertEquals(-32600, code(s.response(18)));
            s.notify("exit", null);
            assertEquals(0, s.exitStatus(30), s.stderr());
        }
    }

    @Test
    void exitWithoutShutdownIsOneAndAClosedStdinEndsTheProcess() throws Exception {
        Path t = tree();
        try (StdioServer s = server()) {
            s.initialize(t);
            s.notify("exit", null);
            assertEquals(1, s.exitStatus(30), s.stderr());
        }
        try (StdioServer s = server()) {
            s.initialize(t);
            s.closeStdin();
            int status = s.exitStatus(30);
            assertTrue(status >= 0, "still running after stdin closed: " + s.stderr());
        }
    }

    @Test
    void lostFramingEndsTheProcessWithTheReason() throws Exception {
        Path t = tree();
        String[][] cases = {
            {"Content-Type: application/json\r\n\r\n{}", "without Content-Length"},
            {"Content-Length: twelve\r\n\r\n{}", "not a number"},
            {"Content-Length: 99999999999\r\n\r\n{}", "above the limit"},
        };
        for (String[] c : cases) {
            try (StdioServer s = server()) {
                s.initialize(t);
                s.raw(c[0].getBytes(StandardCharsets.US_ASCII));
                int status = s.exitStatus(30);
                assertEquals(1, status, "the server must exit, not hang: " + c[0]);
                assertTrue(s.stderr().contains("framing lost") && s.stderr().contains(c[1]), s.stderr());
            }
        }
    }

    /**
     * A message the server cannot hold (its body does not fit in the heap) or cannot parse for lack of
     * memory is dropped, a request among them answered with an error, and the framing kept: the next
     * request is answered as usual. Both ways are forced by giving the server less heap than the message.
     */
    @Test
    void aMessageTooLargeForTheHeapIsDroppedAndTheServerServesOn() throws Exception {
        Path t = tree();
        String[][] cases = {
            // heap, body size in MB, what stderr says
            {"96m", "90", "does not fit in the server's memory"},
            {"256m", "120", "ran out of memory reading a message"},
        };
        for (String[] c : cases) {
            try (StdioServer s = new StdioServer(Files.createTempFile(dir, "stderr", ".txt"), c[0])) {
                s.initialize(t);
                int mb = Integer.parseInt(c[1]);
                s.request(7, "kls/junk", "{\"x\":\"" + "z".repeat(mb << 20) + "\"}");
                JsonObject r = s.response(7);
                assertEquals(-32603, code(r), c[0] + ": " + r);
                assertTrue(r.getAsJsonObject("error").get("message").getAsString().contains(c[2]), r.toString());
                noTrace(r);
                // the framing is kept: the next request is read and answered
                s.request(8, "textDocument/hover", hover(t.resolve("arch/x86/xen/Kconfig")));
                assertTrue(s.response(8).has("result"), c[0]);
                assertTrue(s.stderr().contains("dropped a message (kls/junk)") && s.stderr().contains(c[2]),
                        s.stderr());
                s.request(9, "shutdown", null);
                s.response(9);
                s.notify("exit", null);
                assertEquals(0, s.exitStatus(60), s.stderr());
            }
        }
    }

    @Test
    void aSubfolderRootIsTakenToItsTreeAndSaidSo() throws Exception {
        Path t = tree();
        try (StdioServer s = server()) {
            s.initialize(t.resolve("arch/x86/xen"));
            JsonObject m = s.notification("window/showMessage", 60);
            assertNotNull(m, "no window/showMessage; stderr: " + s.stderr());
            String text = m.getAsJsonObject("params").get("message").getAsString();
            assertTrue(text.contains("is inside the kernel tree " + t.toAbsolutePath()), text);
            // The tree is read from its real root: the seed's Kconfig error... the definition of XEN is found.
            Path kconfig = t.resolve("arch/x86/xen/Kconfig");
            String text0 = Files.readString(kconfig);
            s.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + kconfig.toUri()
                    + "\",\"languageId\":\"kconfig\",\"version\":1,\"text\":" + new com.google.gson.JsonPrimitive(text0)
                    + "}}");
            JsonObject diags = s.notification("textDocument/publishDiagnostics", 120);
            assertNotNull(diags, "nothing published for a subfolder root; stderr: " + s.stderr());
        }
    }

    @Test
    void documentsNoEditorShouldSendLeaveTheServerServing() throws Exception {
        Path t = tree();
        Path kconfig = t.resolve("arch/x86/xen/Kconfig");
        Path mmu = t.resolve("arch/x86/xen/mmu.c");
        try (StdioServer s = server()) {
            s.initialize(t);
            // didChange on a document never opened, with a range far outside any text.
            s.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + t.resolve("nope.c").toUri()
                    + "\",\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{\"line\":99,\"character\":9},"
                    + "\"end\":{\"line\":120,\"character\":0}},\"text\":\"x\"}]}");
            // An open file edited outside its text, with versions out of order.
            s.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + kconfig.toUri()
                    + "\",\"languageId\":\"kconfig\",\"version\":5,\"text\":\"config A\\n\\tbool\\n\"}}");
            s.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + kconfig.toUri()
                    + "\",\"version\":3},\"contentChanges\":[{\"range\":{\"start\":{\"line\":50,\"character\":-4},"
                    + "\"end\":{\"line\":-1,\"character\":900}},\"text\":\"oops\"}]}");
            // Binary content and a 20 MB file.
            StringBuilder bin = new StringBuilder();
            for (int i = 0; i < 4096; i++) {
                bin.append((char) (i % 32 == 10 ? 10 : i % 256));
            }
            s.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + t.resolve("drivers/bin.c").toUri()
                    + "\",\"languageId\":\"c\",\"version\":1,\"text\":" + new com.google.gson.JsonPrimitive(bin.toString())
                    + "}}");
            String line = "static int x_" + "a".repeat(60) + ";\n";
            String big = line.repeat(20_000_000 / line.length());
            s.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + t.resolve("drivers/big.c").toUri()
                    + "\",\"languageId\":\"c\",\"version\":1,\"text\":\"" + big.replace("\n", "\\n") + "\"}}");
            // A 50 MB message the server does not know: read and ignored.
            s.notify("kls/junk", "{\"x\":\"" + "z".repeat(50 << 20) + "\"}");
            // A file deleted while open.
            s.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + mmu.toUri()
                    + "\",\"languageId\":\"c\",\"version\":1,\"text\":" + new com.google.gson.JsonPrimitive(
                    Files.readString(mmu)) + "}}");
            Files.delete(mmu);
            s.notify("workspace/didChangeWatchedFiles", "{\"changes\":[{\"uri\":\"" + mmu.toUri() + "\",\"type\":3}]}");

            s.request(40, "textDocument/hover", "{\"textDocument\":{\"uri\":\"" + kconfig.toUri()
                    + "\"},\"position\":{\"line\":0,\"character\":8}}");
            JsonObject r = s.response(40);
            assertTrue(r.has("result"), r.toString());
            s.request(41, "textDocument/hover", "{\"textDocument\":{\"uri\":\"" + mmu.toUri()
                    + "\"},\"position\":{\"line\":400,\"character\":400}}");
            assertTrue(s.response(41).has("result"));
            assertTrue(s.process.isAlive());
            s.request(42, "shutdown", null);
            s.response(42);
            s.notify("exit", null);
            assertEquals(0, s.exitStatus(60), s.stderr());
        }
    }

    @Test
    void serveRunsNoShellThatTheWorkspaceAsksFor() throws Exception {
        Path t = tree();
        Path marker = dir.resolve("MARKER");
        Files.writeString(t.resolve(".kls.json"), "{\"allowShell\": true}\n");
        Path init = t.resolve("init/Kconfig");
        Files.writeString(init, Files.readString(init) + "\nconfig SH\n\tstring \"sh\"\n\tdefault \"$(shell,touch "
                + marker + ")\"\n");
        try (StdioServer s = server()) {
            s.initialize(t);
            s.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + init.toUri()
                    + "\",\"languageId\":\"kconfig\",\"version\":1,\"text\":"
                    + new com.google.gson.JsonPrimitive(Files.readString(init)) + "}}");
            assertNotNull(s.notification("textDocument/publishDiagnostics", 120), s.stderr());
            s.request(50, "textDocument/hover", hover(init));
            s.response(50); // the tree has been read by now
            assertFalse(Files.exists(marker), "serve ran a $(shell) because the workspace's .kls.json said so");
        }
    }
}

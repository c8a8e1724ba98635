package dev.kls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.SetTraceParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings changed in the editor reach the running server (no restart), in
 * the shape the VS Code extension pushes them: workspace/didChangeConfiguration
 * with the whole "kls" section, unset strings as null, and the extension's own
 * settings (java, server, trace) beside the server's.
 */
class ConfigurationChangeTest {

    static final String MMU = "arch/x86/xen/mmu.c";

    @Test
    void archAndConfigChangesReachTheServer(@TempDir Path dir) throws Exception {
        TestTree.copy(TestTree.repo().resolve("test-workspace/xen-p2m-2008"), dir);
        try (InProcessClient c = new InProcessClient()) {
            BlockingQueue<PublishDiagnosticsParams> mmu = new LinkedBlockingQueue<>();
            String uri = dir.resolve(MMU).toUri().toString();
            c.onDiagnostics = p -> {
                if (p.getUri().equals(uri)) {
                    mmu.add(p);
                }
            };
            c.start(dir, "x86");
            // VS Code sends this at start; it must not be an error.
            c.server.setTrace(new SetTraceParams("off"));
            c.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "c", 1, Files.readString(dir.resolve(MMU)))));
            awaitPageAligned(mmu, true, "with no configuration the witness search finds the 32-bit one");

            push(c, "{\"arch\": null, \"config\": \"arch/x86/configs/x86_64_defconfig\", \"allowShell\": false,"
                    + " \"rules\": {}, \"java\": {\"home\": \"\"}, \"server\": {\"path\": \"\"}, \"trace\": {\"server\": \"off\"}}");
            awaitPageAligned(mmu, false, "x86_64_defconfig has 64BIT=y, so XEN (depends on X86_32) is off");

            push(c, "{\"arch\": null, \"config\": \"arch/x86/configs/i386_defconfig\", \"rules\": {}}");
            awaitPageAligned(mmu, true, "i386_defconfig is the 32-bit Xen guest");

            push(c, "{\"arch\": \"x86_64\", \"config\": null, \"rules\": {}}");
            awaitPageAligned(mmu, false, "ARCH=x86_64 forces 64BIT=y");

            push(c, "{\"arch\": null, \"config\": null, \"rules\": {\"page-aligned-size\": \"off\"}}");
            awaitPageAligned(mmu, false, "the rule is off");

            push(c, "{\"arch\": null, \"config\": null, \"rules\": {}}");
            awaitPageAligned(mmu, true, "back to the initial settings");
        }
    }

    private static void push(InProcessClient c, String kls) {
        JsonObject settings = new JsonObject();
        settings.add("kls", JsonParser.parseString(kls));
        c.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(settings));
    }

    /** Waits for a publication of mmu.c's diagnostics that has (or lacks) the page-aligned-size error. */
    private static void awaitPageAligned(BlockingQueue<PublishDiagnosticsParams> q, boolean present, String why)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> seen = List.of();
        while (System.nanoTime() < end) {
            PublishDiagnosticsParams p = q.poll(100, TimeUnit.MILLISECONDS);
            if (p == null) {
                continue;
            }
            seen = p.getDiagnostics().stream().map(d -> d.getCode().getLeft() + ": " + d.getMessage()).toList();
            if (seen.stream().anyMatch(s -> s.startsWith("page-aligned-size:")) == present) {
                q.clear();
                return;
            }
        }
        assertTrue(false, (present ? "no page-aligned-size error" : "page-aligned-size error still there") + " ("
                + why + "); last diagnostics: " + seen);
    }
}

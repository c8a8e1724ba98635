package dev.kls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editor settings of the wrong shape (arrays for strings, "rules" as a string,
 * huge numbers, nested nulls, unknown keys): the server never throws, says so
 * once with window/showMessage naming the setting and what it expects, and
 * goes on with the default.
 */
class WrongShapedSettingsTest {

    static final String MMU = "arch/x86/xen/mmu.c";

    @Test
    void eachWrongShapeKeepsTheDefaultAndIsNamed() {
        Map<String, String> expected = Map.of(
                "{\"arch\": [\"x86\"]}", "kls.arch should be a string, not an array",
                "{\"config\": {\"path\": null}}", "kls.config should be a string, not an object",
                "{\"kernelVersion\": 6.12}", "kls.kernelVersion should be a string, not a number",
                "{\"allowShell\": \"yes\"}", "kls.allowShell should be true or false, not a string",
                "{\"allowShell\": 1e400}", "kls.allowShell should be true or false, not a number",
                "{\"rules\": \"off\"}", "kls.rules should be an object of rule id to severity, not a string",
                "{\"rules\": {\"page-aligned-size\": [\"off\"]}}", "kls.rules.page-aligned-size should be a severity");
        expected.forEach((json, message) -> {
            ServerSettings s = ServerSettings.merged(null, JsonParser.parseString(json), Map.of());
            assertEquals(1, s.problems().size(), json + ": " + s.problems());
            assertTrue(s.problems().get(0).contains(message), json + ": " + s.problems());
            assertEquals("x86", s.tree().arch, json);
            assertNull(s.tree().config, json);
            assertEquals(false, s.tree().allowShell, json);
            assertTrue(s.rules().severity.isEmpty(), json);
        });
        // Right values beside a wrong one are kept; nulls and unknown keys are no problem.
        ServerSettings s = ServerSettings.merged(null, JsonParser.parseString("{\"arch\": \"arm64\", \"config\": 7, \"rules\":"
                + " {\"a\": \"off\", \"b\": null}, \"java\": {\"home\": null}, \"kernelVersion\": null}"), Map.of());
        assertEquals("arm64", s.tree().arch);
        assertEquals(Map.of("a", "off"), s.rules().severity);
        assertEquals(1, s.problems().size(), s.problems().toString());
    }

    @Test
    void theServerSaysItOnceAndKeepsServing(@TempDir Path dir) throws Exception {
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
            c.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "c", 1, Files.readString(dir.resolve(MMU)))));
            awaitPageAligned(mmu, true, "the default settings find the 32-bit witness");

            String wrong = "{\"arch\": [1, 2], \"rules\": \"page-aligned-size\", \"config\": {\"x\": [null]},"
                    + " \"allowShell\": 99999999999999999999999999, \"unknown\": {\"deep\": [null]}}";
            push(c, wrong);
            push(c, wrong);
            // The rule stays on (rules as a string is ignored), so the error is published again.
            awaitPageAligned(mmu, true, "wrong-shaped settings keep the defaults");
            push(c, "{\"arch\": null, \"config\": null, \"rules\": {\"page-aligned-size\": \"off\"}}");
            awaitPageAligned(mmu, false, "a right value after the wrong ones still applies");

            List<String> shown = new ArrayList<>();
            c.messages.drainTo(shown);
            List<String> settings = shown.stream().filter(m -> m.contains("setting kls.")).toList();
            assertEquals(4, settings.size(), "one message per wrong setting, not per push: " + shown);
            for (String name : List.of("kls.arch ", "kls.rules ", "kls.config ", "kls.allowShell ")) {
                assertEquals(1, settings.stream().filter(m -> m.contains(name)).count(), name + " in " + settings);
            }
            assertTrue(settings.stream().allMatch(m -> m.contains("should be") && m.contains("using")), settings.toString());
        }
    }

    private static void push(InProcessClient c, String kls) {
        JsonObject settings = new JsonObject();
        settings.add("kls", JsonParser.parseString(kls));
        c.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(settings));
    }

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

package dev.kls.lsp;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.testing.LinuxTree;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits, hovers and cancellations on a Kconfig and a C file of one tree: heap after GC stays flat and no
 * thread leaks. The suite runs a short soak on seed 000's tree; scripts/bench-soak.sh runs 10,000 edits
 * on Linux 6.1 (-Dkls.soak.tree, -Dkls.soak.edits), printing the heap figures.
 */
class SoakTest {

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void editsAndCancellationsLeaveHeapAndThreadsFlat(@TempDir Path dir) throws Exception {
        String given = System.getProperty("kls.soak.tree");
        int edits = Integer.getInteger("kls.soak.edits", 300);
        Path tree;
        if (given != null) {
            tree = Path.of(given);
        } else {
            Path from = LinuxTree.repoRoot().resolve("test-workspace/xen-p2m-2008");
            tree = dir.resolve("tree");
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path t = tree.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        Path kconfig = tree.resolve("arch/x86/xen/Kconfig");
        Path mmu = tree.resolve("arch/x86/xen/mmu.c");
        Random random = new Random(17);
        try (InProcessClient c = new InProcessClient()) {
            c.start(tree, "x86");
            c.progressEnded.get(600, TimeUnit.SECONDS);
            String[] uris = {kconfig.toUri().toString(), mmu.toUri().toString()};
            StringBuilder[] texts = {new StringBuilder(Files.readString(kconfig)), new StringBuilder(Files.readString(mmu))};
            int[] versions = {1, 1};
            for (int i = 0; i < 2; i++) {
                c.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uris[i],
                        i == 0 ? "kconfig" : "c", 1, texts[i].toString())));
            }
            int warmUp = Math.max(50, edits / 10);
            long baseline = 0;
            int threadsBefore = 0;
            List<String> samples = new ArrayList<>();
            long maxAfter = 0;
            for (int e = 1; e <= edits; e++) {
                int f = e % 2;
                StringBuilder t = texts[f];
                // Type a comment line somewhere, or delete the one typed before: the text keeps its size.
                int line = random.nextInt(Math.max(1, (int) t.chars().filter(ch -> ch == '\n').count()));
                String comment = f == 0 ? "# soak " + e + "\n" : "/* soak " + e + " */\n";
                TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(
                        new Range(new Position(line, 0), new Position(line, 0)), comment);
                int at = offsetOfLine(t, line);
                t.insert(at, comment);
                versions[f]++;
                c.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uris[f], versions[f]), List.of(change)));
                int end = at + comment.length();
                t.delete(at, end);
                versions[f]++;
                c.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uris[f], versions[f]), List.of(
                        new TextDocumentContentChangeEvent(new Range(new Position(line, 0), new Position(line + 1, 0)),
                                ""))));
                CompletableFuture<Hover> h = c.server.getTextDocumentService().hover(new HoverParams(
                        new TextDocumentIdentifier(uris[f]), new Position(random.nextInt(20), random.nextInt(10))));
                if (random.nextInt(3) == 0) {
                    h.cancel(true); // as an editor cancels a hover the user moved away from
                } else {
                    h.get(60, TimeUnit.SECONDS);
                }
                if (e == warmUp) {
                    Thread.sleep(500);
                    baseline = heapAfterGc();
                    threadsBefore = Thread.activeCount();
                }
                if (e > warmUp && e % Math.max(1, edits / 10) == 0) {
                    long heap = heapAfterGc();
                    maxAfter = Math.max(maxAfter, heap);
                    samples.add(e + ":" + heap / (1 << 20) + "MB");
                }
            }
            String k = texts[0].toString();
            int xenLine = (int) k.substring(0, k.indexOf("config XEN\n")).chars().filter(ch -> ch == '\n').count();
            Hover last = c.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uris[0]),
                    new Position(xenLine, 8))).get(60, TimeUnit.SECONDS);
            assertNotNull(last, "the server stopped answering after the soak");
            Thread.sleep(500);
            long after = heapAfterGc();
            int threadsAfter = Thread.activeCount();
            String report = "soak: " + edits + " edits, heap after GC at warm-up " + baseline / (1 << 20) + "MB, "
                    + "samples " + samples + ", end " + after / (1 << 20) + "MB; threads " + threadsBefore + " -> "
                    + threadsAfter;
            System.out.println(report);
            // Flat: within 10 % of the warm-up heap, with 16 MB of slack for the GC's own noise.
            assertTrue(maxAfter <= baseline * 1.10 + (16 << 20), report);
            assertTrue(threadsAfter <= threadsBefore + 4, report);
        }
    }

    private static int offsetOfLine(CharSequence t, int line) {
        int at = 0;
        for (int l = 0; l < line; l++) {
            int nl = t.toString().indexOf('\n', at);
            if (nl < 0) {
                return t.length();
            }
            at = nl + 1;
        }
        return at;
    }
}

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
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.ObjectName;
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

    /**
     * Live instances of each of kls's own classes (the JVM's class histogram, after a full GC): a leak of
     * one object per edit shows as hundreds of instances, however small, where the heap total hides it.
     */
    static Map<String, Long> klsInstances() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> counts = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(dev\\.kls\\.\\S+)").matcher(text);
        while (m.find()) {
            counts.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
        }
        return counts;
    }

    /** The classes with more live instances after than before, beyond noise (a few, or 2 %). */
    static List<String> grown(Map<String, Long> before, Map<String, Long> after) {
        List<String> out = new ArrayList<>();
        after.forEach((cls, n) -> {
            long b = before.getOrDefault(cls, 0L);
            if (n > b + Math.max(8, b / 50)) {
                out.add(cls + " " + b + " -> " + n);
            }
        });
        return out;
    }

    /** Least-squares slope of heap over edits, in bytes per edit. */
    static double slope(List<long[]> points) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (long[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += (double) p[0] * p[0];
            sxy += (double) p[0] * p[1];
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
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
            List<long[]> points = new ArrayList<>();
            Map<String, Long> instancesBefore = Map.of();
            // The most instances of each class at warm-up and at every sample: a bounded cache (the evaluator
            // keeps up to two built menu trees per Kconfig tree, filled as requests overlap) reaches its most
            // at some sample and stays there; a leak ends above every earlier sample.
            Map<String, Long> earlierMax = new TreeMap<>();
            long maxAfter = 0;
            List<Long> hoverNanos = new ArrayList<>();
            List<Long> firstHovers = new ArrayList<>();
            long started = System.nanoTime();
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
                    long t0 = System.nanoTime();
                    // The first answer may wait for the tree's indexes (minutes on Linux on a busy machine).
                    h.get(e <= 2 ? 600 : 60, TimeUnit.SECONDS);
                    (e <= 2 ? firstHovers : hoverNanos).add(System.nanoTime() - t0);
                }
                if (e == warmUp) {
                    // The last request's answer (the tree's explainer, kept by the current snapshot) exists by now too.
                    atRest(c, uris, versions, texts[0]);
                    baseline = heapAfterGc();
                    threadsBefore = Thread.activeCount();
                    instancesBefore = klsInstances();
                    instancesBefore.forEach((cls, n) -> earlierMax.merge(cls, n, Math::max));
                }
                if (e > warmUp && e % Math.max(1, edits / 10) == 0) {
                    atRest(c, uris, versions, texts[0]);
                    long heap = heapAfterGc();
                    maxAfter = Math.max(maxAfter, heap);
                    points.add(new long[] {e, heap});
                    samples.add(e + ":" + heap / (1 << 20) + "MB");
                    // As it goes: a long soak that is stopped still leaves its samples in the output.
                    Map<String, Long> now = klsInstances();
                    System.out.printf(java.util.Locale.ROOT, "soak: sample %d edits, heap %d MB, %s above the earlier "
                            + "most, %.0f s%n", e, heap >> 20, grown(earlierMax, now), (System.nanoTime() - started) / 1e9);
                    now.forEach((cls, n) -> earlierMax.merge(cls, n, Math::max));
                    System.out.flush();
                }
            }
            Hover last = atRest(c, uris, versions, texts[0]);
            assertNotNull(last, "the server stopped answering after the soak");
            long after = heapAfterGc();
            points.add(new long[] {edits, after});
            int threadsAfter = Thread.activeCount();
            List<String> grown = grown(earlierMax, klsInstances());
            double perEdit = slope(points);
            String report = "soak: " + edits + " edits, heap after GC at warm-up " + baseline / (1 << 20) + "MB, "
                    + "samples " + samples + ", end " + after / (1 << 20) + "MB, trend "
                    + String.format(java.util.Locale.ROOT, "%.0f", perEdit) + " bytes/edit; threads "
                    + threadsBefore + " -> " + threadsAfter + "; kls classes grown past every earlier sample: " + grown + "; "
                    + String.format(java.util.Locale.ROOT, "%.0f s for the edits; hover answered in %s (first: %s)",
                            (System.nanoTime() - started) / 1e9, latencies(hoverNanos), latencies(firstHovers));
            System.out.println(report);
            // Flat, three ways: no class of kls's own ends above every earlier sample (exact, whatever their size); the heap's
            // trend over the samples after warm-up is under 2 KB per edit (20 MB over 10,000 edits); and no sample exceeds
            // the warm-up heap by more than 5 % + 8 MB (the GC's own noise).
            assertTrue(grown.isEmpty(), report);
            assertTrue(perEdit < 2048, report);
            assertTrue(maxAfter <= baseline * 1.05 + (8 << 20), report);
            assertTrue(threadsAfter <= threadsBefore + 4, report);
        }
    }

    private static Hover hoverXen(InProcessClient c, String uri, CharSequence text) throws Exception {
        String k = text.toString();
        int xenLine = (int) k.substring(0, k.indexOf("config XEN\n")).chars().filter(ch -> ch == '\n').count();
        return c.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                new Position(xenLine, 8))).get(60, TimeUnit.SECONDS);
    }

    /**
     * Waits until the diagnostics of both documents' latest versions are published: a sample taken while
     * the analysis of the last edit runs counts its working memory (on Linux, a Kconfig edit's second
     * tree, half a gigabyte), which is not what stays.
     */
    private static void settle(InProcessClient c, String[] uris, int[] versions) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        for (int i = 0; i < uris.length; i++) {
            while (true) {
                org.eclipse.lsp4j.PublishDiagnosticsParams p = c.diagnostics.get(uris[i]);
                if (p != null && p.getVersion() != null && p.getVersion() >= versions[i]) {
                    break;
                }
                if (System.nanoTime() > end) {
                    throw new AssertionError("no diagnostics for version " + versions[i] + " of " + uris[i]
                            + " within 5 minutes (last: " + (p == null ? "none" : p.getVersion()) + ")");
                }
                Thread.sleep(20);
            }
        }
        Thread.sleep(200);
    }

    /**
     * The server at rest on the newest text: diagnostics published, a hover on XEN answered, and the work that
     * hover starts off the request (the values XEN can take, once the tree is quiet) done. In flight, that
     * work's half-built encoding would read as growth; for an older tree, as a second tree kept.
     */
    private static Hover atRest(InProcessClient c, String[] uris, int[] versions, StringBuilder kconfigText)
            throws Exception {
        settle(c, uris, versions);
        Hover h = hoverXen(c, uris[0], kconfigText);
        try {
            c.kls.awaitBackground(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the hover's background work did not end within 5 minutes", e);
        }
        return h;
    }

    /** p50, p95 and max of the awaited hovers, in milliseconds. */
    static String latencies(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "-";
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        java.util.function.IntFunction<String> ms = i -> String.format(java.util.Locale.ROOT, "%.1f",
                sorted.get(Math.min(sorted.size() - 1, i)) / 1e6);
        return "p50 " + ms.apply(sorted.size() / 2) + " ms, p95 " + ms.apply(sorted.size() * 95 / 100) + " ms, max "
                + ms.apply(sorted.size() - 1) + " ms";
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

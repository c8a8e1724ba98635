package dev.kls.c.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.CProject;
import dev.kls.c.body.FileBodies;
import dev.kls.c.body.FunctionDef;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Function bodies and the call graph of Linux 6.1's arch/x86 + mm + kernel/. */
@Tag("kernel")
class KernelCallGraphTest {

    static List<String> cFiles(Path tree, List<String> dirs) throws IOException {
        List<String> out = new ArrayList<>();
        for (String d : dirs) {
            try (Stream<Path> s = Files.walk(tree.resolve(d))) {
                s.filter(Files::isRegularFile).map(p -> tree.relativize(p).toString()).filter(p -> p.endsWith(".c"))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void bodiesOfArchX86MmAndKernelAreMostlyParsedFully() throws IOException {
        Path tree = LinuxTree.dir();
        List<String> files = cFiles(tree, List.of(System.getProperty("kls.callgraph.dirs", "arch/x86,mm,kernel")
                .split(",")));
        CProject p = CProject.open(tree, "x86");
        long t0 = System.nanoTime();
        ProjectIndex ix = ProjectIndex.of(p, files);
        long t1 = System.nanoTime();
        CallGraph g = CallGraph.build(ix);
        long t2 = System.nanoTime();
        long fns = 0;
        long full = 0;
        long opaque = 0;
        long unread = 0;
        for (FileBodies b : ix.files()) {
            unread += b.unreadChunks();
            for (FunctionDef f : b.functions()) {
                fns++;
                opaque += f.opaque();
                if (f.parsedFully()) {
                    full++;
                }
            }
        }
        double share = 100.0 * full / Math.max(1, fns);
        System.out.printf("kernel call graph: files=%d functions=%d parsed-fully=%d (%.1f%%) opaque=%d unread-chunks=%d"
                + " edges=%d unresolved=%d index=%.1fs graph=%.1fs%n", files.size(), fns, full, share, opaque, unread,
                g.edgeCount(), g.unresolved().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        assertTrue(fns > 20_000, "functions: " + fns);
        assertTrue(share > 80, "share parsed fully: " + share);
    }
}

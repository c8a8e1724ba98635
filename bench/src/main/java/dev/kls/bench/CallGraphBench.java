package dev.kls.bench;

import dev.kls.c.CProject;
import dev.kls.c.body.FileBodies;
import dev.kls.c.graph.CallGraph;
import dev.kls.c.graph.ProjectIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Times the function bodies, project index and call graph of a tree's C
 * files (default: Linux's arch/x86, mm, kernel): cold (a new project, first
 * in the JVM), warm (a new project again, JIT warm, headers read again),
 * cached (a new index and graph from the same project's read bodies), and a
 * one-file update as the server does it per edit (forget the file, read it
 * again, put it into the index, update the graph), for a few files.
 * Wall time and the process's CPU time (both cores) are printed: on a shared
 * machine the CPU time says more.
 * Usage: CallGraphBench TREE [DIR,DIR,...] [UPDATE_FILE...]
 */
public final class CallGraphBench {

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        String[] dirs = (args.length > 1 ? args[1] : "arch/x86,mm,kernel").split(",");
        List<String> files = new ArrayList<>();
        for (String d : dirs) {
            try (Stream<Path> s = Files.walk(tree.resolve(d))) {
                s.filter(Files::isRegularFile).map(p -> tree.relativize(p).toString()).filter(p -> p.endsWith(".c"))
                        .sorted().forEach(files::add);
            }
        }
        List<String> updates = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            updates.add(args[i]);
        }
        if (updates.isEmpty()) {
            updates = List.of(files.get(files.size() / 3), files.get(files.size() / 2), files.get(2 * files.size() / 3));
        }
        CProject project = null;
        ProjectIndex ix = null;
        CallGraph g = null;
        for (String run : List.of("cold", "warm")) {
            project = CProject.open(tree, "x86");
            long c0 = cpu();
            long t0 = System.nanoTime();
            ix = ProjectIndex.of(project, files);
            long t1 = System.nanoTime();
            g = CallGraph.build(ix);
            long t2 = System.nanoTime();
            System.out.printf("%s: %d files, %d functions, %d edges: index %.1f s, graph %.1f s, total %.1f s wall,"
                    + " %.1f s CPU%n", run, files.size(), g.functions().size(), g.edgeCount(), (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, (t2 - t0) / 1e9, (cpu() - c0) / 1e9);
        }
        long c0 = cpu();
        long t0 = System.nanoTime();
        ProjectIndex again = ProjectIndex.of(project, files);
        CallGraph.build(again);
        System.out.printf("cached bodies: index + graph %.1f s wall, %.1f s CPU%n", (System.nanoTime() - t0) / 1e9,
                (cpu() - c0) / 1e9);
        for (String f : updates) {
            for (int i = 0; i < 3; i++) {
                long cs = cpu();
                long s = System.nanoTime();
                FileBodies before = ix.file(f);
                project.invalidate(f);
                ix.put(project.file(f).functions());
                long read = System.nanoTime();
                g = g.update(f, before);
                long done = System.nanoTime();
                System.out.printf("update %s (%d): read %.1f ms, graph %.1f ms, total %.1f ms wall, %.1f ms CPU%n",
                        f, i + 1, (read - s) / 1e6, (done - read) / 1e6, (done - s) / 1e6, (cpu() - cs) / 1e6);
            }
        }
    }
}

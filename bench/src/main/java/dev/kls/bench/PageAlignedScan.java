package dev.kls.bench;

import dev.kls.diagnostics.rules.SectionPrefilter;
import dev.kls.c.CFile;
import dev.kls.c.CProject;
import dev.kls.c.Configuration;
import dev.kls.c.ObjectDecl;
import dev.kls.c.ObjectEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Times what the page-aligned-size rule asks of the C analyzer on a real
 * tree: list the objects of every .c file under the given folders, and size
 * those in a page-aligned section for one configuration. Cold: a new
 * project (every file read and tokenized); warm: the same project again.
 * The rule's way is timed (SectionPrefilter#filesPossiblyIn, then
 * SectionPrefilter#objectsPossiblyIn of the files it keeps), then, as a check and for comparison, every file's objects
 * with no pre-filter in another new project.
 * Usage: PageAlignedScan TREE CONFIG_FILE [RUNS] [DIR...]
 */
public final class PageAlignedScan {

    private static final Set<String> SECTIONS = Set.of(".bss..page_aligned", ".data..page_aligned",
            ".bss.page_aligned", ".data.page_aligned");

    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            if (line.startsWith("CONFIG_") && line.contains("=")) {
                values.put(line.substring(7, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            } else if (line.startsWith("# CONFIG_") && line.endsWith(" is not set")) {
                values.put(line.substring(9, line.length() - 11), "n");
            }
        }
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> dirs = args.length > 3 ? List.of(args).subList(3, args.length) : List.of("arch/x86", "mm",
                "drivers/xen");
        List<String> files = new ArrayList<>();
        for (String d : dirs) {
            try (Stream<Path> s = Files.walk(tree.resolve(d))) {
                s.filter(p -> p.toString().endsWith(".c")).map(p -> tree.relativize(p).toString()).sorted()
                        .forEach(files::add);
            }
        }
        for (int r = 0; r < runs; r++) {
            // What the rule does: the cheap pre-filter, then the objects of the files it keeps.
            CProject p = CProject.open(tree, "x86");
            Configuration cfg = p.configuration(values);
            long c0 = cpu();
            long t0 = System.nanoTime();
            List<String> kept = SectionPrefilter.filesPossiblyIn(p, SECTIONS, files);
            Set<String> found = new TreeSet<>();
            int[] counts = scan(p, cfg, kept, found, true);
            long t1 = System.nanoTime();
            long c1 = cpu();
            List<String> keptAgain = SectionPrefilter.filesPossiblyIn(p, SECTIONS, files);
            int[] again = scan(p, cfg, keptAgain, new TreeSet<>(), true);
            long t2 = System.nanoTime();
            System.out.printf("run %d: files=%d kept=%d objects=%d page-aligned=%d sized=%d cold=%d ms (cpu %d ms) "
                    + "warm=%d ms (headers read=%d)%n", r + 1, files.size(), kept.size(), counts[0], counts[1],
                    counts[2], (t1 - t0) / 1_000_000, (c1 - c0) / 1_000_000, (t2 - t1) / 1_000_000,
                    p.tree().cachedFiles());
            if (again[1] != counts[1]) {
                throw new IllegalStateException("warm run found a different count");
            }
            // Every file's objects, no pre-filter (an editor opening each file): same page-aligned objects.
            CProject all = CProject.open(tree, "x86");
            long c3 = cpu();
            long t3 = System.nanoTime();
            Set<String> foundAll = new TreeSet<>();
            int[] full = scan(all, all.configuration(values), files, foundAll, false);
            long t4 = System.nanoTime();
            long c4 = cpu();
            System.out.printf("run %d: every file's objects, no pre-filter: objects=%d page-aligned=%d cold=%d ms "
                    + "(cpu %d ms)%n", r + 1, full[0], full[1], (t4 - t3) / 1_000_000, (c4 - c3) / 1_000_000);
            if (!foundAll.equals(found) || full[2] != counts[2]) {
                throw new IllegalStateException("the pre-filter left out page-aligned objects");
            }
        }
    }

    /** CPU time of the whole process (all threads, the JIT and GC too): steadier than wall time on a busy machine. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static int[] scan(CProject p, Configuration cfg, List<String> files, Set<String> found, boolean filtered) {
        int objects = 0;
        int aligned = 0;
        int sized = 0;
        for (String f : files) {
            CFile cf = p.file(f);
            for (ObjectDecl d : filtered ? SectionPrefilter.objectsPossiblyIn(cf, SECTIONS) : cf.objects()) {
                objects++;
                if (d.possibleSections().stream().anyMatch(SECTIONS::contains)) {
                    aligned++;
                    found.add(f + ":" + d.name());
                    ObjectEvaluation e = p.evaluate(d, cfg);
                    if (e.sizeKnown()) {
                        sized++;
                    }
                }
            }
        }
        return new int[] {objects, aligned, sized};
    }
}

package dev.kls.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.testing.KernelObjects;
import dev.kls.kconfig.testing.KernelObjects.Result;
import dev.kls.kconfig.testing.KernelObjects.Target;
import dev.kls.kconfig.testing.LinuxTree;
import dev.kls.kconfig.testing.ObjectSymbol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kls against gcc on Linux 6.1: for x86_64_defconfig and i386_defconfig,
 * every object gcc puts in a page-aligned section under arch/x86, mm and
 * drivers/xen (the kernel's own build, {@link KernelObjects}) must be found
 * by kls in the same file, present in the same section with the same size;
 * and every object kls finds present in such a section must be one of gcc's,
 * unless kbuild does not build its file in that configuration. The
 * configuration is kls's own defconfig, which must equal the .config make
 * wrote; the generated headers come from the build folder, as kbuild's O=.
 */
@Tag("kernel")
class KernelGroundTruthTest {

    @ParameterizedTest
    @EnumSource(Target.class)
    void everyPageAlignedObjectAsGccBuildsIt(Target target) throws Exception {
        Path tree = LinuxTree.dir();
        Result gcc = KernelObjects.collect(target);
        Map<String, String> values = KernelTreeTest.defconfig(tree, target.arch(),
                "arch/x86/configs/" + target.defconfig());
        Map<String, String> made = dotConfig(gcc.buildDir().resolve(".config"));
        List<String> configDiff = new ArrayList<>();
        for (String k : new TreeSet<>(union(made.keySet(), values.keySet()))) {
            if (!java.util.Objects.equals(made.get(k), values.get(k))) {
                configDiff.add(k + ": make " + made.get(k) + ", kls " + values.get(k));
            }
        }
        assertEquals(List.of(), configDiff, "kls's " + target.defconfig() + " differs from the .config make wrote");

        CProject p = CProject.open(tree, "x86", gcc.buildDir());
        Configuration cfg = p.configuration(values);
        assertEquals(target.arch(), cfg.abi().name());
        List<String> files = KernelTreeTest.sources(tree, KernelObjects.ROOTS, false);

        // kls: every object of every file (no pre-filter: the filter is checked below), evaluated
        // when any reading puts it in a page-aligned section, or when gcc has it.
        Set<String> gccKeys = new TreeSet<>();
        for (ObjectSymbol s : gcc.symbols()) {
            gccKeys.add(s.file() + ":" + s.name());
        }
        Map<String, List<ObjectEvaluation>> kls = new LinkedHashMap<>();
        for (String f : files) {
            for (ObjectDecl d : p.file(f).objects()) {
                String key = f + ":" + d.name();
                if (d.possibleSections().stream().anyMatch(KernelTreeTest.PAGE_ALIGNED::contains)
                        || gccKeys.contains(key)) {
                    kls.computeIfAbsent(key, k -> new ArrayList<>()).add(p.evaluate(d, cfg));
                }
            }
        }

        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-34s %-28s %-20s %8s %-20s %8s  %s", "file", "object", "gcc section", "gcc size",
                "kls section", "kls size", "verdict"));
        int compared = 0;
        int differed = 0;
        Set<String> seen = new TreeSet<>();
        for (ObjectSymbol s : gcc.symbols()) {
            String key = s.file() + ":" + s.name();
            seen.add(key);
            compared++;
            ObjectEvaluation e = definition(kls.get(key));
            String verdict;
            if (e == null) {
                verdict = kls.containsKey(key) ? "DIFF: kls finds it, not compiled in this configuration"
                        : "DIFF: kls does not find it";
            } else if (!s.section().equals(e.section())) {
                verdict = "DIFF: section";
            } else if (!e.sizeKnown()) {
                verdict = "DIFF: size unknown: " + e.unknownReason();
            } else if (e.size().getAsLong() != s.size()) {
                verdict = "DIFF: size";
            } else {
                verdict = "same";
            }
            if (!verdict.equals("same")) {
                differed++;
            }
            rows.add(row(s.file(), s.name(), s.section(), Long.toString(s.size()), e, verdict));
        }
        int notBuilt = 0;
        Map<String, Map<String, Long>> nmSizes = new HashMap<>();
        for (Map.Entry<String, List<ObjectEvaluation>> en : kls.entrySet()) {
            if (seen.contains(en.getKey())) {
                continue;
            }
            ObjectEvaluation e = definition(en.getValue());
            if (e == null || e.decl().isExtern()) {
                continue;
            }
            String file = e.decl().file();
            boolean pageAligned = e.section() != null && KernelTreeTest.PAGE_ALIGNED.contains(e.section());
            String verdict;
            String gccSize = "-";
            if (gcc.notEnabled().contains(file)) {
                if (!pageAligned) {
                    continue;
                }
                verdict = "file not built in " + target.defconfig();
                notBuilt++;
            } else if (pageAligned) {
                compared++;
                differed++;
                verdict = gcc.built().contains(file) ? "DIFF: gcc does not put it there"
                        : "DIFF: file is not a ground-truth candidate";
            } else if (gcc.built().contains(file)) {
                // Page-aligned under another configuration only (x86's __cacheline_aligned_in_smp
                // under X86_VSMP): gcc agrees it is elsewhere here; its size is still checked.
                Long size = nmSizes.computeIfAbsent(file, f -> nmSizes(gcc.object(f))).get(e.decl().name());
                compared++;
                gccSize = size == null ? "none" : Long.toString(size);
                if (size == null || !e.sizeKnown() || e.size().getAsLong() != size) {
                    differed++;
                    verdict = "DIFF: nm -S size";
                } else {
                    verdict = "same size, not page-aligned here (gcc agrees)";
                }
            } else {
                continue;
            }
            rows.add(row(file, e.decl().name(), "-", gccSize, e, verdict));
        }
        rows.forEach(System.out::println);
        System.out.printf("%s %s: compared %d, differed %d (%d more kls objects in files %s does not build; "
                + "ground truth %s in %.1f s)%n", target.arch(), target.defconfig(), compared, differed, notBuilt,
                target.defconfig(), gcc.cached() ? "cached" : "built", gcc.elapsed().toMillis() / 1000.0);

        // The rule's pre-filter is checked against this full reading in diagnostics' KernelSectionPrefilterTest.
        assertTrue(compared >= 4, "compared " + compared);
        assertEquals(0, differed, "objects where kls and gcc differ (see the table above)");
    }

    /** The evaluation of the declaration that defines the object in this configuration, else null. */
    private static ObjectEvaluation definition(List<ObjectEvaluation> es) {
        if (es == null) {
            return null;
        }
        ObjectEvaluation best = null;
        for (ObjectEvaluation e : es) {
            if (!e.present()) {
                continue;
            }
            if (best == null || best.decl().isExtern() && !e.decl().isExtern()) {
                best = e;
            }
        }
        return best;
    }

    private static String row(String file, String name, String gccSection, String gccSize, ObjectEvaluation e,
            String verdict) {
        String klsSection = e == null ? "-" : String.valueOf(e.section());
        String klsSize = e == null ? "-" : e.sizeKnown() ? Long.toString(e.size().getAsLong()) : "?";
        return String.format("%-34s %-28s %-20s %8s %-20s %8s  %s", file, name, gccSection, gccSize, klsSection,
                klsSize, verdict);
    }

    /** Defined symbols of an object file with their sizes, as {@code nm -S} lists them (0 when it gives none). */
    private static Map<String, Long> nmSizes(Path object) {
        try {
            Process pr = new ProcessBuilder(dev.kls.kconfig.testing.Toolchain.system().nm(), "-S", object.toString())
                    .redirectErrorStream(true).start();
            String out = new String(pr.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, pr.waitFor(), "nm -S " + object + ":\n" + out);
            Map<String, Long> m = new HashMap<>();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4) {
                    m.put(f[3], Long.parseLong(f[1], 16));
                } else if (f.length == 3) {
                    m.put(f[2], 0L); // nm leaves the size out when it is 0 (a [0] array)
                }
            }
            return m;
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("cannot run nm on " + object + ": " + e, e);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    /** A .config as the values map kls uses: name without CONFIG_ to value, "n" for "is not set". */
    private static Map<String, String> dotConfig(Path file) throws Exception {
        Map<String, String> values = new HashMap<>();
        for (DotConfig.Line l : DotConfig.parse(file.toString(), Files.readString(file)).lines()) {
            if (l instanceof DotConfig.Assignment a) {
                values.put(a.name(), a.value());
            } else if (l instanceof DotConfig.NotSet n) {
                values.put(n.name(), "n");
            }
        }
        return new TreeMap<>(values);
    }
}

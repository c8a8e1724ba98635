package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * olddefconfig of the defconfigs under arch/*&#47;configs, by the kernel's
 * conf and by kls, per release: the outputs must be byte-identical (header
 * aside). By default a fixed sample runs (every x86 and arm64 defconfig,
 * and of every other arch the first and then every {@value #SAMPLE_EVERY}th
 * in name order), to keep CI short; {@code -Dkls.kernel.defconfigs=all}
 * (scripts/diff-defconfigs.sh) runs every one. ARCH is the arch folder's
 * name, as {@code make ARCH=... foo_defconfig} takes it.
 */
@Tag("kernel")
class KernelDefconfigsTest {

    static final int SAMPLE_EVERY = 32; // CI time: ~30 defconfigs per release; scripts/diff-defconfigs.sh runs all
    static final boolean ALL = "all".equals(System.getProperty("kls.kernel.defconfigs", "sample"));
    static final int PARALLEL = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    static Stream<String> releases() {
        return LinuxTree.RELEASES.stream();
    }

    /** The defconfigs of one arch folder, in name order (files named *defconfig, in sub-folders too). */
    static List<Path> defconfigs(Path archDir) {
        Path configs = archDir.resolve("configs");
        if (!Files.isDirectory(configs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(configs)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith("defconfig"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean sampled(String arch, int index) {
        return ALL || arch.equals("x86") || arch.equals("arm64") || index % SAMPLE_EVERY == 0;
    }

    record Outcome(String name, String problem) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void everyDefconfigThroughOlddefconfig(String release) throws Exception {
        KernelConf kc = KernelConf.get(release);
        List<String> arches;
        try (Stream<Path> s = Files.list(kc.tree.resolve("arch"))) {
            arches = s.filter(p -> Files.isRegularFile(p.resolve("Kconfig"))).map(p -> p.getFileName().toString())
                    .sorted().toList();
        }
        int compared = 0;
        int chosenTotal = 0;
        List<Outcome> differed = new ArrayList<>();
        for (String arch : arches) {
            List<Path> all = defconfigs(kc.tree.resolve("arch").resolve(arch));
            List<Path> chosen = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (sampled(arch, i)) {
                    chosen.add(all.get(i));
                }
            }
            if (chosen.isEmpty()) {
                continue;
            }
            chosenTotal += chosen.size();
            KconfigTree tree = kc.kconfig(arch).tree();
            List<Callable<Outcome>> jobs = new ArrayList<>();
            for (Path defconfig : chosen) {
                String name = kc.tree.relativize(defconfig).toString();
                jobs.add(() -> {
                    String text = Files.readString(defconfig);
                    Path file = kc.newFile(defconfig.getFileName() + ".config");
                    Files.writeString(file, text);
                    kc.conf(arch, "olddefconfig", file, Map.of());
                    String kernel = Files.readString(file);
                    ConfigResult kls = ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG,
                            DotConfig.parse(name, text));
                    return new Outcome(name, KernelRandomConfigTest.firstDifference(kernel, kls.text()));
                });
            }
            for (Outcome o : KernelConf.inParallel(PARALLEL, jobs)) {
                compared++;
                if (o.problem() != null) {
                    differed.add(o);
                    System.out.println(release + " " + o.name() + ": " + o.problem());
                }
            }
        }
        System.out.println(release + " defconfigs through olddefconfig (" + (ALL ? "all" : "sample") + "): compared "
                + compared + ", differed " + differed.size());
        // Every chosen defconfig must have been compared; the floor catches a tree with its configs missing
        // (x86 and arm64 whole, every 32nd of the others: 28 on 6.12, 30 on 6.1).
        assertEquals(chosenTotal, compared, "defconfigs chosen but not compared");
        assertTrue(compared >= (ALL ? 300 : 20), "too few defconfigs found: " + compared);
        if (!differed.isEmpty()) {
            fail(release + ": " + differed.size() + " of " + compared + " defconfigs differ from conf's olddefconfig;"
                    + " first " + differed.get(0).name() + ": " + differed.get(0).problem());
        }
    }
}

package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.dotconfig.DotConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * kls against the kernel's own conf on many random configurations of Linux
 * 6.1 and 6.12, per release and architecture:
 * <ul>
 * <li>the kernel's randconfig (KCONFIG_SEED=s, several KCONFIG_PROBABILITY
 * settings) thinned by dropping a random subset of its lines, then
 * olddefconfig by conf and by kls: identical outputs and warnings; on some of them also
 * listnewconfig, and savedefconfig of conf's result;</li>
 * <li>kls's randconfig with the same seeds: a fixpoint of conf's
 * olddefconfig, and byte-identical to conf's randconfig whenever conf's
 * own is such a fixpoint.</li>
 * </ul>
 * conf runs directly (scripts/kconfig/conf with make's environment), two at
 * a time. {@code -Dkls.kernel.inputs=N} changes the number of seeds (20).
 */
@Tag("kernel")
class KernelRandomConfigTest {

    // 20 per release and arch (the randconfig count the releases issue asks for) keeps CI's share near
    // 8 minutes for both releases (30 took 12 of a 32-minute CI run); 50 (-Dkls.kernel.inputs=50) was measured
    // equal on 6.1 x86_64/i386/arm64 and 6.12 x86_64/i386.
    static final int INPUTS = Integer.getInteger("kls.kernel.inputs", 20);
    static final int PARALLEL = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    /** Every how many seeds listnewconfig and savedefconfig are compared too. */
    static final int EXTRA_EVERY = 10;

    /** conf's randconfig by release, arch and seed: both tests use it. */
    static final Map<String, String> KERNEL_RANDCONFIG = new ConcurrentHashMap<>();

    /** (release, arch) for every release and the three arches. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> arches() {
        return dev.kls.kconfig.testing.LinuxTree.RELEASES.stream().flatMap(r -> java.util.stream.Stream
                .of("x86_64", "i386", "arm64").map(a -> org.junit.jupiter.params.provider.Arguments.of(r, a)));
    }

    /** KCONFIG_PROBABILITY for a seed: conf's default, and each of the three forms conf accepts. */
    static String probability(int seed) {
        switch (seed % 4) {
            case 1:
                return "20";
            case 2:
                return "40:25";
            case 3:
                return "70:10:30";
            default:
                return null;
        }
    }

    static ConfigOptions options(int seed) {
        return ConfigOptions.DEFAULT.withSeed(seed).withProbability(ConfigOptions.Probability.parse(probability(seed)));
    }

    static String kernelRandconfig(KernelConf kc, String arch, int seed) {
        return KERNEL_RANDCONFIG.computeIfAbsent(kc.release + "/" + arch + "/" + seed, k -> {
            Path out = kc.newFile(arch + "-rand-" + seed + ".config");
            Map<String, String> env = new java.util.HashMap<>();
            env.put("KCONFIG_SEED", Integer.toString(seed));
            if (probability(seed) != null) {
                env.put("KCONFIG_PROBABILITY", probability(seed));
            }
            KernelConf.Result r = kc.conf(arch, "randconfig", out, env);
            assertTrue(r.out().contains(ConfigOptions.seedLine(seed)), "conf did not take the seed: " + r.out());
            return read(out);
        });
    }

    /** conf's olddefconfig on a .config text. */
    static String kernelOlddefconfig(KernelConf kc, String arch, String text, String hint) {
        Path file = kc.newFile(hint + ".config");
        write(file, text);
        kc.conf(arch, "olddefconfig", file, Map.of());
        return read(file);
    }

    /** A random subset of the lines dropped: 5 to 60 % of them, a different share per seed. */
    static String thin(String config, Random rnd) {
        double drop = 0.05 + 0.55 * rnd.nextDouble();
        StringBuilder sb = new StringBuilder();
        for (String line : config.split("\n")) {
            if (rnd.nextDouble() >= drop) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    record Outcome(int seed, String problem) {
    }

    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.MethodSource("arches")
    void thinnedRandconfigsThroughOlddefconfig(String release, String arch) {
        KernelConf kc = KernelConf.get(release);
        KconfigTree tree = kc.kconfig(arch).tree();
        java.util.concurrent.atomic.AtomicInteger warnings = new java.util.concurrent.atomic.AtomicInteger();
        List<Callable<Outcome>> jobs = new ArrayList<>();
        for (int s = 1; s <= INPUTS; s++) {
            int seed = s;
            jobs.add(() -> {
                String thinned = thin(kernelRandconfig(kc, arch, seed), new Random(seed));
                Path file = kc.newFile(arch + "-thin-" + seed + ".config");
                write(file, thinned);
                String stderr = kc.conf(arch, "olddefconfig", file, Map.of()).err();
                String kernel = read(file);
                DotConfig in = DotConfig.parse(file.toString(), thinned);
                ConfigResult kls = ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG, in);
                String diff = firstDifference(kernel, kls.text());
                if (diff != null) {
                    return new Outcome(seed, "olddefconfig: " + diff);
                }
                // The same warnings: unmet dependencies of selected symbols, and anything about the input.
                java.util.Set<String> confSaid = KernelConfigTest.confWarnings(stderr);
                java.util.Set<String> klsSaid = KernelConfigTest.klsWarnings(kls, file.toString());
                if (!confSaid.equals(klsSaid)) {
                    return new Outcome(seed, "olddefconfig warnings: conf " + confSaid + ", kls " + klsSaid);
                }
                warnings.addAndGet(confSaid.size());
                if (seed % EXTRA_EVERY == 0) {
                    String problem = listAndSave(kc, arch, tree, seed, thinned, kernel);
                    if (problem != null) {
                        return new Outcome(seed, problem);
                    }
                }
                return new Outcome(seed, null);
            });
        }
        report(release + " " + arch, "thinned randconfig -> olddefconfig", KernelConf.inParallel(PARALLEL, jobs));
        System.out.println(release + " " + arch + " thinned randconfig -> olddefconfig: " + warnings.get()
                + " warnings of conf's, all given by kls as well");
    }

    /** listnewconfig on the thinned input and savedefconfig on conf's result, by conf and by kls. */
    private static String listAndSave(KernelConf kc, String arch, KconfigTree tree, int seed, String thinned, String full) {
        Path in = kc.newFile(arch + "-list-" + seed + ".config");
        write(in, thinned);
        String kernelList = kc.conf(arch, "listnewconfig", in, Map.of()).out();
        String klsList = ConfigEvaluator.run(tree, ConfigTarget.LISTNEWCONFIG, DotConfig.parse("in", thinned)).text();
        if (!kernelList.equals(klsList)) {
            return "listnewconfig: " + firstDifference(kernelList, klsList);
        }
        if (kernelList.isEmpty() && !thinned.equals(full)) {
            return "listnewconfig: conf listed nothing for a thinned config; the comparison proves nothing";
        }
        Path cfg = kc.newFile(arch + "-save-" + seed + ".config");
        write(cfg, full);
        Path defconfig = kc.newFile(arch + "-save-" + seed + ".defconfig");
        kc.conf(arch, "savedefconfig=" + defconfig, cfg, Map.of());
        String kernelSaved = read(defconfig);
        String klsSaved = ConfigEvaluator.run(tree, ConfigTarget.SAVEDEFCONFIG, DotConfig.parse("in", full)).text();
        if (!kernelSaved.equals(klsSaved)) {
            return "savedefconfig: " + firstDifference(kernelSaved, klsSaved);
        }
        return null;
    }

    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.MethodSource("arches")
    void klsRandconfigIsAFixpointOfConfsOlddefconfig(String release, String arch) {
        KernelConf kc = KernelConf.get(release);
        KconfigTree tree = kc.kconfig(arch).tree();
        List<Callable<Outcome>> jobs = new ArrayList<>();
        for (int s = 1; s <= INPUTS; s++) {
            int seed = s;
            jobs.add(() -> {
                String kls = ConfigEvaluator.run(tree, ConfigTarget.RANDCONFIG, null, options(seed)).text();
                String settled = kernelOlddefconfig(kc, arch, kls, arch + "-klsrand-" + seed);
                String diff = firstDifference(kls, settled);
                if (diff != null) {
                    return new Outcome(seed, "conf's olddefconfig changed kls's randconfig: " + diff);
                }
                String conf = kernelRandconfig(kc, arch, seed);
                if (!ConfigResult.withoutHeader(conf).equals(ConfigResult.withoutHeader(kls))) {
                    // Allowed only where conf's own randconfig is no fixpoint and kls settled it.
                    String confSettled = kernelOlddefconfig(kc, arch, conf, arch + "-confrand-" + seed);
                    if (firstDifference(conf, confSettled) == null) {
                        return new Outcome(seed, "conf's randconfig is stable but kls's differs: "
                                + firstDifference(conf, kls));
                    }
                    return new Outcome(seed, "(conf's randconfig is not stable; kls settled it)");
                }
                return new Outcome(seed, null);
            });
        }
        report(release + " " + arch, "kls randconfig fixpoints", KernelConf.inParallel(PARALLEL, jobs));
    }

    private static void report(String arch, String what, List<Outcome> outcomes) {
        List<Outcome> failed = new ArrayList<>();
        int notes = 0;
        for (Outcome o : outcomes) {
            if (o.problem() == null) {
                continue;
            }
            if (o.problem().startsWith("(")) {
                notes++;
                System.out.println(arch + " seed " + o.seed() + ": " + o.problem());
            } else {
                failed.add(o);
            }
        }
        System.out.println(arch + " " + what + ": compared " + outcomes.size() + ", differed " + failed.size()
                + (notes > 0 ? " (" + notes + " where conf's own randconfig was not stable)" : ""));
        assertEquals(INPUTS, outcomes.size());
        if (!failed.isEmpty()) {
            Outcome first = failed.get(0);
            fail(arch + " " + what + ": " + failed.size() + " of " + outcomes.size() + " differ; first at seed "
                    + first.seed() + " (KCONFIG_PROBABILITY=" + probability(first.seed()) + "): " + first.problem());
        }
    }

    /** null when the texts are equal apart from the header comment, else the first differing lines. */
    static String firstDifference(String expected, String actual) {
        String a = ConfigResult.withoutHeader(expected);
        String b = ConfigResult.withoutHeader(actual);
        if (a.equals(b)) {
            return null;
        }
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int i = 0;
        while (i < x.length && i < y.length && x[i].equals(y[i])) {
            i++;
        }
        return "from line " + (i + 1) + ": conf has '" + (i < x.length ? x[i] : "<end>") + "', kls has '"
                + (i < y.length ? y[i] : "<end>") + "'";
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

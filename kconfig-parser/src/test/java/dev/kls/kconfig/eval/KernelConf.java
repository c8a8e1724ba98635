package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.KconfigSeverity;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The kernel's own conf of one release (6.1 or 6.12), shared by the kernel tests of one JVM.
 * The tree is copied once (only what make's config targets read: Kconfig
 * and Makefile files, scripts/, the arch configs), so the cached tree is
 * never written to. conf is built there once by make; after that tests may
 * run it directly with the environment kbuild gives it, which is what make
 * would do, minus make's own start-up.
 */
public final class KernelConf {

    private static final Map<String, KernelConf> INSTANCES = new HashMap<>();

    final Path work;
    final Path tree;
    /** "6.1" or "6.12". */
    final String release;
    private final Map<String, Map<String, String>> envs = new ConcurrentHashMap<>();
    private final Map<String, Kconfig> loaded = new ConcurrentHashMap<>();
    private final AtomicInteger files = new AtomicInteger();
    private boolean confBuilt;

    private KernelConf(Path work, Path tree, String release) {
        this.work = work;
        this.tree = tree;
        this.release = release;
    }

    public static KernelConf get() {
        return get("6.1");
    }

    public static synchronized KernelConf get(String release) {
        KernelConf instance = INSTANCES.get(release);
        if (instance == null) {
            for (String tool : List.of("make", "gcc")) {
                if (!onPath(tool)) {
                    fail("kernel tests need '" + tool + "' on PATH to run the kernel's own conf");
                }
            }
            try {
                Path work = Files.createTempDirectory("kls-kernel-conf-" + release + "-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(work)));
                Path tree = work.resolve("linux");
                copyTree(LinuxTree.dir(release), tree);
                instance = new KernelConf(work, tree, release);
                INSTANCES.put(release, instance);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static void copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> all = Files.walk(src)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                String rel = src.relativize(p).toString().replace('\\', '/');
                if (needed(rel)) {
                    Path to = dst.resolve(rel);
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** What make ARCH=... *config reads. */
    static boolean needed(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        return name.startsWith("Kconfig") || name.startsWith("Makefile") || name.startsWith("Kbuild")
                || name.endsWith(".include") || rel.startsWith("scripts/") || rel.matches("arch/[^/]+/configs/.*")
                || rel.matches("arch/[^/]+/tools/.*");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** A fresh file name in the scratch folder (outside the tree copy). */
    public Path newFile(String hint) {
        return work.resolve(files.incrementAndGet() + "-" + hint);
    }

    /** kls's reading of the tree for an ARCH, with $(shell) allowed as under make. */
    public Kconfig kconfig(String arch) {
        return loaded.computeIfAbsent(arch, a -> {
            try {
                Kconfig k = Kconfig.load(tree, a, true, System.getenv());
                assertEquals(0, k.count(KconfigSeverity.ERROR), () -> "kls cannot read the tree: " + k.diagnostics());
                return k;
            } catch (Kconfig.InputException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Runs make in the copy, as a user would; returns conf's stderr. */
    String make(String arch, Path config, String target) {
        Result r = run(List.of("make", "-s", "ARCH=" + arch, "KCONFIG_CONFIG=" + config, target), null);
        if (r.status != 0) {
            fail("make ARCH=" + arch + " " + target + " failed:\n" + r.err);
        }
        synchronized (this) {
            confBuilt = true;
        }
        return r.err;
    }

    /**
     * The environment make gives conf for an ARCH, taken from make itself: a
     * config-like goal added with --eval prints the environment its recipe
     * gets, which is what the top Makefile exports to scripts/kconfig.
     */
    Map<String, String> kbuildEnvironment(String arch) {
        return envs.computeIfAbsent(arch, a -> {
            Path out = newFile(a + ".env");
            Result r = run(List.of("make", "-s", "ARCH=" + a, "--eval=kls-envconfig: ; @env -0 > " + out,
                    "kls-envconfig"), null);
            if (r.status != 0) {
                fail("make ARCH=" + a + " could not show its environment:\n" + r.err);
            }
            Map<String, String> env = new HashMap<>();
            try {
                for (String kv : Files.readString(out).split("\0")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        env.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // make's own bookkeeping; and scripts/kconfig/Makefile unexports CONFIG_.
            env.keySet().removeIf(k -> k.startsWith("MAKE") || k.equals("MFLAGS") || k.equals("CONFIG_"));
            assertEquals(a, env.get("ARCH"), "make did not export ARCH");
            return Map.copyOf(env);
        });
    }

    /**
     * Runs scripts/kconfig/conf --MODE Kconfig directly in the copy, as
     * scripts/kconfig/Makefile runs it, with make's environment for the ARCH,
     * {@code KCONFIG_CONFIG=config} and {@code extra}. Fails the test when
     * conf fails.
     */
    public Result conf(String arch, String mode, Path config, Map<String, String> extra) {
        ensureConf();
        Map<String, String> env = new HashMap<>(kbuildEnvironment(arch));
        env.put("KCONFIG_CONFIG", config.toString());
        env.putAll(extra);
        Result r = run(List.of(tree.resolve("scripts/kconfig/conf").toString(), "-s", "--" + mode, "Kconfig"), env);
        if (r.status != 0) {
            fail("conf --" + mode + " (ARCH=" + arch + ", " + config + ") failed:\n" + r.err);
        }
        return r;
    }

    /** Builds conf (and the auto.conf it creates once) before conf runs side by side. */
    private synchronized void ensureConf() {
        if (!confBuilt) {
            make("x86_64", newFile("first.config"), "allnoconfig");
        }
    }

    /** Runs up to {@code parallel} jobs at a time (the kernel's conf is a separate process). */
    static <T> List<T> inParallel(int parallel, List<java.util.concurrent.Callable<T>> jobs) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        try {
            List<CompletableFuture<T>> futures = new ArrayList<>();
            for (java.util.concurrent.Callable<T> job : jobs) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return job.call();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            List<T> results = new ArrayList<>();
            for (CompletableFuture<T> f : futures) {
                results.add(f.join());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A finished process: exit status and what it printed. */
    public record Result(int status, String out, String err) {
    }

    /**
     * Runs the kernel's conf {@code --MODE Kconfig} in {@code dir}, a small
     * tree of a test's own (not the kernel's), with only PATH in the
     * environment; returns whatever conf did, failure included.
     */
    Result confIn(Path dir, String mode) {
        ensureConf();
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return run(List.of(tree.resolve("scripts/kconfig/conf").toString(), "--" + mode, "Kconfig"), env, dir);
    }

    private Result run(List<String> command, Map<String, String> env) {
        return run(command, env, tree);
    }

    private Result run(List<String> command, Map<String, String> env, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            if (env != null) {
                pb.environment().clear();
                pb.environment().putAll(env);
            } else {
                pb.environment().keySet().removeIf(k -> k.startsWith("KCONFIG_") || k.equals("CONFIG_"));
            }
            Path out = Files.createTempFile(work, "out", ".txt");
            Path err = Files.createTempFile(work, "err", ".txt");
            try {
                Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish in 10 minutes");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

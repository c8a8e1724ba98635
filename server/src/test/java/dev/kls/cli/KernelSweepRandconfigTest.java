package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14: the configurations a random sweep tries are exactly what the kernel's own {@code make randconfig}
 * gives for the same KCONFIG_SEED. 20 configurations per arch of a sweep of Linux 6.1 (seed 0x5eed), each
 * written by {@code --save-configs} and compared with {@code make O=... randconfig} under the seed the
 * report names for it.
 */
@Tag("kernel")
class KernelSweepRandconfigTest {

    private static final int CONFIGS = 20;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x86_64", "arm64"})
    void sweepConfigurationsAreMakeRandconfigs(String arch, @TempDir Path dir) throws Exception {
        Path linux = LinuxTree.dir();
        Path saved = dir.resolve("configs");
        Path out = dir.resolve("sweep.json");
        CliRun run = CliRun.of("sweep", "--srctree", linux.toString(), "--arch", arch, "--configs",
                String.valueOf(CONFIGS), "--seed", "0x5eed", "--allow-shell", "--rule", "kconfig-syntax", "--save-configs",
                saved.toString(), "--output", out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        JsonObject report = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        List<String[]> seeds = new ArrayList<>();
        for (JsonElement e : report.getAsJsonArray("configurations")) {
            JsonObject c = e.getAsJsonObject();
            seeds.add(new String[] {c.get("index").getAsString(), c.get("seed").getAsString()});
        }
        assertEquals(CONFIGS, seeds.size());

        // One build folder per arch and job: conf is built once in each, then only run.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Callable<String>> jobs = new ArrayList<>();
            for (int i = 0; i < seeds.size(); i++) {
                String[] s = seeds.get(i);
                Path build = dir.resolve("o-" + (i % 2));
                jobs.add(() -> {
                    synchronized (build.toString().intern()) {
                        Files.createDirectories(build);
                        make(linux, build, arch, s[1]);
                        String conf = ConfigResult.withoutHeader(Files.readString(build.resolve(".config")));
                        String kls = ConfigResult.withoutHeader(Files.readString(saved.resolve("config-" + s[0])));
                        return conf.equals(kls) ? null : "configuration " + s[0] + " (KCONFIG_SEED=" + s[1]
                                + ") differs from make randconfig: " + firstDifference(conf, kls);
                    }
                });
            }
            // every job ends before any result is looked at: no make is left running in the folder
            List<Future<String>> results = pool.invokeAll(jobs);
            List<String> differ = new ArrayList<>();
            for (Future<String> f : results) {
                String d = f.get();
                if (d != null) {
                    differ.add(d);
                }
            }
            System.out.println("sweep vs make randconfig, 6.1 " + arch + ": " + (CONFIGS - differ.size()) + "/"
                    + CONFIGS + " identical");
            assertTrue(differ.isEmpty(), String.join("\n", differ));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void make(Path linux, Path build, String arch, String seed) throws IOException,
            InterruptedException {
        List<String> cmd = List.of("make", "-s", "-C", linux.toString(), "O=" + build, "ARCH=" + arch, "randconfig");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(build.resolve("kls-make.log").toFile());
        for (String v : List.of("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "KBUILD_OUTPUT", "CROSS_COMPILE", "LLVM", "CC",
                "ARCH", "SRCARCH", "KCONFIG_PROBABILITY", "KCONFIG_ALLCONFIG")) {
            pb.environment().remove(v);
        }
        pb.environment().put("KCONFIG_SEED", seed);
        int rc = pb.start().waitFor();
        assertEquals(0, rc, "make randconfig failed: " + cmd + " (log: " + build.resolve("kls-make.log") + ")");
        String log = Files.readString(build.resolve("kls-make.log"));
        assertTrue(log.toLowerCase(java.util.Locale.ROOT).contains("kconfig_seed=" + seed.toLowerCase(java.util.Locale.ROOT)),
                "conf did not take the seed " + seed + ": " + log);
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n");
        String[] y = b.split("\n");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String l = i < x.length ? x[i] : "(end)";
            String r = i < y.length ? y[i] : "(end)";
            if (!l.equals(r)) {
                return "line " + (i + 1) + ": make '" + l + "', kls '" + r + "'";
            }
        }
        return "(same lines)";
    }
}

package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.sat.KconfigSat;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Done-when (1) of issue 10: configurations drawn from the SAT model of Linux
 * 6.1 and 6.12 (whose choices follow the 6.11 rework), written as a .config
 * and given to the evaluator's olddefconfig (the conf-exact replay), must
 * keep every drawn bool/tristate value. 3 samples per release and arch by
 * default (seed 42; the tree load dominates); -Dkls.sat.samples=200 for the
 * issue's full count, -Dkls.sat.arch=x86_64 / -Dkls.sat.release=6.12 for
 * one of them, -Dkls.sat.verbose=true for per-sample times.
 *
 * <p>The ceiling is 0 distinct (symbol, drawn, conf) disagreements, measured
 * with 200 samples per arch; any disagreement is a model bug and is listed on
 * stdout. The encoder's approximations ({@link PropositionalEncoder#APPROXIMATIONS})
 * narrow what can be drawn, never what conf keeps.
 */
@Tag("kernel")
class KernelSatSamplingTest {

    private static final int SAMPLES = Integer.getInteger("kls.sat.samples", 3);
    private static final boolean VERBOSE = Boolean.getBoolean("kls.sat.verbose");
    /**
     * Distinct disagreements allowed per arch: 0, measured with 200 samples per arch on Linux 6.1 and 30 per
     * arch on 6.12 (seed 42).
     */
    private static final Map<String, Integer> CEILING = Map.of("x86_64", 0, "arm64", 0);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"6.1, x86_64", "6.1, arm64", "6.12, x86_64", "6.12, arm64"})
    void drawnValuesAreKeptByOlddefconfig(String release, String arch) {
        String only = System.getProperty("kls.sat.arch");
        Assumptions.assumeTrue(only == null || only.equals(arch), () -> "-Dkls.sat.arch=" + only + " skips " + arch);
        String onlyRelease = System.getProperty("kls.sat.release");
        Assumptions.assumeTrue(onlyRelease == null || onlyRelease.equals(release),
                () -> "-Dkls.sat.release=" + onlyRelease + " skips " + release);
        KconfigTree tree = KernelConf.get(release).kconfig(arch).tree();
        long t0 = System.nanoTime();
        KconfigSat sat = KconfigSat.of(tree);
        long encodeMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("SAT " + release + " " + arch + ": encoded vars=" + sat.variables() + " clauses="
                + sat.clauses() + " in "
                + encodeMs + " ms");
        Random random = new Random(42);
        Map<String, Integer> bySymbol = new TreeMap<>();
        int bad = 0;
        long[] sampleMs = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long s0 = System.nanoTime();
            Map<String, Tristate> w = sat.sample(random, 40);
            sampleMs[i] = (System.nanoTime() - s0) / 1_000_000;
            var d = sat.confirm(w);
            if (VERBOSE) {
                System.out.println("  sample " + i + ": " + sampleMs[i] + " ms, " + d.size() + " changed");
            }
            if (!d.isEmpty()) {
                bad++;
                for (var x : d) {
                    bySymbol.merge(x.symbol() + " drawn=" + x.drawn().letter() + " conf=" + x.conf().letter(), 1, Integer::sum);
                }
            }
        }
        Arrays.sort(sampleMs);
        long median = SAMPLES == 0 ? 0 : sampleMs[SAMPLES / 2];
        System.out.println("SAT " + release + " " + arch + ": samples=" + SAMPLES + " with disagreements=" + bad + " (distinct "
                + bySymbol.size() + "); vars=" + sat.variables() + " clauses=" + sat.clauses() + " encode="
                + encodeMs + " ms; median " + median + " ms per sample (solve only, confirm not counted)");
        bySymbol.forEach((k, v) -> System.out.println("  disagreement " + k + " x" + v));
        PropositionalEncoder.APPROXIMATIONS.forEach(a -> System.out.println("  approximation: " + a));
        int ceiling = Integer.getInteger("kls.sat.ceiling", CEILING.get(arch));
        assertTrue(bySymbol.size() <= ceiling, () -> arch + ": " + bySymbol.size()
                + " distinct disagreements, more than the measured " + ceiling + ": " + bySymbol.keySet());
    }
}

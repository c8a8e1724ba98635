package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.sat.KconfigSat;
import dev.kls.kconfig.sat.PairwiseCover;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.kls.kconfig.testing.ConfigPairs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's pairwise plan on Linux 6.1 x86_64, for the first symbols arch/x86/xen/Kconfig defines: every
 * configuration goes through the kernel's own conf (olddefconfig), which must keep it unchanged, and the
 * pairs the plan calls covered must be exactly those conf's files have; SAT and conf never disagree.
 */
@Tag("kernel")
class KernelPairwiseTest {

    /**
     * The first 5 of the file's 13 symbols in CI (KernelSweepPairwiseTest checks the whole sweep through make
     * too); 8 took 59 s, all 13 (312 pairs, 14 configurations, -Dkls.pairwise.symbols=13) about 130 s on the
     * shared machine, mostly SAT, and pass.
     */
    private static final int SYMBOLS = Integer.getInteger("kls.pairwise.symbols", 5);

    @Test
    void theXenSymbolsPairsAreThoseOfConfsOwnOlddefconfig() throws Exception {
        KernelConf conf = KernelConf.get("6.1");
        KconfigSat sat = KconfigSat.of(conf.kconfig("x86_64").tree());
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(conf.tree.resolve("arch/x86/xen/Kconfig"))) {
            String[] w = line.trim().split("\\s+");
            if (w.length == 2 && (w[0].equals("config") || w[0].equals("menuconfig")) && names.size() < SYMBOLS) {
                names.add(w[1]);
            }
        }
        long t0 = System.nanoTime();
        PairwiseCover.Plan plan = PairwiseCover.plan(sat, names, Integer.MAX_VALUE, PairwiseCover.DEFAULT_BUDGET);
        System.out.printf("pairwise 6.1 x86_64 arch/x86/xen/Kconfig: %d symbols, %d pairs, %d configurations, "
                + "%d covered, %d infeasible, %d SAT questions, %d ms (SAT %d, conf %d)%n", plan.symbols().size(),
                plan.targets().size(), plan.configs().size(), plan.count(PairwiseCover.Status.COVERED),
                plan.count(PairwiseCover.Status.INFEASIBLE), plan.solves(), (System.nanoTime() - t0) / 1_000_000,
                plan.satMillis(), plan.confMillis());
        assertEquals(SYMBOLS, plan.symbols().size(), plan.symbols().toString());
        assertEquals(0, plan.count(PairwiseCover.Status.UNCOVERED), "SAT and conf disagree");
        assertEquals(0, plan.count(PairwiseCover.Status.UNDECIDED));
        assertEquals(0, plan.count(PairwiseCover.Status.NOT_TRIED));

        List<String> symbols = plan.symbols();
        Set<String> realized = new TreeSet<>();
        for (int i = 0; i < plan.configs().size(); i++) {
            String kls = plan.configs().get(i).text();
            Path file = conf.newFile("pairwise-" + i + ".config");
            Files.writeString(file, kls);
            conf.conf("x86_64", "olddefconfig", file, Map.of());
            String theirs = Files.readString(file);
            assertEquals(ConfigResult.withoutHeader(theirs), ConfigResult.withoutHeader(kls),
                    "conf's olddefconfig changed configuration " + i);
            realized.addAll(ConfigPairs.in(theirs, symbols));
        }
        Set<String> covered = new TreeSet<>();
        Set<String> infeasible = new TreeSet<>();
        for (PairwiseCover.Target t : plan.targets()) {
            (t.status() == PairwiseCover.Status.COVERED ? covered : infeasible).add(t.pair().toString());
        }
        assertEquals(realized, covered);
        // 6.1: "config XEN_PV ... depends on XEN"
        assertTrue(infeasible.contains("XEN=n XEN_PV=y"), infeasible.toString());
    }

}

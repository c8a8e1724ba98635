package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.explain.Explainer;
import dev.kls.kconfig.explain.SymbolExplanation;
import dev.kls.kconfig.sat.DeadDefaults;
import dev.kls.kconfig.sat.DeadSymbols;
import dev.kls.kconfig.sat.KconfigSat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * dead-default on Linux 6.1 x86_64: the default lines conf never takes are
 * listed with their counts, and five sampled evenly over them are checked
 * with the kernel's own conf: the symbol's line is taken out of conf's
 * allyesconfig and allmodconfig (so conf gives it its default, as for a new
 * symbol), conf's olddefconfig and the evaluator's must agree on its value,
 * and the default the evaluator says decided it is never the sampled line.
 */
@Tag("kernel")
class KernelDeadDefaultsTest {

    // 10 s in CI: all 97 dead defaults on x86_64 were proven by propagation; the search only turns undecided
    // lines into live ones, which the test does not check.
    private static final int BUDGET = Integer.getInteger("kls.dead.budget", 10);

    @Test
    void deadDefaultsAreNeverTheDefaultConfTakes() throws IOException {
        KernelConf conf = KernelConf.get("6.1");
        String arch = "x86_64";
        KconfigTree tree = conf.kconfig(arch).tree();
        KconfigSat sat = KconfigSat.of(tree);
        DeadSymbols.Seeds seeds = DeadSymbols.Seeds.of(sat);
        DeadSymbols.Result symbols = DeadSymbols.run(sat, seeds, Duration.ofSeconds(BUDGET));
        DeadDefaults.Result r = DeadDefaults.run(sat, seeds, symbols.dead(), Duration.ofSeconds(BUDGET));
        List<DeadDefaults.Dead> shadowed = r.dead().stream().filter(d -> !d.neverHolds()).toList();
        System.out.printf("dead defaults 6.1 %s: %d of %d default lines of live bool/tristate symbols (%d never hold,"
                + " %d shadowed by an earlier default; %d by propagation alone), %d undecided after the %d s budget"
                + " (%d taken in no seed configuration were asked); pass %d ms%n", arch, r.dead().size(),
                r.defaults(), r.dead().size() - shadowed.size(), shadowed.size(), r.byPropagation(), r.undecided(),
                BUDGET, r.asked(), r.millis());
        shadowed.forEach(d -> System.out.println("  shadowed: " + d.site().symbol() + " " + d.site().where()));
        assertTrue(r.asked() > 0 && r.asked() < r.defaults(), "seeds leave " + r.asked() + " defaults to ask");
        // up to three shadowed ones (they look like bugs), the rest spread evenly over those that never hold
        List<DeadDefaults.Dead> sample = new ArrayList<>(shadowed.subList(0, Math.min(3, shadowed.size())));
        List<DeadDefaults.Dead> never = r.dead().stream().filter(DeadDefaults.Dead::neverHolds).toList();
        int rest = Math.min(5 - sample.size(), never.size());
        for (int i = 0; i < rest; i++) {
            sample.add(never.get((int) ((long) i * never.size() / rest)));
        }
        assertTrue(!sample.isEmpty(), "no dead default to check");
        int decidedByDefault = 0;
        for (ConfigTarget target : List.of(ConfigTarget.ALLYESCONFIG, ConfigTarget.ALLMODCONFIG)) {
            Path base = conf.newFile(arch + "-" + target.name().toLowerCase() + ".config");
            conf.conf(arch, target.name().toLowerCase(), base, Map.of());
            String all = Files.readString(base);
            for (DeadDefaults.Dead d : sample) {
                String name = d.site().symbol();
                String input = Pattern.compile("(?m)^(CONFIG_" + name + "=.*|# CONFIG_" + name + " is not set)\\n")
                        .matcher(all).replaceAll("");
                Path in = conf.newFile(arch + "-" + name + ".config");
                Files.writeString(in, input);
                conf.conf(arch, "olddefconfig", in, Map.of());
                String kernel = value(Files.readString(in), name);
                ConfigResult kls = ConfigEvaluator.run(tree, ConfigTarget.OLDDEFCONFIG, DotConfig.parse("in", input));
                SymbolValue v = kls.symbol(name);
                assertEquals(kernel, v == null || v.tristate() == Tristate.NO ? "n" : v.tristate().letter(),
                        () -> name + ": the evaluator and conf disagree under " + target + " without its line");
                SymbolExplanation e = Explainer.of(tree, kls, DotConfig.parse("in", input)).explain(name).orElseThrow();
                for (SymbolExplanation.Reason reason : e.reasons()) {
                    if (reason.kind() == SymbolExplanation.ReasonKind.DEFAULT) {
                        decidedByDefault++;
                        assertNotEquals(d.site().where(), reason.location(),
                                () -> name + ": dead by SAT, but " + target + " without its line takes "
                                        + d.site().where() + " (" + reason.summary() + ")");
                    }
                }
            }
        }
        System.out.println("  sampled: " + sample.stream().map(d -> d.site().symbol() + "@" + d.site().where()).toList()
                + "; " + decidedByDefault + " of the " + 2 * sample.size() + " values were decided by a default");
    }

    private static String value(String config, String name) {
        java.util.regex.Matcher m = Pattern.compile("(?m)^CONFIG_" + name + "=(.*)$").matcher(config);
        return m.find() ? m.group(1) : "n";
    }
}

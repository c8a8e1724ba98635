package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kls.kconfig.KbuildEnvironment;
import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.testing.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.kls.kconfig.testing.ConfigPairs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's pairwise sampler on seed 000's tree: what it says it covered is in conf's result of its
 * configurations (re-evaluated here), every pair conf can give is covered, the pairs Kconfig rules out are
 * infeasible, and the plan is the same in every run and every shard.
 */
class SweepPairwiseTest {

    private static CliRun sweep(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("sweep"));
        all.addAll(List.of(args));
        all.addAll(List.of("--output", out.toString()));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, run.status(), run.out() + run.err());
        return run;
    }

    private static JsonObject json(Path p) throws IOException {
        return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    }

    private static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        o.getAsJsonArray(key).forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static KconfigTree load(Path tree) {
        return KconfigLoader.load(tree, "Kconfig",
                new MacroExpander(KbuildEnvironment.of(tree, "x86", Map.of()).variables(), null));
    }


    @Test
    void everyPairConfCanGiveIsCoveredAndTheRestIsInfeasible(@TempDir Path dir) throws IOException {
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        Path saved = dir.resolve("configs");
        Path out = dir.resolve("pairwise.json");
        CliRun run = sweep(out, "--srctree", tree.toString(), "--arch", "x86", "--sampler", "pairwise",
                "--save-configs", saved.toString());
        JsonObject report = json(out);
        assertEquals("pairwise", report.get("sampler").getAsString());
        assertTrue(report.get("seed").isJsonNull());
        JsonObject p = report.getAsJsonObject("pairwise");
        // the p2m finding's witness: three bool symbols, and an int one that is left out
        List<String> symbols = strings(p, "symbols");
        assertEquals(List.of("64BIT", "PARAVIRT_GUEST", "XEN"), symbols);
        assertEquals(List.of("XEN_MAX_DOMAIN_MEMORY"), strings(p, "leftOut"));
        assertEquals(12, p.get("targets").getAsInt()); // 3 pairs of symbols, 2 x 2 values each

        // Each configuration independently: conf's olddefconfig keeps it unchanged, and its values of the
        // symbols are those the report lists for it.
        KconfigTree kconfig = load(tree);
        JsonArray configs = report.getAsJsonArray("configurations");
        assertEquals(report.get("total").getAsInt(), configs.size());
        Set<String> realized = new TreeSet<>();
        for (JsonElement e : configs) {
            JsonObject c = e.getAsJsonObject();
            int index = c.get("index").getAsInt();
            String text = Files.readString(saved.resolve("config-" + index));
            ConfigResult r = ConfigEvaluator.run(kconfig, ConfigTarget.OLDDEFCONFIG,
                    DotConfig.parse("config-" + index, text));
            assertEquals(ConfigResult.withoutHeader(text), ConfigResult.withoutHeader(r.text()),
                    "configuration " + index + " is not what olddefconfig gives for it");
            for (String s : symbols) {
                String listed = c.getAsJsonObject("values").get(s).getAsString();
                assertEquals(ConfigPairs.letter(r, s), listed.isEmpty() ? "n" : listed, index + ": " + s);
            }
            Set<String> here = ConfigPairs.in(r, symbols);
            here.removeAll(realized);
            assertTrue(!here.isEmpty(), "configuration " + index + " covers no new pair");
            realized.addAll(ConfigPairs.in(r, symbols));
        }

        // What the sampler says it covered is exactly what conf's results have.
        List<String> infeasible = strings(p, "infeasiblePairs");
        assertEquals(List.of(), strings(p, "uncoveredPairs"));
        assertEquals(List.of(), strings(p, "undecidedPairs"));
        assertEquals(List.of(), strings(p, "notTriedPairs"));
        assertEquals(realized.size(), p.get("covered").getAsInt());
        assertEquals(12, realized.size() + infeasible.size());
        for (String pair : infeasible) {
            assertTrue(!realized.contains(pair), pair + " is called infeasible, but a configuration has it");
        }

        // Every pair conf can give at all is covered: conf's olddefconfig of all 8 assignments of the three
        // symbols (the tree's other options only follow them) gives no pair the sweep did not cover.
        Set<String> possible = new TreeSet<>();
        for (int bits = 0; bits < 8; bits++) {
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                in.append((bits >> i & 1) == 1 ? "CONFIG_" + symbols.get(i) + "=y\n"
                        : "# CONFIG_" + symbols.get(i) + " is not set\n");
            }
            possible.addAll(ConfigPairs.in(ConfigEvaluator.run(kconfig, ConfigTarget.OLDDEFCONFIG,
                    DotConfig.parse("all", in.toString())), symbols));
        }
        assertEquals(possible, realized);
        // From the Kconfig text: XEN depends on X86_32 (= !64BIT) and sits in "if PARAVIRT_GUEST".
        assertEquals(List.of("64BIT=y XEN=y", "PARAVIRT_GUEST=n XEN=y"), infeasible);

        // The p2m finding fires in the configuration with 32-bit Xen, and the text report has the figures.
        assertTrue(report.getAsJsonArray("findings").get(0).getAsJsonObject().get("firesIn").getAsInt() >= 1);
        assertTrue(run.err().contains("10 of 12 pairs covered, 2 infeasible"), run.err());
        CliRun text = CliRun.of("sweep", "merge", out.toString(), "--format", "text");
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("sweep: pairwise: 12 pairs of values of 3 symbols: 10 covered, 2 infeasible, "
                + "0 uncovered"), text.out());
    }

    @Test
    void theSamePlanInEveryRunAndShard(@TempDir Path dir) throws IOException {
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        String[] common = {"--srctree", tree.toString(), "--arch", "x86", "--sampler", "pairwise"};
        Path one = dir.resolve("one.json");
        Path again = dir.resolve("again.json");
        sweep(one, common);
        sweep(again, common);
        assertEquals(Files.readString(one), Files.readString(again));
        int total = json(one).get("total").getAsInt();
        assertTrue(total >= 3, "the 10 covered pairs of 3 symbols need at least 3 configurations");

        List<String> merge = new ArrayList<>(List.of("sweep", "merge"));
        for (int i = 1; i <= 3; i++) {
            Path s = dir.resolve("shard" + i + ".json");
            List<String> args = new ArrayList<>(List.of(common));
            args.addAll(List.of("--shard", i + "/3"));
            sweep(s, args.toArray(String[]::new));
            JsonObject shard = json(s);
            assertEquals(total, shard.get("total").getAsInt());
            assertEquals(json(one).get("pairwise"), shard.get("pairwise"), "each shard reports the whole plan");
            merge.add(s.toString());
        }
        Path merged = dir.resolve("merged.json");
        merge.addAll(List.of("--output", merged.toString()));
        CliRun run = CliRun.of(merge.toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        assertEquals(Files.readString(one), Files.readString(merged));
    }

    @Test
    void aConfigurationLimitLeavesPairsNotTriedAndCountsThem(@TempDir Path dir) throws IOException {
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        Path out = dir.resolve("two.json");
        sweep(out, "--srctree", tree.toString(), "--arch", "x86", "--sampler", "pairwise", "--configs", "1");
        JsonObject report = json(out);
        assertEquals(1, report.get("total").getAsInt());
        JsonObject p = report.getAsJsonObject("pairwise");
        List<String> notTried = strings(p, "notTriedPairs");
        assertEquals(notTried.size(), p.get("notTried").getAsInt());
        assertTrue(!notTried.isEmpty(), p.toString());
        // one configuration has one value per symbol: exactly 3 of the pairs
        assertEquals(3, p.get("covered").getAsInt());
        assertEquals(12, p.get("covered").getAsInt() + p.get("infeasible").getAsInt() + notTried.size());

        CliRun wrong = CliRun.of("sweep", "--srctree", tree.toString(), "--arch", "x86", "--sat-budget", "10");
        assertEquals(2, wrong.status());
        assertTrue(wrong.err().contains("--sat-budget is for --sampler pairwise"), wrong.err());
    }
}

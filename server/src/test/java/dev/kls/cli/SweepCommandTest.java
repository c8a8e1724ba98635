package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kls.kconfig.KbuildEnvironment;
import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigOptions;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.testing.Autoconf;
import dev.kls.kconfig.testing.CompiledObjects;
import dev.kls.kconfig.testing.ObjectSymbol;
import dev.kls.kconfig.testing.Scenarios;
import dev.kls.kconfig.testing.Toolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 on seed 000's tree: where p2m_top_mfn_list fires, checked with gcc; shards merge to one run. */
class SweepCommandTest {

    private static final String MMU = "arch/x86/xen/mmu.c";

    private static JsonObject sweep(Path out, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("sweep"));
        all.addAll(List.of(args));
        all.addAll(List.of("--output", out.toString()));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, run.status(), run.out() + run.err());
        return JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    }

    private static JsonObject p2m(JsonObject report) {
        for (JsonElement e : report.getAsJsonArray("findings")) {
            JsonObject f = e.getAsJsonObject();
            if (f.get("message").getAsString().startsWith("p2m_top_mfn_list ")) {
                return f;
            }
        }
        throw new AssertionError("no p2m_top_mfn_list finding: " + report);
    }

    @Test
    void twoHundredRandomConfigurationsFireExactlyWhereGccGivesANonPageSize(@TempDir Path dir) throws IOException {
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        JsonObject report = sweep(dir.resolve("sweep.json"), "--srctree", tree.toString(), "--arch", "x86",
                "--configs", "200", "--seed", "7");
        assertEquals(200, report.get("tried").getAsInt());
        JsonObject f = p2m(report);
        assertEquals("page-aligned-size", f.get("ruleId").getAsString());
        assertFalse(f.get("conditionExact").getAsBoolean(), "the size part is decided by the rule");
        assertEquals("rule", f.get("decidedBy").getAsString());
        int id = f.get("id").getAsInt();
        Set<Integer> fires = new HashSet<>();
        f.getAsJsonArray("fires").forEach(x -> fires.add(x.getAsJsonObject().get("index").getAsInt()));
        assertEquals(fires.size(), f.get("firesIn").getAsInt());

        KconfigTree kconfig = KconfigLoader.load(tree, "Kconfig",
                new MacroExpander(KbuildEnvironment.of(tree, "x86", Map.of()).variables(), null));
        Map<String, Boolean> wholeBySize = new java.util.HashMap<>(); // gcc's answer per (64BIT, memory)
        List<Integer> firing = new ArrayList<>();
        List<Integer> silent = new ArrayList<>();
        JsonArray configs = report.getAsJsonArray("configurations");
        assertEquals(200, configs.size());
        for (int i = 0; i < configs.size(); i++) {
            JsonObject c = configs.get(i).getAsJsonObject();
            assertEquals(i, c.get("index").getAsInt());
            long seed = Long.decode(c.get("seed").getAsString());
            ConfigResult r = ConfigEvaluator.run(kconfig, ConfigTarget.RANDCONFIG, null,
                    ConfigOptions.DEFAULT.withSeed((int) seed));
            Map<String, String> values = Autoconf.values(r);
            boolean xen32 = "y".equals(values.get("XEN")) && !"y".equals(values.get("64BIT"));
            boolean expected = false;
            if (xen32) {
                String key = values.get("XEN_MAX_DOMAIN_MEMORY");
                Boolean whole = wholeBySize.get(key);
                if (whole == null) {
                    whole = compile(tree, values, dir.resolve("o-" + key)).wholePages();
                    wholeBySize.put(key, whole);
                }
                expected = !whole;
            }
            boolean got = c.getAsJsonArray("findings").contains(new com.google.gson.JsonPrimitive(id));
            assertEquals(expected, got, "configuration " + i + " (KCONFIG_SEED=" + c.get("seed").getAsString()
                    + "): XEN=" + values.get("XEN") + " 64BIT=" + values.get("64BIT"));
            assertEquals(got, fires.contains(i));
            (got ? firing : silent).add(i);
        }
        assertTrue(firing.size() >= 5 && silent.size() >= 5, firing + " / " + silent);

        // Ten of them built with their own values: gcc's size is not whole pages exactly where it fires; where it
        // does not, the object cannot be built (32-bit Xen off: CONFIG_XEN_MAX_DOMAIN_MEMORY is not defined).
        for (int k = 0; k < 10; k++) {
            int i = k < 5 ? firing.get(k) : silent.get(k - 5);
            long seed = Long.decode(configs.get(i).getAsJsonObject().get("seed").getAsString());
            Map<String, String> values = Autoconf.values(ConfigEvaluator.run(kconfig, ConfigTarget.RANDCONFIG, null,
                    ConfigOptions.DEFAULT.withSeed((int) seed)));
            Path o = dir.resolve("sample-" + i);
            if (k < 5) {
                ObjectSymbol s = compile(tree, values, o);
                assertFalse(s.wholePages(), "configuration " + i + ": " + s);
            } else {
                assertThrows(CompiledObjects.CompileException.class, () -> compile(tree, values, o),
                        "configuration " + i + " does not fire, so its object must not be a 32-bit Xen one");
            }
        }
    }

    private static ObjectSymbol compile(Path tree, Map<String, String> values, Path out) {
        Toolchain.Abi abi = "y".equals(values.get("64BIT")) ? Toolchain.Abi.M64 : Toolchain.Abi.M32;
        return CompiledObjects.compile(tree, abi, values, List.of(MMU), out).symbol(MMU, "p2m_top_mfn_list");
    }

    @Test
    void givenConfigurationsAreDecidedByTheRuleAndAgreeWithGcc(@TempDir Path dir) throws IOException {
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        String xen = "CONFIG_PARAVIRT_GUEST=y\nCONFIG_XEN=y\n# CONFIG_64BIT is not set\nCONFIG_XEN_MAX_DOMAIN_MEMORY=";
        Path page = dir.resolve("page.config");
        Files.writeString(page, xen + "4096\n"); // 4096 / 4 entries of 4 bytes: exactly one page
        Path small = dir.resolve("small.config");
        Files.writeString(small, xen + "16\n");
        JsonObject report = sweep(dir.resolve("files.json"), "--srctree", tree.toString(), "--arch", "x86",
                "--sampler", page + "," + small);
        assertEquals("files", report.get("sampler").getAsString());
        JsonObject f = p2m(report);
        JsonArray fires = f.getAsJsonArray("fires");
        assertEquals(1, fires.size(), f.toString());
        assertEquals(1, fires.get(0).getAsJsonObject().get("index").getAsInt());
        KconfigTree kconfig = KconfigLoader.load(tree, "Kconfig",
                new MacroExpander(KbuildEnvironment.of(tree, "x86", Map.of()).variables(), null));
        for (Path p : List.of(page, small)) {
            Map<String, String> values = Autoconf.values(ConfigEvaluator.run(kconfig, ConfigTarget.OLDDEFCONFIG,
                    dev.kls.kconfig.dotconfig.DotConfig.parse(p.toString(), Files.readString(p))));
            assertEquals(p.equals(page), compile(tree, values, dir.resolve("o-" + p.getFileName())).wholePages());
        }
    }

    @Test
    void fourShardsMergeToTheBytesOfOneRun(@TempDir Path dir) throws IOException {
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        String[] common = {"--srctree", tree.toString(), "--arch", "x86", "--configs", "60", "--seed", "0x2a"};
        Path one = dir.resolve("one.json");
        sweep(one, common);
        List<String> merge = new ArrayList<>(List.of("sweep", "merge"));
        for (int i = 1; i <= 4; i++) {
            Path s = dir.resolve("shard" + i + ".json");
            List<String> args = new ArrayList<>(List.of(common));
            args.addAll(List.of("--shard", i + "/4"));
            JsonObject shard = sweep(s, args.toArray(String[]::new));
            assertEquals(i + "/4", shard.get("shard").getAsString());
            assertEquals(15, shard.get("tried").getAsInt());
            merge.add(s.toString());
        }
        Path merged = dir.resolve("merged.json");
        merge.addAll(List.of("--output", merged.toString()));
        CliRun run = CliRun.of(merge.toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        assertEquals(Files.readString(one), Files.readString(merged));
        assertTrue(p2m(JsonParser.parseString(Files.readString(one)).getAsJsonObject()).get("firesIn").getAsInt() > 0);

        // A shard given twice is refused, not counted twice.
        CliRun twice = CliRun.of("sweep", "merge", dir.resolve("shard1.json").toString(),
                dir.resolve("shard1.json").toString());
        assertEquals(2, twice.status());
        assertTrue(twice.err().contains("in two shards"), twice.err());
    }

    @Test
    void theReportIsTheSameBytesForOneOrThreeJobs(@TempDir Path dir) throws IOException {
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        String[] common = {"--srctree", tree.toString(), "--arch", "x86", "--configs", "90", "--seed", "0x5eed"};
        List<String> bytes = new ArrayList<>();
        for (String jobs : List.of("1", "3")) {
            List<String> args = new ArrayList<>(List.of(common));
            args.addAll(List.of("--jobs", jobs));
            Path out = dir.resolve("jobs" + jobs + ".json");
            JsonObject r = sweep(out, args.toArray(String[]::new));
            assertEquals(90, r.get("tried").getAsInt());
            assertTrue(p2m(r).get("firesIn").getAsInt() > 0, "something fires, so the order of firings matters");
            bytes.add(Files.readString(out));
        }
        assertEquals(bytes.get(0), bytes.get(1));
    }

    @Test
    void mergeWritesHtmlAndSarifToo(@TempDir Path dir) throws IOException {
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        String[] common = {"--srctree", tree.toString(), "--arch", "x86", "--configs", "40", "--seed", "3"};
        List<String> merge = new ArrayList<>(List.of("sweep", "merge"));
        for (int i = 1; i <= 2; i++) {
            Path s = dir.resolve("shard" + i + ".json");
            List<String> args = new ArrayList<>(List.of(common));
            args.addAll(List.of("--shard", i + "/2"));
            sweep(s, args.toArray(String[]::new));
            merge.add(s.toString());
        }
        Path one = dir.resolve("one.html");
        List<String> whole = new ArrayList<>(List.of("sweep"));
        whole.addAll(List.of(common));
        whole.addAll(List.of("--format", "html", "--output", one.toString()));
        assertEquals(0, CliRun.of(whole.toArray(String[]::new)).status());
        for (String format : List.of("html", "sarif")) {
            Path out = dir.resolve("merged." + format);
            List<String> args = new ArrayList<>(merge);
            args.addAll(List.of("--format", format, "--output", out.toString()));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.status(), run.err());
            String text = Files.readString(out);
            if (format.equals("html")) {
                assertEquals(Files.readString(one), text, "the merged page is the page of one run");
            } else {
                JsonObject result = JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("runs").get(0)
                        .getAsJsonObject().getAsJsonArray("results").get(0).getAsJsonObject();
                assertEquals(40, result.getAsJsonObject("properties").get("tried").getAsInt());
            }
        }
    }

    @Test
    void anUnknownRuleIsRefusedAndAReportGetsTheModeOfAnyNewFile(@TempDir Path dir) throws IOException {
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        CliRun bad = CliRun.of("sweep", "--srctree", tree.toString(), "--arch", "x86", "--configs", "2",
                "--rule", "page-aligned-sise", "--output", dir.resolve("bad.json").toString());
        assertEquals(2, bad.status(), bad.err());
        assertTrue(bad.err().contains("unknown rule 'page-aligned-sise'; did you mean 'page-aligned-size'?"), bad.err());
        assertFalse(Files.exists(dir.resolve("bad.json")));

        Path plain = dir.resolve("plain");
        Files.writeString(plain, ""); // what any program's new file gets under this umask
        Path out = dir.resolve("s.json");
        sweep(out, "--srctree", tree.toString(), "--arch", "x86", "--configs", "2", "--rule", "page-aligned-size");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out));
    }

    @Test
    void theRuleTimeoutIsTheUsersToSet(@TempDir Path dir) throws IOException {
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        CliRun zero = CliRun.of("sweep", "--srctree", tree.toString(), "--arch", "x86", "--configs", "2",
                "--rule-timeout", "0");
        assertEquals(2, zero.status(), zero.err());
        assertTrue(zero.err().contains("--rule-timeout must be a number of seconds above 0"), zero.err());
        // A batch job's default, not lint's 120 s (a loaded machine timed out Linux's all-configuration search).
        CliRun help = CliRun.of("sweep", "--help");
        assertTrue(help.out().contains("--rule-timeout=SECONDS") && help.out().contains("(default: 900)"),
                help.out());
    }
}

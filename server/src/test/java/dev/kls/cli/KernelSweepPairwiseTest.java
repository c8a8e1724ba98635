package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HashMap;
import dev.kls.kconfig.testing.ConfigPairs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's pairwise sampler on Linux 6.1 x86_64, arch/x86/xen only: a user rule file (every
 * {@code xen_mc_issue} call, when XEN && SMP) gives findings whose witnesses mention four bool symbols; each
 * configuration of the plan goes through the kernel's own {@code make olddefconfig}, which must keep it
 * unchanged, and the pairs the report calls covered must be exactly those conf's .config files have.
 */
@Tag("kernel")
class KernelSweepPairwiseTest {

    private static final String RULE = """
            {
              "rules": [
                {
                  "id": "xen-multicall-probe",
                  "severity": "warning",
                  "summary": "a multicall batch issued",
                  "doc": "A probe for the pairwise sweep test: every xen_mc_issue call.",
                  "message": "${function} issues a multicall batch",
                  "when": "XEN && SMP",
                  "match": {"call": {"function": "xen_mc_issue"}}
                }
              ]
            }
            """;

    @Test
    void coveredPairsAreThoseOfMakeOlddefconfig(@TempDir Path dir) throws Exception {
        Path linux = LinuxTree.dir();
        Path rules = dir.resolve("xdg/kls/rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("probe.json"), RULE);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        Path saved = dir.resolve("configs");
        Path out = dir.resolve("pairwise.json");
        CliRun run = CliRun.withEnv(env, "sweep", "--srctree", linux.toString(), "--arch", "x86_64", "--allow-shell",
                "--sampler", "pairwise", "--rule", "xen-multicall-probe", "--save-configs", saved.toString(),
                "--output", out.toString(), linux.resolve("arch/x86/xen").toString());
        assertEquals(0, run.status(), run.out() + run.err());
        System.out.println(run.err());
        JsonObject report = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertTrue(report.getAsJsonArray("findings").size() > 0, "the probe rule finds xen_mc_issue calls");
        JsonObject p = report.getAsJsonObject("pairwise");
        List<String> symbols = strings(p, "symbols");
        assertTrue(symbols.containsAll(List.of("SMP", "XEN", "PARAVIRT")), symbols.toString());
        assertEquals(List.of(), strings(p, "uncoveredPairs"), "SAT and conf disagree");
        assertEquals(List.of(), strings(p, "undecidedPairs"));
        assertEquals(List.of(), strings(p, "notTriedPairs"));
        List<String> infeasible = strings(p, "infeasiblePairs");
        // 6.1's arch/x86/xen/Kconfig: "config XEN ... depends on PARAVIRT"
        assertTrue(infeasible.contains("PARAVIRT=n XEN=y"), infeasible.toString());

        Path build = dir.resolve("o");
        Files.createDirectories(build);
        Set<String> realized = new TreeSet<>();
        for (JsonElement e : report.getAsJsonArray("configurations")) {
            int index = e.getAsJsonObject().get("index").getAsInt();
            String kls = Files.readString(saved.resolve("config-" + index));
            Files.writeString(build.resolve(".config"), kls);
            make(linux, build);
            String conf = Files.readString(build.resolve(".config"));
            assertEquals(ConfigResult.withoutHeader(conf), ConfigResult.withoutHeader(kls),
                    "make olddefconfig changed configuration " + index);
            realized.addAll(ConfigPairs.in(conf, symbols));
        }
        assertEquals(realized.size(), p.get("covered").getAsInt(), realized.toString());
        assertEquals(p.get("targets").getAsInt(), realized.size() + infeasible.size());
        for (String pair : infeasible) {
            assertFalse(realized.contains(pair), pair + " is called infeasible, but make olddefconfig gives it");
        }
    }

    private static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        o.getAsJsonArray(key).forEach(e -> out.add(e.getAsString()));
        return out;
    }


    private static void make(Path linux, Path build) throws IOException, InterruptedException {
        List<String> cmd = List.of("make", "-s", "-C", linux.toString(), "O=" + build, "ARCH=x86_64", "olddefconfig");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(build.resolve("kls-make.log").toFile());
        for (String v : List.of("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "KBUILD_OUTPUT", "CROSS_COMPILE", "LLVM", "CC",
                "ARCH", "SRCARCH", "KCONFIG_ALLCONFIG")) {
            pb.environment().remove(v);
        }
        int rc = pb.start().waitFor();
        assertEquals(0, rc, "make olddefconfig failed: " + cmd + " (log: " + build.resolve("kls-make.log") + ")");
    }
}

package dev.kls.c.kbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.sat.CoverSearch;
import dev.kls.kconfig.sat.KconfigSat;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's cover check on Linux 6.1 x86_64: ten lines inside #ifdef blocks
 * of files built only under an option. kls computes one configuration from
 * x86_64_defconfig; the kernel's own make olddefconfig must leave it
 * unchanged, and kbuild must compile the lines: each gets a
 * {@code #warning KLS_PROBE_n} in a copy of its file in the build folder
 * (O=, so make finds the copy before the tree's file), and preprocessing
 * with kbuild's flags ({@code make path/file.i}) must print every probe,
 * while a probe in an {@code #else} the configuration leaves out must not
 * appear. A dry run ({@code make -n}) shows kbuild builds each object.
 * The tree is never written; the build folder is kept in ~/.cache/kls.
 */
@Tag("kernel")
class KernelCoverTest {

    /** file, line (the probe goes before it, inside the same block). */
    private static final List<Map.Entry<String, Integer>> LINES = List.of(
            Map.entry("arch/x86/xen/mmu_pv.c", 55), // #ifdef CONFIG_KEXEC_CORE
            Map.entry("arch/x86/xen/mmu_pv.c", 90), // #ifdef CONFIG_X86_VSYSCALL_EMULATION
            Map.entry("arch/x86/xen/p2m.c", 803), // #ifdef CONFIG_XEN_DEBUG_FS
            Map.entry("arch/x86/xen/enlighten_pv.c", 76), // #ifdef CONFIG_X86_IOPL_IOPERM
            Map.entry("mm/hugetlb.c", 55), // #ifdef CONFIG_CMA
            Map.entry("mm/hugetlb.c", 465), // #ifdef CONFIG_CGROUP_HUGETLB
            Map.entry("mm/ksm.c", 49), // #ifdef CONFIG_NUMA, file under CONFIG_KSM
            Map.entry("mm/memory-failure.c", 195), // #ifdef CONFIG_MEMCG, file under CONFIG_MEMORY_FAILURE
            Map.entry("mm/memory-failure.c", 585), // #ifdef CONFIG_FS_DAX
            Map.entry("mm/memory-failure.c", 719)); // #ifdef CONFIG_HUGETLB_PAGE
    /** In the #else of #ifdef CONFIG_SMP, which stays y: must not be compiled. */
    private static final Map.Entry<String, Integer> LEFT_OUT = Map.entry("arch/x86/xen/mmu_pv.c", 1008);

    @Test
    void coverConfigurationPassesOlddefconfigAndCompilesTheLines() throws Exception {
        Path linux = LinuxTree.dir();
        Path build = Path.of(System.getProperty("user.home"), ".cache", "kls", "build-6.1-x86_64-cover");
        Files.createDirectories(build);
        Kconfig k = Kconfig.load(linux, "x86_64", true, System.getenv(), build.resolve("macro-cache.json"));
        Function<String, SymbolType> types = n -> {
            ConfigSymbol s = k.model().symbol(n);
            return s == null ? null : s.type();
        };
        ConfigResult base = ConfigEvaluator.run(k.tree(), ConfigTarget.DEFCONFIG, DotConfig.parse("x86_64_defconfig",
                Files.readString(linux.resolve("arch/x86/configs/x86_64_defconfig"))));
        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        LINES.forEach(e -> byFile.computeIfAbsent(e.getKey(), f -> new ArrayList<>()).add(e.getValue()));
        Kbuild kbuild = new Kbuild(linux, "x86", "x86_64");
        List<CoverSearch.Part> parts = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byFile.entrySet()) {
            parts.addAll(new CoverTarget(e.getKey(), e.getValue()).parts(linux, kbuild, "x86", types));
        }
        CoverSearch.Outcome o = CoverSearch.search(KconfigSat.of(k.tree()), base, parts);
        assertNotNull(o.config(), "no cover configuration: " + o.unsatisfiable());
        assertEquals(List.of(), o.assumed());
        assertFalse(o.changes().isEmpty());
        System.out.println("KernelCoverTest: " + o.changes().size() + " changes" + (o.proven() ? " (fewest)" : " (not proven fewest)")
                + ", " + o.solves() + " SAT calls, " + o.rejected() + " rejected: " + o.changes());

        // The kernel's own olddefconfig keeps it byte for byte.
        Path config = build.resolve(".config");
        Files.writeString(config, o.config().text());
        make(linux, build, List.of("olddefconfig"));
        assertEquals(o.config().text(), Files.readString(config), "make olddefconfig changed kls's cover configuration");

        make(linux, build, List.of("-j2", "prepare"));
        // Copies with probes, bottom-up so earlier line numbers stay right.
        Map<String, List<Integer>> probes = new LinkedHashMap<>(byFile);
        probes.computeIfAbsent(LEFT_OUT.getKey(), f -> new ArrayList<>()).add(LEFT_OUT.getValue());
        Map<String, Integer> probeIds = new LinkedHashMap<>();
        for (int i = 0; i < LINES.size(); i++) {
            probeIds.put(LINES.get(i).getKey() + ":" + LINES.get(i).getValue(), i);
        }
        probeIds.put(LEFT_OUT.getKey() + ":" + LEFT_OUT.getValue(), 99);
        for (Map.Entry<String, List<Integer>> e : probes.entrySet()) {
            List<String> lines = new ArrayList<>(Files.readAllLines(linux.resolve(e.getKey()), StandardCharsets.UTF_8));
            List<Integer> at = new ArrayList<>(e.getValue());
            at.sort(java.util.Comparator.reverseOrder());
            for (int line : at) {
                lines.add(line - 1, "#warning KLS_PROBE_" + probeIds.get(e.getKey() + ":" + line) + "_");
            }
            Path copy = build.resolve(e.getKey());
            Files.createDirectories(copy.getParent());
            Files.write(copy, lines, StandardCharsets.UTF_8);
        }
        try {
            StringBuilder log = new StringBuilder();
            for (String file : probes.keySet()) {
                String i = file.replaceAll("\\.c$", ".i");
                Files.deleteIfExists(build.resolve(i));
                log.append(make(linux, build, List.of("KCFLAGS=-Wno-error=cpp", i)));
            }
            for (int i = 0; i < LINES.size(); i++) {
                assertTrue(log.toString().contains("KLS_PROBE_" + i + "_"), "line " + LINES.get(i) + " is not compiled:\n" + log);
            }
            assertFalse(log.toString().contains("KLS_PROBE_99_"), "the probe in the #else of CONFIG_SMP was compiled");
        } finally {
            for (String file : probes.keySet()) {
                Files.deleteIfExists(build.resolve(file));
            }
        }
        // kbuild itself builds each object in this configuration.
        String dry = make(linux, build, List.of("-n", "arch/x86/", "mm/"));
        for (String file : byFile.keySet()) {
            String obj = file.replaceAll("\\.c$", ".o");
            assertTrue(java.util.regex.Pattern.compile("-o\\s+" + java.util.regex.Pattern.quote(obj) + "(\\s|$)",
                    java.util.regex.Pattern.MULTILINE).matcher(dry).find(), "kbuild does not build " + obj);
        }
    }

    /** make -C linux O=build ARCH=x86_64 GOALS; stdout and stderr together; fails on a non-zero status. */
    private static String make(Path linux, Path build, List<String> goals) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("make", "-C", linux.toString(), "O=" + build, "ARCH=x86_64"));
        cmd.addAll(goals);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (String v : List.of("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "KBUILD_OUTPUT", "KCONFIG_CONFIG", "ARCH",
                "CROSS_COMPILE", "CC", "LLVM")) {
            pb.environment().remove(v);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assertEquals(0, rc, "kernel build failed: " + cmd + "\n" + out.substring(Math.max(0, out.length() - 4000)));
        return out;
    }
}

package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.CProject;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Fixes;
import dev.kls.diagnostics.RuleContext;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.CheckedTree;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ifdef-tristate on Linux 6.1 for x86_64 (no configuration: the rule looks at
 * every one): the counts over arch/x86, mm and drivers/xen, checked against
 * an independent line-by-line count; two real module-case misses of 6.1 found
 * as warnings (ixgbe's FCoE frame size, pch_uart's DMA check), and enetc's,
 * which Linux fixed after 6.1 the way the rule says, gone in 6.12; and the fix
 * checked with the kernel's own include/linux/kconfig.h through gcc's
 * preprocessor: the written test is false with X=m, the fixed one true.
 */
@Tag("kernel")
class KernelIfdefTristateTest {

    static final List<String> ROOTS = List.of("arch/x86", "mm", "drivers/xen");
    static final String IXGBE = "drivers/net/ethernet/intel/ixgbe/ixgbe_sriov.c";
    static final String PCH_UART = "drivers/tty/serial/pch_uart.c";

    static Path linux;
    static Kconfig kconfig;
    static CProject project;

    @BeforeAll
    static void open() throws Exception {
        linux = LinuxTree.dir();
        kconfig = Kconfig.load(linux, "x86_64", false, Map.of());
        project = CProject.open(linux, "x86");
    }

    static List<Finding> run(List<String> scope, Map<String, String> overlays) throws Exception {
        CheckedTree ws = new CheckedTree(linux, kconfig, null, scope, overlays);
        return new IfdefTristateRule().check(new RuleContext(ws, Map.of(CProject.class, project)));
    }

    static String at(Finding f) {
        return f.file() + ":" + f.range().startLine();
    }

    @Test
    void archX86MmAndXenAgreeWithALineByLineCount() throws Exception {
        long start = System.nanoTime();
        List<Finding> found = run(ROOTS, Map.of());
        long ms = (System.nanoTime() - start) / 1_000_000;
        long warnings = found.stream().filter(f -> f.severity() == Severity.WARNING).count();
        System.out.println("ifdef-tristate x86_64 over " + ROOTS + ": " + found.size() + " finding(s) (" + warnings
                + " warning, " + (found.size() - warnings) + " info) in " + ms + " ms"
                + found.stream().map(f -> "\n  " + f.severity() + " " + f.range() + ": " + f.message())
                        .collect(Collectors.joining()));
        Count count = count(ROOTS);
        System.out.println("line-by-line: " + count.all + " tests of a tristate symbol in #if/#ifdef/#ifndef/#elif"
                + " lines, " + count.idiom + " of them next to a CONFIG_X_MODULE or IS_ENABLED test of the same symbol");
        assertEquals(count.missing, found.stream().map(KernelIfdefTristateTest::at).collect(Collectors.toCollection(
                TreeSet::new)), "the rule's findings are the lines that test a tristate symbol without its module case");
        assertTrue(found.stream().anyMatch(f -> at(f).equals("arch/x86/kernel/setup.c:919")
                && f.severity() == Severity.INFO && f.fixes().get(0).title().startsWith("Use IS_REACHABLE")),
                "setup.c's #ifdef CONFIG_BLK_DEV_RAM, in code always built in: " + found);
        assertTrue(found.stream().noneMatch(f -> f.message().contains("EDD")), "the old manual idiom is not flagged");
    }

    /** A real 6.1 miss: the VF frame-size check drops FCoE's jumbo frames when FCOE=m (the same file says IS_ENABLED). */
    @Test
    void ixgbeAndPchUartMissesAreFoundAndTheFixIsRightThroughTheKernelsKconfigH(@TempDir Path tmp) throws Exception {
        List<Finding> found = run(List.of(IXGBE, PCH_UART), Map.of());
        System.out.println("ifdef-tristate " + IXGBE + ", " + PCH_UART + ":" + found.stream().map(f -> "\n  "
                + f.severity() + " " + f.range() + ": " + f.message() + "\n    condition: " + f.condition())
                .collect(Collectors.joining()));
        Finding fcoe = only(found, IXGBE + ":498");
        Finding dma = only(found, PCH_UART + ":1436");
        for (Finding f : List.of(fcoe, dma)) {
            assertEquals(Severity.WARNING, f.severity(), f.toString());
            assertTrue(f.fixes().get(0).title().startsWith("Use IS_ENABLED"), f.toString());
        }
        assertEquals("FCOE = m", fcoe.condition().text());
        String text = Files.readString(linux.resolve(IXGBE), StandardCharsets.UTF_8);
        String fixed = Fixes.apply(text, fcoe.fixes().get(0).edits());
        String line = fixed.split("\n", -1)[497];
        assertEquals("#if IS_ENABLED(CONFIG_FCOE)", line);
        assertTrue(run(List.of(IXGBE), Map.of(IXGBE, fixed)).stream().noneMatch(f -> at(f).equals(IXGBE + ":498")),
                "silent after the fix");
        String pch = Fixes.apply(Files.readString(linux.resolve(PCH_UART), StandardCharsets.UTF_8),
                dma.fixes().get(0).edits());
        assertEquals("#if !IS_ENABLED(CONFIG_PCH_DMA)", pch.split("\n", -1)[1435]);

        // The kernel's own kconfig.h decides what the directives mean for FCOE=m, =y and unset.
        assertEquals(List.of(false, true), preprocess(tmp, "#define CONFIG_FCOE_MODULE 1", "#ifdef CONFIG_FCOE", line));
        assertEquals(List.of(true, true), preprocess(tmp, "#define CONFIG_FCOE 1", "#ifdef CONFIG_FCOE", line));
        assertEquals(List.of(false, false), preprocess(tmp, "", "#ifdef CONFIG_FCOE", line));
    }

    /**
     * A miss Linux fixed after 6.1 exactly as the rule says: enetc's #ifdef CONFIG_FSL_ENETC_PTP_CLOCK
     * (tristate, default y; as m the driver lost its PTP timestamping), IS_ENABLED in 6.12.
     */
    @Test
    void enetcsPtpClockTestsAreFoundIn61AndGoneIn612() throws Exception {
        String dir = "drivers/net/ethernet/freescale/enetc";
        List<Finding> found = run(List.of(dir), Map.of()).stream()
                .filter(f -> f.message().contains("CONFIG_FSL_ENETC_PTP_CLOCK'")).toList();
        System.out.println("ifdef-tristate 6.1 " + dir + ": " + found.stream().map(KernelIfdefTristateTest::at)
                .collect(Collectors.joining(" ")));
        assertTrue(found.stream().map(KernelIfdefTristateTest::at).toList().containsAll(List.of(
                dir + "/enetc.h:170", dir + "/enetc.h:185")), found::toString);
        assertTrue(found.size() >= 8 && found.stream().allMatch(f -> f.severity() == Severity.WARNING),
                found::toString);
        Path newer = LinuxTree.dir("6.12");
        Kconfig k612 = Kconfig.load(newer, "x86_64", false, Map.of());
        CheckedTree ws = new CheckedTree(newer, k612, null, List.of(dir), Map.of());
        List<Finding> later = new IfdefTristateRule().check(new RuleContext(ws)).stream()
                .filter(f -> f.message().contains("CONFIG_FSL_ENETC_PTP_CLOCK'")).toList();
        assertEquals(List.of(), later, "6.12 says IS_ENABLED(CONFIG_FSL_ENETC_PTP_CLOCK)");
    }

    private static Finding only(List<Finding> found, String at) {
        List<Finding> here = found.stream().filter(f -> at(f).equals(at)).toList();
        assertEquals(1, here.size(), at + " in " + found);
        return here.get(0);
    }

    /** For each directive, whether gcc -E with include/linux/kconfig.h and this autoconf.h keeps its block. */
    private static List<Boolean> preprocess(Path tmp, String autoconf, String... directives) throws Exception {
        Path gen = tmp.resolve("include/generated");
        Files.createDirectories(gen);
        Files.writeString(gen.resolve("autoconf.h"), autoconf + "\n");
        StringBuilder probe = new StringBuilder();
        for (int i = 0; i < directives.length; i++) {
            probe.append(directives[i]).append("\nkls_probe_").append(i).append("_kept\n#endif\n");
        }
        Path c = tmp.resolve("probe.c");
        Files.writeString(c, probe.toString());
        Process p = new ProcessBuilder("gcc", "-E", "-P", "-I", tmp.resolve("include").toString(), "-include",
                linux.resolve("include/linux/kconfig.h").toString(), c.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "gcc -E failed:\n" + out);
        List<Boolean> kept = new ArrayList<>();
        for (int i = 0; i < directives.length; i++) {
            kept.add(out.contains("kls_probe_" + i + "_kept"));
        }
        return kept;
    }

    private record Count(int all, int idiom, Set<String> missing) {
    }

    private static final Pattern CONDITIONAL = Pattern.compile("^\\s*#\\s*(if|ifdef|ifndef|elif)\\b(.*)$");
    private static final Pattern TESTED = Pattern.compile(
            "(?:^\\s*#\\s*(?:ifdef|ifndef)\\s+|defined\\s*\\(?\\s*)CONFIG_(\\w+)");

    /**
     * An independent count, by regular expressions over the lines (not the rule's directive model):
     * a tristate symbol of the x86_64 model tested by #ifdef/#ifndef/defined on a conditional line,
     * and whether the same line (with its continuation) also tests CONFIG_X_MODULE or IS_ENABLED.
     */
    private static Count count(List<String> roots) throws IOException {
        int all = 0;
        int idiom = 0;
        Set<String> missing = new TreeSet<>();
        for (String root : roots) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(linux.resolve(root))) {
                files = s.filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".h")).sorted().toList();
            }
            for (Path p : files) {
                String[] lines = Files.readString(p, StandardCharsets.ISO_8859_1).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (!CONDITIONAL.matcher(lines[i]).find()) {
                        continue;
                    }
                    String whole = lines[i];
                    for (int j = i; whole.endsWith("\\") && j + 1 < lines.length; j++) {
                        whole = whole.substring(0, whole.length() - 1) + lines[j + 1];
                    }
                    Matcher m = TESTED.matcher(whole);
                    while (m.find()) {
                        String sym = m.group(1);
                        ConfigSymbol s = kconfig.model().symbol(sym);
                        if (sym.endsWith("_MODULE") || s == null || s.type() != SymbolType.TRISTATE) {
                            continue;
                        }
                        all++;
                        if (whole.contains("CONFIG_" + sym + "_MODULE") || whole.contains("IS_ENABLED(CONFIG_" + sym)) {
                            idiom++;
                        } else {
                            missing.add(linux.relativize(p).toString() + ":" + (i + 1));
                        }
                    }
                }
            }
        }
        return new Count(all, idiom, missing);
    }
}

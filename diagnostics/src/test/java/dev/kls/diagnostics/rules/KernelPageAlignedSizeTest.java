package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.EvaluatedConfig;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.CheckedTree;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.testing.LinuxTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Linux 6.1 carries __aligned(PAGE_SIZE) in its page-aligned macros: for the
 * x86 defconfigs the rule reports no error under arch/x86, mm and drivers/xen
 * (hints for page-aligned objects smaller than a page are fine).
 */
@Tag("kernel")
class KernelPageAlignedSizeTest {

    @ParameterizedTest
    @CsvSource({"x86_64, x86_64_defconfig", "i386, i386_defconfig"})
    void noErrorsInLinux61(String arch, String defconfig) throws Exception {
        Path linux = LinuxTree.dir();
        Kconfig k = Kconfig.load(linux, arch, false, Map.of());
        Path in = linux.resolve("arch/x86/configs").resolve(defconfig);
        EvaluatedConfig cfg = new EvaluatedConfig(defconfig, ConfigEvaluator.run(k.tree(), ConfigTarget.DEFCONFIG,
                DotConfig.parse(in.toString(), Files.readString(in))));
        CheckedTree ws = new CheckedTree(linux, k, cfg, List.of("arch/x86", "mm", "drivers/xen"), Map.of());
        long start = System.nanoTime();
        Report r = new RuleEngine(List.of(new PageAlignedSizeRule()), RuleSettings.none(),
                new RuleEngine.Options(Duration.ofMinutes(15), 1)).run(ws);
        long ms = (System.nanoTime() - start) / 1_000_000;
        List<Finding> found = r.findings();
        System.out.println(arch + " " + defconfig + ": " + found.size() + " finding(s) in " + ms + " ms\n"
                + found.stream().map(f -> "  " + f.range() + ": " + f.severity() + ": " + f.message() + " when: "
                        + f.witnessText()).collect(Collectors.joining("\n")));
        assertTrue(found.stream().noneMatch(f -> f.ruleId().equals(RuleEngine.INTERNAL_ERROR)), found.toString());
        assertEquals(List.of(), found.stream().filter(f -> f.severity() == Severity.ERROR).toList());
        if (arch.equals("x86_64")) {
            // gcc: bringup_idt_table is 512 bytes with 4096 alignment in x86_64_defconfig (head64.c).
            assertTrue(found.stream().anyMatch(f -> f.message().startsWith("bringup_idt_table is 512 bytes")),
                    found.toString());
        }
    }
}

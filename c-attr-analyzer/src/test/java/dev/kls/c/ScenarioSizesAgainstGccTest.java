package dev.kls.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.testing.CompiledObjects;
import dev.kls.kconfig.testing.ObjectSymbol;
import dev.kls.kconfig.testing.Scenarios;
import dev.kls.kconfig.testing.Toolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's tree and its fixed look-alike, compiled by the machine's gcc: every object gcc puts in a
 * page-aligned section has the size ({@code nm -S}) and section kls computes, and kls places no other object
 * in such a section. -m32 with the scenario's i386_defconfig; -m64 with XEN forced on (outside what the
 * Kconfig allows, but the LP64 layout kls must get right).
 */
class ScenarioSizesAgainstGccTest {

    @ParameterizedTest
    @CsvSource({"xen-p2m-2008, M32", "xen-p2m-2008, M64", "xen-p2m-2008-clean, M32", "xen-p2m-2008-clean, M64"})
    void sizesAreGccs(String scenario, Toolchain.Abi abi, @TempDir Path tmp) {
        Path tree = Scenarios.copy(scenario, tmp);
        Map<String, String> values;
        if (abi == Toolchain.Abi.M32) {
            values = Scenarios.defconfig(tree, "i386", "i386_defconfig");
        } else {
            values = new LinkedHashMap<>(Scenarios.defconfig(tree, "x86_64", "x86_64_defconfig"));
            values.putAll(Map.of("XEN", "y", "XEN_MAX_DOMAIN_MEMORY", "8"));
        }
        List<String> files = Scenarios.cFiles(tree);
        CompiledObjects gcc = CompiledObjects.compile(tree, abi, values, files, tmp.resolve("build"));
        CProject project = CProject.open(tree, "x86");
        Configuration cfg = project.configuration(values);

        int compared = 0;
        List<String> differ = new ArrayList<>();
        for (ObjectSymbol s : gcc.pageAligned()) {
            ObjectDecl decl = project.file(s.file()).objects().stream().filter(d -> d.name().equals(s.name()))
                    .findFirst().orElse(null);
            assertNotNull(decl, "kls does not see " + s.file() + ": " + s.name());
            ObjectEvaluation e = project.evaluate(decl, cfg);
            compared++;
            if (!e.present() || !s.section().equals(e.section()) || e.size().orElse(-1) != s.size()) {
                differ.add(s.name() + ": gcc " + s.size() + " in " + s.section() + ", kls " + e.size() + " in "
                        + e.section() + (e.unknownReason() == null ? "" : " (" + e.unknownReason() + ")"));
            }
        }
        int klsOnly = 0;
        for (String file : files) {
            for (ObjectDecl d : project.file(file).objects()) {
                ObjectEvaluation e = project.evaluate(d, cfg);
                if (!d.isExtern() && e.present() && e.section() != null
                        && ObjectSymbol.PAGE_ALIGNED_SECTIONS.contains(e.section())
                        && gcc.symbol(file, d.name()) == null) {
                    differ.add(d.name() + ": kls places it in " + e.section() + ", gcc does not have it");
                    klsOnly++;
                }
            }
        }
        System.out.println(scenario + " " + abi + ": compared " + compared + ", differed " + differ.size()
                + (differ.isEmpty() ? "" : "\n  " + String.join("\n  ", differ)));
        assertTrue(compared >= 7, "the scenario's seven page-aligned objects were compared: " + compared);
        assertEquals(List.of(), differ);
        assertEquals(0, klsOnly);
    }
}

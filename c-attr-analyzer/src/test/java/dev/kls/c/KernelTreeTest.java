package dev.kls.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.lex.CTokenizer;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.PpEnvironment;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The analyzer on Debian's Linux 6.1 tree. */
@Tag("kernel")
class KernelTreeTest {

    static final Set<String> PAGE_ALIGNED = Set.of(".bss..page_aligned", ".data..page_aligned", ".bss.page_aligned",
            ".data.page_aligned");

    static List<String> sources(Path tree, List<String> dirs, boolean headers) throws IOException {
        List<String> out = new ArrayList<>();
        for (String d : dirs) {
            try (Stream<Path> s = Files.walk(tree.resolve(d))) {
                s.filter(Files::isRegularFile).map(p -> tree.relativize(p).toString())
                        .filter(p -> p.endsWith(".c") || headers && p.endsWith(".h")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void everyFileTokenizesAndReads() throws IOException {
        Path tree = LinuxTree.dir();
        List<String> files = sources(tree, List.of("arch/x86", "mm", "drivers/xen", "include"), true);
        long tokens = 0;
        long directives = 0;
        long branches = 0;
        long macros = 0;
        long problems = 0;
        for (String f : files) {
            String text = new String(Files.readAllBytes(tree.resolve(f)), StandardCharsets.UTF_8);
            tokens += CTokenizer.tokenize(text).size();
            FileModel m = FileModel.parse(f, text, new PpEnvironment("x86"));
            directives += m.directives().size();
            branches += m.branches().size();
            macros += m.macros().size();
            problems += m.problems().size();
        }
        System.out.printf("tokenized files=%d tokens=%d directives=%d branches=%d macros=%d problems=%d%n",
                files.size(), tokens, directives, branches, macros, problems);
        assertTrue(files.size() > 5000, "files: " + files.size());
        assertTrue(tokens > 5_000_000, "tokens: " + tokens);
    }

    static Map<String, String> defconfig(Path tree, String arch, String defconfig) throws Exception {
        Kconfig k = Kconfig.load(tree, arch, true, System.getenv());
        Path in = tree.resolve(defconfig);
        ConfigResult r = ConfigEvaluator.run(k.tree(), ConfigTarget.DEFCONFIG,
                DotConfig.parse(in.toString(), Files.readString(in)));
        Map<String, String> values = new HashMap<>();
        for (DotConfig.Line l : DotConfig.parse(".config", r.text()).lines()) {
            if (l instanceof DotConfig.Assignment a) {
                values.put(a.name(), a.value());
            } else if (l instanceof DotConfig.NotSet n) {
                values.put(n.name(), "n");
            }
        }
        return values;
    }

    /**
     * The page-aligned objects of a defconfig, listed; sizes of some checked
     * against what gcc gives for that defconfig ({@link KernelGroundTruthTest}
     * compares all of them with the kernel's own build).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "x86_64, x86_64_defconfig, y, bm_pte=4096 idt_table=4096 bringup_idt_table=512 espfix_pud_page=4096",
        "i386, i386_defconfig, n, bm_pte=4096 idt_table=2048"})
    void pageAlignedObjectsOfDefconfig(String arch, String defconfig, String is64, String expected) throws Exception {
        Path tree = LinuxTree.dir();
        Map<String, String> values = defconfig(tree, arch, "arch/x86/configs/" + defconfig);
        assertEquals(is64, values.getOrDefault("64BIT", "n"));
        CProject p = CProject.open(tree, "x86");
        Configuration cfg = p.configuration(values);
        assertEquals(arch, cfg.abi().name());
        int objects = 0;
        int known = 0;
        Map<String, Long> sizes = new HashMap<>();
        for (String f : sources(tree, List.of("arch/x86", "mm", "drivers/xen"), false)) {
            CFile cf = p.file(f);
            for (ObjectDecl d : cf.objects()) {
                if (d.possibleSections().stream().noneMatch(PAGE_ALIGNED::contains)) {
                    continue;
                }
                objects++;
                ObjectEvaluation e = p.evaluate(d, cfg);
                if (e.sizeKnown()) {
                    known++;
                    sizes.put(d.name(), e.size().getAsLong());
                }
                System.out.printf("%s %s:%d %s section=%s size=%s align=%s touched=%s%s%n", arch, f,
                        d.nameRange().startLine(), d.name(), e.section(), e.sizeKnown() ? e.size().getAsLong()
                                : "unknown (" + e.unknownReason() + ")", e.explicitAlignment(),
                        e.touchedSymbols().size(), e.present() ? "" : " (not compiled)");
            }
        }
        System.out.printf("%s: page-aligned objects=%d size-known=%d unknown=%d%n", arch, objects, known,
                objects - known);
        assertTrue(objects >= 10, "objects in page-aligned sections: " + objects);
        for (String kv : expected.split(" ")) {
            String[] nv = kv.split("=");
            assertEquals(Long.valueOf(nv[1]), sizes.get(nv[0]), arch + " " + nv[0]);
        }
    }
}

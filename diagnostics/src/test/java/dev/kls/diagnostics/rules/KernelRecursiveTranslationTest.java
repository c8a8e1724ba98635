package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.CProject;
import dev.kls.c.body.FileBodies;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.graph.CallGraph;
import dev.kls.c.graph.ProjectIndex;
import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.CheckedTree;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.testing.LinuxTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * recursive-translation on Linux 6.1: function bodies and the call graph of
 * arch/x86 + mm + kernel/ (the share of bodies parsed fully is printed), and
 * the rule run to completion over arch/x86 + mm with that graph, each finding
 * printed with its cycle.
 */
@Tag("kernel")
class KernelRecursiveTranslationTest {

    static List<String> cFiles(Path tree, List<String> dirs) throws Exception {
        List<String> out = new ArrayList<>();
        for (String d : dirs) {
            try (Stream<Path> s = Files.walk(tree.resolve(d))) {
                s.filter(Files::isRegularFile).map(p -> tree.relativize(p).toString()).filter(p -> p.endsWith(".c"))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void theRuleRunsToCompletionOnArchX86AndMm() throws Exception {
        Path linux = LinuxTree.dir();
        List<String> files = cFiles(linux, List.of("arch/x86", "mm", "kernel"));
        CProject p = CProject.open(linux, "x86");
        ProjectIndex ix = ProjectIndex.of(p, files);
        CallGraph g = CallGraph.build(ix);
        long fns = 0;
        long full = 0;
        long opaque = 0;
        for (FileBodies b : ix.files()) {
            for (FunctionDef f : b.functions()) {
                fns++;
                opaque += f.opaque();
                full += f.parsedFully() ? 1 : 0;
            }
        }
        double share = 100.0 * full / Math.max(1, fns);
        System.out.printf("bodies of arch/x86 + mm + kernel: files=%d functions=%d parsed fully=%d (%.1f%%) opaque "
                + "nodes=%d edges=%d unresolved calls=%d%n", files.size(), fns, full, share, opaque, g.edgeCount(),
                g.unresolved().size());
        assertTrue(fns > 20_000, "functions: " + fns);
        assertTrue(share > 85, "share of bodies parsed fully: " + share);

        Kconfig k = Kconfig.load(linux, "x86", false, Map.of());
        CheckedTree ws = new CheckedTree(linux, k, null, List.of("arch/x86", "mm"), Map.of());
        RecursiveTranslationRule rule = new RecursiveTranslationRule();
        Report r = new RuleEngine(List.of(rule), RuleSettings.none(), new RuleEngine.Options(Duration.ofMinutes(10), 1))
                .run(ws, Map.of(CProject.class, p, CallGraph.class, g), (id, done, total) -> { });
        for (Finding f : r.findings()) {
            assertFalse(f.ruleId().equals(RuleEngine.INTERNAL_ERROR), f.message());
        }
        System.out.println("recursive-translation on arch/x86 + mm: " + r.findings().size() + " findings");
        for (Finding f : r.findings()) {
            System.out.println("  " + f.range() + ": " + f.message() + (!f.condition().always() ? "  when: "
                    + f.condition() : ""));
            for (RelatedLocation rl : f.related()) {
                System.out.println("    see " + rl.range() + ": " + rl.message());
            }
        }
    }
}

package dev.kls.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every Kconfig file of Linux 6.1 prints back to text that parses to the same
 * AST (locations aside). Each file is read on its own, with no macros defined
 * and no commands run, so the first and the second reading see the same context.
 */
@Tag("kernel")
class KernelRoundTripTest {

    @Test
    void everyKconfigFilePrintsBackToTheSameAst() throws IOException {
        Path tree = LinuxTree.dir();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(tree)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("Kconfig"))
                    .sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        int entries = 0;
        for (Path file : files) {
            String rel = tree.relativize(file).toString();
            String text = KconfigLoader.decode(Files.readAllBytes(file));
            KconfigFile first = KconfigLoader.parse(rel, text, new MacroExpander(Map.of(), null));
            String printed = KconfigPrinter.print(first);
            KconfigFile second = KconfigLoader.parse(rel, printed, new MacroExpander(Map.of(), null));
            entries += first.entries().size();
            if (!AstNormalizer.strip(first.entries()).equals(AstNormalizer.strip(second.entries()))) {
                failures.add(rel);
            }
            // Printing what was read must add no problem of its own.
            long errorsBefore = first.diagnostics().stream().filter(d -> d.severity() == KconfigSeverity.ERROR).count();
            long errorsAfter = second.diagnostics().stream().filter(d -> d.severity() == KconfigSeverity.ERROR).count();
            if (errorsAfter > errorsBefore) {
                failures.add(rel + " (printed text has " + errorsAfter + " errors, the file " + errorsBefore + ")");
            }
        }
        System.out.println("round trip: " + files.size() + " Kconfig files, " + entries + " top-level entries, "
                + failures.size() + " differed");
        assertTrue(files.size() > 1500, "expected the whole tree, found " + files.size() + " Kconfig files");
        assertEquals(List.of(), failures.stream().limit(20).toList());
    }
}

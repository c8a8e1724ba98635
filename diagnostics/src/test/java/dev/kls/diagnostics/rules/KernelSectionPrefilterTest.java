package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.c.CProject;
import dev.kls.c.ObjectDecl;
import dev.kls.kconfig.testing.LinuxTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On Linux 6.1's arch/x86, mm, kernel and drivers/xen, page-aligned-size's
 * pre-filter keeps every file whose full reading (every object, no filter)
 * has an object that may be in a page-aligned section, and its per-file
 * objects hold every such object. (c-attr-analyzer's KernelGroundTruthTest
 * checks that full reading against gcc's objects, section and size.)
 */
@Tag("kernel")
class KernelSectionPrefilterTest {

    @Test
    void keepsEveryFileAndObjectTheFullReadingPutsInSuchASection() throws Exception {
        Path tree = LinuxTree.dir();
        List<String> files = new ArrayList<>();
        for (String root : List.of("arch/x86", "mm", "kernel", "drivers/xen")) {
            try (Stream<Path> s = Files.walk(tree.resolve(root))) {
                s.filter(Files::isRegularFile).map(p -> tree.relativize(p).toString())
                        .filter(p -> p.endsWith(".c")).sorted().forEach(files::add);
            }
        }
        Set<String> sections = PageAlignedSizeRule.SECTIONS;
        CProject filtered = CProject.open(tree, "x86");
        Set<String> kept = new TreeSet<>(SectionPrefilter.filesPossiblyIn(filtered, sections, files));
        CProject full = CProject.open(tree, "x86");
        Set<String> holding = new TreeSet<>();
        int objects = 0;
        for (String f : files) {
            List<ObjectDecl> in = full.file(f).objects().stream()
                    .filter(d -> d.possibleSections().stream().anyMatch(sections::contains)).toList();
            if (!in.isEmpty()) {
                holding.add(f);
                objects += in.size();
                assertTrue(SectionPrefilter.objectsPossiblyIn(filtered.file(f), sections).containsAll(in), f);
            }
        }
        System.out.printf("%d files, %d kept by the pre-filter, %d hold %d page-aligned object(s)%n", files.size(),
                kept.size(), holding.size(), objects);
        assertTrue(objects >= 10, "page-aligned objects found: " + objects);
        holding.removeAll(kept);
        assertEquals(Set.of(), holding, "files the section pre-filter leaves out");
        assertTrue(kept.size() < files.size() / 2, "the pre-filter keeps " + kept.size() + " of " + files.size());
    }
}

package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.semantics.KconfigRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kls's port of sym_check_deps against the kernel's own conf of 6.1 and
 * 6.12: on each shape of {@link CycleShapes}, conf's stderr and kls's
 * {@link DependencyCycles#text()} are the same bytes, and conf fails exactly
 * when kls finds a cycle.
 */
@Tag("kernel")
class DependencyCyclesKernelTest {

    static List<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        for (String release : List.of("6.1", "6.12")) {
            for (String shape : CycleShapes.ALL.keySet()) {
                l.add(Arguments.of(release, shape));
            }
        }
        return l;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void klsPrintsWhatConfPrints(String release, String shape, @TempDir Path dir) throws Exception {
        KconfigTree tree = TestTrees.tree(dir, CycleShapes.ALL.get(shape))
                .withRelease(KconfigRelease.of(release, "test"));
        DependencyCycles kls = DependencyCycles.of(tree);
        KernelConf.Result conf = KernelConf.get(release).confIn(dir, "olddefconfig");
        Files.deleteIfExists(dir.resolve(".config"));
        assertEquals(conf.err(), kls.text(), "stderr of conf " + release + " on " + shape);
        assertEquals(conf.status() != 0, !kls.isEmpty(), "conf's exit status " + conf.status());
        assertEquals(shape.equals("no-cycle"), kls.isEmpty(), "shape " + shape);
    }
}

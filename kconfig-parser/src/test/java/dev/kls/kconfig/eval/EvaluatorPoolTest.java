package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.KconfigTree;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator's kept menu trees: bounded over all Kconfig trees, and never what keeps an old tree alive. */
class EvaluatorPoolTest {

    @TempDir
    Path dir;

    private KconfigTree tree(int i) {
        return TestTrees.tree(dir.resolve("t" + i), "config A" + i + "\n\tbool \"a\"\n\tdefault y\n");
    }

    @Test
    void anEditorsManyTreesKeepAtMostTwoTreesWorthOfBuiltMenus() {
        for (int i = 0; i < 20; i++) {
            KconfigTree t = tree(i);
            assertEquals("CONFIG_A" + i + "=y\n", ConfigEvaluator.run(t, ConfigTarget.OLDDEFCONFIG, null).body());
        }
        assertTrue(ConfigEvaluator.kept() <= 4, "kept " + ConfigEvaluator.kept());
    }

    @Test
    void aTreeNoLongerUsedIsCollectedWhileItsSuccessorsAreEvaluated() throws InterruptedException {
        KconfigTree first = tree(100);
        ConfigEvaluator.run(first, ConfigTarget.OLDDEFCONFIG, null);
        WeakReference<KconfigTree> gone = new WeakReference<>(first);
        first = null;
        for (int i = 101; i < 104; i++) {
            ConfigEvaluator.run(tree(i), ConfigTarget.OLDDEFCONFIG, null);
        }
        for (int i = 0; i < 20 && gone.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(gone.get(), "the evaluator's pool still holds a tree edited away");
    }
}

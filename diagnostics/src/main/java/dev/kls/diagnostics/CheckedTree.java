package dev.kls.diagnostics;

import dev.kls.kconfig.Kconfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the engine checks: a tree read for one ARCH, optionally one evaluated
 * configuration, which part of the tree to report on, and file texts that
 * differ from the disk (an editor's unsaved buffers).
 *
 * @param srctree       absolute, normalized tree root
 * @param kconfig       the tree's Kconfig as read for its ARCH; null for a plain C tree (no Kconfig: the rules
 *                      that read it are skipped, and C macros are free symbols)
 * @param configuration null when there is none (rules that need one are then skipped)
 * @param scope         tree-relative paths (files or folders, '/'-separated) to report on; empty = the whole tree
 * @param overlays      file text by tree-relative path, used instead of the disk
 */
public record CheckedTree(Path srctree, Kconfig kconfig, EvaluatedConfig configuration, List<String> scope,
        Map<String, String> overlays) {

    public CheckedTree {
        scope = List.copyOf(scope);
        overlays = Map.copyOf(overlays);
    }

    public static CheckedTree of(Path srctree, Kconfig kconfig, EvaluatedConfig configuration) {
        return new CheckedTree(srctree, kconfig, configuration, List.of(), Map.of());
    }

    /** Whether findings in {@code file} are reported: it lies in the scope (or has no file at all). */
    public boolean inScope(String file) {
        if (scope.isEmpty() || file.isEmpty()) {
            return true;
        }
        for (String s : scope) {
            if (s.isEmpty() || s.equals(".") || file.equals(s) || file.startsWith(s.endsWith("/") ? s : s + "/")) {
                return true;
            }
        }
        return false;
    }
}

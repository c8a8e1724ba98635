package dev.kls.kconfig;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.semantics.KconfigRelease;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Kconfig tree as read from its root: every file in the order it was read
 * (a file sourced twice appears twice), which files each source statement
 * brought in, every diagnostic, the macros left unevaluated, and the kernel
 * release whose Kconfig rules apply to it.
 */
public record KconfigTree(Path srctree, KconfigFile root, List<KconfigFile> files,
        Map<Entry.Source, List<KconfigFile>> sourced, List<Diagnostic> diagnostics,
        List<UnevaluatedMacro> unevaluated, KconfigRelease release) {

    /** A tree whose release is read from its top Makefile. */
    public KconfigTree(Path srctree, KconfigFile root, List<KconfigFile> files,
            Map<Entry.Source, List<KconfigFile>> sourced, List<Diagnostic> diagnostics,
            List<UnevaluatedMacro> unevaluated) {
        this(srctree, root, files, sourced, diagnostics, unevaluated, KconfigRelease.detect(srctree));
    }

    public KconfigTree {
        if (release == null) {
            throw new IllegalArgumentException("a tree needs a release");
        }
    }

    /** The same tree read with another release's rules (--kernel-version). */
    public KconfigTree withRelease(KconfigRelease r) {
        return new KconfigTree(srctree, root, files, sourced, diagnostics, unevaluated, r);
    }

    /** The files a source statement read (empty for a missing optional file). */
    public List<KconfigFile> filesOf(Entry.Source source) {
        return sourced.getOrDefault(source, List.of());
    }

    public long count(KconfigSeverity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}

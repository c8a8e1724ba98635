package dev.kls.kconfig;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Kconfig tree as read from its root: every file in the order it was read
 * (a file sourced twice appears twice), which files each source statement
 * brought in, every diagnostic, and the macros left unevaluated.
 */
public record KconfigTree(Path srctree, KconfigFile root, List<KconfigFile> files,
        Map<Entry.Source, List<KconfigFile>> sourced, List<Diagnostic> diagnostics,
        List<UnevaluatedMacro> unevaluated) {

    /** The files a source statement read (empty for a missing optional file). */
    public List<KconfigFile> filesOf(Entry.Source source) {
        return sourced.getOrDefault(source, List.of());
    }

    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}

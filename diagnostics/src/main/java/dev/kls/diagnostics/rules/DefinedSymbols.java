package dev.kls.diagnostics.rules;

import dev.kls.diagnostics.RuleContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names some Kconfig file of the tree defines, whatever the ARCH (a
 * {@code config} or {@code menuconfig} line in any file named Kconfig*), as
 * scripts/checkkconfigsymbols.py collects them. Shared by the rules of a run
 * through {@link RuleContext#shared}; a language server that indexes the tree
 * anyway hands its own set in instead of the walk.
 */
public final class DefinedSymbols {

    private static final Pattern DEFINITION = Pattern.compile("^[ \\t]*(?:menu)?config[ \\t]+([A-Za-z0-9_]+)(?![A-Za-z0-9_])",
            Pattern.MULTILINE);

    private final Set<String> names;

    private DefinedSymbols(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    public static DefinedSymbols of(Set<String> names) {
        return new DefinedSymbols(names);
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    public Set<String> names() {
        return names;
    }

    /** Every Kconfig* file of the tree, hidden folders and symbolic links left out, plus the loaded model. */
    static DefinedSymbols scan(RuleContext context) {
        Set<String> out = new HashSet<>(context.kconfig().model().symbols().keySet());
        Path root = context.srctree();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(root) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && file.getFileName().toString().startsWith("Kconfig")) {
                        String rel = root.relativize(file).toString().replace('\\', '/');
                        String text = context.workspace().overlays().get(rel);
                        if (text == null) {
                            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                        }
                        Matcher m = DEFINITION.matcher(text);
                        while (m.find()) {
                            out.add(m.group(1));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (file.getFileName() != null && file.getFileName().toString().startsWith("Kconfig")) {
                        throw e; // a Kconfig file that cannot be read would make its names look undefined
                    }
                    return FileVisitResult.CONTINUE; // gone since the folder was listed (a build's temporary file)
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("reading the tree's Kconfig files: " + e.getMessage(), e);
        }
        return new DefinedSymbols(out);
    }
}

package dev.kls.lsp;

import dev.kls.kconfig.KconfigLoader;
import dev.kls.kconfig.MacroExpander;
import dev.kls.kconfig.ast.KconfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Where every config symbol is written in the tree: Kconfig files of every
 * ARCH (parsed), C, assembler, Makefiles and defconfigs (CONFIG_ names).
 * Filled in the background; {@link #complete()} says when the whole tree is in.
 * Files are replaced one at a time as they are edited.
 */
public final class TreeIndex {

    private final Map<String, List<Occurrence>> byFile = new ConcurrentHashMap<>();
    /** How many config entries of the indexed files define each name (kept as files come and go). */
    private final Map<String, Integer> definitions = new HashMap<>();
    private volatile boolean complete;
    private volatile Set<String> defined;

    public boolean complete() {
        return complete;
    }

    public int fileCount() {
        return byFile.size();
    }

    public void put(String file, List<Occurrence> occurrences) {
        List<Occurrence> old = occurrences.isEmpty() ? byFile.remove(file)
                : byFile.put(file, List.copyOf(occurrences));
        // Only Kconfig definitions change the set of defined names; C edits leave it alone, and a
        // Kconfig edit updates the counts of its own names rather than a walk over the whole index.
        synchronized (definitions) {
            Set<String> touched = new java.util.HashSet<>();
            count(old, -1, touched);
            count(occurrences, 1, touched);
            if (!touched.isEmpty()) {
                Set<String> was = defined;
                if (was == null || touched.stream().anyMatch(n -> was.contains(n) != definitions.containsKey(n))) {
                    defined = null;
                }
            }
        }
    }

    /** Adds {@code delta} to the count of each name {@code l} defines, noting the names in {@code touched}. */
    private void count(List<Occurrence> l, int delta, Set<String> touched) {
        if (l != null) {
            for (Occurrence o : l) {
                if (o.kind() == Occurrence.Kind.DEFINITION) {
                    touched.add(o.name());
                    int n = definitions.getOrDefault(o.name(), 0) + delta;
                    if (n <= 0) {
                        definitions.remove(o.name());
                    } else {
                        definitions.put(o.name(), n);
                    }
                }
            }
        }
    }

    public List<Occurrence> of(String file) {
        return byFile.getOrDefault(file, List.of());
    }

    public Set<String> files() {
        return Collections.unmodifiableSet(byFile.keySet());
    }

    /** Names with a config entry in some Kconfig file of the tree, whatever the ARCH (the same set until one changes). */
    public Set<String> definedAnywhere() {
        Set<String> d = defined;
        if (d == null) {
            synchronized (definitions) {
                d = defined;
                if (d == null) {
                    d = Set.copyOf(definitions.keySet());
                    defined = d;
                }
            }
        }
        return d;
    }

    /** Every occurrence naming {@code symbol}, skipping the files in {@code skip} (open documents). */
    public List<Occurrence> occurrences(String symbol, Set<String> skip) {
        List<Occurrence> out = new ArrayList<>();
        for (Map.Entry<String, List<Occurrence>> e : byFile.entrySet()) {
            if (skip.contains(e.getKey())) {
                continue;
            }
            for (Occurrence o : e.getValue()) {
                if (o.names(symbol)) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** The occurrences a file's text holds, by the file's kind. */
    public static List<Occurrence> scan(String path, String text, MacroExpander macros) {
        FileKind kind = FileKind.of(path.substring(path.lastIndexOf('/') + 1));
        if (kind == FileKind.KCONFIG) {
            return KconfigRefs.of(KconfigLoader.parse(path, text, macros.copy()));
        }
        return ConfigTextScanner.scan(path, text);
    }

    /**
     * Walks the tree and indexes every file that can name a symbol.
     *
     * @param known      Kconfig files already parsed (those of the loaded tree): taken as they are
     * @param macros     for Kconfig files of other ARCHes, which are parsed on their own
     * @param progress   told the percentage done now and then
     * @param cancelled  checked between files; indexing stops (incomplete) when it says so
     */
    public void build(Path root, Map<String, KconfigFile> known, MacroExpander macros, IntConsumer progress,
            BooleanSupplier cancelled) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                // Hidden folders (.git) and build output hold no sources worth indexing.
                return !dir.equals(root) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && FileKind.of(file.getFileName().toString()) != FileKind.OTHER) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable: nothing to index there
            }
        });
        int last = -1;
        for (int i = 0; i < files.size(); i++) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            Path f = files.get(i);
            String rel = root.relativize(f).toString().replace('\\', '/');
            KconfigFile parsed = known.get(rel);
            if (parsed != null) {
                put(rel, KconfigRefs.of(parsed));
            } else if (!byFile.containsKey(rel)) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(f);
                } catch (IOException e) {
                    continue; // vanished or unreadable since the walk: not indexed
                }
                String text = FileKind.of(f.getFileName().toString()) == FileKind.KCONFIG
                        ? new String(bytes, StandardCharsets.UTF_8)
                        : new String(bytes, StandardCharsets.ISO_8859_1); // byte = char: columns of ASCII names stay right
                if (text.contains("CONFIG_") || FileKind.of(f.getFileName().toString()) == FileKind.KCONFIG) {
                    put(rel, scan(rel, text, macros));
                }
            }
            int pct = (int) (100L * (i + 1) / files.size());
            if (pct != last) {
                last = pct;
                progress.accept(pct);
            }
        }
        complete = true;
        synchronized (definitions) {
            defined = null;
        }
    }
}

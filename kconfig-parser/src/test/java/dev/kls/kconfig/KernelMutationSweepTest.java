package dev.kls.kconfig;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.testing.LinuxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every Kconfig file of Linux 6.1, mutated (byte flips, deleted and duplicated lines, truncation): the
 * lexer and parser never throw, every diagnostic lies inside the file, and each file is done within a
 * time limit. -Dkls.mutations=N sets the mutations per file (default 5; the 20 take four times
 * as long).
 */
@Tag("kernel")
class KernelMutationSweepTest {

    private static final long LIMIT_NANOS = 10_000_000_000L;

    @Test
    void mutatedKernelKconfigFilesNeverThrow() throws IOException {
        Path linux = LinuxTree.dir();
        int perFile = Integer.getInteger("kls.mutations", 5);
        List<Path> files;
        try (Stream<Path> s = Files.walk(linux)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("Kconfig") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        assertTrue(files.size() > 1500, "only " + files.size() + " Kconfig files under " + linux);
        Random random = new Random(617);
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (Path file : files) {
            byte[] original = Files.readAllBytes(file);
            String rel = linux.relativize(file).toString();
            for (int m = 0; m < perFile; m++) {
                byte[] mutated = mutate(original, random);
                String text = new String(mutated, StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                try {
                    KconfigFile f = KconfigLoader.parse(rel, text, new MacroExpander(
                            java.util.Map.of("SRCARCH", "x86", "ARCH", "x86", "KERNELVERSION", "6.1.0"), null));
                    long lines = text.chars().filter(c -> c == '\n').count() + 1;
                    for (Diagnostic d : f.diagnostics()) {
                        if (d.range().file().equals(rel) && (d.range().startLine() < 1
                                || d.range().startLine() > lines + 1 || d.range().startColumn() < 1)) {
                            failures.add(rel + " mutation " + m + ": range outside the file: " + d.format());
                        }
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    failures.add(rel + " mutation " + m + ": " + e);
                }
                if (System.nanoTime() - t0 > LIMIT_NANOS) {
                    failures.add(rel + " mutation " + m + ": over the 10 s limit");
                }
                runs++;
            }
        }
        System.out.println("mutation sweep: " + files.size() + " files, " + runs + " mutated parses, "
                + failures.size() + " failures");
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures, first: " + failures.subList(0, Math.min(10, failures.size())));
        }
    }

    private static byte[] mutate(byte[] in, Random r) {
        if (in.length == 0) {
            return in;
        }
        switch (r.nextInt(4)) {
            case 0 -> {
                byte[] out = in.clone();
                for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
                    out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return out;
            }
            case 1, 2 -> {
                List<String> lines = new ArrayList<>(Arrays.asList(new String(in, StandardCharsets.ISO_8859_1)
                        .split("\n", -1)));
                int at = r.nextInt(lines.size());
                if (r.nextBoolean()) {
                    lines.remove(at);
                } else {
                    lines.add(at, lines.get(r.nextInt(lines.size())));
                }
                return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> {
                return Arrays.copyOf(in, r.nextInt(in.length));
            }
        }
    }
}

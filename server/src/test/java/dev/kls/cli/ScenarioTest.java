package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every test-workspace scenario that has an EXPECTED file: {@code kls lint}
 * on a copy prints exactly the findings listed there and exits as listed
 * (format: test-workspace/README.md).
 */
class ScenarioTest {

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> s = Files.list(Scenarios.root())) {
            List<String> names = s.filter(p -> Files.isRegularFile(p.resolve("EXPECTED")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            assertFalse(names.isEmpty(), "no scenario has an EXPECTED file");
            return names.stream();
        }
    }

    /** A parsed EXPECTED file. */
    record Expected(List<String> args, int exit, List<String> lines) {
        static Expected parse(String text, Path scenario) {
            List<String> args = new ArrayList<>();
            Integer exit = null;
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("args:")) {
                    String[] words = line.substring(5).trim().split("\\s+");
                    for (int i = 0; i < words.length; i++) {
                        args.add(i > 0 && words[i - 1].equals("--config") ? scenario.resolve(words[i]).toString()
                                : words[i]);
                    }
                } else if (line.startsWith("exit:")) {
                    exit = Integer.parseInt(line.substring(5).trim());
                } else {
                    lines.add(line);
                }
            }
            if (exit == null) {
                throw new AssertionError("EXPECTED has no 'exit:' line");
            }
            return new Expected(args, exit, lines);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void lintPrintsWhatExpectedSays(String name, @TempDir Path dir) throws IOException {
        Path copy = Scenarios.copy(name, dir);
        Expected want = Expected.parse(Files.readString(copy.resolve("EXPECTED")), copy);
        List<String> args = new ArrayList<>(List.of("lint", copy.toString()));
        args.addAll(want.args());
        CliRun run = CliRun.of(args.toArray(String[]::new));
        List<String> got = Stream.of(run.out().split("\n"))
                .filter(l -> !l.isEmpty() && !l.startsWith("  see: ") && !l.startsWith("  fix: ")
                        && !l.startsWith("  condition: ")).toList();
        assertEquals(String.join("\n", want.lines()), String.join("\n", got), "stderr:\n" + run.err());
        assertEquals(want.exit(), run.status(), run.err());
    }
}

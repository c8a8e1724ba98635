package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The C body cache changes no result: on every scenario, {@code kls lint --format json} with
 * {@code --no-cache}, with the cache as it stands, and again with the entries the first run wrote,
 * print the same report.
 */
class BodyCacheLintTest {

    static Stream<String> scenarios() throws IOException {
        return ScenarioTest.scenarios();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void sameReportWithAndWithoutTheCache(String name, @TempDir Path dir) throws IOException {
        Path copy = Scenarios.copy(name, dir);
        ScenarioTest.Expected want = ScenarioTest.Expected.parse(Files.readString(copy.resolve("EXPECTED")), copy);
        List<String> args = new ArrayList<>(List.of("lint", copy.toString(), "--format", "json"));
        args.addAll(want.args());
        List<String> none = new ArrayList<>(args);
        none.add("--no-cache");
        CliRun fresh = CliRun.of(none.toArray(String[]::new));
        CliRun first = CliRun.of(args.toArray(String[]::new));
        CliRun second = CliRun.of(args.toArray(String[]::new));
        assertEquals(fresh.out(), first.out(), first.err());
        assertEquals(fresh.out(), second.out(), second.err());
        assertEquals(fresh.status(), second.status());
    }
}

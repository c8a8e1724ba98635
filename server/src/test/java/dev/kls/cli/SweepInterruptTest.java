package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kls.kconfig.testing.Scenarios;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kls sweep in a child JVM on a terminal (util-linux script gives it a pty): the progress bar shows
 * configurations done/total, rate and ETA; SIGINT (kill -INT) after the first configurations leaves a valid
 * JSON report at --output that says it is partial, and the exit status is 130.
 */
class SweepInterruptTest {

    private static final int TOTAL = 20_000;

    @Test
    void ctrlCLeavesAValidPartialReportAndExits130(@TempDir Path dir) throws Exception {
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        Path out = dir.resolve("partial.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sweep", "--srctree", tree.toString(), "--arch", "x86", "--configs", String.valueOf(TOTAL),
                "--seed", "1", "--jobs", "2", "--output", out.toString());
        String line = cmd.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        Process script = new ProcessBuilder("script", "-qefc", line, "/dev/null").redirectErrorStream(true).start();
        try {
            StringBuilder seen = new StringBuilder();
            Pattern bar = Pattern.compile("kls sweep: (\\d+)/" + TOTAL + " configurations \\([0-9.]+/s\\), ETA "
                    + "\\d+:\\d\\d");
            int before = readUntil(script.getInputStream(), seen, bar, 60);
            assertTrue(before >= 1 && before < TOTAL, seen.toString());
            ProcessHandle kls = script.toHandle().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("no java under script"));
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(kls.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(script.waitFor(30, TimeUnit.SECONDS), "kls did not stop on SIGINT: " + seen);
            seen.append(new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(130, script.exitValue(), seen.toString());
            assertTrue(seen.toString().contains("kls sweep: interrupted: a partial report of "), seen.toString());
        } finally {
            script.destroyForcibly();
        }

        JsonObject r = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertTrue(r.get("partial").getAsBoolean());
        assertEquals(TOTAL, r.get("total").getAsInt());
        int tried = r.get("tried").getAsInt();
        assertTrue(tried >= 1 && tried < TOTAL, "tried " + tried);
        assertEquals(tried, r.getAsJsonArray("configurations").size());
        Set<Integer> indexes = new HashSet<>();
        for (JsonElement c : r.getAsJsonArray("configurations")) {
            indexes.add(c.getAsJsonObject().get("index").getAsInt());
        }
        assertEquals(tried, indexes.size(), "each configuration once");
        for (JsonElement f : r.getAsJsonArray("findings")) {
            assertEquals(tried, f.getAsJsonObject().get("tried").getAsInt());
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".kls-sweep")),
                    "no temporary file is left");
        }
    }

    /** Reads the pty's output until {@code bar} shows a count of at least one; returns that count. */
    private static int readUntil(InputStream in, StringBuilder seen, Pattern bar, int seconds) throws IOException,
            InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        byte[] buf = new byte[4096];
        while (System.nanoTime() < end) {
            if (in.available() == 0) {
                Thread.sleep(20);
                continue;
            }
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            Matcher m = bar.matcher(seen);
            Optional<Integer> last = Optional.empty();
            while (m.find()) {
                last = Optional.of(Integer.parseInt(m.group(1)));
            }
            if (last.isPresent() && last.get() >= 1) {
                return last.get();
            }
        }
        throw new AssertionError("no progress bar within " + seconds + " s: " + seen);
    }
}

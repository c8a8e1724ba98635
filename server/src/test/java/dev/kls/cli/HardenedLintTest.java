package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17's defects of kls lint, each tried as a new user would. */
class HardenedLintTest {

    @TempDir
    Path dir;

    private Path scenario() {
        return Scenarios.copy("kconfig-warnings", dir);
    }

    private static CliRun lint(Object... args) {
        String[] a = new String[args.length + 1];
        a[0] = "lint";
        for (int i = 0; i < args.length; i++) {
            a[i + 1] = args[i].toString();
        }
        return CliRun.of(a);
    }

    private static Map<String, byte[]> snapshot(Path tree) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(tree.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void fixKeepsBytesThatAreNotUtf8AndEditsOnlyTheNamedRanges() throws IOException {
        Path t = scenario();
        Path init = t.resolve("init/Kconfig");
        byte[] before = Files.readAllBytes(init);
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.writeBytes("# Author: J".getBytes(StandardCharsets.US_ASCII));
        latin1.write(0xf6); // ö in Latin-1
        latin1.writeBytes("rg \r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] tail = latin1.toByteArray();
        ByteArrayOutputStream withTail = new ByteArrayOutputStream();
        withTail.writeBytes(before);
        withTail.writeBytes(tail);
        Files.write(init, withTail.toByteArray());

        CliRun run = lint(t, "--arch", "x86", "--fix");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("fixed: init/Kconfig:18:2: Remove this range"), run.out());
        byte[] after = Files.readAllBytes(init);
        String expected = new String(before, StandardCharsets.UTF_8).replace("\trange 0 1\n", "");
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(expected.getBytes(StandardCharsets.UTF_8));
        want.writeBytes(tail);
        assertArrayEquals(want.toByteArray(), after, "only the range line is gone; the Latin-1 byte and CR stay");
    }

    @Test
    void fixIsAllOrNothingAndNamesTheFileAndTheReason() throws Exception {
        Path t = scenario();
        Map<String, byte[]> before = snapshot(t);
        CliRun run;
        // init/ sorts after arch/ and drivers/: the files fixed there come first.
        try (ReadOnlyFolder ro = ReadOnlyFolder.of(t.resolve("init"))) {
            run = lint(t, "--arch", "x86", "--fix");
        }
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("cannot write " + t.resolve("init/Kconfig")), run.err());
        assertTrue(run.err().matches("(?s).*(Permission denied|Operation not permitted); no file was changed.*"),
                run.err());
        assertFalse(run.err().contains(".tmp"), run.err());
        Map<String, byte[]> after = snapshot(t);
        assertEquals(before.keySet(), after.keySet(), "no temporary file is left behind");
        for (String f : before.keySet()) {
            assertArrayEquals(before.get(f), after.get(f), f + " was changed");
        }
    }

    @Test
    void twoTreesAtOnceIsAnErrorNotASilentHalfRun() {
        Path a = scenario();
        Path b = Scenarios.copy("xen-p2m-2008", dir);
        CliRun run = lint(a, b, "--arch", "x86");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("reads one tree per run"), run.err());
        // The tree itself and a file inside it are one tree.
        assertEquals(0, lint(a, a.resolve("init"), "--arch", "x86").status());
    }

    @Test
    void ruleTimeoutMustBeAboveZero() {
        Path t = scenario();
        for (String bad : new String[] {"0", "-1", "NaN"}) {
            CliRun run = lint(t, "--arch", "x86", "--rule-timeout", bad);
            assertEquals(2, run.status(), bad + ": " + run.err());
            assertTrue(run.err().contains("--rule-timeout must be a number of seconds above 0"), run.err());
        }
    }

    @Test
    void theTextSaysWhichConfigWasUsed() throws IOException {
        Path t = scenario();
        assertTrue(lint(t, "--arch", "x86").err().contains("; config: none"));
        Files.copy(t.resolve("arch/x86/configs/xen_defconfig"), t.resolve(".config"));
        CliRun run = lint(t, "--arch", "x86");
        assertTrue(run.err().contains("; config: .config"), run.err());
    }

    @Test
    void brokenJsonIsNamedWithItsLineAndWithoutGsonInternals() throws IOException {
        Path t = scenario();
        Files.writeString(t.resolve(".kls.json"), "{\"rules\": {\n  \"undefined-symbol\": {\"enabled\": tru\n");
        CliRun run = lint(t, "--arch", "x86");
        String line = run.out().lines().filter(l -> l.contains("[invalid-settings]")).findFirst().orElse("");
        assertTrue(line.startsWith(".kls.json:2:"), run.out());
        assertFalse(line.contains("path $"), line);
        assertFalse(line.contains("column"), line);
        assertFalse(line.contains("JsonReader"), line);

        Path baseline = dir.resolve("baseline.json");
        Files.writeString(baseline, "{\"version\": 1,\n \"findings\": [\n {\"ruleId\": }]}\n");
        CliRun b = lint(t, "--arch", "x86", "--baseline", baseline);
        assertEquals(2, b.status());
        assertTrue(b.err().contains(baseline + ":3: not a kls baseline: "), b.err());
        assertFalse(b.err().contains("path $"), b.err());
        assertFalse(b.err().contains("com.google"), b.err());
    }

    @Test
    void controlBytesAreEscapedAndAGarbageFileCannotFloodTheTerminal() throws IOException {
        Path t = scenario();
        StringBuilder garbage = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            garbage.append("\u001b[31mbogus").append(i).append(" \u0000 x\n");
        }
        Files.writeString(t.resolve("init/Kconfig"), garbage, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        CliRun run = lint(t, "--arch", "x86");
        assertFalse(run.out().contains("\u001b"), "raw ESC reached the terminal");
        assertFalse(run.out().contains("\u0000"), "raw NUL reached the terminal");
        assertTrue(run.out().contains("\\x1b"), run.out().lines().limit(5).toList().toString());
        long initLines = run.out().lines().filter(l -> l.startsWith("init/Kconfig:") && !l.contains(": note: ")).count();
        assertTrue(initLines <= 100, initLines + " findings shown for one file");
        assertTrue(run.out().lines().anyMatch(l -> l.matches("init/Kconfig: note: \\d+ more finding\\(s\\) not shown.*")),
                run.out().lines().filter(l -> l.contains("note")).toList().toString());
        // JSON keeps them all.
        CliRun json = lint(t, "--arch", "x86", "--format", "json");
        assertTrue(json.out().split("\"file\": \"init/Kconfig\"", -1).length - 1 > 100);
    }
}

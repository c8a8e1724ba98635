package dev.kls.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .kls.json: the documented shape is applied; everything else is reported with its line. */
class RuleSettingsTest {

    private static final Set<String> IDS = Set.of("select-unmet-deps", "invalid-range");

    @Test
    void validSettingsApply() {
        RuleSettings s = RuleSettings.parse("{\n  \"rules\": {\n    \"invalid-range\": {\"enabled\": false},\n"
                + "    \"select-unmet-deps\": {\"severity\": \"error\", \"enabled\": true}\n  }\n}\n", IDS);
        assertEquals(List.of(), s.problems());
        assertEquals(Boolean.FALSE, s.rules().get("invalid-range").enabled());
        assertEquals(Severity.ERROR, s.severity("select-unmet-deps", Severity.WARNING));
        assertEquals(Severity.HINT, s.severity("other", Severity.HINT));
    }

    @Test
    void unknownKeysAndRuleIdsAreErrorsWithTheirLines() {
        RuleSettings s = RuleSettings.parse("{\n  \"rules\": {\n    \"select-unmet-dep\": {\"enabled\": false},\n"
                + "    \"invalid-range\": {\"severty\": \"error\", \"severity\": \"fatal\"}\n  },\n"
                + "  \"colour\": true\n}\n", IDS);
        List<Finding> p = s.problems();
        assertEquals(4, p.size(), p.toString());
        assertTrue(p.stream().allMatch(f -> f.ruleId().equals(RuleSettings.RULE_ID) && f.severity() == Severity.ERROR
                && f.file().equals(".kls.json")));
        assertEquals(3, p.get(0).range().startLine());
        assertTrue(p.get(0).message().contains("unknown rule \"select-unmet-dep\"; did you mean \"select-unmet-deps\"?"),
                p.get(0).message());
        assertEquals(4, p.get(1).range().startLine());
        assertTrue(p.get(1).message().contains("unknown key \"severty\""), p.get(1).message());
        assertTrue(p.get(2).message().contains("unknown severity \"fatal\""), p.get(2).message());
        assertEquals(6, p.get(3).range().startLine());
        assertTrue(p.get(3).message().contains("unknown key \"colour\""), p.get(3).message());
        // The valid part still applies.
        assertTrue(s.rules().containsKey("invalid-range"));
    }

    @Test
    void wrongKindsOfValues() {
        RuleSettings s = RuleSettings.parse("{\"rules\": {\"invalid-range\": {\"enabled\": \"no\"},"
                + " \"select-unmet-deps\": true}}", IDS);
        assertEquals(2, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().get(0).message().contains("\"enabled\" of rule \"invalid-range\" must be true or false"));
        assertTrue(s.problems().get(1).message().contains("must be an object"));
    }

    @Test
    void textThatIsNotJsonIsReportedAndNothingApplies() {
        RuleSettings s = RuleSettings.parse("{\n  \"rules\": {\n    \"invalid-range\": {\"enabled\": false}\n  \n", IDS);
        assertEquals(1, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().get(0).message().contains("not valid JSON"), s.problems().get(0).message());
        assertTrue(s.rules().isEmpty());
    }

    @Test
    void noFileNoSettings(@TempDir Path dir) throws Exception {
        assertEquals(RuleSettings.none(), RuleSettings.load(dir, IDS));
        Files.writeString(dir.resolve(".kls.json"), "{\"rules\": {\"nope\": {}}}");
        assertEquals(1, RuleSettings.load(dir, IDS).problems().size());
    }
}

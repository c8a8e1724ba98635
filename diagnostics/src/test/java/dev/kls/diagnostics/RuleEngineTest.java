package dev.kls.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.SourceRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine: failures stay contained, settings, scope and suppressions apply. */
class RuleEngineTest {

    static Finding at(String rule, String file, int line, String message) {
        return Finding.of(rule, Severity.WARNING, new SourceRange(file, line, 1, line, 5), message);
    }

    private static final String ARCH = "config X86\n\tdef_bool y\n";

    private static Report run(Path dir, RuleSettings settings, Duration timeout, Rule... rules) {
        RuleFixture t = RuleFixture.tree(dir, ARCH, "drivers/a.c", "int a; /* kls-ignore: fake-c */\n"
                + "// kls-ignore: other, fake-c\nint b;\nint c;\n", "mm/b.c", "int d;\n");
        return new RuleEngine(List.of(rules), settings, new RuleEngine.Options(timeout, 2)).run(t.workspace(null));
    }

    @Test
    void aThrowingRuleBecomesOneInternalErrorAndTheOthersKeepTheirFindings(@TempDir Path dir) {
        Rule bad = new FakeRule("bad", c -> {
            throw new IllegalStateException("boom");
        });
        Rule good = new FakeRule("good", c -> List.of(at("good", "mm/b.c", 1, "found")));
        Report r = run(dir, RuleSettings.none(), Duration.ofSeconds(30), bad, good);
        assertEquals(2, r.findings().size(), r.findings().toString());
        Finding err = r.findings().get(0);
        assertEquals(RuleEngine.INTERNAL_ERROR, err.ruleId());
        assertEquals(Severity.ERROR, err.severity());
        assertTrue(err.message().startsWith("internal error in rule bad: IllegalStateException: boom"), err.message());
        assertEquals("good", r.findings().get(1).ruleId());
    }

    @Test
    void aRuleOverItsTimeLimitIsGivenUpOnWithoutLosingTheOthers(@TempDir Path dir) {
        Rule slow = new FakeRule("slow", c -> {
            while (true) {
                c.checkCancelled(); // a well-behaved long rule; the engine must not wait for it anyway
                Thread.onSpinWait();
            }
        });
        Rule stubborn = new FakeRule("stubborn", c -> {
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait(); // ignores interruption entirely
            }
            return List.of(at("stubborn", "mm/b.c", 1, "late"));
        });
        Rule good = new FakeRule("good", c -> List.of(at("good", "mm/b.c", 1, "found")));
        long t0 = System.nanoTime();
        Report r = run(dir, RuleSettings.none(), Duration.ofMillis(300), slow, stubborn, good);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<String> messages = r.findings().stream().map(Finding::message).toList();
        assertTrue(messages.contains("internal error in rule slow: timed out after 300ms"), messages.toString());
        assertTrue(messages.contains("internal error in rule stubborn: timed out after 300ms"), messages.toString());
        assertTrue(messages.contains("found"), messages.toString());
        assertTrue(ms < 2500, "the engine waited for a rule past its limit: " + ms + " ms");
    }

    @Test
    void findingsUnderAnotherIdOrNullAreInternalErrors(@TempDir Path dir) {
        Rule liar = new FakeRule("liar", c -> List.of(at("someone-else", "mm/b.c", 1, "x")));
        Rule none = new FakeRule("none", c -> null);
        Report r = run(dir, RuleSettings.none(), Duration.ofSeconds(30), liar, none);
        assertEquals(2, r.findings().size());
        assertTrue(r.findings().stream().allMatch(f -> f.ruleId().equals(RuleEngine.INTERNAL_ERROR)));
    }

    @Test
    void cCommentsSilenceOnTheLineAndTheLineAboveWithCommaLists(@TempDir Path dir) {
        Rule c = new FakeRule("fake-c", ctx -> List.of(at("fake-c", "drivers/a.c", 1, "same line"),
                at("fake-c", "drivers/a.c", 3, "line above"), at("fake-c", "drivers/a.c", 4, "two lines below"),
                at("fake-c", "mm/b.c", 1, "no comment")));
        Report r = run(dir, RuleSettings.none(), Duration.ofSeconds(30), c);
        assertEquals(List.of("two lines below", "no comment"), r.findings().stream().map(Finding::message).toList());
        assertEquals(2, r.suppressed().size());
    }

    @Test
    void aCommentForAnotherRuleSilencesNothing(@TempDir Path dir) {
        Rule other = new FakeRule("fake-d", ctx -> List.of(at("fake-d", "drivers/a.c", 1, "x")));
        assertEquals(1, run(dir, RuleSettings.none(), Duration.ofSeconds(30), other).findings().size());
    }

    @Test
    void settingsDisableAndReSeverity(@TempDir Path dir) {
        Rule a = new FakeRule("rule-a", c -> List.of(at("rule-a", "mm/b.c", 1, "a")));
        Rule b = new FakeRule("rule-b", c -> List.of(at("rule-b", "mm/b.c", 1, "b")));
        RuleSettings s = RuleSettings.parse("{\"rules\": {\"rule-a\": {\"enabled\": false},"
                + " \"rule-b\": {\"severity\": \"error\"}}}", Set.of("rule-a", "rule-b"));
        Report r = run(dir, s, Duration.ofSeconds(30), a, b);
        assertEquals(1, r.findings().size());
        assertEquals(Severity.ERROR, r.findings().get(0).severity());
        assertEquals("disabled in .kls.json", r.skipped().get("rule-a"));
    }

    @Test
    void scopeLimitsWhatIsReported(@TempDir Path dir) {
        Rule a = new FakeRule("rule-a", c -> List.of(at("rule-a", "mm/b.c", 1, "a"), at("rule-a", "drivers/a.c", 4,
                "b"), at("rule-a", "drivers2/x.c", 1, "c")));
        RuleFixture t = RuleFixture.tree(dir, ARCH, "drivers/a.c", "\n\n\nint c;\n", "mm/b.c", "int d;\n");
        CheckedTree ws = new CheckedTree(dir, t.kconfig(), null, List.of("drivers"), java.util.Map.of());
        Report r = new RuleEngine(List.of(a), RuleSettings.none(), RuleEngine.Options.defaults()).run(ws);
        assertEquals(List.of("b"), r.findings().stream().map(Finding::message).toList());
    }

    @Test
    void aRuleNeedingAConfigurationIsSkippedWithoutOne(@TempDir Path dir) {
        Rule needs = new FakeRule("needs", c -> List.of());
        Rule cfg = new Rule() {
            @Override
            public String id() {
                return "needs-config";
            }

            @Override
            public String summary() {
                return "x";
            }

            @Override
            public Severity defaultSeverity() {
                return Severity.WARNING;
            }

            @Override
            public Set<Input> inputs() {
                return Set.of(Input.CONFIGURATION);
            }

            @Override
            public List<Finding> check(RuleContext context) {
                throw new AssertionError("must not run");
            }
        };
        Report r = run(dir, RuleSettings.none(), Duration.ofSeconds(30), needs, cfg);
        assertEquals(List.of(), r.findings());
        assertTrue(r.skipped().get("needs-config").startsWith("needs a configuration"));
    }

    @Test
    void sharedAnalysesAreComputedOnceForAllRules(@TempDir Path dir) {
        java.util.concurrent.atomic.AtomicInteger builds = new java.util.concurrent.atomic.AtomicInteger();
        Function<RuleContext, List<Finding>> body = c -> {
            c.shared(StringBuilder.class, x -> {
                builds.incrementAndGet();
                return new StringBuilder("index");
            });
            return List.of();
        };
        run(dir, RuleSettings.none(), Duration.ofSeconds(30), new FakeRule("one", body), new FakeRule("two", body),
                new FakeRule("three", body));
        assertEquals(1, builds.get());
    }
}

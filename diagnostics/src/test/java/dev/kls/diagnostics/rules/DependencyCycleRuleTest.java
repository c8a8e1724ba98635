package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RelatedLocation;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dependency-cycle: one error per cycle conf reports, at its first step, the steps as related locations. */
class DependencyCycleRuleTest {

    private final DependencyCycleRule rule = new DependencyCycleRule();

    @Test
    void aSelectLoopIsOneErrorWithBothSteps(@TempDir Path dir) {
        List<Finding> found = RuleFixture.tree(dir, "config S1\n\tbool \"S1\"\n\tselect S2\n\n"
                + "config S2\n\tbool \"S2\"\n\tselect S1\n").run(rule);
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("recursive dependency detected!", f.message());
        assertEquals("arch/x86/Kconfig", f.file());
        List<String> steps = f.related().stream().map(RelatedLocation::message).toList();
        assertEquals(2, steps.size(), steps.toString());
        // The tree has no Makefile: 6.1's hash order decides which symbol comes first.
        String first = f.range().startLine() == 1 ? "S1" : "S2";
        String other = first.equals("S1") ? "S2" : "S1";
        assertEquals(List.of("symbol " + first + " is selected by " + other, "symbol " + other + " is selected by " + first),
                steps);
        assertEquals(first.equals("S1") ? List.of(1, 5) : List.of(5, 1),
                f.related().stream().map(r -> r.range().startLine()).toList());
    }

    @Test
    void aMenuDependingOnItsContentAndADefaultLoopAreTwoErrors(@TempDir Path dir) {
        List<Finding> found = RuleFixture.tree(dir, "menu \"m\"\n\tdepends on G\n\nconfig G\n\tbool \"G\"\n\nendmenu\n\n"
                + "config F1\n\tbool \"F1\"\n\tdefault F2\n\nconfig F2\n\tbool \"F2\"\n\tdepends on F1\n").run(rule);
        assertEquals(2, found.size(), found.toString());
        List<String> all = found.stream().flatMap(f -> f.related().stream()).map(RelatedLocation::message).sorted()
                .toList();
        assertEquals(List.of("symbol F1 default value contains F2", "symbol F2 depends on F1", "symbol G depends on G"),
                all);
    }

    @Test
    void lookAlikesAreSilent(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config A\n\tbool \"A\"\n\tselect B\n\nconfig B\n\tbool\n\tdepends on C\n\n"
                + "config C\n\tbool\n\tdefault A\n\nchoice\n\tprompt \"p\"\n\tdepends on A\n\nconfig M1\n\tbool \"M1\"\n\n"
                + "config M2\n\tbool \"M2\"\n\tdepends on C\n\nendchoice\n");
        assertEquals(List.of(), t.run(rule));
    }
}

package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.RuleFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** invalid-range: bad bounds, and ranges on types that take none (with the delete fix). */
class InvalidRangeRuleTest {

    private final InvalidRangeRule rule = new InvalidRangeRule();

    @Test
    void boundThatIsNotANumberOfTheType(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config NR\n\tint \"nr\"\n\trange 2 LOTS\n\tdefault 8\n\n"
                + "config MASK\n\thex \"mask\"\n\trange 0x0 12xyz\n\tdefault 0x1\n");
        List<Finding> found = t.run(rule);
        assertEquals(2, found.size(), found.toString());
        assertEquals("range is invalid", found.get(0).message());
        assertEquals(3, found.get(0).range().startLine());
        assertTrue(found.get(0).fixes().isEmpty(), "a bad bound needs a person, not a mechanical fix");
        assertEquals(8, found.get(1).range().startLine());
    }

    @Test
    void numbersAndIntSymbolsAreValidBounds(@TempDir Path dir) {
        RuleFixture t = RuleFixture.tree(dir, "config MAX\n\tint\n\tdefault 64\n\n"
                + "config NR\n\tint \"nr\"\n\trange 2 MAX\n\tdefault 8\n\n"
                + "config MASK\n\thex \"mask\"\n\trange 0x0 0x1ff\n\tdefault 0x1\n");
        assertEquals(List.of(), t.run(rule));
    }

    @Test
    void rangeOnBoolIsRemovedByItsFix(@TempDir Path dir) {
        String arch = "config PRINTK\n\tbool \"printk\"\n\trange 0 1\n\tdefault y\n";
        RuleFixture t = RuleFixture.tree(dir, arch);
        List<Finding> found = t.run(rule);
        assertEquals(1, found.size(), found.toString());
        assertEquals("range is only allowed for int or hex symbols", found.get(0).message());
        String fixed = t.applyFirstFix(rule, found.get(0));
        assertEquals("config PRINTK\n\tbool \"printk\"\n\tdefault y\n", fixed);
    }
}

package dev.kls.diagnostics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.RuleEngine;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Report;
import dev.kls.diagnostics.RuleFixture;
import dev.kls.diagnostics.RuleSettings;
import dev.kls.diagnostics.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compat-pgprot-constant on seed 002's tree, its fixed look-alike, and variations of both. */
class CompatPgprotConstantRuleTest {

    private static final String HEADER = "arch/x86/include/asm/pgtable_64.h";
    private final CompatPgprotConstantRule rule = new CompatPgprotConstantRule();

    @Test
    void seed002FlagsTheFourConstantKernelProtectionsWithACompatWitness(@TempDir Path dir) {
        List<Finding> found = RuleFixture.scenario("xen-compat-2006", dir).run(rule);
        assertEquals(List.of("_KERNPG_TABLE", "__PAGE_KERNEL", "__PAGE_KERNEL_EXEC", "__PAGE_KERNEL_RO"),
                found.stream().map(f -> f.message().substring(0, f.message().indexOf(' '))).toList(),
                found.toString());
        for (Finding f : found) {
            assertEquals(HEADER, f.file());
            assertEquals(Severity.WARNING, f.severity());
            assertTrue(f.witnessText().contains("XEN=y"), f.witnessText());
            assertTrue(f.witnessText().contains("XEN_COMPAT_030002=y"), f.witnessText());
            assertEquals("XEN_COMPAT_030002", f.condition().text());
        }
        assertEquals(34, found.get(0).range().startLine());
        assertEquals(9, found.get(0).range().startColumn());
    }

    @Test
    void theFixedLookAlikeIsSilent(@TempDir Path dir) {
        assertEquals(List.of(), RuleFixture.scenario("xen-compat-2006-clean", dir).run(rule));
    }

    @Test
    void aTreeWithoutACompatOptionIsSilent(@TempDir Path dir) throws IOException {
        RuleFixture t = RuleFixture.scenario("xen-compat-2006", dir);
        // Linux 6.1's shape: XEN, no compatibility choice. The same constants are right there.
        Files.writeString(t.dir().resolve("drivers/xen/Kconfig"),
                "config XEN\n\tbool \"Xen guest support\"\n\tdepends on X86\n");
        assertEquals(List.of(), t.run(rule));
    }

    @Test
    void onlyTheLatestOnlyOptionIsNoCompatOption(@TempDir Path dir) throws IOException {
        RuleFixture t = RuleFixture.scenario("xen-compat-2006", dir);
        String k = t.text("drivers/xen/Kconfig");
        int cut = k.indexOf("config XEN_COMPAT_030002\n");
        Files.writeString(t.dir().resolve("drivers/xen/Kconfig"), k.substring(0, cut).replace(
                "default XEN_COMPAT_030002_AND_LATER\n", "").replace("config XEN_COMPAT_030002_AND_LATER\n"
                        + "\tbool \"3.0.2 and later\"\n", "") + "endif\n");
        assertEquals(List.of(), t.run(rule), "XEN_COMPAT_LATEST_ONLY is excluded");
    }

    @Test
    void theFirstFixOrsInTheTermAndDeclaresIt(@TempDir Path dir) {
        RuleFixture t = RuleFixture.scenario("xen-compat-2006", dir);
        Finding first = t.run(rule).get(0);
        String fixed = t.applyFirstFix(rule, first);
        assertTrue(fixed.contains("#ifdef CONFIG_XEN_COMPAT_030002\nextern unsigned int __kernel_page_user;\n#else\n"
                + "#define __kernel_page_user 0\n#endif\n\n#define _KERNPG_TABLE\t(_PAGE_PRESENT | _PAGE_RW | "
                + "_PAGE_ACCESSED | _PAGE_DIRTY | __kernel_page_user)\n"), fixed);
        // Now declared: the next fix only ORs the term in.
        List<Finding> rest = t.run(rule);
        assertEquals(3, rest.size(), rest.toString());
        assertEquals(1, rest.get(0).fixes().get(0).edits().size(), rest.get(0).fixes().toString());
        String again = t.applyFirstFix(rule, rest.get(0));
        assertTrue(again.contains("(_PAGE_PRESENT | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED | _PAGE_NX"
                + " | __kernel_page_user)"), again);
    }

    @Test
    void aBodyWithoutParenthesesIsWrapped(@TempDir Path dir) throws IOException {
        RuleFixture t = RuleFixture.scenario("xen-compat-2006", dir);
        Path h = t.dir().resolve(HEADER);
        Files.writeString(h, Files.readString(h).replace("#define _KERNPG_TABLE\t(_PAGE_PRESENT | _PAGE_RW | "
                + "_PAGE_ACCESSED | _PAGE_DIRTY)", "#define _KERNPG_TABLE\t_PAGE_PRESENT | _PAGE_RW"));
        String fixed = t.applyFirstFix(rule, t.run(rule).get(0));
        assertTrue(fixed.contains("#define _KERNPG_TABLE\t(_PAGE_PRESENT | _PAGE_RW | __kernel_page_user)\n"), fixed);
    }

    @Test
    void namePatternsAndTheCompatOptionAreSettings(@TempDir Path dir) throws IOException {
        RuleFixture t = RuleFixture.scenario("xen-compat-2006", dir);
        Files.writeString(t.dir().resolve("drivers/xen/Kconfig"), "config XEN\n\tbool \"Xen\"\n\n"
                + "config HV_OLD_HOST\n\tbool \"Run on old hypervisors\"\n\tdepends on XEN\n");
        assertEquals(List.of(), t.run(rule), "HV_OLD_HOST is no XEN_COMPAT_* option by default");
        String json = "{\"rules\": {\"compat-pgprot-constant\": {\"options\": {\"compatOptions\": [\"HV_OLD_*\"],"
                + " \"macros\": \"_KERNPG_TABLE\"}}}}";
        RuleSettings s = RuleSettings.parse(json, List.of(rule.id()), RuleSettings.optionNames(List.of(rule)));
        assertEquals(List.of(), s.problems());
        Report r = new RuleEngine(List.of(rule), s, new RuleEngine.Options(Duration.ofMinutes(1), 1)).run(t.workspace(null));
        assertEquals(1, r.findings().size(), r.findings().toString());
        assertTrue(r.findings().get(0).message().startsWith("_KERNPG_TABLE "), r.findings().toString());
        assertEquals("HV_OLD_HOST=y XEN=y", r.findings().get(0).witnessText());
    }

    @Test
    void anUnknownOptionIsASettingsProblemWithItsLine() {
        RuleSettings s = RuleSettings.parse("{\"rules\": {\n \"compat-pgprot-constant\": {\"options\": {\n"
                + "  \"macro\": [\"X\"], \"userFlag\": 3}}}}", List.of(rule.id()), RuleSettings.optionNames(List.of(rule)));
        assertEquals(2, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().get(0).message().contains("has no option \"macro\""), s.problems().toString());
        assertEquals(3, s.problems().get(0).range().startLine());
        assertTrue(s.problems().get(1).message().contains("must be a string or an array"), s.problems().toString());
    }

    @Test
    void aKlsIgnoreCommentSilencesOneDefinition(@TempDir Path dir) throws IOException {
        RuleFixture t = RuleFixture.scenario("xen-compat-2006", dir);
        Path h = t.dir().resolve(HEADER);
        Files.writeString(h, Files.readString(h).replace("#define __PAGE_KERNEL_RO",
                "/* kls-ignore: compat-pgprot-constant */\n#define __PAGE_KERNEL_RO"));
        assertEquals(3, t.run(rule).size());
    }
}

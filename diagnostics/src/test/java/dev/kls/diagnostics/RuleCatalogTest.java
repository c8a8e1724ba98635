package dev.kls.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The meta-test: every rule has a unique kebab-case id, a doc page with the
 * five sections, and a test that mentions it; and every Rule class that
 * exists is one ServiceLoader finds (nobody forgot @AutoService).
 */
class RuleCatalogTest {

    static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    static final List<String> SECTIONS = List.of("## What it finds", "## Why", "## What it must not flag",
            "## Fixes", "## Example");

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("docs/rules"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new AssertionError("no docs/rules above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** What is wrong with the catalogue: one line per problem, empty when all is well. */
    static List<String> problems(List<Rule> rules, Path docs, List<Path> testSources) throws IOException {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> tests = new ArrayList<>();
        for (Path dir : testSources) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")
                        && !p.getFileName().toString().equals("RuleCatalogTest.java")).toList()) {
                    tests.add(Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        for (Rule r : rules) {
            String id = r.id();
            if (id == null || !KEBAB.matcher(id).matches()) {
                out.add(r.getClass().getName() + ": id '" + id + "' is not kebab-case");
                continue;
            }
            if (!seen.add(id)) {
                out.add(id + ": two rules have this id");
            }
            if (r.summary() == null || r.summary().isBlank() || r.defaultSeverity() == null || r.inputs() == null
                    || r.inputs().isEmpty()) {
                out.add(id + ": needs a summary, a default severity and its inputs");
            }
            out.addAll(pageProblems(id, docs));
            String simple = r.getClass().getSimpleName();
            if (tests.stream().noneMatch(t -> t.contains("\"" + id + "\"") || !simple.isEmpty() && t.contains(simple))) {
                out.add(id + ": no test mentions it (its id in quotes or " + simple + ")");
            }
        }
        return out;
    }

    static List<String> pageProblems(String id, Path docs) throws IOException {
        Path page = docs.resolve(id + ".md");
        if (!Files.isRegularFile(page)) {
            return List.of(id + ": no doc page " + page);
        }
        String text = Files.readString(page, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        if (!text.startsWith("# " + id + "\n")) {
            out.add(id + ": the page must start with '# " + id + "'");
        }
        for (String s : SECTIONS) {
            if (!text.contains("\n" + s + "\n")) {
                out.add(id + ": the page lacks the section '" + s + "'");
            }
        }
        return out;
    }

    static List<Path> testSources(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void everyRuleHasAnIdAPageAndATest() throws IOException {
        List<Rule> rules = RuleEngine.discoverRules();
        assertTrue(rules.size() >= 7, "the Kconfig rules are found: " + rules);
        Path root = repoRoot();
        assertEquals(List.of(), problems(rules, root.resolve("docs/rules"), testSources(root)));
    }

    @Test
    void theEnginesOwnIdsHavePagesToo() throws IOException {
        Path docs = repoRoot().resolve("docs/rules");
        for (String id : RuleEngine.BUILT_IN_IDS) {
            assertEquals(List.of(), pageProblems(id, docs));
        }
    }

    @Test
    void everyRuleClassIsFoundByServiceLoader() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> found = new TreeSet<>();
        Set<Path> classDirs = new HashSet<>();
        for (Rule r : RuleEngine.discoverRules()) {
            found.add(r.getClass().getName());
            classDirs.add(Path.of(r.getClass().getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        classDirs.add(Path.of(Rule.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        Set<String> exist = new TreeSet<>();
        for (Path dir : classDirs) {
            assertTrue(Files.isDirectory(dir), "rules are loaded from class folders in this build: " + dir);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = dir.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                    Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                    if (Rule.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                        exist.add(name);
                    }
                }
            }
        }
        assertFalse(exist.isEmpty());
        // The rules of rule files are instances of one class made per file rule, never by ServiceLoader.
        exist.remove(dev.kls.diagnostics.user.PatternRule.class.getName());
        assertEquals(exist, found, "a Rule class without @AutoService(Rule.class) is never run");
    }

    @Test
    void everyRuleShippedAsARuleFileHasAPageAndATestToo() throws IOException {
        List<Rule> shipped = new ArrayList<>();
        for (var e : dev.kls.diagnostics.user.RuleFiles.shippedTexts().entrySet()) {
            var loaded = dev.kls.diagnostics.user.RuleFiles.parse(e.getKey(), e.getValue(), List.of());
            assertEquals(List.of(), loaded.problems(), e.getKey());
            for (var spec : loaded.rules()) {
                Rule r = new dev.kls.diagnostics.user.PatternRule(spec);
                shipped.add(new Rule() {
                    public String id() {
                        return r.id();
                    }

                    public String summary() {
                        return r.summary();
                    }

                    public Severity defaultSeverity() {
                        return r.defaultSeverity();
                    }

                    public Set<Input> inputs() {
                        return r.inputs();
                    }

                    public List<Finding> check(RuleContext c) {
                        return List.of();
                    }
                });
            }
        }
        assertFalse(shipped.isEmpty(), "pgtable-buffer-reserve is shipped as a rule file");
        Path root = repoRoot();
        // An anonymous class has no simple name: only the id in quotes counts as a test's mention.
        assertEquals(List.of(), problems(shipped, root.resolve("docs/rules"), testSources(root)));
    }

    @Test
    void theCheckItselfCatchesARuleWithoutPageOrTest() throws IOException {
        Rule orphan = new OrphanRule();
        Path root = repoRoot();
        List<String> p = problems(List.of(orphan), root.resolve("docs/rules"), testSources(root));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).contains("no doc page"));
        assertTrue(p.get(1).contains("no test mentions it"));
    }

    /** A rule with no page and no test of its own (this file is not searched for mentions). */
    static final class OrphanRule implements Rule {
        @Override
        public String id() {
            return "no-such-rule-anywhere";
        }

        @Override
        public String summary() {
            return "x";
        }

        @Override
        public Severity defaultSeverity() {
            return Severity.HINT;
        }

        @Override
        public Set<Input> inputs() {
            return Set.of(Input.KCONFIG);
        }

        @Override
        public List<Finding> check(RuleContext context) {
            return List.of();
        }
    }
}
